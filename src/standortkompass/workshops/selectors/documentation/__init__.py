"""The documentation of a live session: everything its page shows, assembled apart from the template.

The page (``views.documentation``) and, later, the reports (issue 14) read :func:`session_documentation`: the
programme, participation by stakeholder group, and for every phase its frozen result (the snapshot written when
it closed; the result now for a phase still open) as a table of figures — every chart has its data table —
plus the items with their standing, where they came from (the funnel: :func:`lineage`) and what became of them
in the strategy ("Was wurde aus dieser Idee?": the strategy's citations of the item or of what it turned into
later). Names are shown only where people gave them for it (commitments); display names never.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from standortkompass.processes import evidence
from standortkompass.processes.evidence import Citation
from standortkompass.workshops.charts import Chart, phase_charts
from standortkompass.workshops.models import (
    VOTING_KINDS,
    Commitment,
    Contribution,
    Item,
    ItemOrigin,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseState,
    SessionPhase,
    StakeholderGroup,
)
from standortkompass.workshops.selectors.documentation.lineage import Citations, ItemGraph, item_graph
from standortkompass.workshops.selectors.documentation.tables import Cell, DataTable, by_group_figures, phase_table
from standortkompass.workshops.selectors.evidence import Standing, item_anchor, item_standings
from standortkompass.workshops.selectors.results import group_label, phase_result
from standortkompass.workshops.services.phases import CANVAS_FIELDS

# Phases whose items can be handed to the strategy (their clusters, ranked items, canvases).
HANDOVER_PHASES = frozenset({PhaseKind.CLUSTER, PhaseKind.CANVAS, PhaseKind.COMMITMENTS, *VOTING_KINDS})

__all__ = ["Cell", "DataTable", "ItemDoc", "Origin", "PhaseDoc", "SessionDocumentation", "session_documentation"]


@dataclass(frozen=True)
class Origin:
    """One step back in an item's lineage: the item it was carried over from."""

    item_id: int
    text: str
    phase: str
    session: str
    same_session: bool


@dataclass(frozen=True)
class ItemDoc:
    id: int
    anchor: str
    text: str
    kind: str
    origin: str  # how it came on the wall when not written by a participant: paper, carried over, facilitator
    source: str  # where a prefilled candidate came from (the kind of evidence: a finding, a survey result …)
    paper: bool
    carried: bool
    group: str
    table: str
    size: int
    standing: Standing | None
    canvas: tuple[tuple[str, str], ...]
    members: tuple[ItemDoc, ...]
    commitments: tuple[tuple[str, str, str], ...]  # (role, name, note)
    lineage: tuple[Origin, ...]
    citations: tuple[Citation, ...]
    # True when a later phase's copy or cluster of the item was cited rather than the item itself.
    cited_later: bool
    can_hand_over: bool


@dataclass(frozen=True)
class PhaseDoc:
    phase: SessionPhase
    kind_label: str
    closed: bool
    frozen: bool  # the figures come from the snapshot taken when the phase closed
    taken_at: str
    items: tuple[ItemDoc, ...]
    # The chart of the phase's figures (the chart kit of ``workshops.charts``) and its data table.
    chart: Chart | None
    table: DataTable | None
    result: Mapping[str, Any]
    voters: int | None
    hidden: int
    by_group: tuple[tuple[str, str], ...]  # (group, figure) e.g. votes or cards per stakeholder group


@dataclass(frozen=True)
class GroupCount:
    group: str
    joined: int
    took_part: int


@dataclass(frozen=True)
class SessionDocumentation:
    session: LiveSession
    is_demo: bool
    participation: tuple[GroupCount, ...]
    joined: int
    took_part: int
    phases: tuple[PhaseDoc, ...] = field(default=())
    handed_over: int = 0


# --- participation ---------------------------------------------------------------------------------------------


