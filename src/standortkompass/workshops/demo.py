"""The demo's workshops: a held Unternehmensworkshop and a held Strategiewerkstatt with generated results.

Both run through the workshop services as a facilitator would run them — the workshop and its session from the
templates (``services.templates``), the session started, each phase opened in turn (carrying the items of the
funnel), closed with its snapshot and the session ended — while the participants' cards, votes and ratings are
generated (seeded, so every run gives the same results) and written in bulk, as forty phones would have sent
them. Everything is labelled: the workshops and participants are ``is_demo``, the titles say "(Demo)" and the
documentation page says "Demo-Daten".

The Unternehmensworkshop's World Café yields cards that are clustered into candidates for fields of action; the
Strategiewerkstatt takes them (with the findings and survey results the template adds), votes, rates them on
impact and feasibility and compares the top six in pairs. The candidates that became the demo strategy's fields of
action (``strategy.demo``) are cited by those fields (``services.handover.handover_link``), so "Was wurde aus
dieser Idee?" leads from a card of the World Café to a field of action. The strategy's demo step runs first; the
links go into its draft (the published version 1 stays as the steering committee decided it).

Running the step again changes nothing: a process that has a demo workshop of a kind keeps it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from standortkompass.accounts.models import Role, User
from standortkompass.processes.demo.builder import event_uid
from standortkompass.processes.models import Event, StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, EvidenceLink
from standortkompass.workshops.models import (
    VOTING_KINDS,
    Contribution,
    ContributionOrigin,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseState,
    SessionPhase,
    SessionState,
    StakeholderGroup,
    Table,
    Workshop,
    WorkshopKind,
    WorkshopMode,
)
from standortkompass.workshops.selectors.evidence import source_key
from standortkompass.workshops.services.handover import handover_link
from standortkompass.workshops.services.phases import phase_open
from standortkompass.workshops.services.workshops import session_create, session_end, session_start, workshop_create

SEED = 2027
PARTICIPANTS = 40
NOTE = "Kandidat aus den Werkstätten, der zu diesem Handlungsfeld wurde (Demo)."


@dataclass(frozen=True)
class Topic:
    """A cluster of the World Café: its name, the field of action it became (if any), how much the rooms liked
    it (0–1, drives the generated votes) and its cards per table (strengths, obstacles, needs)."""

    cluster: str
    field: str
    appeal: float
    cards: tuple[tuple[int, str], ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "Fachkräfte gewinnen und halten",
        "Fachkräfte sichern",
        0.95,
        (
            (0, "Gute duale Ausbildung mit starken Berufsschulen"),
            (0, "Viele Betriebe bilden seit Jahrzehnten aus"),
            (1, "Offene Stellen bleiben monatelang unbesetzt"),
            (1, "Junge Leute pendeln nach Stuttgart ab"),
            (1, "Wohnungen für Azubis sind kaum bezahlbar"),
            (1, "Anerkennung ausländischer Abschlüsse dauert zu lange"),
            (2, "Gemeinsames Ausbildungsportal aller Betriebe im Kreis"),
            (2, "Welcome Service für internationale Fachkräfte"),
            (2, "Kinderbetreuung mit Randzeiten für Schichtarbeit"),
            (2, "Praktikumsbörse mit den Schulen"),
        ),
    ),
    Topic(
        "Gewerbeflächen und Erweiterung",
        "Gewerbeflächen und Standortentwicklung",
        0.85,
        (
            (0, "Gute Lage an A81 und Bahn"),
            (1, "Keine Fläche für die Erweiterung am Standort"),
            (1, "Genehmigungen für Gewerbebauten dauern zu lange"),
            (1, "Brachen liegen seit Jahren ungenutzt"),
            (2, "Interkommunale Gewerbegebiete statt Kirchturmdenken"),
            (2, "Ein Kataster der Brachflächen"),
            (2, "Flächen für Handwerksbetriebe in den Ortskernen"),
        ),
    ),
    Topic(
        "Energiekosten und Klimaschutz",
        "Energie und Klimaschutz in Unternehmen",
        0.8,
        (
            (0, "Viele Betriebe haben schon in Effizienz investiert"),
            (1, "Hohe Strompreise gefährden energieintensive Produktion"),
            (1, "Netzanschluss für Wärmepumpen und Ladepunkte fehlt"),
            (2, "PV auf allen Gewerbedächern"),
            (2, "Energieeffizienz-Netzwerk für kleine Betriebe"),
            (2, "Beratung zu Förderprogrammen für die Dekarbonisierung"),
        ),
    ),
    Topic(
        "Digitalisierung und schnelles Internet",
        "Digitalisierung und Breitband",
        0.75,
        (
            (0, "Starke IT-Dienstleister in der Region"),
            (1, "Gewerbegebiet ohne Glasfaser"),
            (1, "Kleine Betriebe haben keine Zeit für Digitalisierung"),
            (1, "Mobilfunklöcher im ländlichen Teil des Kreises"),
            (2, "Digitallotsen für Handwerk und Handel"),
            (2, "Glasfaser in allen Gewerbegebieten bis 2028"),
        ),
    ),
    Topic(
        "Wandel in der Zulieferindustrie",
        "Transformation der Automobilzulieferer",
        0.9,
        (
            (0, "Hohe Ingenieurskompetenz im Fahrzeugbau"),
            (0, "Hochschulen und Forschung in der Nähe"),
            (1, "Aufträge für Verbrennerteile brechen weg"),
            (1, "Mittelständler können neue Produkte kaum allein entwickeln"),
            (2, "Netzwerk der Zulieferer für neue Produkte und Märkte"),
            (2, "Eine Anlaufstelle für Innovations- und Förderberatung"),
            (2, "Weiterbildung der Belegschaften für neue Technologien"),
        ),
    ),
    Topic(
        "Verkehr und Erreichbarkeit",
        "",
        0.55,
        (
            (0, "S-Bahn-Anbindung vieler Orte"),
            (1, "Staus auf dem Weg ins Gewerbegebiet"),
            (1, "Busse fahren nicht zu den Schichtzeiten"),
            (2, "Werksbusse gemeinsam mit Nachbarbetrieben"),
            (2, "Sichere Radwege zu den Gewerbegebieten"),
        ),
    ),
    Topic(
        "Verwaltung und Genehmigungen",
        "",
        0.35,
        (
            (1, "Zu viele Ansprechpartner in den Verwaltungen"),
            (1, "Anträge nur auf Papier"),
            (2, "Ein Unternehmensservice als einzige Anlaufstelle"),
            (2, "Digitale Bauanträge"),
        ),
    ),
)
# Cards nobody put into a cluster (they stay on the wall as they are).
LOOSE_CARDS = ((0, "Hohe Lebensqualität zwischen Weinbergen und Neckar"), (2, "Mehr Austausch zwischen den Branchen"))
# Cards typed in from the pinboard of the harvest (marked as paper).
PAPER_CARDS = ("Kantine und Nahversorgung im Gewerbegebiet", "Schnellere Baugenehmigungen für Hallen")
CHECK_IN = (
    "Innovativ",
    "Industriestandort mit Zukunft",
    "Lebenswert und wirtschaftsstark",
    "Klimaneutral produzieren",
    "Heimat für Fachkräfte",
    "Der Mittelstand der Region",
    "Digital und vernetzt",
    "Gute Arbeit in der Region",
)
PROGRAMME_COMPANY = """**Demo-Programm**

