"""The funnel: which items a phase takes from an earlier one (all, top N, pick), and an idea's way through it."""

from __future__ import annotations

import uuid

import pytest

from standortkompass.workshops.models import (
    Contribution,
    InputMode,
    Item,
    ItemKind,
    ItemOrigin,
    Participant,
    PhaseKind,
    SessionPhase,
)
from standortkompass.workshops.selectors.funnel import input_items, lineage, successors
from standortkompass.workshops.services.phases import phase_add, phase_open


def _phase(session, kind=PhaseKind.COLLECT, position=1, **fields):
    return SessionPhase.objects.create(session=session, kind=kind, title=str(kind), position=position, **fields)


def _card(phase, text, **fields):
    return Item.objects.create(phase=phase, text=text, **fields)


def test_a_phase_without_input_takes_nothing(live_session):
    cards = _phase(live_session)
    _card(cards, "Fachkräfte")
    information = _phase(live_session, PhaseKind.INFORMATION, position=2, input_phase=cards)

    assert input_items(information) == []


def test_all_takes_the_visible_cards_not_merged_into_another_in_their_order(live_session):
    cards = _phase(live_session)
    later = _card(cards, "Flächen", position=2)
    first = _card(cards, "Fachkräfte", position=1)
    _card(cards, "Fachkräftemangel", position=3, cluster=first)
    _card(cards, "Spam", position=0, hidden=True)
    vote = _phase(live_session, PhaseKind.DOT_VOTE, position=2, input_mode=InputMode.ALL, input_phase=cards)

    assert input_items(vote) == [first, later]


def test_all_of_a_cluster_phase_takes_the_clusters_first_then_the_cards_in_none(live_session):
    clustering = _phase(live_session, PhaseKind.CLUSTER)
    loose = _card(clustering, "Kita", position=0)
    mobility = _card(clustering, "Mobilität", kind=ItemKind.CLUSTER, position=8)
    _card(clustering, "Bus", cluster=mobility, position=1)
    empty = _card(clustering, "Leer", kind=ItemKind.CLUSTER, position=9)
    _card(clustering, "Versteckt", kind=ItemKind.CLUSTER, position=7, hidden=True)
    summary = _phase(live_session, PhaseKind.SUMMARY, position=2, input_mode=InputMode.ALL, input_phase=clustering)

    assert input_items(summary) == [mobility, empty, loose]


def test_top_n_takes_the_best_of_the_vote_without_hidden_items(live_session):
    vote = _phase(live_session, PhaseKind.DOT_VOTE)
    voter = Participant.objects.create(session=live_session, token_hash=uuid.uuid4().hex * 2)
    items = {text: _card(vote, text, position=number) for number, text in enumerate(["a", "b", "c", "d"])}
    items["c"].hidden = True
    items["c"].save()
    for text, dots in [("a", 1), ("b", 3), ("c", 5), ("d", 2)]:
        Contribution.objects.create(
            phase=vote, participant=voter, item=items[text], ballot_key=str(items[text].pk), value=dots
        )
    top = _phase(live_session, PhaseKind.MATRIX, position=2, input_mode=InputMode.TOP, input_phase=vote)

    for top_n, expected in [(None, []), (2, ["b", "d"]), (9, ["b", "d", "a"])]:
        top.input_top_n = top_n
        assert [item.text for item in input_items(top)] == expected


def test_a_pick_keeps_its_order_and_leaves_out_unknown_and_hidden_items(live_session):
    cards = _phase(live_session)
    first, second = _card(cards, "A"), _card(cards, "B")
    hidden = _card(cards, "C", hidden=True)
    elsewhere = _card(_phase(live_session, position=5), "D")
    pick = _phase(
        live_session,
        PhaseKind.RANKING,
        position=2,
        input_mode=InputMode.PICK,
        input_phase=cards,
        picked=[second.pk, "x", hidden.pk, first.pk, elsewhere.pk, second.pk],
    )

    assert input_items(pick) == [second, first]


@pytest.fixture
def funnel(live_session, users):
    """A card written at a table, merged into a cluster, carried on twice."""
    editor = users["editor"]

    def add(kind, **data):
        return phase_add(session=live_session, actor=editor, data={"kind": kind, "title": str(kind), **data})

    cards = add(PhaseKind.COLLECT)
    clustering = add(PhaseKind.CLUSTER, input_mode="all", input_phase=cards)
    vote = add(PhaseKind.DOT_VOTE, input_mode="all", input_phase=clustering)
    summary = add(PhaseKind.SUMMARY, input_mode="all", input_phase=vote)
    card = _card(cards, "Busanbindung Gewerbegebiet", origin=ItemOrigin.PARTICIPANT)
    phase_open(phase=clustering, actor=editor)
    carried_card = clustering.items.get()
    cluster = _card(clustering, "Mobilität", kind=ItemKind.CLUSTER)
    carried_card.cluster = cluster
    carried_card.save()
    phase_open(phase=vote, actor=editor)
    phase_open(phase=summary, actor=editor)
    return {
        "card": card,
        "carried_card": carried_card,
        "cluster": cluster,
        "voted": vote.items.get(),
        "summary": summary.items.get(),
    }


def test_the_lineage_leads_back_to_the_first_card_nearest_first(funnel):
    assert lineage(funnel["summary"]) == [funnel["voted"], funnel["cluster"]]
    assert lineage(funnel["carried_card"]) == [funnel["card"]]
    assert lineage(funnel["card"]) == []


def test_the_successors_of_a_card_follow_it_into_its_cluster_and_the_clusters_copies(funnel):
    assert successors(funnel["card"]) == [funnel["carried_card"], funnel["cluster"], funnel["voted"], funnel["summary"]]
    assert successors(funnel["summary"]) == []


def test_a_loop_in_broken_data_ends_the_lineage(live_session):
    cards = _phase(live_session)
    first = _card(cards, "A")
    second = _card(cards, "B", source_item=first)
    Item.objects.filter(pk=first.pk).update(source_item=second)
    first.refresh_from_db()

    assert lineage(first) == [second]
