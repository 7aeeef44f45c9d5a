"""Phases of a live session: settings checked per kind, the input funnel, opening, closing and reopening (with
snapshots, audited, announced), timer, reveal, order — and two facilitators clicking at the same moment."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.workshops.models import (
    Contribution,
    InputMode,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseState,
    SessionPhase,
    SessionState,
    Workshop,
)
from standortkompass.workshops.services.phases import (
    CANVAS_FIELDS,
    phase_add,
    phase_close,
    phase_delete,
    phase_move,
    phase_open,
    phase_pick,
    phase_reopen,
    phase_reveal,
    phase_split,
    phase_timer,
    phase_update,
    validate_settings,
)

MATRIX_CRITERIA = [{"key": "impact", "label": "Wirkung"}, {"key": "feasibility", "label": "Umsetzbarkeit"}]


@pytest.fixture
def editor(users):
    return users["editor"]


def _add(session, editor, kind=PhaseKind.COLLECT, title="", **data):
    return phase_add(session=session, actor=editor, data={"kind": kind, "title": title or str(kind), **data})


def _participant(session, group="company", table=None):
    return Participant.objects.create(session=session, token_hash=uuid.uuid4().hex * 2, group=group, table=table)


def _card(phase, text, **fields):
    return Item.objects.create(phase=phase, text=text, **fields)


def _dots(phase, participant, item, value):
    Contribution.objects.create(
        phase=phase, participant=participant, item=item, ballot_key=str(item.pk), value=value, group=participant.group
    )


def _message(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


# --- settings -------------------------------------------------------------------------------------


def test_a_point_allocation_has_100_points_and_a_dot_vote_5_dots_unless_set(live_session, editor):
    points = _add(live_session, editor, PhaseKind.POINTS)
    dots = _add(live_session, editor, PhaseKind.DOT_VOTE)

    assert (points.settings["budget"], points.settings["cap_per_item"]) == (100, 0)
    assert (dots.settings["budget"], dots.settings["self_voting"]) == (5, True)
    assert points.setting("budget") == 100


def test_settings_a_kind_does_not_use_are_left_out():
    settings = validate_settings(PhaseKind.COLLECT, {"budget": 7, "max_cards_per_participant": 3})

    assert settings == {"timer_seconds": 0, "anonymous": True, "reveal": "on_close", "max_cards_per_participant": 3}


def test_a_matrix_keeps_its_two_criteria_and_a_rating_may_have_none():
    matrix = validate_settings(PhaseKind.MATRIX, {"criteria": MATRIX_CRITERIA, "scale_min": 0, "scale_max": 4})
    rating = validate_settings(PhaseKind.RATING, {})

    assert matrix["criteria"] == MATRIX_CRITERIA
    assert (matrix["scale_min"], matrix["scale_max"], matrix["allow_cannot_judge"]) == (0, 4, True)
    assert rating["criteria"] == []


def test_a_canvas_asks_every_field_unless_some_are_chosen():
    assert validate_settings(PhaseKind.CANVAS, {})["canvas_fields"] == list(CANVAS_FIELDS)
    assert validate_settings(PhaseKind.CANVAS, {"canvas_fields": ["risks", "goal", "risks"]})["canvas_fields"] == [
        "risks",
        "goal",
    ]


@pytest.mark.parametrize(
    ("kind", "settings", "field", "message"),
    [
        (PhaseKind.DOT_VOTE, {"budget": 0}, "budget", "A dot vote needs a budget of 1 to 50 dots per participant."),
        (PhaseKind.DOT_VOTE, {"budget": 51}, "budget", "A dot vote needs a budget of 1 to 50 dots per participant."),
        (
            PhaseKind.DOT_VOTE,
            {"budget": "fünf"},
            "budget",
            "A dot vote needs a budget of 1 to 50 dots per participant.",
        ),
        (
            PhaseKind.POINTS,
            {"budget": 5},
            "budget",
            "A point allocation needs a budget of 10 to 1000 points per participant.",
        ),
        (
            PhaseKind.POINTS,
            {"budget": 1001},
            "budget",
            "A point allocation needs a budget of 10 to 1000 points per participant.",
        ),
        (
            PhaseKind.DOT_VOTE,
            {"budget": 5, "cap_per_item": 6},
            "cap_per_item",
            "The cap per item must be between 0 (no cap) and the budget.",
        ),
        (PhaseKind.RATING, {"scale_max": 11}, "scale_max", "The scale needs 2 to 10 points."),
        (PhaseKind.RATING, {"scale_min": 1, "scale_max": 1}, "scale_max", "The scale needs 2 to 10 points."),
        (PhaseKind.RATING, {"scale_min": 2}, "scale_min", "The scale starts at 0 or 1."),
        (
            PhaseKind.RATING,
            {"criteria": MATRIX_CRITERIA},
            "criteria",
            "A rating has at most one criterion, with a key and a label.",
        ),
        (
            PhaseKind.MATRIX,
            {"criteria": MATRIX_CRITERIA[:1]},
            "criteria",
            "A matrix needs exactly two criteria, each with a key and a label.",
        ),
        (PhaseKind.MATRIX, {}, "criteria", "A matrix needs exactly two criteria, each with a key and a label."),
        (
            PhaseKind.MATRIX,
            {"criteria": [{"key": "impact", "label": ""}, MATRIX_CRITERIA[1]]},
            "criteria",
            "A matrix needs exactly two criteria, each with a key and a label.",
        ),
        (
            PhaseKind.MATRIX,
            {"criteria": [MATRIX_CRITERIA[0], {"key": "impact", "label": "Nochmal"}]},
            "criteria",
            "The two criteria need different keys.",
        ),
        (
            PhaseKind.MATRIX,
            {"criteria": [MATRIX_CRITERIA[0], {"key": "Wirkung 2", "label": "Wirkung"}]},
            "criteria",
            "A criterion's key consists of lower-case letters, digits and underscores (at most 40 characters), "
            "e.g. “impact”.",
        ),
        (
            PhaseKind.COLLECT,
            {"timer_seconds": 7201},
            "timer_seconds",
            "The timer must be between 0 and 7200 seconds (two hours).",
        ),
        (
            PhaseKind.COLLECT,
            {"timer_seconds": -1},
            "timer_seconds",
            "The timer must be between 0 and 7200 seconds (two hours).",
        ),
        (
            PhaseKind.COLLECT,
            {"max_cards_per_participant": 51},
            "max_cards_per_participant",
            "The limit of cards per participant must be between 0 (no limit) and 50.",
        ),
        (
            PhaseKind.CANVAS,
            {"canvas_fields": ["goal", "dream"]},
            "canvas_fields",
            ("Unknown canvas field “%(field)s”.", {"field": "dream"}),
        ),
        (PhaseKind.DOT_VOTE, {"reveal": "never"}, "reveal", "Choose when the results are shown."),
        (PhaseKind.DOT_VOTE, {"self_voting": "ja"}, "self_voting", "Choose yes or no."),
        (PhaseKind.COLLECT, {"colour": "red"}, "settings", ("Unknown setting “%(name)s”.", {"name": "colour"})),
    ],
)
def test_bad_settings_are_refused_naming_the_setting(live_session, editor, kind, settings, field, message):
    with pytest.raises(ValidationError) as refused:
        _add(live_session, editor, kind, settings=settings)

    expected = _(message[0]) % message[1] if isinstance(message, tuple) else _(message)
    assert _message(refused.value) == {field: [expected]}
    assert not live_session.phases.exists()


# --- preparing ------------------------------------------------------------------------------------


def test_adding_a_phase_is_audited_announced_and_put_at_the_end(live_session, editor):
    first = _add(live_session, editor, title="Sammeln")
    sequence = LiveSession.objects.get(pk=live_session.pk).sequence
    second = _add(live_session, editor, PhaseKind.DOT_VOTE, title="Punkten", input_mode="all", input_phase=first)

    assert (first.position, second.position) == (1, 2)
    assert LiveSession.objects.get(pk=live_session.pk).sequence == sequence + 1
    entry = AuditEntry.objects.get(action="workshops.phase.create", object_id=str(second.pk))
    assert entry.process == live_session.workshop.process
    assert entry.changes["input_phase"] == ["", "Sammeln"]


def test_a_top_n_needs_an_earlier_voting_phase_of_the_same_session_and_a_number(live_session, editor, workshop):
    cards = _add(live_session, editor)
    vote = _add(live_session, editor, PhaseKind.DOT_VOTE, input_mode="all", input_phase=cards)
    other_session = LiveSession.objects.create(workshop=workshop, title="Andere", join_code="OTHER3", projector_key="k")
    elsewhere = _add(other_session, editor)

    cases = [
        ({"input_mode": "all"}, "input_phase", "Choose the earlier phase whose items this phase takes."),
        (
            {"input_mode": "all", "input_phase": elsewhere},
            "input_phase",
            "The input must be an earlier phase of the same session.",
        ),
        (
            {"input_mode": "top", "input_phase": cards, "input_top_n": 3},
            "input_mode",
            "Only a vote or rating has a top N: take all items or a pick of this phase.",
        ),
        (
            {"input_mode": "top", "input_phase": vote},
            "input_top_n",
            "Give how many of the top items this phase takes (1 to 50).",
        ),
        (
            {"input_mode": "top", "input_phase": vote, "input_top_n": 51},
            "input_top_n",
            "Give how many of the top items this phase takes (1 to 50).",
        ),
    ]
    for data, field, message in cases:
        with pytest.raises(ValidationError) as refused:
            _add(live_session, editor, PhaseKind.DOT_VOTE, **data)
        assert _message(refused.value) == {field: [_(message)]}, data

    with pytest.raises(ValidationError) as refused:
        _add(live_session, editor, PhaseKind.PAIRWISE, input_mode="top", input_phase=vote, input_top_n=8)
    assert list(_message(refused.value)) == ["input_top_n"]
    assert live_session.phases.count() == 2


def test_a_phase_without_input_forgets_a_stray_input_phase(live_session, editor):
    cards = _add(live_session, editor)
    info = _add(live_session, editor, PhaseKind.INFORMATION, input_mode="none", input_phase=cards, input_top_n=4)

    assert (info.input_phase, info.input_top_n) == (None, None)


def test_a_pending_phase_can_change_its_kind_and_starts_from_the_new_kinds_defaults(live_session, editor):
    cards = _add(live_session, editor)
    vote = _add(
        live_session,
        editor,
        PhaseKind.DOT_VOTE,
        input_mode="all",
        input_phase=cards,
        settings={"budget": 3, "timer_seconds": 60},
    )

    changed = phase_update(phase=vote, actor=editor, data={"kind": PhaseKind.POINTS})

    assert (changed.kind, changed.settings["budget"], changed.settings["timer_seconds"]) == ("points", 100, 60)
    entry = AuditEntry.objects.get(action="workshops.phase.update", object_id=str(vote.pk))
    assert entry.changes["kind"] == ["dot_vote", "points"]


def test_given_settings_change_only_those_settings(live_session, editor):
    vote = _add(live_session, editor, PhaseKind.DOT_VOTE, settings={"budget": 3, "cap_per_item": 1})

    changed = phase_update(phase=vote, actor=editor, data={"settings": {"timer_seconds": 300}})

    assert (changed.settings["budget"], changed.settings["cap_per_item"], changed.settings["timer_seconds"]) == (
        3,
        1,
        300,
    )


def test_an_unchanged_phase_records_nothing(live_session, editor):
    cards = _add(live_session, editor, title="Sammeln")

    phase_update(phase=cards, actor=editor, data={"title": " Sammeln "})

    assert not AuditEntry.objects.filter(action="workshops.phase.update").exists()


def test_kind_and_input_of_an_opened_phase_are_kept_but_its_title_can_change(live_session, editor):
    cards = _add(live_session, editor)
    vote = _add(live_session, editor, PhaseKind.DOT_VOTE, input_mode="all", input_phase=cards)
    phase_open(phase=vote, actor=editor)

    with pytest.raises(ValidationError) as kind_refused:
        phase_update(phase=vote, actor=editor, data={"kind": PhaseKind.POINTS})
    with pytest.raises(ValidationError) as input_refused:
        phase_update(phase=vote, actor=editor, data={"input_mode": "none"})
    renamed = phase_update(phase=vote, actor=editor, data={"title": "Punkten!", "settings": {"budget": 4}})

    assert list(_message(kind_refused.value)) == ["kind"]
    assert list(_message(input_refused.value)) == ["input_mode"]
    assert (renamed.title, renamed.settings["budget"], renamed.input_phase) == ("Punkten!", 4, cards)


def test_phases_move_and_are_numbered_again(live_session, editor):
    _first, _second, third = (_add(live_session, editor, title=title) for title in ("A", "B", "C"))

    phase_move(phase=third, actor=editor, position=1)

    assert [phase.title for phase in live_session.phases.order_by("position")] == ["C", "A", "B"]
    assert list(live_session.phases.order_by("position").values_list("position", flat=True)) == [1, 2, 3]
    entry = AuditEntry.objects.get(action="workshops.phase.update", object_id=str(third.pk))
    assert entry.changes == {"position": ["3", "1"]}


def test_a_phase_stays_after_its_input_and_before_the_phases_that_take_its_items(live_session, editor):
    cards = _add(live_session, editor, title="Karten")
    vote = _add(live_session, editor, PhaseKind.DOT_VOTE, title="Punkten", input_mode="all", input_phase=cards)
    _add(live_session, editor, PhaseKind.INFORMATION, title="Info")

    with pytest.raises(ValidationError) as before_input:
        phase_move(phase=vote, actor=editor, position=1)
    with pytest.raises(ValidationError) as after_output:
        phase_move(phase=cards, actor=editor, position=3)

    assert _message(before_input.value) == {
        "position": [_("A phase cannot come before the phase it takes its items from.")]
    }
    assert _message(after_output.value) == {"position": [_("A phase cannot come after a phase that takes its items.")]}
    assert [phase.title for phase in live_session.phases.order_by("position")] == ["Karten", "Punkten", "Info"]


def test_an_open_phase_cannot_be_deleted_and_phases_taking_a_deleted_phases_items_take_none(live_session, editor):
    cards = _add(live_session, editor)
    vote = _add(live_session, editor, PhaseKind.DOT_VOTE, input_mode="all", input_phase=cards)
    phase_open(phase=cards, actor=editor)

    with pytest.raises(ValidationError, match=_("Close the phase before deleting it.")):
        phase_delete(phase=cards, actor=editor)
    phase_close(phase=cards, actor=editor)
    phase_delete(phase=cards, actor=editor)

    vote.refresh_from_db()
    assert (vote.input_mode, vote.input_phase) == (InputMode.NONE, None)
    assert AuditEntry.objects.filter(action="workshops.phase.delete", object_id=str(cards.pk)).exists()


# --- opening and closing --------------------------------------------------------------------------


def test_a_phase_opens_only_while_the_session_is_live(live_session, editor):
    cards = _add(live_session, editor)
    for state, message in [
        (SessionState.PREPARED, "Start the live session before opening a phase."),
        (SessionState.ENDED, "The live session has ended."),
    ]:
        LiveSession.objects.filter(pk=live_session.pk).update(state=state)
        with pytest.raises(ValidationError) as refused:
            phase_open(phase=cards, actor=editor)
        assert refused.value.messages == [_(message)]
    assert SessionPhase.objects.get(pk=cards.pk).state == PhaseState.PENDING


def test_opening_a_phase_closes_the_open_one_with_its_snapshot(live_session, editor):
    cards = _add(live_session, editor)
    info = _add(live_session, editor, PhaseKind.INFORMATION)
    phase_open(phase=cards, actor=editor)
    _card(cards, "Breitband fehlt")
    sequence = LiveSession.objects.get(pk=live_session.pk).sequence

    opened = phase_open(phase=info, actor=editor)

    cards.refresh_from_db()
    live_session.refresh_from_db()
    assert (cards.state, opened.state) == (PhaseState.CLOSED, PhaseState.OPEN)
    assert cards.closed_at is not None
    assert opened.opened_at is not None
    assert [item["text"] for item in cards.snapshot["items"]] == ["Breitband fehlt"]
    assert live_session.current_phase == opened
    assert live_session.sequence == sequence + 1
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "object_id"))
    assert actions[-2:] == [("workshops.phase.close", str(cards.pk)), ("workshops.phase.open", str(info.pk))]


def test_closing_freezes_the_result_and_the_phase_stays_current(live_session, editor):
    cards = _add(live_session, editor)
    vote = _add(live_session, editor, PhaseKind.DOT_VOTE, input_mode="all", input_phase=cards)
    first, second = _card(cards, "Fachkräfte"), _card(cards, "Flächen")
    phase_open(phase=vote, actor=editor)
    copies = list(vote.items.order_by("position"))
    voter = _participant(live_session)
    _dots(vote, voter, copies[1], 3)
    _dots(vote, voter, copies[0], 1)

    closed = phase_close(phase=vote, actor=editor)

    live_session.refresh_from_db()
    assert closed.state == PhaseState.CLOSED
    assert live_session.current_phase == closed
    assert [item["id"] for item in closed.snapshot["result"]["items"]][:2] == [copies[1].pk, copies[0].pk]
    assert closed.snapshot["taken_at"]
    assert AuditEntry.objects.filter(action="workshops.phase.close", object_id=str(vote.pk)).exists()
    assert (first.text, second.text) == (copies[0].text, copies[1].text)
    with pytest.raises(ValidationError, match=_("The phase is not open.")):
        phase_close(phase=vote, actor=editor)


def test_an_open_or_closed_phase_is_not_opened_again(live_session, editor):
    cards = _add(live_session, editor)
    phase_open(phase=cards, actor=editor)

    with pytest.raises(ValidationError, match=_("The phase is already open.")):
        phase_open(phase=cards, actor=editor)
    phase_close(phase=cards, actor=editor)
    with pytest.raises(ValidationError) as refused:
        phase_open(phase=cards, actor=editor)
    assert refused.value.messages == [_("The phase has been closed; reopen it with a reason to continue.")]


def test_the_first_opening_carries_the_visible_items_over(live_session, editor):
    table_participant = _participant(live_session)
    cards = _add(live_session, editor)
    harvest = _add(live_session, editor, title="Ernte", input_mode="all", input_phase=cards)
    kept = _card(cards, "ÖPNV am Gewerbegebiet", canvas={"goal": "Takt"}, author=table_participant, position=2)
    duplicate = _card(cards, "Busanbindung", cluster=kept, position=3)
    _card(cards, "Beleidigung", hidden=True, position=1)
    second = _card(cards, "Kita-Plätze", position=4)

    phase_open(phase=harvest, actor=editor)

    copies = list(harvest.items.order_by("position"))
    assert [copy.text for copy in copies] == ["ÖPNV am Gewerbegebiet", "Kita-Plätze"]
    assert [copy.source_item for copy in copies] == [kept, second]
    assert {(copy.origin, copy.kind) for copy in copies} == {(ItemOrigin.CARRIED, ItemKind.CARD)}
    assert (copies[0].canvas, copies[0].author) == ({"goal": "Takt"}, table_participant)
    assert duplicate.pk not in {copy.source_item_id for copy in copies}


def test_the_clusters_of_a_cluster_phase_become_cards_with_the_clusters_name(live_session, editor):
    cards = _add(live_session, editor)
    clustering = _add(live_session, editor, PhaseKind.CLUSTER, input_mode="all", input_phase=cards)
    candidates = _add(live_session, editor, PhaseKind.SUMMARY, input_mode="all", input_phase=clustering)
    mobility = _card(clustering, "Mobilität", kind=ItemKind.CLUSTER, position=5)
    _card(clustering, "Bus", cluster=mobility, position=1)
    _card(clustering, "Radwege", cluster=mobility, position=2)
    _card(clustering, "Kita", position=3)

    phase_open(phase=candidates, actor=editor)

    copies = list(candidates.items.order_by("position"))
    assert [(copy.text, copy.kind) for copy in copies] == [("Mobilität", ItemKind.CARD), ("Kita", ItemKind.CARD)]
    assert copies[0].source_item == mobility


def test_the_top_n_of_a_vote_are_carried_in_the_order_of_the_result(live_session, editor):
    vote = _add(live_session, editor, PhaseKind.DOT_VOTE)
    matrix = _add(
        live_session,
        editor,
        PhaseKind.MATRIX,
        input_mode="top",
        input_phase=vote,
        input_top_n=2,
        settings={"criteria": MATRIX_CRITERIA},
    )
    low, high, middle = (_card(vote, text) for text in ("wenig", "viel", "mittel"))
    voters = [_participant(live_session), _participant(live_session, group="municipality")]
    _dots(vote, voters[0], high, 3)
    _dots(vote, voters[1], high, 1)
    _dots(vote, voters[0], middle, 2)
    _dots(vote, voters[1], low, 1)
    phase_open(phase=vote, actor=editor)

    phase_open(phase=matrix, actor=editor)

    assert [item.source_item for item in matrix.items.order_by("position")] == [high, middle]


def test_the_facilitators_pick_is_carried_in_the_order_picked(live_session, editor):
    cards = _add(live_session, editor)
    ranking = _add(live_session, editor, PhaseKind.RANKING, input_mode="all", input_phase=cards)
    first, second, hidden = _card(cards, "A"), _card(cards, "B"), _card(cards, "C", hidden=True)

    with pytest.raises(ValidationError) as refused:
        phase_pick(phase=ranking, actor=editor, item_ids=[first.pk, hidden.pk])
    picked = phase_pick(phase=ranking, actor=editor, item_ids=[second.pk, first.pk, second.pk])
    phase_open(phase=ranking, actor=editor)

    assert list(_message(refused.value)) == ["item_ids"]
    assert (picked.input_mode, picked.picked) == (InputMode.PICK, [second.pk, first.pk])
    assert [item.source_item for item in ranking.items.order_by("position")] == [second, first]
    with pytest.raises(ValidationError):
        phase_pick(phase=ranking, actor=editor, item_ids=[first.pk])
    assert AuditEntry.objects.filter(action="workshops.phase.update", object_id=str(ranking.pk)).exists()


def test_a_pairwise_comparison_of_more_than_seven_items_is_refused_when_it_opens(live_session, editor):
    cards = _add(live_session, editor, title="Kandidaten")
    pairwise = _add(live_session, editor, PhaseKind.PAIRWISE, input_mode="all", input_phase=cards)
    for number in range(8):
        _card(cards, f"Kandidat {number}")
    phase_open(phase=cards, actor=editor)

    with pytest.raises(ValidationError) as refused:
        phase_open(phase=pairwise, actor=editor)

    assert refused.value.messages == [
        _(
            "A pairwise comparison works with at most %(max)s items, but “%(phase)s” gives %(count)s. "
            "Take the top %(max)s or fewer of it."
        )
        % {"max": 7, "count": 8, "phase": "Kandidaten"}
    ]
    assert SessionPhase.objects.get(pk=cards.pk).state == PhaseState.OPEN
    assert not pairwise.items.exists()


def test_reopening_needs_a_reason_keeps_the_snapshot_until_closing_and_carries_nothing_again(live_session, editor):
    cards = _add(live_session, editor)
    harvest = _add(live_session, editor, input_mode="all", input_phase=cards)
    _card(cards, "Fachkräfte")
    phase_open(phase=harvest, actor=editor)
    closed = phase_close(phase=harvest, actor=editor)
    first_snapshot = closed.snapshot

    with pytest.raises(ValidationError) as no_reason:
        phase_reopen(phase=harvest, actor=editor, reason="  ")
    reopened = phase_reopen(phase=harvest, actor=editor, reason="Zwei Tische waren noch nicht fertig.")

    assert _message(no_reason.value) == {
        "reason": [_("Say why the phase is reopened; the reason is kept in the audit log.")]
    }
    assert (reopened.state, reopened.closed_at, reopened.snapshot) == (PhaseState.OPEN, None, first_snapshot)
    assert harvest.items.count() == 1
    entry = AuditEntry.objects.get(action="workshops.phase.reopen", object_id=str(harvest.pk))
    assert entry.changes == {"reason": ["", "Zwei Tische waren noch nicht fertig."]}

    _card(harvest, "Wohnraum für Azubis", position=9)
    closed_again = phase_close(phase=harvest, actor=editor)
    assert [item["text"] for item in closed_again.snapshot["items"]] == ["Fachkräfte", "Wohnraum für Azubis"]
    with pytest.raises(ValidationError, match=_("Only a closed phase can be reopened.")):
        phase_reopen(phase=cards, actor=editor, reason="Versehen")


def test_reopening_closes_the_phase_open_now(live_session, editor):
    first, second = _add(live_session, editor), _add(live_session, editor)
    phase_open(phase=first, actor=editor)
    phase_open(phase=second, actor=editor)

    phase_reopen(phase=first, actor=editor, reason="Nachtrag")

    assert [phase.state for phase in live_session.phases.order_by("position")] == [PhaseState.OPEN, PhaseState.CLOSED]
    assert LiveSession.objects.get(pk=live_session.pk).current_phase == first


# --- timer, reveal, split -------------------------------------------------------------------------


def test_the_timer_starts_with_the_phase_and_can_be_set_anew_or_stopped(live_session, editor):
    cards = _add(live_session, editor, settings={"timer_seconds": 600})
    before = timezone.now()

    opened = phase_open(phase=cards, actor=editor)
    assert before + dt.timedelta(seconds=599) <= opened.timer_ends_at <= timezone.now() + dt.timedelta(seconds=600)

    longer = phase_timer(phase=cards, actor=editor, seconds=120)
    assert longer.timer_ends_at <= timezone.now() + dt.timedelta(seconds=120)
    stopped = phase_timer(phase=cards, actor=editor, seconds=0)
    assert stopped.timer_ends_at is None
    with pytest.raises(ValidationError) as too_long:
        phase_timer(phase=cards, actor=editor, seconds=7201)
    assert _message(too_long.value) == {"seconds": [_("The timer must be between 0 and 7200 seconds (two hours).")]}
    assert AuditEntry.objects.filter(action="workshops.phase.update", object_id=str(cards.pk)).count() == 2

    phase_close(phase=cards, actor=editor)
    with pytest.raises(ValidationError, match=_("The timer runs only while the phase is open.")):
        phase_timer(phase=cards, actor=editor, seconds=60)


def test_revealing_and_splitting_are_audited_and_announced_once(live_session, editor):
    vote = _add(live_session, editor, PhaseKind.DOT_VOTE)
    sequence = LiveSession.objects.get(pk=live_session.pk).sequence

    assert phase_reveal(phase=vote, actor=editor, revealed=True).revealed is True
    assert phase_reveal(phase=vote, actor=editor, revealed=True).revealed is True
    assert phase_split(phase=vote, actor=editor, split=True).split_by_group is True

    assert LiveSession.objects.get(pk=live_session.pk).sequence == sequence + 2
    changes = list(
        AuditEntry.objects.filter(action="workshops.phase.update").order_by("id").values_list("changes", flat=True)
    )
    assert changes == [{"revealed": ["False", "True"]}, {"split_by_group": ["False", "True"]}]


# --- two facilitators at the same moment ----------------------------------------------------------

PARALLEL = 4


def _in_parallel(attempts):
    barrier = threading.Barrier(len(attempts))

    def run(attempt):
        try:
            barrier.wait()
            return attempt()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(attempts)) as pool:
        return list(pool.map(run, attempts))


def _opener(phase, actor):
    def attempt():
        try:
            phase_open(phase=phase, actor=actor)
        except ValidationError:
            return False
        return True

    return attempt


@pytest.fixture
def parallel_session(process, users):
    if connections["default"].vendor != "postgresql":
        pytest.skip("needs row locks and parallel connections (PostgreSQL)")
    workshop = Workshop.objects.create(process=process, title="Parallel")
    return LiveSession.objects.create(
        workshop=workshop, title="Parallel", join_code="PARA34", projector_key="para", state=SessionState.LIVE
    )


@pytest.mark.django_db(transaction=True)
def test_facilitators_opening_different_phases_at_once_leave_one_phase_open(parallel_session, users):
    phases = [_add(parallel_session, users["editor"], title=f"Phase {number}") for number in range(PARALLEL)]

    results = _in_parallel([_opener(phase, users["editor"]) for phase in phases])

    assert results == [True] * PARALLEL
    states = dict(SessionPhase.objects.filter(session=parallel_session).values_list("pk", "state"))
    assert sorted(states.values()) == [PhaseState.CLOSED] * (PARALLEL - 1) + [PhaseState.OPEN]
    current = LiveSession.objects.get(pk=parallel_session.pk).current_phase
    assert current is not None
    assert states[current.pk] == PhaseState.OPEN
    assert all(
        phase.snapshot is not None
        for phase in SessionPhase.objects.filter(session=parallel_session, state=PhaseState.CLOSED)
    )


@pytest.mark.django_db(transaction=True)
def test_facilitators_opening_the_same_phase_at_once_open_it_and_carry_its_items_once(parallel_session, users):
    cards = _add(parallel_session, users["editor"])
    harvest = _add(parallel_session, users["editor"], input_mode="all", input_phase=cards)
    for text in ("Fachkräfte", "Flächen", "Breitband"):
        _card(cards, text)

    results = _in_parallel([_opener(harvest, users["editor"]) for _attempt in range(PARALLEL)])

    assert sorted(results) == [False] * (PARALLEL - 1) + [True]
    assert harvest.items.count() == 3
    assert AuditEntry.objects.filter(action="workshops.phase.open").count() == 1


@pytest.mark.django_db(transaction=True)
def test_facilitators_changing_a_phase_while_others_open_and_close_it_wait_for_each_other(parallel_session, users):
    editor = users["editor"]
    cards = _add(parallel_session, editor)
    vote = _add(parallel_session, editor, PhaseKind.DOT_VOTE, input_mode="all", input_phase=cards)
    _card(cards, "Fachkräfte")
    phase_open(phase=cards, actor=editor)

    def attempt(change):
        def run():
            try:
                change()
            except ValidationError:
                return "refused"
            return "done"

        return run

    outcomes = _in_parallel(
        [
            attempt(lambda: phase_open(phase=vote, actor=editor)),
            attempt(lambda: phase_update(phase=vote, actor=editor, data={"input_mode": "none"})),
            attempt(lambda: phase_reveal(phase=cards, actor=editor, revealed=True)),
            attempt(lambda: phase_timer(phase=cards, actor=editor, seconds=60)),
            attempt(lambda: phase_update(phase=cards, actor=editor, data={"title": "Sammeln"})),
            attempt(lambda: phase_close(phase=cards, actor=editor)),
        ]
    )

    assert outcomes[0] == "done"
    vote.refresh_from_db()
    # Either the input was changed before the phase opened (nothing carried) or it was refused afterwards.
    assert (outcomes[1], vote.items.count(), vote.input_mode) in [("done", 0, "none"), ("refused", 1, "all")]
    assert SessionPhase.objects.filter(session=parallel_session, state=PhaseState.OPEN).get() == vote
