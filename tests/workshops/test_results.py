"""The results of workshop phases (workshops.selectors.results), built directly from the models; hand-computed.

Each test writes out its arithmetic. Participants: ``p1`` and ``p2`` from companies, ``p3`` from a municipality,
``p4`` without a group, ``gone`` (a company) removed by the facilitator — their votes do not count.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from typing import Any

import pytest
from django.utils import timezone

from standortkompass.workshops.models import (
    Commitment,
    Contribution,
    ContributionOrigin,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    Participant,
    PhaseKind,
    SessionPhase,
    Table,
)
from standortkompass.workshops.selectors.results import (
    group_label,
    participation,
    phase_result,
    phase_snapshot,
    ranked_item_ids,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 4, 10, 0, tzinfo=dt.UTC)


def _phase(session: LiveSession, kind: str, **fields: Any) -> SessionPhase:
    fields.setdefault("title", f"Phase {kind}")
    position = SessionPhase.objects.filter(session=session).count()
    return SessionPhase.objects.create(session=session, kind=kind, position=position, **fields)


def _person(
    session: LiveSession, group: str = "", *, seen: dt.datetime | None = NOW, removed: bool = False
) -> Participant:
    return Participant.objects.create(
        session=session,
        token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
        group=group,
        last_seen_at=seen,
        removed_at=NOW if removed else None,
    )


def _item(phase: SessionPhase, text: str, position: int, **fields: Any) -> Item:
    return Item.objects.create(phase=phase, text=text, position=position, **fields)


def _vote(
    phase: SessionPhase, who: Participant | None, item: Item, value: int | None, *, key: str = "", **fields: Any
) -> Contribution:
    return Contribution.objects.create(
        phase=phase,
        participant=who,
        item=item,
        value=value,
        ballot_key=key or str(item.pk),
        group=who.group if who is not None else "",
        origin=ContributionOrigin.ONLINE if who is not None else ContributionOrigin.PAPER,
        **fields,
    )


@pytest.fixture
def people(live_session: LiveSession) -> dict[str, Participant]:
    return {
        "p1": _person(live_session, "company"),
        "p2": _person(live_session, "company"),
        "p3": _person(live_session, "municipality"),
        "p4": _person(live_session, ""),
        "gone": _person(live_session, "company", removed=True),
    }


def _by_id(result: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {item["id"]: item for item in result["items"]}


def _json_safe(value: dict[str, Any]) -> None:
    assert json.loads(json.dumps(value)) == value


def test_dot_vote_totals_paper_groups_merged_and_hidden(
    live_session: LiveSession, people: dict[str, Participant]
) -> None:
    phase = _phase(live_session, PhaseKind.DOT_VOTE, settings={"budget": 5})
    a, b, c = _item(phase, "A", 0), _item(phase, "B", 1), _item(phase, "C", 2)
    d = _item(phase, "A (Duplikat)", 3, cluster=a)  # merged into A: counted with it
    hidden = _item(phase, "Unpassend", 4, hidden=True)
    e = _item(phase, "E", 5)
    p1, p2, p3, p4, gone = people.values()
    _vote(phase, p1, a, 2)
    _vote(phase, p1, b, 1)
    _vote(phase, p1, hidden, 2)  # left out
    _vote(phase, p2, b, 3)
    _vote(phase, p3, d, 1)  # counts for A
    _vote(phase, p3, c, 2)
    _vote(phase, p4, a, 1)
    _vote(phase, gone, c, 5)  # removed: left out
    _vote(phase, None, a, 4)  # paper
    _vote(phase, None, c, 1)  # paper

    result = phase_result(phase, by_group=True)
    _json_safe(result)
    items = _by_id(result)
    # A: online 2 (p1) + 1 (p3 via the duplicate) + 1 (p4) = 4, paper 4, total 8; voters p1, p3, p4
    assert {k: items[a.pk][k] for k in ("total", "online", "paper", "voters", "score", "rank")} == {
        "total": 8,
        "online": 4,
        "paper": 4,
        "voters": 3,
        "score": 8.0,
        "rank": 1,
    }
    assert items[a.pk]["by_group"] == {"company": 2, "municipality": 1, "": 1}
    assert [member["id"] for member in items[a.pk]["members"]] == [d.pk]
    assert items[a.pk]["size"] == 2
    # B: 1 + 3 = 4 (both companies); C: 2 (p3) + 1 paper = 3; E nothing
    assert (items[b.pk]["total"], items[b.pk]["voters"], items[b.pk]["by_group"]["company"]) == (4, 2, 4)
    assert (items[c.pk]["total"], items[c.pk]["online"], items[c.pk]["paper"]) == (3, 2, 1)
    assert items[e.pk]["total"] == 0
    assert hidden.pk not in items
    assert d.pk not in items
    # in all: 8 + 4 + 3 = 15 = 10 online + 5 paper; voters p1, p2, p3, p4
    assert (result["total"], result["online"], result["paper"], result["voters"]) == (15, 10, 5, 4)
    assert result["budget"] == 5
    assert result["groups"] == ["company", "municipality", ""]
    # companies: 2 (A) + 4 (B) = 6 from p1, p2; municipality 1 + 2 = 3 from p3; no group 1 from p4
    assert result["by_group"] == {
        "company": {"points": 6, "voters": 2},
        "municipality": {"points": 3, "voters": 1},
        "": {"points": 1, "voters": 1},
    }
    assert ranked_item_ids(phase) == [a.pk, b.pk, c.pk, e.pk]
    plain = phase_result(phase)
    assert plain["grouped"] is False
    assert "by_group" not in plain
    assert "by_group" not in _by_id(plain)[a.pk]


def test_equal_scores_go_by_position(live_session: LiveSession, people: dict[str, Participant]) -> None:
    phase = _phase(live_session, PhaseKind.POINTS)
    later, earlier, third = _item(phase, "X", 2), _item(phase, "Y", 1), _item(phase, "Z", 3)
    _vote(phase, people["p1"], later, 30)
    _vote(phase, people["p1"], earlier, 70)
    _vote(phase, people["p2"], later, 40)
    # X: 30 + 40 = 70, Y: 70 → tied; Y has the earlier position
    result = phase_result(phase)
    assert [item["id"] for item in result["items"]] == [earlier.pk, later.pk, third.pk]
    assert result["budget"] == 100
    assert ranked_item_ids(phase)[:1] == [earlier.pk]


def test_rating_mean_sd_distribution_and_cannot_judge(
    live_session: LiveSession, people: dict[str, Participant]
) -> None:
    phase = _phase(live_session, PhaseKind.RATING, settings={"scale_min": 1, "scale_max": 5})
    a, b, c = _item(phase, "A", 0), _item(phase, "B", 1), _item(phase, "C", 2)
    d = _item(phase, "A (Duplikat)", 3, cluster=a)
    p1, p2, p3, p4, gone = people.values()
    _vote(phase, p1, a, 4)
    _vote(phase, p1, d, 2)  # p1 rated A itself: this one does not count
    _vote(phase, p1, b, None)  # cannot judge
    _vote(phase, p2, a, 5)
    _vote(phase, p2, b, 3)
    _vote(phase, p3, d, 3)  # p3 rated only the duplicate: counts for A
    _vote(phase, p3, b, 4)
    _vote(phase, p4, b, 2)
    _vote(phase, gone, c, 1)

    result = phase_result(phase, by_group=True)
    _json_safe(result)
    items = _by_id(result)
    # A: 4, 5, 3 → mean 4, deviations 0, 1, −1 → sample variance 2 / 2 = 1 → sd 1
    assert (items[a.pk]["n"], items[a.pk]["mean"], items[a.pk]["sd"], items[a.pk]["cannot_judge"]) == (3, 4.0, 1.0, 0)
    assert items[a.pk]["distribution"] == [
        {"value": 1, "count": 0},
        {"value": 2, "count": 0},
        {"value": 3, "count": 1},
        {"value": 4, "count": 1},
        {"value": 5, "count": 1},
    ]
    # B: 3, 4, 2 and one "cannot judge" → n 3, mean 3, sd 1
    assert (items[b.pk]["n"], items[b.pk]["mean"], items[b.pk]["sd"], items[b.pk]["cannot_judge"]) == (3, 3.0, 1.0, 1)
    # C: only the removed participant → no ratings, no mean, last
    assert (items[c.pk]["n"], items[c.pk]["mean"], items[c.pk]["sd"]) == (0, None, None)
    assert [item["id"] for item in result["items"]] == [a.pk, b.pk, c.pk]
    # A by group: companies 4, 5 → mean 4.5, sd √((0.25 + 0.25) / 1) = √0.5; municipality 3 → one value, no sd
    company = items[a.pk]["by_group"]["company"]
    assert company["mean"] == 4.5
    assert company["sd"] == pytest.approx(math.sqrt(0.5))
    assert (items[a.pk]["by_group"]["municipality"]["n"], items[a.pk]["by_group"]["municipality"]["sd"]) == (1, None)
    assert result["voters"] == 4
    assert result["by_group"] == {"company": {"voters": 2}, "municipality": {"voters": 1}, "": {"voters": 1}}
    assert (result["scale_min"], result["scale_max"], result["criterion"]) == (1, 5, None)


def test_matrix_means_and_spread(live_session: LiveSession, people: dict[str, Participant]) -> None:
    criteria = [{"key": "impact", "label": "Wirkung"}, {"key": "feasibility", "label": "Umsetzbarkeit"}]
    phase = _phase(live_session, PhaseKind.MATRIX, settings={"criteria": criteria})
    a, b = _item(phase, "A", 0), _item(phase, "B", 1)
    p1, p2, p3 = people["p1"], people["p2"], people["p3"]
    for who, item, impact, feasibility in [
        (p1, a, 5, 2),
        (p2, a, 3, None),
        (p3, a, 4, 3),
        (p1, b, 2, 4),
        (p2, b, 4, 4),
    ]:
        _vote(phase, who, item, impact, criterion="impact", key=f"{item.pk}:impact")
        _vote(phase, who, item, feasibility, criterion="feasibility", key=f"{item.pk}:feasibility")

    result = phase_result(phase, by_group=True)
    _json_safe(result)
    items = _by_id(result)
    # A: impact 5, 3, 4 → mean 4, sd 1; feasibility 2, 3 (+1 cannot judge) → mean 2.5, sd √0.5; score 3.25
    assert (items[a.pk]["x"]["n"], items[a.pk]["x"]["mean"], items[a.pk]["x"]["sd"]) == (3, 4.0, 1.0)
    assert (items[a.pk]["y"]["n"], items[a.pk]["y"]["mean"], items[a.pk]["y"]["cannot_judge"]) == (2, 2.5, 1)
    assert items[a.pk]["y"]["sd"] == pytest.approx(math.sqrt(0.5))
    assert items[a.pk]["score"] == 3.25
    # B: impact 2, 4 → mean 3, sd √2; feasibility 4, 4 → mean 4, sd 0; score 3.5 → B before A
    assert items[b.pk]["x"]["sd"] == pytest.approx(math.sqrt(2))
    assert (items[b.pk]["y"]["mean"], items[b.pk]["y"]["sd"], items[b.pk]["score"]) == (4.0, 0.0, 3.5)
    assert ranked_item_ids(phase) == [b.pk, a.pk]
    assert result["criteria"] == {"x": criteria[0], "y": criteria[1]}
    # companies (p1, p2) on A: impact 5, 3 → mean 4
    assert items[a.pk]["by_group"]["company"]["x"]["mean"] == 4.0
    assert items[a.pk]["by_group"]["municipality"]["y"]["mean"] == 3.0


def test_matrix_without_configured_criteria_takes_them_from_the_ratings(
    live_session: LiveSession, people: dict[str, Participant]
) -> None:
    phase = _phase(live_session, PhaseKind.MATRIX)
    a = _item(phase, "A", 0)
    _vote(phase, people["p1"], a, 4, criterion="impact", key=f"{a.pk}:impact")
    _vote(phase, people["p1"], a, 2, criterion="effort", key=f"{a.pk}:effort")
    result = phase_result(phase)
    # sorted: effort (x), impact (y)
    assert (result["criteria"]["x"]["key"], result["criteria"]["y"]["key"]) == ("effort", "impact")
    assert (result["items"][0]["x"]["mean"], result["items"][0]["y"]["mean"]) == (2.0, 4.0)


def test_pairwise_weights(live_session: LiveSession, people: dict[str, Participant]) -> None:
    phase = _phase(live_session, PhaseKind.PAIRWISE)
    a, b, c = _item(phase, "A", 0), _item(phase, "B", 1), _item(phase, "C", 2)

    def compare(who: Participant, winner: Item, loser: Item, strength: int) -> None:
        low, high = sorted((winner.pk, loser.pk))
        _vote(phase, who, winner, strength, other_item=loser, key=f"{low}-{high}")

    p1, p2, gone = people["p1"], people["p3"], people["gone"]
    compare(p1, a, b, 2)
    compare(p1, a, c, 1)
    compare(p1, b, c, 0)  # equal: 0.5 each
    compare(p2, b, a, 3)
    compare(p2, c, a, 1)
    compare(p2, c, b, 2)
    compare(gone, a, b, 3)  # removed: left out

    result = phase_result(phase, by_group=True)
    _json_safe(result)
    items = _by_id(result)
    # points: A = 2 + 1 = 3; B = 0.5 + 3 = 3.5; C = 0.5 + 1 + 2 = 3.5; all 10 → weights 0.3, 0.35, 0.35
    assert [items[i.pk]["points"] for i in (a, b, c)] == [3.0, 3.5, 3.5]
    assert [items[i.pk]["weight"] for i in (a, b, c)] == pytest.approx([0.3, 0.35, 0.35])
    assert math.isclose(sum(item["weight"] for item in result["items"]), 1.0)
    assert (items[a.pk]["wins"], items[a.pk]["losses"], items[a.pk]["ties"]) == (2, 2, 0)
    assert (items[b.pk]["wins"], items[b.pk]["losses"], items[b.pk]["ties"]) == (1, 2, 1)
    # B and C tie at 0.35: B has the earlier position
    assert ranked_item_ids(phase) == [b.pk, c.pk, a.pk]
    assert (result["comparisons"], result["points"], result["voters"]) == (6, 10.0, 2)
    # companies (p1) alone: A 3 of 4 points → 0.75, B and C 0.5 each → 0.125
    assert items[a.pk]["by_group"]["company"]["weight"] == 0.75
    assert items[b.pk]["by_group"]["company"]["weight"] == 0.125


def test_ranking_borda(live_session: LiveSession, people: dict[str, Participant]) -> None:
    phase = _phase(live_session, PhaseKind.RANKING)
    items = [_item(phase, name, position) for position, name in enumerate("ABCD")]
    a, b, c, d = items
    ballots = {"p1": [a, b, c, d], "p2": [b, a, d, c], "p3": [b, c]}
    for name, ballot in ballots.items():
        for rank, item in enumerate(ballot, start=1):
            _vote(phase, people[name], item, rank)
    _vote(phase, people["gone"], d, 1)

    result = phase_result(phase, by_group=True)
    _json_safe(result)
    found = _by_id(result)
    # n = 4: rank 1 → 3 points … rank 4 → 0. A: 3 + 2 = 5 (ranks 1, 2); B: 2 + 3 + 3 = 8 (ranks 2, 1, 1);
    # C: 1 + 0 + 2 = 3 (ranks 3, 4, 2); D: 0 + 1 = 1 (ranks 4, 3)
    assert [found[i.pk]["points"] for i in items] == [5, 8, 3, 1]
    assert (found[a.pk]["mean_rank"], found[c.pk]["mean_rank"], found[d.pk]["mean_rank"]) == (1.5, 3.0, 3.5)
    assert found[b.pk]["mean_rank"] == pytest.approx(4 / 3)
    assert [found[i.pk]["n"] for i in items] == [2, 3, 3, 2]
    assert ranked_item_ids(phase) == [b.pk, a.pk, c.pk, d.pk]
    assert (result["ballots"], result["items_count"]) == (3, 4)
    # companies (p1, p2): A 5, B 2 + 3 = 5 → tie, A first by position
    assert (found[a.pk]["by_group"]["company"]["points"], found[b.pk]["by_group"]["company"]["points"]) == (5, 5)


def test_commitments_per_item_with_names_only_where_given(
    live_session: LiveSession, people: dict[str, Participant]
) -> None:
    phase = _phase(live_session, PhaseKind.COMMITMENTS)
    a, b = _item(phase, "Projekt A", 0), _item(phase, "Projekt B", 1)
    Commitment.objects.create(phase=phase, item=a, participant=people["p1"], role="lead", name="Erika Muster (IHK)")
    Commitment.objects.create(phase=phase, item=a, participant=people["p2"], role="support", note="Räume")
    Commitment.objects.create(phase=phase, item=a, role="partner", name="Stadtwerke", origin=ContributionOrigin.PAPER)
    Commitment.objects.create(phase=phase, item=b, participant=people["gone"], role="lead", name="Weg")

    result = phase_result(phase)
    _json_safe(result)
    items = _by_id(result)
    assert (items[a.pk]["count"], items[a.pk]["by_role"]) == (3, {"lead": 1, "support": 1, "partner": 1})
    assert [entry["name"] for entry in items[a.pk]["commitments"]] == ["Erika Muster (IHK)", "", "Stadtwerke"]
    assert items[a.pk]["commitments"][1]["note"] == "Räume"
    assert (items[b.pk]["count"], items[b.pk]["commitments"]) == (0, [])
    # p1, p2 and one paper entry
    assert (result["count"], result["people"]) == (3, 3)
    assert ranked_item_ids(phase) == [a.pk, b.pk]


def test_collected_cards_with_members_paper_and_tables(
    live_session: LiveSession, people: dict[str, Participant]
) -> None:
    table = Table.objects.create(session=live_session, name="Tisch 1")
    phase = _phase(live_session, PhaseKind.COLLECT)
    c1 = _item(phase, "Fachkräfte fehlen", 1, author=people["p1"], table=table)
    c2 = _item(phase, "Zu wenig Fachkräfte", 2, author=people["p3"], cluster=c1)
    c3 = _item(phase, "Breitband", 0, origin=ItemOrigin.PAPER)
    _item(phase, "Beleidigung", 3, author=people["p2"], hidden=True)
    canvas = _item(phase, "Gründerzentrum", 4, canvas={"goal": "Gründungen", "lead": "WFG"})

    result = phase_result(phase, by_group=True)
    _json_safe(result)
    assert [item["id"] for item in result["items"]] == [c3.pk, c1.pk, canvas.pk]
    items = _by_id(result)
    assert (items[c1.pk]["group"], items[c1.pk]["table"], items[c1.pk]["table_name"]) == (
        "company",
        table.pk,
        "Tisch 1",
    )
    assert [m["id"] for m in items[c1.pk]["members"]] == [c2.pk]
    assert items[c1.pk]["members"][0]["group"] == "municipality"
    assert items[c1.pk]["size"] == 2
    assert (items[c3.pk]["paper"], items[c3.pk]["origin"]) == (True, "paper")
    assert items[canvas.pk]["canvas"] == {"goal": "Gründungen", "lead": "WFG"}
    # visible cards c1, c2, c3 and the canvas = 4, one on paper; by the author's group
    assert (result["cards"], result["paper"]) == (4, 1)
    assert result["by_group"] == {"company": {"cards": 1}, "municipality": {"cards": 1}, "": {"cards": 2}}
    assert ranked_item_ids(phase) == [c3.pk, c1.pk, canvas.pk]


def test_cluster_phase_clusters_first(live_session: LiveSession) -> None:
    phase = _phase(live_session, PhaseKind.CLUSTER)
    k1 = _item(phase, "Fachkräfte", 1, kind=ItemKind.CLUSTER)
    k2 = _item(phase, "Verworfen", 2, kind=ItemKind.CLUSTER, hidden=True)
    a = _item(phase, "a", 3, cluster=k1)
    b = _item(phase, "b", 4, cluster=k1)
    b2 = _item(phase, "b (Duplikat)", 5, cluster=b)
    _item(phase, "c", 6, cluster=k2)  # in a hidden cluster: left out with it
    d = _item(phase, "d", 0)

    result = phase_result(phase)
    _json_safe(result)
    assert [item["id"] for item in result["items"]] == [k1.pk, d.pk]
    assert (result["clusters"], result["unclustered"]) == ([k1.pk], [d.pk])
    cluster = result["items"][0]
    assert [m["id"] for m in cluster["members"]] == [a.pk, b.pk]
    assert [m["id"] for m in cluster["members"][1]["members"]] == [b2.pk]
    # a, b and b's duplicate
    assert cluster["size"] == 3
    # cards: a, b, b2, d
    assert result["cards"] == 4
    assert ranked_item_ids(phase) == [k1.pk, d.pk]


@pytest.mark.parametrize("kind", PhaseKind.values)
def test_every_kind_has_a_result(live_session: LiveSession, kind: str) -> None:
    phase = _phase(live_session, kind)
    item = _item(phase, "Eine Karte", 0)
    _item(phase, "Versteckt", 1, hidden=True)
    result = phase_result(phase, by_group=True)
    _json_safe(result)
    assert result["kind"] == kind
    assert [entry["id"] for entry in result["items"]] == [item.pk]
    assert ranked_item_ids(phase) == [item.pk]


def test_participation_counts(live_session: LiveSession, people: dict[str, Participant]) -> None:
    phase = _phase(live_session, PhaseKind.DOT_VOTE)
    other = _phase(live_session, PhaseKind.COLLECT)
    live_session.current_phase = phase
    live_session.save()
    item = _item(phase, "A", 0)
    p1, p2, p3, p4, gone = people.values()
    Participant.objects.filter(pk=p2.pk).update(last_seen_at=NOW - dt.timedelta(minutes=5))
    Participant.objects.filter(pk=p3.pk).update(last_seen_at=NOW - dt.timedelta(minutes=1))
    Participant.objects.filter(pk=p4.pk).update(last_seen_at=None)
    _vote(phase, p1, item, 1)
    Commitment.objects.create(phase=phase, item=item, participant=p3, role="support")
    _item(phase, "von p4", 1, author=p4)
    _vote(phase, gone, item, 1)
    _item(other, "anderswo", 0, author=p2)

    figures = participation(live_session, now=NOW)
    _json_safe(figures)
    # joined: p1–p4 (gone removed); active: p1 (now), p3 (1 min); voted: p1 (vote), p3 (commitment), p4 (card)
    assert {k: figures[k] for k in ("phase", "joined", "active", "voted", "removed")} == {
        "phase": phase.pk,
        "joined": 4,
        "active": 2,
        "voted": 3,
        "removed": 1,
    }
    assert figures["by_group"] == {
        "company": {"joined": 2, "active": 1, "voted": 1},
        "municipality": {"joined": 1, "active": 1, "voted": 1},
        "": {"joined": 1, "active": 0, "voted": 1},
    }
    # another phase: only p2 wrote there
    assert participation(live_session, phase=other, now=NOW)["voted"] == 1
    live_session.current_phase = None
    assert participation(live_session, now=NOW)["voted"] == 0


def test_snapshot(live_session: LiveSession, people: dict[str, Participant]) -> None:
    source = _phase(live_session, PhaseKind.COLLECT)
    phase = _phase(live_session, PhaseKind.DOT_VOTE, title="Punkten", prompt="Was ist wichtig?", settings={"budget": 3})
    phase.input_phase = source
    phase.input_mode = "top"
    phase.input_top_n = 5
    phase.save()
    a = _item(phase, "A", 0)
    _item(phase, "weg", 1, hidden=True)
    _item(phase, "A2", 2, cluster=a)
    _vote(phase, people["p1"], a, 3)

    snapshot = phase_snapshot(phase, now=NOW)
    _json_safe(snapshot)
    assert (snapshot["kind"], snapshot["title"], snapshot["prompt"]) == ("dot_vote", "Punkten", "Was ist wichtig?")
    assert snapshot["settings"]["budget"] == 3
    assert snapshot["settings"]["scale_max"] == 5  # defaults filled in
    assert snapshot["input"] == {"mode": "top", "phase": source.pk, "top_n": 5, "picked": []}
    assert snapshot["result"]["grouped"] is True
    assert snapshot["result"]["by_group"] == {"company": {"points": 3, "voters": 1}}
    assert snapshot["result"]["items"][0]["total"] == 3
    assert [(item["text"], item["cluster"]) for item in snapshot["items"]] == [("A", None), ("A2", a.pk)]
    assert snapshot["hidden"] == 1
    assert snapshot["participation"]["voted"] == 1
    assert snapshot["taken_at"] == "2027-03-04T10:00:00+00:00"
    assert snapshot["voting"] is True


def test_group_labels() -> None:
    assert group_label("company") == "Unternehmen"
    assert group_label("") == group_label("unknown")


def test_few_queries_however_many_votes(live_session: LiveSession, django_assert_max_num_queries: Any) -> None:
    phases = {
        kind: _phase(live_session, kind)
        for kind in (PhaseKind.DOT_VOTE, PhaseKind.RATING, PhaseKind.RANKING, PhaseKind.COMMITMENTS, PhaseKind.CLUSTER)
    }
    voters = [_person(live_session, "company" if n % 2 else "science") for n in range(30)]
    for kind, phase in phases.items():
        items = [_item(phase, f"Karte {n}", n) for n in range(12)]
        for extra in range(3):
            _item(phase, f"Duplikat {extra}", 20 + extra, cluster=items[extra])
        for who in voters:
            for rank, item in enumerate(items[:5], start=1):
                if kind == PhaseKind.COMMITMENTS:
                    Commitment.objects.create(phase=phase, item=item, participant=who, role="support")
                else:
                    _vote(phase, who, item, rank)
    live_session.current_phase = phases[PhaseKind.DOT_VOTE]
    live_session.save()
    for phase in phases.values():
        with django_assert_max_num_queries(2):
            phase_result(phase, by_group=True)
        with django_assert_max_num_queries(4):
            phase_snapshot(phase)
    with django_assert_max_num_queries(2):
        figures = participation(live_session)
    assert figures["voted"] == 30
    # 150 points in all: each of the 30 voters gave 1 + 2 + 3 + 4 + 5 = 15 → 450
    assert phase_result(phases[PhaseKind.DOT_VOTE])["total"] == 30 * 15
    assert timezone.now()  # the default clock works too
