"""Budgets, caps, one ballot per participant and phase, and the phase's state hold under parallel requests.

Each thread has its own database connection and transaction (hence ``transaction=True``), and all are released
at the same moment. On PostgreSQL they really run side by side and the row locks decide (the participant's row,
the session's row held by key share and locked by the phases' services); on SQLite one writing transaction runs
at a time, so the same assertions hold there too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Sum
from django.utils.translation import gettext as _

from standortkompass.workshops.models import (
    Commitment,
    Contribution,
    Item,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionPhase,
)
from standortkompass.workshops.selectors import results
from standortkompass.workshops.services import phases
from standortkompass.workshops.services.contributions import (
    commitment_add,
    item_add,
    paper_points,
    points_change,
    ranking_submit,
    rating_set,
)
from standortkompass.workshops.services.participation import participant_remove
from standortkompass.workshops.services.phases import phase_close
from workshops.test_contributions import join, open_phase

ACCEPTED = "accepted"


def in_parallel(attempts: list[Callable[[], object]]) -> list[str]:
    """Run the attempts in threads released at the same moment; each result is ACCEPTED or the refusal's text."""
    barrier = threading.Barrier(len(attempts))

    def run(attempt: Callable[[], object]) -> str:
        try:
            barrier.wait()
            attempt()
            return ACCEPTED
        except ValidationError as error:
            return " ".join(error.messages)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(attempts)) as pool:
        return list(pool.map(run, attempts))


def stored_points(phase: SessionPhase, **filters: Any) -> int:
    return int(Contribution.objects.filter(phase=phase, **filters).aggregate(total=Sum("value"))["total"] or 0)


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_points_of_one_participant_never_exceed_a_budget_of_five(live_session):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.DOT_VOTE, budget=5)
    voter = join(live_session)

    outcomes = in_parallel([lambda: points_change(phase=phase, participant=voter, item=card, delta=1)] * 20)

    assert outcomes.count(ACCEPTED) == 5
    assert stored_points(phase) == 5
    assert Contribution.objects.count() == 1
    assert all("5" in outcome for outcome in outcomes if outcome != ACCEPTED)


@pytest.mark.django_db(transaction=True)
def test_parallel_points_spread_over_four_cards_never_exceed_the_budget(live_session):
    phase, cards = open_phase(live_session, PhaseKind.DOT_VOTE, texts=("A", "B", "C", "D"), budget=5)
    voter = join(live_session)
    attempts = [
        (lambda card=card: points_change(phase=phase, participant=voter, item=card, delta=1)) for card in cards * 5
    ]

    outcomes = in_parallel(attempts)

    assert outcomes.count(ACCEPTED) == 5
    assert stored_points(phase) == 5


@pytest.mark.django_db(transaction=True)
def test_parallel_points_on_one_card_never_exceed_its_cap(live_session):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.DOT_VOTE, budget=10, cap_per_item=3)
    voter = join(live_session)

    outcomes = in_parallel([lambda: points_change(phase=phase, participant=voter, item=card, delta=1)] * 10)

    assert outcomes.count(ACCEPTED) == 3
    assert stored_points(phase) == 3


@pytest.mark.django_db(transaction=True)
def test_many_participants_voting_at_once_each_keep_their_own_budget(live_session):
    phase, cards = open_phase(live_session, PhaseKind.DOT_VOTE, budget=2)
    voters = [join(live_session) for _number in range(8)]
    attempts = [
        (lambda voter=voter, card=card: points_change(phase=phase, participant=voter, item=card, delta=1))
        for voter in voters
        for card in cards
    ]

    outcomes = in_parallel(attempts)

    assert outcomes.count(ACCEPTED) == 16
    assert all(stored_points(phase, participant=voter) == 2 for voter in voters)
    # every vote was announced with a sequence number of its own
    assert LiveSession.objects.get(pk=live_session.pk).sequence >= 8 + 16


@pytest.mark.django_db(transaction=True)
def test_parallel_ranking_ballots_of_one_participant_leave_exactly_one_ballot(live_session):
    phase, (first, second, third) = open_phase(live_session, PhaseKind.RANKING)
    voter = join(live_session)
    submitted = [
        [first.pk, second.pk, third.pk],
        [third.pk, second.pk, first.pk],
        [second.pk],
        [first.pk, third.pk],
        [third.pk, first.pk, second.pk],
        [second.pk, third.pk],
    ]

    outcomes = in_parallel(
        [(lambda ids=ids: ranking_submit(phase=phase, participant=voter, item_ids=ids)) for ids in submitted]
    )

    assert outcomes == [ACCEPTED] * len(submitted)
    stored = dict(Contribution.objects.values_list("item_id", "value"))
    assert stored in [{pk: rank for rank, pk in enumerate(ids, start=1)} for ids in submitted]


