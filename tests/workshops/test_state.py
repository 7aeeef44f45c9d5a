"""The live state of a session as JSON (workshops.selectors.state): a participant's, the watchers', and the
projector's results context."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from standortkompass.workshops.models import (
    Item,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseState,
    Reveal,
    SessionPhase,
)
from standortkompass.workshops.selectors.state import (
    live_messages,
    participant_state,
    projector_context,
    results_visible,
    watch_state,
)
from standortkompass.workshops.services.contributions import points_change
from standortkompass.workshops.services.participation import participant_join


def open_phase(session: LiveSession, kind: str = PhaseKind.DOT_VOTE, **settings: object) -> SessionPhase:
    phase = SessionPhase.objects.create(
        session=session,
        kind=kind,
        title="Punkte kleben",
        prompt="Welche Handlungsfelder sind am wichtigsten?",
        state=PhaseState.OPEN,
        settings={"budget": 5, **settings},
        opened_at=timezone.now(),
    )
    session.current_phase = phase
    session.save(update_fields=["current_phase"])
    return phase


@pytest.fixture
def participant(live_session: LiveSession) -> Participant:
    joined, _token = participant_join(session=live_session, group="company")
    return joined


def test_a_participant_before_the_first_phase_sees_only_the_session(live_session, participant):
    state = participant_state(participant)
    live_session.refresh_from_db()
    assert state["seq"] == live_session.sequence
    assert state["session"] == {"id": live_session.pk, "state": "live", "round": 1, "title": "Sitzung 1"}
    assert state["phase"] is None
    assert state["points_left"] is None
    assert state["results"] is None
    json.dumps(state)


def test_a_participant_in_a_dot_vote_sees_the_points_left_and_the_own_ballot(live_session, participant):
    phase = open_phase(live_session, reveal=Reveal.ON_CLOSE)
    first = Item.objects.create(phase=phase, text="Fachkräfte", position=1)
    second = Item.objects.create(phase=phase, text="Flächen", position=2)
    points_change(phase=phase, participant=participant, item=first, delta=2)
    points_change(phase=phase, participant=participant, item=second, delta=1)

    state = participant_state(participant)

    assert state["phase"]["id"] == phase.pk
    assert state["phase"]["kind"] == "dot_vote"
    assert state["phase"]["title"] == "Punkte kleben"
    assert state["phase"]["prompt"] == "Welche Handlungsfelder sind am wichtigsten?"
    assert state["phase"]["state"] == "open"
    assert state["phase"]["results_visible"] is False
    assert (state["budget"], state["points_left"]) == (5, 2)
    assert state["ballot"] == {"entries": 2, "spent": 3}
    assert state["results"] is None  # shown when the phase closes
    json.dumps(state)


def test_a_participant_sees_the_results_once_they_are_revealed(live_session, participant):
    phase = open_phase(live_session, reveal=Reveal.MANUAL)
    item = Item.objects.create(phase=phase, text="Fachkräfte", position=1)
    points_change(phase=phase, participant=participant, item=item, delta=4)
    assert participant_state(participant)["results"] is None

    SessionPhase.objects.filter(pk=phase.pk).update(revealed=True)
    state = participant_state(participant)

    assert state["phase"]["revealed"] is True
    assert [(entry["text"], entry["score"]) for entry in state["results"]["items"]] == [("Fachkräfte", 4)]


def test_the_timer_is_given_as_a_moment_with_offset_while_the_phase_is_open(live_session, participant):
    phase = open_phase(live_session)
    ends = timezone.now() + dt.timedelta(minutes=5)
    SessionPhase.objects.filter(pk=phase.pk).update(timer_ends_at=ends)

    given = participant_state(participant)["phase"]["timer_ends_at"]

    assert abs(dt.datetime.fromisoformat(given) - ends) < dt.timedelta(milliseconds=1)
    SessionPhase.objects.filter(pk=phase.pk).update(state=PhaseState.CLOSED)
    assert participant_state(participant)["phase"]["timer_ends_at"] is None


def test_the_watchers_see_the_participation_and_the_results_at_any_time(live_session, participant):
    phase = open_phase(live_session, reveal=Reveal.ON_CLOSE)
    item = Item.objects.create(phase=phase, text="Fachkräfte", position=1)
    points_change(phase=phase, participant=participant, item=item, delta=3)

    state = watch_state(live_session)

    assert state["participation"]["joined"] == 1
    assert state["participation"]["voted"] == 1
    assert [(entry["text"], entry["score"]) for entry in state["results"]["items"]] == [("Fachkräfte", 3)]
    json.dumps(state)


def test_a_closed_phase_shows_its_frozen_result(live_session, participant):
    phase = open_phase(live_session, reveal=Reveal.ON_CLOSE)
    Item.objects.create(phase=phase, text="Fachkräfte", position=1)
    frozen = {"kind": "dot_vote", "by_group": False, "items": [{"id": 1, "text": "So stand es da", "score": 9}]}
    SessionPhase.objects.filter(pk=phase.pk).update(state=PhaseState.CLOSED, snapshot={"result": frozen})

    assert watch_state(live_session)["results"] == frozen
    assert participant_state(participant)["results"] == frozen


def test_the_projector_context_names_the_phase_its_result_and_whether_the_audience_may_see_it(live_session):
    phase = open_phase(live_session, reveal=Reveal.MANUAL)
    Item.objects.create(phase=phase, text="Fachkräfte", position=1)

    context = projector_context(live_session)

    assert context["phase"] == phase
    assert context["session"] == live_session
    assert context["workshop"] == live_session.workshop
    assert context["seq"] == LiveSession.objects.get(pk=live_session.pk).sequence
    assert context["result"]["items"][0]["text"] == "Fachkräfte"
    assert context["results_visible"] is False
    assert context["participation"]["joined"] == 0
    assert context["timer_ends_at"] is None


def test_the_projector_context_before_a_phase_has_no_result(live_session):
    context = projector_context(live_session)
    assert context["phase"] is None
    assert context["result"] is None
    assert context["results_visible"] is False


@pytest.mark.parametrize(
    ("reveal", "state", "revealed", "visible"),
    [
        (Reveal.LIVE, PhaseState.OPEN, False, True),
        (Reveal.ON_CLOSE, PhaseState.OPEN, False, False),
        (Reveal.ON_CLOSE, PhaseState.CLOSED, False, True),
        (Reveal.MANUAL, PhaseState.CLOSED, False, False),
        (Reveal.MANUAL, PhaseState.OPEN, True, True),
    ],
)
def test_when_results_are_visible(reveal, state, revealed, visible):
    phase = SessionPhase(kind=PhaseKind.DOT_VOTE, state=state, revealed=revealed, settings={"reveal": reveal})
    assert results_visible(phase) is visible


def test_the_live_script_gets_every_text_it_announces():
    messages = live_messages()
    assert set(messages) == {"phase", "results", "round", "ended", "polling", "reconnected", "time_up"}
    assert "%(title)s" in messages["phase"]
