"""What participants and facilitators contribute to a phase, and every rule a contribution is checked against
(hand-written, one request at a time; test_integrity.py sends them in parallel)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.workshops.models import (
    CARD_MAX_LENGTH,
    Commitment,
    Contribution,
    ContributionOrigin,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseScope,
    PhaseState,
    SessionPhase,
    SessionState,
    Table,
)
from standortkompass.workshops.selectors.participants import ballot, budget, points_left
from standortkompass.workshops.services import live
from standortkompass.workshops.services.contributions import (
    cluster_create,
    cluster_rename,
    commitment_add,
    commitment_remove,
    item_add,
    item_edit,
    item_hide,
    item_move,
    items_merge,
    pairwise_set,
    paper_cards,
    paper_points,
    points_change,
    points_set,
    ranking_submit,
    rating_set,
)
from standortkompass.workshops.services.participation import participant_join, participant_remove

# --- building blocks (also used by test_integrity.py) -----------------------------------------------------------


def open_phase(
    session: LiveSession,
    kind: str,
    *,
    texts: tuple[str, ...] = ("Fachkräfte halten", "Breitband ausbauen", "Flächen entwickeln"),
    scope: str = PhaseScope.PLENARY,
    current: bool = True,
    **settings: Any,
) -> tuple[SessionPhase, list[Item]]:
    """A phase of the session, open and (``current``) shown now, with one card per text."""
    phase = SessionPhase.objects.create(
        session=session,
        kind=kind,
        title=f"Phase {kind}",
        scope=scope,
        state=PhaseState.OPEN,
        settings=settings,
        position=session.phases.count(),
    )
    if current:
        session.current_phase = phase
        session.save(update_fields=["current_phase"])
    items = [Item.objects.create(phase=phase, text=text, position=number) for number, text in enumerate(texts)]
    return phase, items


def join(session: LiveSession, group: str = "company", name: str = "") -> Participant:
    participant, _token = participant_join(session=session, display_name=name, group=group)
    return participant


def refusal(call: Callable[[], object]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


def message(error: ValidationError) -> str:
    return " ".join(error.messages)


@pytest.fixture
def announced(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int | None]]:
    """The (event, table id) of every announcement the services make."""
    calls: list[tuple[str, int | None]] = []
    original = live.announce

    def spy(session: LiveSession, *, event: str, table_id: int | None = None, **data: Any) -> int:
        calls.append((event, table_id))
        return original(session, event=event, table_id=table_id, **data)

    monkeypatch.setattr(live, "announce", spy)
    return calls


# --- who may contribute, and when -------------------------------------------------------------------------------


def test_a_dot_vote_is_stored_with_the_group_and_table_of_the_moment_and_announced(live_session, announced):
    table = Table.objects.create(session=live_session, name="Tisch 1")
    phase, items = open_phase(live_session, PhaseKind.DOT_VOTE, budget=5)
    voter = join(live_session, group="chamber")
    Participant.objects.filter(pk=voter.pk).update(table=table)

    left = points_change(phase=phase, participant=voter, item=items[0], delta=2)

    stored = Contribution.objects.get()
    assert (stored.ballot_key, stored.value, stored.group, stored.table_id) == (
        str(items[0].pk),
        2,
        "chamber",
        table.pk,
    )
    assert stored.origin == ContributionOrigin.ONLINE
    assert left == 3 == points_left(phase=phase, participant=voter)
    assert announced[-1] == ("votes", None)


def test_a_vote_in_a_session_that_is_not_live_is_refused(live_session):
    phase, items = open_phase(live_session, PhaseKind.DOT_VOTE)
    voter = join(live_session)
    LiveSession.objects.filter(pk=live_session.pk).update(state=SessionState.ENDED)

    error = refusal(lambda: points_change(phase=phase, participant=voter, item=items[0], delta=1))

    assert message(error) == _("This workshop session is not running; your entry was not saved.")
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (PhaseState.PENDING, "This phase has not started yet."),
        (PhaseState.CLOSED, "This phase has been closed; your entry was not saved."),
    ],
)
def test_a_vote_in_a_phase_that_is_not_open_is_refused(live_session, state, expected):
    phase, items = open_phase(live_session, PhaseKind.DOT_VOTE)
    voter = join(live_session)
    SessionPhase.objects.filter(pk=phase.pk).update(state=state)

    error = refusal(lambda: points_change(phase=phase, participant=voter, item=items[0], delta=1))

    assert message(error) == _(expected)


def test_a_vote_in_an_open_phase_that_is_no_longer_shown_is_refused(live_session):
    phase, items = open_phase(live_session, PhaseKind.DOT_VOTE)
    open_phase(live_session, PhaseKind.COLLECT)
    voter = join(live_session)

    error = refusal(lambda: points_change(phase=phase, participant=voter, item=items[0], delta=1))

    assert message(error) == _("This phase is no longer shown; please reload the page.")


def test_a_removed_participant_cannot_vote_any_more(live_session, users):
    phase, items = open_phase(live_session, PhaseKind.DOT_VOTE)
    voter = join(live_session)
    stale_copy = Participant.objects.get(pk=voter.pk)
    participant_remove(participant=voter, actor=users["editor"])

    error = refusal(lambda: points_change(phase=phase, participant=stale_copy, item=items[0], delta=1))

    assert message(error) == _("You were removed from this workshop session.")


def test_a_participant_of_another_session_cannot_vote(live_session, workshop):
    phase, items = open_phase(live_session, PhaseKind.DOT_VOTE)
    other = LiveSession.objects.create(
        workshop=workshop, title="Andere", join_code="OTHER3", projector_key="other-key", state=SessionState.LIVE
    )
    stranger = join(other)

    error = refusal(lambda: points_change(phase=phase, participant=stranger, item=items[0], delta=1))

    assert message(error) == _("You are not taking part in this workshop session.")


def test_points_cannot_be_given_in_a_phase_of_another_kind(live_session):
    phase, items = open_phase(live_session, PhaseKind.RATING)
    voter = join(live_session)

    error = refusal(lambda: points_change(phase=phase, participant=voter, item=items[0], delta=1))

    assert message(error) == _("Points cannot be given in this phase.")


def test_an_item_of_another_phase_a_hidden_one_and_a_cluster_member_cannot_be_voted(live_session):
    _earlier, (foreign, *_rest) = open_phase(live_session, PhaseKind.COLLECT, current=False)
    phase, (card, hidden, member) = open_phase(live_session, PhaseKind.DOT_VOTE)
    Item.objects.filter(pk=hidden.pk).update(hidden=True)
    cluster = Item.objects.create(phase=phase, kind=ItemKind.CLUSTER, text="Standort")
    Item.objects.filter(pk=member.pk).update(cluster=cluster)
    voter = join(live_session)

    def vote(item: Item) -> dict[str, list[str]]:
        return refusal(lambda: points_change(phase=phase, participant=voter, item=item, delta=1)).message_dict

    assert vote(foreign) == {"item": [_("This card does not belong to this phase.")]}
    assert vote(hidden) == {"item": [_("This card was hidden by the facilitator.")]}
    assert vote(member) == {"item": [_("This card belongs to a cluster; please vote for the cluster.")]}
    assert points_change(phase=phase, participant=voter, item=cluster, delta=1) == 4
    assert points_change(phase=phase, participant=voter, item=card, delta=1) == 3


def test_in_a_per_table_phase_only_participants_at_a_table_vote_and_only_on_their_tables_items(live_session, announced):
    first, second = (Table.objects.create(session=live_session, name=name) for name in ("Tisch 1", "Tisch 2"))
    phase, (shared, ours, theirs) = open_phase(live_session, PhaseKind.DOT_VOTE, scope=PhaseScope.TABLE)
    Item.objects.filter(pk=ours.pk).update(table=first)
    Item.objects.filter(pk=theirs.pk).update(table=second)
    voter = join(live_session)

    assert message(refusal(lambda: points_change(phase=phase, participant=voter, item=shared, delta=1))) == _(
        "This phase is worked on at the tables; please wait until you are given a table."
    )
    Participant.objects.filter(pk=voter.pk).update(table=first)
    assert refusal(lambda: points_change(phase=phase, participant=voter, item=theirs, delta=1)).message_dict == {
        "item": [_("This card belongs to another table.")]
    }
    points_change(phase=phase, participant=voter, item=ours, delta=1)
    points_change(phase=phase, participant=voter, item=shared, delta=1)

    assert announced[-2:] == [("votes", first.pk), ("votes", first.pk)]


# --- points: budget, cap, self-voting ---------------------------------------------------------------------------


def test_the_budget_cannot_be_exceeded_and_the_message_says_how_many_points_are_left(live_session):
    phase, (first, second, _third) = open_phase(live_session, PhaseKind.DOT_VOTE, budget=3)
    voter = join(live_session)
    points_change(phase=phase, participant=voter, item=first, delta=2)

    too_many = refusal(lambda: points_change(phase=phase, participant=voter, item=second, delta=2))
    assert too_many.message_dict == {"points": [_("You have only %(left)s point left.") % {"left": 1}]}
    assert points_change(phase=phase, participant=voter, item=second, delta=1) == 0
    none_left = refusal(lambda: points_change(phase=phase, participant=voter, item=second, delta=1))
    assert "3" in message(none_left)
    assert sum(Contribution.objects.values_list("value", flat=True)) == 3


def test_points_can_be_taken_back_but_not_below_zero_and_a_card_at_zero_has_no_row(live_session):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.DOT_VOTE, budget=5)
    voter = join(live_session)
    points_change(phase=phase, participant=voter, item=card, delta=2)

    assert points_change(phase=phase, participant=voter, item=card, delta=-2) == 5
    assert not Contribution.objects.exists()
    assert refusal(lambda: points_change(phase=phase, participant=voter, item=card, delta=-1)).message_dict == {
        "points": [_("There are no points on this card to take back.")]
    }


def test_the_cap_per_item_holds(live_session):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.DOT_VOTE, budget=5, cap_per_item=2)
    voter = join(live_session)
    points_change(phase=phase, participant=voter, item=card, delta=2)

    error = refusal(lambda: points_change(phase=phase, participant=voter, item=card, delta=1))

    assert "2" in message(error)
    assert ballot(phase=phase, participant=voter) == {str(card.pk): 2}


def test_a_hundred_point_allocation_has_a_budget_of_a_hundred_and_points_are_set_at_once(live_session):
    phase, (first, second, _third) = open_phase(live_session, PhaseKind.POINTS)
    voter = join(live_session)

    assert budget(phase) == 100
    assert points_set(phase=phase, participant=voter, item=first, points=70) == 30
    assert points_set(phase=phase, participant=voter, item=first, points=40) == 60
    assert message(refusal(lambda: points_set(phase=phase, participant=voter, item=second, points=61)))
    assert points_set(phase=phase, participant=voter, item=second, points=60) == 0
    assert points_set(phase=phase, participant=voter, item=first, points=0) == 40
    assert ballot(phase=phase, participant=voter) == {str(second.pk): 60}


def test_without_self_voting_no_points_go_to_ones_own_card_nor_to_its_carried_copy(live_session):
    collect, _items = open_phase(live_session, PhaseKind.COLLECT, texts=())
    author = join(live_session)
    other = join(live_session)
    own = item_add(phase=collect, participant=author, text="Mein Vorschlag")
    phase, (stranger_card, *_rest) = open_phase(live_session, PhaseKind.DOT_VOTE, self_voting=False)
    carried = Item.objects.create(phase=phase, text=own.text, origin=ItemOrigin.CARRIED, source_item=own)

    error = refusal(lambda: points_change(phase=phase, participant=author, item=carried, delta=1))

    assert error.message_dict == {"points": [_("You cannot give points to your own card.")]}
    assert points_change(phase=phase, participant=author, item=stranger_card, delta=1) == 4
    assert points_change(phase=phase, participant=other, item=carried, delta=1) == 4


def test_with_self_voting_ones_own_card_takes_points(live_session):
    phase, _items = open_phase(live_session, PhaseKind.DOT_VOTE, texts=())
    author = join(live_session)
    own = Item.objects.create(phase=phase, text="Meine Karte", author=author)

    assert points_change(phase=phase, participant=author, item=own, delta=1) == 4


# --- ratings, matrix, pairwise, ranking -------------------------------------------------------------------------


def test_a_rating_must_lie_on_the_scale_and_rating_again_replaces_it(live_session):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.RATING, scale_min=1, scale_max=5)
    voter = join(live_session)

    for value in (0, 6):
        assert refusal(
            lambda value=value: rating_set(phase=phase, participant=voter, item=card, value=value)
        ).message_dict == {"value": [_("Choose a value from %(min)s to %(max)s.") % {"min": 1, "max": 5}]}
    rating_set(phase=phase, participant=voter, item=card, value=2)
    rating_set(phase=phase, participant=voter, item=card, value=5)

    assert list(Contribution.objects.values_list("ballot_key", "value")) == [(str(card.pk), 5)]


def test_cannot_judge_is_stored_as_no_value_only_where_the_phase_allows_it(live_session):
    phase, (card, other, _third) = open_phase(live_session, PhaseKind.RATING)
    voter = join(live_session)
    rating_set(phase=phase, participant=voter, item=card, value=None)
    SessionPhase.objects.filter(pk=phase.pk).update(settings={"allow_cannot_judge": False})

    error = refusal(lambda: rating_set(phase=phase, participant=voter, item=other, value=None))

    assert Contribution.objects.get().value is None
    assert error.message_dict == {"value": [_("Please choose a value; this phase has no “cannot judge”.")]}


def test_a_matrix_takes_one_value_per_item_and_criterion_of_the_phase(live_session):
    criteria = [{"key": "impact", "label": "Wirkung"}, {"key": "feasibility", "label": "Umsetzbarkeit"}]
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.MATRIX, criteria=criteria)
    voter = join(live_session)

    rating_set(phase=phase, participant=voter, item=card, value=4, criterion="impact")
    rating_set(phase=phase, participant=voter, item=card, value=None, criterion="feasibility")
    for criterion in ("", "cost"):
        assert refusal(
            lambda criterion=criterion: rating_set(
                phase=phase, participant=voter, item=card, value=3, criterion=criterion
            )
        ).message_dict == {"criterion": [_("Choose one of the criteria of this phase.")]}

    assert ballot(phase=phase, participant=voter) == {f"{card.pk}:impact": 4, f"{card.pk}:feasibility": None}
    assert set(Contribution.objects.values_list("criterion", flat=True)) == {"impact", "feasibility"}


def test_a_pairwise_choice_stores_the_preferred_item_the_strength_and_the_pair_key(live_session):
    phase, (first, second, third) = open_phase(live_session, PhaseKind.PAIRWISE)
    voter = join(live_session)

    pairwise_set(phase=phase, participant=voter, item_a=second, item_b=first, preferred=second, strength=3)
    pairwise_set(phase=phase, participant=voter, item_a=first, item_b=third, preferred=None, strength=0)
    pairwise_set(phase=phase, participant=voter, item_a=second, item_b=first, preferred=first, strength=1)

    rows = {row.ballot_key: (row.item_id, row.other_item_id, row.value) for row in Contribution.objects.all()}
    assert rows == {
        f"{first.pk}-{second.pk}": (first.pk, second.pk, 1),
        f"{first.pk}-{third.pk}": (first.pk, third.pk, 0),
    }


def test_a_pairwise_choice_needs_two_cards_one_of_them_preferred_and_a_strength_of_one_to_three(live_session):
    phase, (first, second, third) = open_phase(live_session, PhaseKind.PAIRWISE)
    voter = join(live_session)

    def choose(item_b: Item, preferred: Item | None, strength: int) -> dict[str, list[str]]:
        return refusal(
            lambda: pairwise_set(
                phase=phase, participant=voter, item_a=first, item_b=item_b, preferred=preferred, strength=strength
            )
        ).message_dict

    assert choose(first, first, 1) == {"item_b": [_("Compare two different cards.")]}
    assert choose(second, third, 1) == {"preferred": [_("Choose one of the two cards, or “equal”.")]}
    assert choose(second, first, 4) == {"strength": [_("The strength must be 1, 2 or 3.")]}
    assert choose(second, first, 0) == {"strength": [_("The strength must be 1, 2 or 3.")]}
    assert not Contribution.objects.exists()


def test_a_ranking_replaces_the_earlier_one_with_ranks_from_one(live_session):
    phase, (first, second, third) = open_phase(live_session, PhaseKind.RANKING)
    voter = join(live_session)

    ranking_submit(phase=phase, participant=voter, item_ids=[first.pk, second.pk, third.pk])
    ranking_submit(phase=phase, participant=voter, item_ids=[third.pk, first.pk])

    assert ballot(phase=phase, participant=voter) == {str(third.pk): 1, str(first.pk): 2}


def test_a_ranking_without_cards_with_a_card_twice_or_an_unknown_card_is_refused(live_session):
    phase, (first, second, _third) = open_phase(live_session, PhaseKind.RANKING)
    voter = join(live_session)

    def rank(ids: list[Any]) -> dict[str, list[str]]:
        return refusal(lambda: ranking_submit(phase=phase, participant=voter, item_ids=ids)).message_dict

    assert rank([]) == {"item_ids": [_("Please rank at least one card.")]}
    assert rank([first.pk, first.pk]) == {"item_ids": [_("Each card can be ranked only once.")]}
    assert rank([first.pk, 999999]) == {"item_ids": [_("This card does not belong to this phase.")]}
    assert rank(["x"]) == {"item_ids": [_("The ranking names a card that does not exist.")]}
    ranking_submit(phase=phase, participant=voter, item_ids=[second.pk])
    assert Contribution.objects.count() == 1


# --- cards ------------------------------------------------------------------------------------------------------


def test_a_card_is_stripped_cleaned_of_control_characters_and_limited_in_length(live_session, announced):
    phase, _items = open_phase(live_session, PhaseKind.COLLECT, texts=())
    writer = join(live_session)

    card = item_add(phase=phase, participant=writer, text="  Mehr\x00 Kita-\u202ePlätze\r\nfür Schichtarbeit  ")
    longest = item_add(phase=phase, participant=writer, text="x" * CARD_MAX_LENGTH)

    assert card.text == "Mehr Kita-Plätze\nfür Schichtarbeit"
    assert (card.author_id, card.origin, card.kind) == (writer.pk, ItemOrigin.PARTICIPANT, ItemKind.CARD)
    assert len(longest.text) == CARD_MAX_LENGTH
    assert refusal(lambda: item_add(phase=phase, participant=writer, text=" \t ")).message_dict == {
        "text": [_("Please write something on the card.")]
    }
    too_long = refusal(lambda: item_add(phase=phase, participant=writer, text="x" * (CARD_MAX_LENGTH + 1)))
    assert str(CARD_MAX_LENGTH + 1) in message(too_long)
    assert announced == [("participants", None), ("items", None), ("items", None)]


def test_a_participant_writes_cards_only_in_writing_phases_and_up_to_the_phases_number(live_session):
    phase, _items = open_phase(live_session, PhaseKind.COLLECT, texts=(), max_cards_per_participant=2)
    writer = join(live_session)
    item_add(phase=phase, participant=writer, text="Eins")
    item_add(phase=phase, participant=writer, text="Zwei")

    assert "2" in message(refusal(lambda: item_add(phase=phase, participant=writer, text="Drei")))
    item_add(phase=phase, participant=join(live_session), text="Drei von jemand anderem")
    vote, _cards = open_phase(live_session, PhaseKind.DOT_VOTE)
    assert message(refusal(lambda: item_add(phase=vote, participant=writer, text="Vier"))) == _(
        "Cards cannot be added in this phase."
    )


def test_a_card_in_a_per_table_phase_belongs_to_the_writers_table(live_session, announced):
    table = Table.objects.create(session=live_session, name="Tisch A")
    phase, _items = open_phase(live_session, PhaseKind.COLLECT, texts=(), scope=PhaseScope.TABLE)
    writer = join(live_session)
    Participant.objects.filter(pk=writer.pk).update(table=table)

    card = item_add(phase=phase, participant=writer, text="Mehr Austausch")

    assert card.table_id == table.pk
    assert announced[-1] == ("items", table.pk)


def test_a_project_canvas_takes_only_the_phases_fields_each_up_to_a_thousand_characters(live_session):
    phase, _items = open_phase(live_session, PhaseKind.CANVAS, texts=(), canvas_fields=["goal", "lead"])
    writer = join(live_session)

    card = item_add(
        phase=phase, participant=writer, text="Gründerzentrum", canvas={"goal": " 20 Gründungen ", "lead": ""}
    )

    assert card.canvas == {"goal": "20 Gründungen"}
    assert refusal(
        lambda: item_add(phase=phase, participant=writer, text="X", canvas={"risks": "Geld"})
    ).message_dict == {"risks": [_("This project canvas has no field “%(field)s”.") % {"field": "risks"}]}
    assert "1000" in message(
        refusal(lambda: item_add(phase=phase, participant=writer, text="X", canvas={"goal": "y" * 1001}))
    )
    collect, _cards = open_phase(live_session, PhaseKind.COLLECT, texts=())
    assert refusal(
        lambda: item_add(phase=collect, participant=writer, text="X", canvas={"goal": "y"})
    ).message_dict == {"canvas": [_("Only the cards of a project canvas phase have canvas fields.")]}


def test_a_canvas_phase_without_fields_asks_the_seven_default_ones(live_session):
    phase, _items = open_phase(live_session, PhaseKind.CANVAS, texts=())
    fields = {
        key: f"Text {key}" for key in ("goal", "first_steps", "lead", "partners", "resources", "risks", "indicator")
    }

    card = item_add(phase=phase, participant=join(live_session), text="Idee", canvas=fields)

    assert card.canvas == fields


def test_a_participant_edits_only_their_own_card_and_a_facilitator_any(live_session, users):
    phase, _items = open_phase(live_session, PhaseKind.COLLECT, texts=())
    writer, other = join(live_session), join(live_session)
    card = item_add(phase=phase, participant=writer, text="Erst")

    item_edit(item=card, participant=writer, text="Zweit")
    error = refusal(lambda: item_edit(item=card, participant=other, text="Fremd"))
    item_edit(item=card, actor=users["editor"], text="Redigiert")

    assert error.message_dict == {"text": [_("You can only change your own cards.")]}
    assert Item.objects.get(pk=card.pk).text == "Redigiert"


def test_a_facilitator_adds_cards_to_pending_and_open_phases_but_not_closed_ones(live_session, users):
    phase, _items = open_phase(live_session, PhaseKind.DOT_VOTE, texts=())
    card = item_add(phase=phase, actor=users["editor"], text="Fehlendes Handlungsfeld")
    SessionPhase.objects.filter(pk=phase.pk).update(state=PhaseState.CLOSED)
    info, _none = open_phase(live_session, PhaseKind.INFORMATION, texts=())

    assert (card.origin, card.author_id) == (ItemOrigin.FACILITATOR, None)
    assert message(refusal(lambda: item_add(phase=phase, actor=users["editor"], text="Zu spät"))) == _(
        "This phase is closed; reopen it to change its results."
    )
    assert message(refusal(lambda: item_add(phase=info, actor=users["editor"], text="X"))) == _(
        "Cards cannot be added in this phase."
    )


def test_hiding_a_card_is_audited_and_hides_it_from_voting(live_session, users, announced):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.DOT_VOTE)

    item_hide(item=card, actor=users["editor"])
    item_hide(item=card, actor=users["editor"])

    entry = AuditEntry.objects.get(action="workshops.item.hide")
    assert (entry.actor_id, entry.object_id, entry.process_id) == (
        users["editor"].pk,
        str(card.pk),
        live_session.process.pk,
    )
    assert Item.objects.get(pk=card.pk).hidden is True
    assert announced == [("items", None)]
    voter = join(live_session)
    assert refusal(lambda: points_change(phase=phase, participant=voter, item=card, delta=1)).message_dict == {
        "item": [_("This card was hidden by the facilitator.")]
    }
    item_hide(item=card, actor=users["editor"], hidden=False)
    assert points_change(phase=phase, participant=voter, item=card, delta=1) == 4


# --- clusters and merging ---------------------------------------------------------------------------------------


def test_merging_makes_the_cards_and_the_members_of_merged_clusters_members_of_the_target(live_session, users):
    phase, (first, second, third) = open_phase(live_session, PhaseKind.CLUSTER)
    target = cluster_create(phase=phase, actor=users["editor"], text="Fachkräfte")
    merged_cluster = cluster_create(phase=phase, actor=users["editor"], text="Arbeitskräfte")
    item_move(item=third, cluster=merged_cluster, actor=users["editor"])

    items_merge(target=target, items=[first, second, merged_cluster], actor=users["editor"])

    members = set(Item.objects.filter(cluster=target).values_list("pk", flat=True))
    assert members == {first.pk, second.pk, third.pk, merged_cluster.pk}
    assert AuditEntry.objects.filter(action="workshops.item.merge", object_id=str(target.pk)).count() == 1
    assert refusal(lambda: items_merge(target=first, items=[target], actor=users["editor"])).message_dict == {
        "target": [_("This card is already part of a cluster; merge into the cluster.")]
    }
    assert refusal(lambda: items_merge(target=target, items=[], actor=users["editor"])).message_dict == {
        "items": [_("Choose at least one other card to merge.")]
    }


def test_participants_cluster_cards_in_a_cluster_phase(live_session):
    phase, (card, *_rest) = open_phase(live_session, PhaseKind.CLUSTER)
    helper = join(live_session)

    cluster = cluster_create(phase=phase, participant=helper, text=" Infrastruktur ")
    renamed = cluster_rename(cluster=cluster, participant=helper, text="Digitale Infrastruktur")
    moved = item_move(item=card, cluster=cluster, participant=helper)

    assert (cluster.kind, cluster.origin, cluster.author_id) == (ItemKind.CLUSTER, ItemOrigin.PARTICIPANT, helper.pk)
    assert renamed.text == "Digitale Infrastruktur"
    assert moved.cluster_id == cluster.pk
    assert item_move(item=card, cluster=None, participant=helper).cluster_id is None
    assert refusal(lambda: item_move(item=card, cluster=card, participant=helper)).message_dict == {
        "cluster": [_("This is not a cluster.")]
    }
    assert refusal(lambda: cluster_rename(cluster=card, participant=helper, text="X")).message_dict == {
        "cluster": [_("This is not a cluster.")]
    }
    assert refusal(lambda: item_move(item=cluster, cluster=None, participant=helper)).message_dict == {
        "item": [_("Only cards can be moved into a cluster.")]
    }


def test_participants_cannot_make_clusters_outside_a_cluster_phase(live_session):
    phase, _items = open_phase(live_session, PhaseKind.COLLECT)

    error = refusal(lambda: cluster_create(phase=phase, participant=join(live_session), text="X"))

    assert message(error) == _("Clusters cannot be made in this phase.")


# --- paper results ----------------------------------------------------------------------------------------------


def test_paper_counts_are_stored_without_participant_and_replace_the_earlier_count(live_session, users):
    phase, (first, second, _third) = open_phase(live_session, PhaseKind.DOT_VOTE)
    editor = users["editor"]

    paper_points(phase=phase, actor=editor, counts={first.pk: 7, second.pk: 2})
    paper_points(phase=phase, actor=editor, counts={first.pk: 9, second.pk: 0})

    rows = list(Contribution.objects.values_list("item_id", "value", "origin", "participant_id"))
    assert rows == [(first.pk, 9, ContributionOrigin.PAPER, None)]
    assert AuditEntry.objects.filter(action="workshops.paper.enter").count() == 2


def test_paper_counts_must_be_whole_numbers_of_zero_or_more_for_the_phases_cards(live_session, users):
    phase, (first, *_rest) = open_phase(live_session, PhaseKind.DOT_VOTE)
    rating, (rated, *_cards) = open_phase(live_session, PhaseKind.RATING)
    editor = users["editor"]

    negative = refusal(lambda: paper_points(phase=phase, actor=editor, counts={first.pk: -1}))
    assert negative.message_dict == {
        "counts": [_("Please give a whole number of 0 or more for card “%(card)s”.") % {"card": first.text}]
    }
    assert refusal(lambda: paper_points(phase=phase, actor=editor, counts={rated.pk: 1})).message_dict == {
        "counts": [_("This card does not belong to this phase.")]
    }
    assert message(refusal(lambda: paper_points(phase=rating, actor=editor, counts={rated.pk: 1}))) == _(
        "Paper counts can only be entered for dot votes and point allocations."
    )
    assert not Contribution.objects.exists()


def test_paper_cards_are_typed_in_skipping_empty_lines_and_name_a_card_that_is_too_long(live_session, users):
    table = Table.objects.create(session=live_session, name="Tisch 2")
    phase, _items = open_phase(live_session, PhaseKind.COLLECT, texts=())
    editor = users["editor"]

    cards = paper_cards(phase=phase, actor=editor, texts=["Radwege", "  ", "ÖPNV am Abend"], table=table)
    too_long = refusal(lambda: paper_cards(phase=phase, actor=editor, texts=["ok", "y" * (CARD_MAX_LENGTH + 1)]))

    assert [(card.text, card.origin, card.table_id) for card in cards] == [
        ("Radwege", ItemOrigin.PAPER, table.pk),
        ("ÖPNV am Abend", ItemOrigin.PAPER, table.pk),
    ]
    assert too_long.message_dict == {
        "texts": [_("Card %(number)s has more than %(max)s characters.") % {"number": 2, "max": CARD_MAX_LENGTH}]
    }
    assert refusal(lambda: paper_cards(phase=phase, actor=editor, texts=[""])).message_dict == {
        "texts": [_("Please type in at least one card.")]
    }
    assert AuditEntry.objects.filter(action="workshops.paper.enter").count() == 1


# --- commitments ------------------------------------------------------------------------------------------------


def test_a_participant_signs_up_once_per_idea_and_withdraws_only_their_own_commitment(live_session):
    phase, (idea, *_rest) = open_phase(live_session, PhaseKind.COMMITMENTS)
    person, other = join(live_session, name="Frau Muster"), join(live_session)

    commitment_add(phase=phase, item=idea, participant=person, role="support", name="", note="Räume")
    commitment = commitment_add(phase=phase, item=idea, participant=person, role="lead", name="", note="Leitung")

    assert Commitment.objects.count() == 1
    assert (commitment.role, commitment.name, commitment.note) == ("lead", "Frau Muster", "Leitung")
    assert message(refusal(lambda: commitment_remove(commitment=commitment, participant=other))) == _(
        "You can only withdraw your own commitment."
    )
    commitment_remove(commitment=commitment, participant=person)
    assert not Commitment.objects.exists()


def test_a_commitment_from_paper_needs_a_name_and_is_audited(live_session, users):
    phase, (idea, *_rest) = open_phase(live_session, PhaseKind.COMMITMENTS)
    editor = users["editor"]

    error = refusal(lambda: commitment_add(phase=phase, item=idea, actor=editor, role="partner", name=" ", note=""))
    commitment = commitment_add(phase=phase, item=idea, actor=editor, role="partner", name="IHK", note="")

    assert error.message_dict == {"name": [_("Please give the name of the person who signed up on paper.")]}
    assert (commitment.origin, commitment.participant_id) == (ContributionOrigin.PAPER, None)
    assert AuditEntry.objects.filter(action="workshops.paper.enter").count() == 1
    assert refusal(
        lambda: commitment_add(phase=phase, item=idea, actor=editor, role="boss", name="X", note="")
    ).message_dict == {"role": [_("Choose how you want to contribute.")]}
