"""A held live session built through the services, for the tests of exports, documentation, evidence and hand-over.

Phases: collect (4 cards, one of them on paper) → cluster (one cluster “Fachkräfte” with two cards) → dot vote
(3 items; 3 participants online, 2 paper dots) → matrix (top 3) → pairwise (top 3 of the matrix) → canvas (one
canvas) → commitments (on the canvases). All closed; the session ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from standortkompass.accounts.models import User
from standortkompass.workshops.models import Item, ItemKind, LiveSession, Participant, PhaseKind, SessionPhase
from standortkompass.workshops.services.contributions import (
    cluster_create,
    commitment_add,
    item_add,
    item_move,
    pairwise_set,
    paper_cards,
    paper_points,
    points_change,
    rating_set,
)
from standortkompass.workshops.services.participation import participant_join
from standortkompass.workshops.services.phases import phase_add, phase_open
from standortkompass.workshops.services.workshops import session_end

CRITERIA = [{"key": "impact", "label": "Wirkung"}, {"key": "feasibility", "label": "Umsetzbarkeit"}]


@dataclass
class Held:
    session: LiveSession
    phases: dict[str, SessionPhase]
    people: list[Participant]
    cluster: Item  # the cluster of the cluster phase
    winner: Item  # the dot vote's winner (the cluster's copy)
    canvas: Item
    extra: dict[str, Item] = field(default_factory=dict)


def phase(session: LiveSession, actor: User, kind: str, title: str, **data: object) -> SessionPhase:
    return phase_add(session=session, actor=actor, data={"kind": kind, "title": title, **data})  # type: ignore[typeddict-item]


def build_held_session(session: LiveSession, actor: User, *, account: User | None = None) -> Held:
    phases = {
        "collect": phase(session, actor, PhaseKind.COLLECT, "Karten sammeln"),
    }
    phases["cluster"] = phase(
        session, actor, PhaseKind.CLUSTER, "Clustern", input_mode="all", input_phase=phases["collect"]
    )
    phases["dots"] = phase(
        session,
        actor,
        PhaseKind.DOT_VOTE,
        "Punkte",
        input_mode="all",
        input_phase=phases["cluster"],
        settings={"budget": 3, "cap_per_item": 2},
    )
    phases["matrix"] = phase(
        session,
        actor,
        PhaseKind.MATRIX,
        "Matrix",
        input_mode="top",
        input_phase=phases["dots"],
        input_top_n=3,
        settings={"criteria": CRITERIA},
    )
    phases["pairwise"] = phase(
        session,
        actor,
        PhaseKind.PAIRWISE,
        "Paarvergleich",
        input_mode="top",
        input_phase=phases["matrix"],
        input_top_n=3,
    )
    phases["canvas"] = phase(session, actor, PhaseKind.CANVAS, "Steckbriefe")
    phases["commitments"] = phase(
        session, actor, PhaseKind.COMMITMENTS, "Zusagen", input_mode="all", input_phase=phases["canvas"]
    )
    people = [
        participant_join(session=session, display_name="Erika", group="company", user=account)[0],
        participant_join(session=session, display_name="Kim", group="municipality")[0],
        participant_join(session=session, group="company")[0],
    ]

    phase_open(phase=phases["collect"], actor=actor)
    item_add(phase=phases["collect"], participant=people[0], text="Azubis finden")
    item_add(phase=phases["collect"], participant=people[1], text="Fachkräfte halten")
    item_add(phase=phases["collect"], participant=people[2], text="=Glasfaser überall")
    paper_cards(phase=phases["collect"], actor=actor, texts=["Flächen für Betriebe"])

    phase_open(phase=phases["cluster"], actor=actor)
    cards = {item.text: item for item in phases["cluster"].items.all()}
    cluster = cluster_create(phase=phases["cluster"], actor=actor, text="Fachkräfte")
    item_move(item=cards["Azubis finden"], cluster=cluster, actor=actor)
    item_move(item=cards["Fachkräfte halten"], cluster=cluster, actor=actor)

    phase_open(phase=phases["dots"], actor=actor)
    dots = {item.text: item for item in phases["dots"].items.all()}
    points_change(phase=phases["dots"], participant=people[0], item=dots["Fachkräfte"], delta=2)
    points_change(phase=phases["dots"], participant=people[0], item=dots["=Glasfaser überall"], delta=1)
    points_change(phase=phases["dots"], participant=people[1], item=dots["Fachkräfte"], delta=1)
    points_change(phase=phases["dots"], participant=people[1], item=dots["Flächen für Betriebe"], delta=2)
    points_change(phase=phases["dots"], participant=people[2], item=dots["Fachkräfte"], delta=2)
    paper_points(phase=phases["dots"], actor=actor, counts={dots["Flächen für Betriebe"].pk: 2})

    phase_open(phase=phases["matrix"], actor=actor)
    for number, item in enumerate(phases["matrix"].items.order_by("position")):
        for person in people:
            rating_set(phase=phases["matrix"], participant=person, item=item, criterion="impact", value=5 - number)
            value = None if person is people[2] else 4 - number
            rating_set(phase=phases["matrix"], participant=person, item=item, criterion="feasibility", value=value)

    phase_open(phase=phases["pairwise"], actor=actor)
    pair_items = list(phases["pairwise"].items.order_by("position"))
    for person in people:
        pairwise_set(
            phase=phases["pairwise"],
            participant=person,
            item_a=pair_items[0],
            item_b=pair_items[1],
            preferred=pair_items[0],
            strength=3,
        )
        pairwise_set(
            phase=phases["pairwise"],
            participant=person,
            item_a=pair_items[1],
            item_b=pair_items[2],
            preferred=None,
            strength=1,
        )

    phase_open(phase=phases["canvas"], actor=actor)
    canvas = item_add(
        phase=phases["canvas"],
        participant=people[0],
        text="Azubi-Tour",
        canvas={
            "goal": "Schüler lernen Betriebe kennen",
            "first_steps": "Betriebe ansprechen",
            "lead": "IHK Testregion",
            "partners": "Schulen, Handwerkskammer",
            "risks": "Zu wenige Betriebe machen mit",
            "indicator": "Teilnehmende Schüler",
        },
    )
    phase_open(phase=phases["commitments"], actor=actor)
    copy = phases["commitments"].items.get()
    commitment_add(
        phase=phases["commitments"],
        item=copy,
        participant=people[1],
        role="lead",
        name="Kim Muster",
        note="Ich koordiniere",
    )
    commitment_add(phase=phases["commitments"], item=copy, actor=actor, role="support", name="Max Papier", note="")
    session_end(session=session, actor=actor)
    for key in phases:
        phases[key].refresh_from_db()
    session.refresh_from_db()
    winner = phases["dots"].items.get(text="Fachkräfte")
    assert winner.source_item_id == cluster.pk
    assert cluster.kind == ItemKind.CLUSTER
    return Held(session=session, phases=phases, people=people, cluster=cluster, winner=winner, canvas=canvas)