@pytest.mark.django_db(transaction=True)
def test_parallel_ratings_of_one_card_leave_one_rating(live_session):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.RATING, scale_min=1, scale_max=5)
    voter = join(live_session)

    outcomes = in_parallel(
        [
            (lambda value=value: rating_set(phase=phase, participant=voter, item=card, value=value))
            for value in range(1, 6)
        ]
    )

    assert outcomes == [ACCEPTED] * 5
    assert Contribution.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_cards_of_one_participant_keep_the_phases_number_of_cards(live_session):
    phase, _items = open_phase(live_session, PhaseKind.COLLECT, texts=(), max_cards_per_participant=3)
    writer = join(live_session)

    outcomes = in_parallel(
        [
            (lambda number=number: item_add(phase=phase, participant=writer, text=f"Karte {number}"))
            for number in range(10)
        ]
    )

    assert outcomes.count(ACCEPTED) == 3
    assert Item.objects.filter(phase=phase, author=writer).count() == 3


@pytest.mark.django_db(transaction=True)
def test_parallel_commitments_of_one_participant_to_one_idea_are_one(live_session):
    phase, (idea, *_rest) = open_phase(live_session, PhaseKind.COMMITMENTS)
    person = join(live_session)

    outcomes = in_parallel(
        [lambda: commitment_add(phase=phase, item=idea, participant=person, role="support", name="", note="")] * 6
    )

    assert outcomes == [ACCEPTED] * 6
    assert Commitment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_paper_counts_entered_twice_at_once_leave_one_count(live_session, users):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.DOT_VOTE)

    outcomes = in_parallel(
        [
            (lambda count=count: paper_points(phase=phase, actor=users["editor"], counts={card.pk: count}))
            for count in (4, 7)
        ]
    )

    assert outcomes == [ACCEPTED, ACCEPTED]
    assert list(Contribution.objects.values_list("value", flat=True)) in ([4], [7])


@pytest.mark.django_db(transaction=True)
def test_a_phase_closing_while_votes_arrive_keeps_every_accepted_vote_in_its_snapshot(live_session, users, monkeypatch):
    """Each vote either lands before the close (and the snapshot counts it) or finds the phase closed."""
    phase, cards = open_phase(live_session, PhaseKind.DOT_VOTE, budget=3)
    voters = [join(live_session) for _number in range(6)]

    def counting_snapshot(snapshot_phase: SessionPhase, **_kwargs: Any) -> dict[str, int]:
        return {"points": stored_points(snapshot_phase)}

    # whether services.phases imports the selector at the top or where it closes
    monkeypatch.setattr(results, "phase_snapshot", counting_snapshot)
    monkeypatch.setattr(phases, "phase_snapshot", counting_snapshot, raising=False)
    votes = [
        (lambda voter=voter, card=card: points_change(phase=phase, participant=voter, item=card, delta=1))
        for voter in voters
        for card in cards
    ]
    closing = len(votes) // 2
    attempts: list[Callable[[], object]] = [
        *votes[:closing],
        lambda: phase_close(phase=phase, actor=users["editor"]),
        *votes[closing:],
    ]

    outcomes = in_parallel(attempts)

    accepted_votes = [outcome for number, outcome in enumerate(outcomes) if number != closing and outcome == ACCEPTED]
    refused = [outcome for number, outcome in enumerate(outcomes) if number != closing and outcome != ACCEPTED]
    closed = SessionPhase.objects.get(pk=phase.pk)
    assert outcomes[closing] == ACCEPTED
    assert closed.state == PhaseState.CLOSED
    assert closed.snapshot == {"points": len(accepted_votes)}
    assert stored_points(phase) == len(accepted_votes)
    assert set(refused) <= {_("This phase has been closed; your entry was not saved.")}


@pytest.mark.django_db(transaction=True)
def test_votes_racing_the_removal_of_their_participant_are_stored_before_it_or_refused(live_session, users):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.DOT_VOTE, budget=10)
    voter = join(live_session)
    votes: list[Callable[[], object]] = [lambda: points_change(phase=phase, participant=voter, item=card, delta=1)] * 8

    outcomes = in_parallel(
        [*votes[:4], lambda: participant_remove(participant=voter, actor=users["editor"]), *votes[4:]]
    )

    accepted = [outcome for number, outcome in enumerate(outcomes) if number != 4 and outcome == ACCEPTED]
    assert stored_points(phase) == len(accepted)
    assert {outcome for number, outcome in enumerate(outcomes) if number != 4 and outcome != ACCEPTED} <= {
        _("You were removed from this workshop session.")
    }