def _participation(session: LiveSession) -> tuple[tuple[GroupCount, ...], int, int]:
    """Participants (not removed) by stakeholder group, and of them those who wrote, voted or committed."""
    participants = dict(Participant.objects.filter(session=session, removed_at__isnull=True).values_list("pk", "group"))
    active = (
        set(
            Contribution.objects.filter(phase__session=session, participant__isnull=False).values_list(
                "participant_id", flat=True
            )
        )
        | set(Item.objects.filter(phase__session=session, author__isnull=False).values_list("author_id", flat=True))
        | set(
            Commitment.objects.filter(phase__session=session, participant__isnull=False).values_list(
                "participant_id", flat=True
            )
        )
    )
    joined: dict[str, int] = defaultdict(int)
    took_part: dict[str, int] = defaultdict(int)
    for pk, group in participants.items():
        joined[group or ""] += 1
        if pk in active:
            took_part[group or ""] += 1
    order = {key: index for index, key in enumerate(StakeholderGroup.values)}
    groups = sorted(joined, key=lambda key: (order.get(key, len(order)), key))
    counts = tuple(GroupCount(group_label(group), joined[group], took_part[group]) for group in groups)
    return counts, sum(joined.values()), sum(took_part.values())


def _canvas(entry: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    canvas = entry.get("canvas") or {}
    if not isinstance(canvas, Mapping):
        return ()
    known = [(str(label), str(canvas.get(key) or "").strip()) for key, label in CANVAS_FIELDS.items()]
    others = [(str(key), str(value).strip()) for key, value in canvas.items() if key not in CANVAS_FIELDS]
    return tuple((label, value) for label, value in known + others if value)


@dataclass
class _Page:
    """What every item of the page needs: labels, texts of the items' sources, citations."""

    graph: ItemGraph
    citations: Citations
    origins: dict[str, str]
    sources: dict[int, tuple[str, str, str, int]]  # id -> (text, phase title, session title, session id)
    session: LiveSession
    can_hand_over: bool


def _item_doc(
    page: _Page,
    phase: SessionPhase,
    entry: Mapping[str, Any],
    standings: Mapping[int, Standing],
    *,
    top: bool,
) -> ItemDoc:
    item_id = int(entry["id"])
    members = tuple(
        _item_doc(page, phase, member, standings, top=False) for member in entry.get("members") or () if member
    )
    lineage = []
    for ancestor in page.graph.ancestors(item_id):
        found = page.sources.get(ancestor)
        if found is None:
            break
        text, phase_title, session_title, session_id = found
        lineage.append(Origin(ancestor, text, phase_title, session_title, session_id == page.session.pk))
    citations, cited_later = page.citations.for_item(item_id)
    commitments = tuple(
        (
            str(Commitment.Role(row["role"]).label) if row.get("role") in Commitment.Role.values else "",
            str(row.get("name") or ""),
            str(row.get("note") or ""),
        )
        for row in entry.get("commitments") or ()
    )
    origin = str(entry.get("origin") or "")
    reference = entry.get("source_reference") or {}
    source_kind = evidence.kind(str(reference.get("kind") or "")) if isinstance(reference, Mapping) else None
    return ItemDoc(
        id=item_id,
        anchor=item_anchor(item_id),
        text=str(entry.get("text", "")),
        kind=str(entry.get("kind", "")),
        origin="" if origin == ItemOrigin.PARTICIPANT else page.origins.get(origin, origin),
        source=str(source_kind.label) if source_kind is not None else "",
        paper=origin == ItemOrigin.PAPER,
        carried=origin == ItemOrigin.CARRIED,
        group=group_label(str(entry["group"])) if entry.get("group") else "",
        table=str(entry.get("table_name") or ""),
        size=int(entry.get("size") or 0),
        standing=standings.get(item_id),
        canvas=_canvas(entry),
        members=members,
        commitments=commitments,
        lineage=tuple(lineage),
        citations=tuple(citations),
        cited_later=cited_later,
        can_hand_over=page.can_hand_over and top and phase.state == PhaseState.CLOSED and phase.kind in HANDOVER_PHASES,
    )


def _walk(entries: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for entry in entries:
        yield entry
        yield from _walk(entry.get("members") or ())


def session_documentation(session: LiveSession, *, can_hand_over: bool = False) -> SessionDocumentation:
    """Everything the documentation page of the session shows. ``can_hand_over``: offer the hand-over (the
    viewer may manage workshops)."""
    phases = list(SessionPhase.objects.filter(session=session).order_by("position", "id"))
    results: dict[int, tuple[dict[str, Any], bool, str]] = {}
    for phase in phases:
        snapshot = phase.snapshot if phase.state == PhaseState.CLOSED else None
        if isinstance(snapshot, Mapping) and isinstance(snapshot.get("result"), Mapping):
            results[phase.pk] = (dict(snapshot["result"]), True, str(snapshot.get("taken_at") or ""))
        elif phase.state != PhaseState.PENDING:
            results[phase.pk] = (phase_result(phase, by_group=True), False, "")
    graph = item_graph(session)
    page_items = [
        int(entry["id"]) for result, _frozen, _taken in results.values() for entry in _walk(result.get("items") or ())
    ]
    ancestor_ids = {ancestor for item_id in page_items for ancestor in graph.ancestors(item_id)}
    sources = {
        pk: (text, phase_title, session_title, session_id)
        for pk, text, phase_title, session_title, session_id in Item.objects.filter(pk__in=ancestor_ids).values_list(
            "pk", "text", "phase__title", "phase__session__title", "phase__session_id"
        )
    }
    citations = Citations(session, graph, page_items)
    page = _Page(
        graph=graph,
        citations=citations,
        origins={value: str(label) for value, label in ItemOrigin.choices},
        sources=sources,
        session=session,
        can_hand_over=can_hand_over,
    )
    kind_labels = dict(PhaseKind.choices)
    documented = []
    for phase in phases:
        if phase.pk not in results:
            continue
        result, frozen, taken_at = results[phase.pk]
        standings = (
            item_standings(phase) if phase.kind in VOTING_KINDS | {PhaseKind.CLUSTER, PhaseKind.COMMITMENTS} else {}
        )
        snapshot = phase.snapshot if frozen and isinstance(phase.snapshot, Mapping) else {}
        documented.append(
            PhaseDoc(
                phase=phase,
                kind_label=str(kind_labels.get(phase.kind, phase.kind)),
                closed=phase.state == PhaseState.CLOSED,
                frozen=frozen,
                taken_at=taken_at,
                items=tuple(_item_doc(page, phase, entry, standings, top=True) for entry in result.get("items") or ()),
                chart=next(iter(phase_charts(phase.kind, result, chart_id=f"phase-{phase.pk}-diagramm")), None),
                table=phase_table(phase, result),
                result=result,
                voters=result.get("voters") if isinstance(result.get("voters"), int) else None,
                hidden=int(snapshot.get("hidden") or 0) if snapshot else 0,
                by_group=by_group_figures(phase, result),
            )
        )
    groups, joined, took_part = _participation(session)
    handed_over = len(citations.cited & set(page_items))
    return SessionDocumentation(
        session=session,
        is_demo=session.workshop.is_demo,
        participation=groups,
        joined=joined,
        took_part=took_part,
        phases=tuple(documented),
        handed_over=handed_over,
    )


def sessions_with_results(process_id: int) -> list[LiveSession]:
    """The process's sessions that have a closed phase (their documentation has something to show)."""
    return list(
        LiveSession.objects.filter(workshop__process_id=process_id)
        .annotate(closed=Count("phases", filter=Q(phases__state=PhaseState.CLOSED)))
        .filter(closed__gt=0)
        .select_related("workshop")
        .order_by("-started_at", "-id")
    )