- 9:30 Ankommen, Kaffee
- 9:45 Begrüßung und Ablauf
- 10:00 World Café in drei Runden: Stärken, Hemmnisse, Bedarfe
- 11:30 Ernte der Tische
- 12:00 Themen clustern
- 12:45 Kandidaten für Handlungsfelder, Ausblick auf die Strategiewerkstatt
"""
PROGRAMME_STRATEGY = """**Demo-Programm**

- 9:00 Ankommen und Check-in
- 9:30 Kandidaten für Handlungsfelder aus Analyse, Befragung und Unternehmensworkshop
- 10:15 Punktabfrage
- 11:00 Tischrunden zu den wichtigsten Kandidaten
- 13:30 Wirkung und Umsetzbarkeit
- 14:30 Paarvergleich der besten sechs
- 15:30 Ergebnis für den Lenkungskreis
"""
COMPANY_GROUPS = (
    (StakeholderGroup.COMPANY, 28),
    (StakeholderGroup.CHAMBER, 4),
    (StakeholderGroup.MUNICIPALITY, 4),
    (StakeholderGroup.ADMINISTRATION, 2),
    (StakeholderGroup.SCIENCE, 2),
)
STRATEGY_GROUPS = (
    (StakeholderGroup.COMPANY, 12),
    (StakeholderGroup.MUNICIPALITY, 12),
    (StakeholderGroup.CHAMBER, 6),
    (StakeholderGroup.ADMINISTRATION, 5),
    (StakeholderGroup.SCIENCE, 3),
    (StakeholderGroup.OTHER, 2),
)
STRATEGY_TABLES = ("Tisch 1", "Tisch 2", "Tisch 3", "Tisch 4")


def _editor(process: StrategyProcess) -> User:
    user = User.objects.filter(memberships__process=process, memberships__role=Role.EDITOR).order_by("pk").first()
    if user is None:
        raise ValidationError(f"The demo workshops need a member with the role {Role.EDITOR!r} in the process.")
    return user


def _event(process: StrategyProcess, key: str) -> Event | None:
    return Event.objects.filter(process=process, uid=event_uid(key)).select_related("phase").first()


def _participants(session: LiveSession, groups: Sequence[tuple[str, int]], rng: random.Random) -> list[Participant]:
    tables = list(session.tables.order_by("position", "id"))
    rows = []
    number = 0
    for group, count in groups:
        for _index in range(count):
            number += 1
            token = f"demo-{session.join_code}-{number}-{rng.random()}"
            rows.append(
                Participant(
                    session=session,
                    token_hash=hashlib.sha256(token.encode()).hexdigest(),
                    group=group,
                    table=tables[number % len(tables)] if tables else None,
                    is_demo=True,
                )
            )
    rng.shuffle(rows)
    return Participant.objects.bulk_create(rows)


def _phase(session: LiveSession, kind: str, number: int = 0) -> SessionPhase:
    return list(session.phases.filter(kind=kind).order_by("position", "id"))[number]


def _add_cards(
    phase: SessionPhase,
    cards: Sequence[tuple[str, Table | None, Participant | None]],
    *,
    origin: str = ItemOrigin.PARTICIPANT,
) -> list[Item]:
    last = max([0, *phase.items.values_list("position", flat=True)])
    return Item.objects.bulk_create(
        Item(phase=phase, text=text, table=table, author=author, origin=origin, position=last + number)
        for number, (text, table, author) in enumerate(cards, start=1)
    )


def _timed(session: LiveSession, event: Event | None) -> None:
    """The session's times as the demo's date says (the services set them to now)."""
    if event is None:
        return
    end = event.end or event.start + dt.timedelta(hours=4)
    LiveSession.objects.filter(pk=session.pk).update(started_at=event.start, ended_at=end)
    phases = list(session.phases.order_by("position", "id"))
    step = (end - event.start) / max(len(phases), 1)
    for number, phase in enumerate(phases):
        SessionPhase.objects.filter(pk=phase.pk).update(
            opened_at=event.start + step * number, closed_at=event.start + step * (number + 1)
        )


# --- the Unternehmensworkshop ----------------------------------------------------------------------------------


def _company_workshop(process: StrategyProcess, editor: User, rng: random.Random) -> LiveSession:
    event = _event(process, "unternehmensworkshop")
    workshop = workshop_create(
        process=process,
        actor=editor,
        is_demo=True,
        data={
            "title": "Unternehmensworkshop (Demo)",
            "kind": WorkshopKind.COMPANY,
            "mode": WorkshopMode.ON_SITE,
            "event": event,
            "phase": event.phase if event else None,
            "description": "Unternehmen diskutieren im World Café, was sie am Standort hält und was ihnen fehlt. "
            "**Demo:** Die Ergebnisse sind erzeugt.",
            "programme": PROGRAMME_COMPANY,
        },
    )
    session = session_create(workshop=workshop, actor=editor, title="Unternehmensworkshop (Demo)", template="company")
    session = session_start(session=session, actor=editor)
    people = _participants(session, COMPANY_GROUPS, rng)
    tables = list(session.tables.order_by("position", "id"))
    at_table = {table.pk: [person for person in people if person.table_id == table.pk] for table in tables}

    def author(table: Table) -> Participant | None:
        return rng.choice(at_table[table.pk]) if at_table.get(table.pk) else None

    # Three rounds of the World Café: each round's cards are carried into the next one.
    cards = [(table_index, text) for topic in TOPICS for table_index, text in topic.cards]
    cards += list(LOOSE_CARDS)
    rng.shuffle(cards)
    rounds = [cards[index::3] for index in range(3)]
    phase_open(phase=_phase(session, PhaseKind.INFORMATION), actor=editor)
    for number, written in enumerate(rounds):
        phase = phase_open(phase=_phase(session, PhaseKind.COLLECT, number), actor=editor)
        _add_cards(
            phase,
            [
                (text, tables[table_index % len(tables)], author(tables[table_index % len(tables)]))
                for table_index, text in written
            ],
        )
    harvest = phase_open(phase=_phase(session, PhaseKind.COLLECT, 3), actor=editor)
    _add_cards(harvest, [(text, None, None) for text in PAPER_CARDS], origin=ItemOrigin.PAPER)
    clustering = phase_open(phase=_phase(session, PhaseKind.CLUSTER), actor=editor)
    topic_of_text: dict[str, Topic | None] = {text: topic for topic in TOPICS for _table, text in topic.cards}
    topic_of_text.update({text: TOPICS[6] if "Baugenehmigungen" in text else None for text in PAPER_CARDS})
    clusters = {
        topic.cluster: Item.objects.create(
            phase=clustering, kind=ItemKind.CLUSTER, text=topic.cluster, origin=ItemOrigin.FACILITATOR, position=number
        )
        for number, topic in enumerate(TOPICS, start=1000)
    }
    for card in clustering.items.filter(kind=ItemKind.CARD):
        topic = topic_of_text.get(card.text)
        if topic is not None:
            Item.objects.filter(pk=card.pk).update(cluster=clusters[topic.cluster])
    phase_open(phase=_phase(session, PhaseKind.SUMMARY), actor=editor)
    session = session_end(session=session, actor=editor)
    _timed(session, event)
    return session


# --- the Strategiewerkstatt ------------------------------------------------------------------------------------


def _appeal(item: Item, clusters: dict[int, Topic], rng: random.Random) -> float:
    """How much the room likes a candidate: a cluster of the company workshop as its topic says, the findings and
    survey results less."""
    reference = item.source_reference or {}
    if reference.get("kind") == "workshop_item":
        topic = clusters.get(int((reference.get("reference") or {}).get("item") or 0))
        if topic is not None:
            return topic.appeal
    return 0.1 + 0.3 * rng.random()


def _dots(phase: SessionPhase, people: Sequence[Participant], appeal: dict[int, float], rng: random.Random) -> None:
    items = list(phase.items.filter(hidden=False))
    weights = [appeal.get(item.pk, 0.2) ** 3 for item in items]
    rows = []
    for person in people:
        given: dict[int, int] = {}
        while sum(given.values()) < 5:
            item = rng.choices(items, weights=weights)[0]
            if given.get(item.pk, 0) < 2:
                given[item.pk] = given.get(item.pk, 0) + 1
        rows += [
            Contribution(
                phase=phase,
                participant=person,
                item_id=item_id,
                ballot_key=str(item_id),
                value=points,
                group=person.group,
                table_id=person.table_id,
            )
            for item_id, points in given.items()
        ]
    # Two pinboard counts typed in by the facilitator (people who voted on paper).
    for item in sorted(items, key=lambda item: -appeal.get(item.pk, 0))[:2]:
        rows.append(
            Contribution(phase=phase, item=item, ballot_key=str(item.pk), value=3, origin=ContributionOrigin.PAPER)
        )
    Contribution.objects.bulk_create(rows)


def _matrix(phase: SessionPhase, people: Sequence[Participant], appeal: dict[int, float], rng: random.Random) -> None:
    items = list(phase.items.filter(hidden=False))
    rows = []
    for person in people:
        for item in items:
            base = appeal.get(item.pk, 0.2)
            for criterion, shift in (("impact", 0.3), ("feasibility", -0.2)):
                value: int | None = None
                if rng.random() > 0.06:  # now and then "kann ich nicht beurteilen"
                    value = max(1, min(5, round(1 + 4 * base + shift + rng.gauss(0, 0.8))))
                rows.append(
                    Contribution(
                        phase=phase,
                        participant=person,
                        item=item,
                        criterion=criterion,
                        ballot_key=f"{item.pk}:{criterion}",
                        value=value,
                        group=person.group,
                        table_id=person.table_id,
                    )
                )
    Contribution.objects.bulk_create(rows)


def _pairwise(phase: SessionPhase, people: Sequence[Participant], appeal: dict[int, float], rng: random.Random) -> None:
    items = sorted(phase.items.filter(hidden=False), key=lambda item: item.pk)
    rows = []
    for person in people:
        for index, first in enumerate(items):
            for second in items[index + 1 :]:
                difference = appeal.get(first.pk, 0.2) - appeal.get(second.pk, 0.2)
                difference += rng.gauss(0, 0.15)
                if abs(difference) < 0.04:
                    winner, loser, strength = first, second, 0
                else:
                    winner, loser = (first, second) if difference > 0 else (second, first)
                    strength = 1 if abs(difference) < 0.12 else 2 if abs(difference) < 0.25 else 3
                rows.append(
                    Contribution(
                        phase=phase,
                        participant=person,
                        item=winner,
                        other_item=loser,
                        ballot_key=f"{first.pk}-{second.pk}",
                        value=strength,
                        group=person.group,
                        table_id=person.table_id,
                    )
                )
    Contribution.objects.bulk_create(rows)


def _lineage_appeal(session: LiveSession, company_clusters: dict[int, Topic], rng: random.Random) -> dict[int, float]:
    """Appeal by the id of each candidate of the Strategiewerkstatt's candidate phase (carried copies look it up
    by their ``source_item``)."""
    candidates = _phase(session, PhaseKind.COLLECT, 0)
    return {item.pk: _appeal(item, company_clusters, rng) for item in candidates.items.order_by("position", "id")}


def _strategy_workshop(
    process: StrategyProcess, editor: User, rng: random.Random, company_clusters: dict[int, Topic]
) -> LiveSession:
    event = _event(process, "strategiewerkstatt")
    workshop = workshop_create(
        process=process,
        actor=editor,
        is_demo=True,
        data={
            "title": "Strategiewerkstatt (Demo)",
            "kind": WorkshopKind.STRATEGY,
            "mode": WorkshopMode.HYBRID,
            "event": event,
            "phase": event.phase if event else None,
            "description": "Kommunen, Kammern, Institutionen und Unternehmen wählen die Handlungsfelder der "
            "Strategie aus. **Demo:** Die Ergebnisse sind erzeugt.",
            "programme": PROGRAMME_STRATEGY,
        },
    )
    session = session_create(workshop=workshop, actor=editor, title="Strategiewerkstatt (Demo)", template="strategy")
    Table.objects.bulk_create(
        Table(session=session, name=name, position=number) for number, name in enumerate(STRATEGY_TABLES, start=1)
    )
    session = session_start(session=session, actor=editor)
    people = _participants(session, STRATEGY_GROUPS, rng)
    check_in = phase_open(phase=_phase(session, PhaseKind.CHECK_IN), actor=editor)
    _add_cards(check_in, [(rng.choice(CHECK_IN), person.table, person) for person in people[:32]])
    candidates = phase_open(phase=_phase(session, PhaseKind.COLLECT, 0), actor=editor)
    _add_cards(candidates, [("Tourismus und Innenstädte stärken", None, people[3])])
    appeal = _lineage_appeal(session, company_clusters, rng)
    dot_vote = phase_open(phase=_phase(session, PhaseKind.DOT_VOTE), actor=editor)
    _dots(dot_vote, people, _carried_appeal(dot_vote, appeal), rng)
    # Later phases carry copies of copies: their appeal is that of the candidate they come from.
    rounds = phase_open(phase=_phase(session, PhaseKind.COLLECT, 1), actor=editor)
    tables = list(session.tables.order_by("position", "id"))
    top = list(rounds.items.order_by("position", "id"))
    _add_cards(
        rounds,
        [
            (f"{topic.text}: Partner früh einbinden", tables[number % len(tables)], people[number])
            for number, topic in enumerate(top[: len(tables)])
        ],
    )
    for phase_kind, vote in ((PhaseKind.MATRIX, _matrix), (PhaseKind.PAIRWISE, _pairwise)):
        phase = phase_open(phase=_phase(session, phase_kind), actor=editor)
        vote(phase, people, _carried_appeal(phase, appeal), rng)
    phase_open(phase=_phase(session, PhaseKind.SUMMARY), actor=editor)
    session = session_end(session=session, actor=editor)
    _timed(session, event)
    return session


def _carried_appeal(phase: SessionPhase, appeal: dict[int, float]) -> dict[int, float]:
    """The appeal of each of the phase's items, by its id: a carried copy's is that of the candidate it comes
    from (followed back through ``source_item``)."""
    result: dict[int, float] = {}
    for item in phase.items.select_related("source_item__source_item__source_item"):
        current: Item | None = item
        steps = 0
        while current is not None and current.pk not in appeal and steps < 20:
            current = current.source_item
            steps += 1
        if current is not None and current.pk in appeal:
            result[item.pk] = appeal[current.pk]
    return result


# --- the hand-over ---------------------------------------------------------------------------------------------


def _last_voted_copy(cluster: Item) -> Item:
    """The cluster's copy in the last voting phase it reached (for a winner: the pairwise comparison), or the
    cluster itself when no vote took it up."""
    current, voted = cluster, cluster
    for _step in range(50):
        following = (
            Item.objects.filter(source_item=current, hidden=False, phase__state=PhaseState.CLOSED)
            .select_related("phase")
            .order_by("-phase__session__created_at", "-phase__position")
            .first()
        )
        if following is None:
            break
        current = following
        if current.phase.kind in VOTING_KINDS:
            voted = current
    return voted


def _hand_over(process: StrategyProcess, editor: User, company: LiveSession) -> int:
    """The fields of action of the demo strategy cite the candidates they came from."""
    fields = {
        element.title: element for element in Element.objects.filter(strategy__process=process, kind=ElementKind.FIELD)
    }
    clustering = _phase(company, PhaseKind.CLUSTER)
    linked = 0
    for cluster in clustering.items.filter(kind=ItemKind.CLUSTER):
        topic = next((topic for topic in TOPICS if topic.cluster == cluster.text), None)
        field = fields.get(topic.field) if topic and topic.field else None
        if field is None:
            continue
        item = _last_voted_copy(cluster)
        if EvidenceLink.objects.filter(element=field, source_key=source_key(item.pk)).exists():
            continue
        handover_link(item=item, actor=editor, element=field, note=NOTE)
        linked += 1
    return linked


def workshops_demo_load(*, process: StrategyProcess) -> list[LiveSession]:
    """The held demo workshops of the demo process (idempotent: existing demo workshops are kept)."""
    held = Workshop.objects.filter(
        process=process, is_demo=True, kind__in=[WorkshopKind.COMPANY, WorkshopKind.STRATEGY]
    )
    if held.exists():
        return list(LiveSession.objects.filter(workshop__in=held, state=SessionState.ENDED).order_by("pk"))
    editor = _editor(process)
    rng = random.Random(SEED)  # noqa: S311 (made-up demo results, no secret)
    with transaction.atomic():
        company = _company_workshop(process, editor, rng)
        company_clusters = {
            cluster.pk: topic
            for cluster in _phase(company, PhaseKind.CLUSTER).items.filter(kind=ItemKind.CLUSTER)
            for topic in TOPICS
            if topic.cluster == cluster.text
        }
        strategy = _strategy_workshop(process, editor, rng, company_clusters)
        _hand_over(process, editor, company)
    return [company, strategy]
