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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from standortkompass.core.numbers import format_number, format_percent
from standortkompass.processes import evidence
from standortkompass.processes.evidence import Citation
from standortkompass.strategy.models import EvidenceLink
from standortkompass.workshops.charts import Chart, phase_charts
from standortkompass.workshops.models import (
    VOTING_KINDS,
    Commitment,
    Contribution,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseState,
    SessionPhase,
    StakeholderGroup,
)
from standortkompass.workshops.selectors.evidence import Standing, item_anchor, item_standings, source_key
from standortkompass.workshops.selectors.results import group_label, phase_result
from standortkompass.workshops.services.phases import CANVAS_FIELDS

# Phases whose items can be handed to the strategy (their clusters, ranked items, canvases).
HANDOVER_PHASES = frozenset({PhaseKind.CLUSTER, PhaseKind.CANVAS, PhaseKind.COMMITMENTS, *VOTING_KINDS})
MAX_DEPTH = 100


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False


@dataclass(frozen=True)
class DataTable:
    """A chart's figures as a table (the reports issue prints these)."""

    caption: str
    columns: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]


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


# --- lineage and citations -------------------------------------------------------------------------------------


@dataclass
class _Graph:
    """The process's workshop items as a graph: where each came from (``source``), its cluster, and back."""

    source: dict[int, int | None]
    cluster: dict[int, int | None]
    forward: dict[int, list[int]]

    def descendants(self, item_id: int) -> list[int]:
        """What the item became later: its copies in later phases and its cluster (and theirs), in BFS order."""
        found: list[int] = []
        seen = {item_id}
        frontier = [item_id]
        depth = 0
        while frontier and depth < MAX_DEPTH:
            depth += 1
            following = []
            for current in frontier:
                nexts = list(self.forward.get(current, ()))
                cluster = self.cluster.get(current)
                if cluster is not None:
                    nexts.append(cluster)
                for candidate in nexts:
                    if candidate not in seen:
                        seen.add(candidate)
                        found.append(candidate)
                        following.append(candidate)
            frontier = following
        return found

    def ancestors(self, item_id: int) -> list[int]:
        """The chain of items it was carried over from, nearest first (``selectors.funnel.lineage``)."""
        chain: list[int] = []
        seen = {item_id}
        current = self.source.get(item_id)
        while current is not None and current not in seen and len(chain) < MAX_DEPTH:
            chain.append(current)
            seen.add(current)
            current = self.source.get(current)
        return chain


def _graph(session: LiveSession) -> _Graph:
    rows = Item.objects.filter(phase__session__workshop__process_id=session.workshop.process_id).values_list(
        "pk", "source_item_id", "cluster_id"
    )
    source: dict[int, int | None] = {}
    cluster: dict[int, int | None] = {}
    forward: dict[int, list[int]] = defaultdict(list)
    for pk, source_id, cluster_id in rows:
        source[pk] = source_id
        cluster[pk] = cluster_id
        if source_id is not None:
            forward[source_id].append(pk)
    return _Graph(source=source, cluster=cluster, forward=dict(forward))


class _Citations:
    """The strategy's citations of workshop items, asked once per cited item."""

    def __init__(self, session: LiveSession, graph: _Graph, page_items: Iterable[int]) -> None:
        self.process = session.workshop.process
        self.graph = graph
        wanted: set[int] = set()
        self.related: dict[int, list[int]] = {}
        for item_id in page_items:
            self.related[item_id] = graph.descendants(item_id)
            wanted.add(item_id)
            wanted.update(self.related[item_id])
        keys = {source_key(item_id): item_id for item_id in wanted}
        cited = EvidenceLink.objects.filter(
            element__strategy__process=self.process, source_key__in=list(keys)
        ).values_list("source_key", flat=True)
        self.cited = {keys[key] for key in cited}
        self._found: dict[int, list[Citation]] = {}

    def of(self, item_id: int) -> list[Citation]:
        if item_id not in self.cited:
            return []
        if item_id not in self._found:
            self._found[item_id] = evidence.citations(self.process, source_key(item_id), public=False)
        return self._found[item_id]

    def for_item(self, item_id: int) -> tuple[list[Citation], bool]:
        """The item's own citations and those of what it became; True when any came from the latter."""
        own = self.of(item_id)
        later: list[Citation] = []
        for other in self.related.get(item_id, ()):
            later.extend(citation for citation in self.of(other) if citation not in own and citation not in later)
        return own + later, bool(later)


# --- the phases ------------------------------------------------------------------------------------------------


def _num(value: object, decimals: int = 1) -> str:
    return format_number(float(value), decimals) if isinstance(value, int | float) else "–"


def _pct(value: object) -> str:
    return format_percent(float(value) * 100) if isinstance(value, int | float) else "–"


def _item_heading() -> str:
    return pgettext("workshop", "Item")


def _text_cell(entry: Mapping[str, Any]) -> Cell:
    return Cell(str(entry.get("text", "")))


def _rank_cell(entry: Mapping[str, Any]) -> Cell:
    return Cell(str(entry.get("rank", "")), numeric=True)


def _points_table(title: str, result: Mapping[str, Any], entries: Sequence[Mapping[str, Any]]) -> DataTable:
    groups = list(result.get("groups") or ())
    columns = [
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("Points"), True),
        Cell(_("of which on paper"), True),
        Cell(_("Voters"), True),
    ]
    columns += [Cell(group_label(group), True) for group in groups]
    rows = []
    for entry in entries:
        row = [
            _rank_cell(entry),
            _text_cell(entry),
            Cell(str(entry.get("total", 0)), True),
            Cell(str(entry.get("paper", 0)), True),
            Cell(str(entry.get("voters", 0)), True),
        ]
        by_group = entry.get("by_group") or {}
        row += [Cell(str(by_group.get(group, 0)), True) for group in groups]
        rows.append(tuple(row))
    return DataTable(_("Points per item: %(phase)s") % {"phase": title}, tuple(columns), tuple(rows))


def _rating_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    columns = (
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("Mean"), True),
        Cell(_("Standard deviation"), True),
        Cell(_("Ratings"), True),
        Cell(_("Cannot judge"), True),
    )
    rows = tuple(
        (
            _rank_cell(entry),
            _text_cell(entry),
            Cell(_num(entry.get("mean"), 2), True),
            Cell(_num(entry.get("sd"), 2), True),
            Cell(str(entry.get("n", 0)), True),
            Cell(str(entry.get("cannot_judge", 0)), True),
        )
        for entry in entries
    )
    return DataTable(_("Ratings per item: %(phase)s") % {"phase": title}, columns, rows)


def _matrix_table(title: str, result: Mapping[str, Any], entries: Sequence[Mapping[str, Any]]) -> DataTable:
    criteria = result.get("criteria") or {}
    x = str((criteria.get("x") or {}).get("label") or "x")
    y = str((criteria.get("y") or {}).get("label") or "y")
    columns = (
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("%(criterion)s: mean") % {"criterion": x}, True),
        Cell(_("%(criterion)s: standard deviation") % {"criterion": x}, True),
        Cell(_("%(criterion)s: ratings") % {"criterion": x}, True),
        Cell(_("%(criterion)s: mean") % {"criterion": y}, True),
        Cell(_("%(criterion)s: standard deviation") % {"criterion": y}, True),
        Cell(_("%(criterion)s: ratings") % {"criterion": y}, True),
    )
    rows = []
    for entry in entries:
        axes = [entry.get("x") or {}, entry.get("y") or {}]
        row = [_rank_cell(entry), _text_cell(entry)]
        for axis in axes:
            row += [
                Cell(_num(axis.get("mean"), 2), True),
                Cell(_num(axis.get("sd"), 2), True),
                Cell(str(axis.get("n", 0)), True),
            ]
        rows.append(tuple(row))
    return DataTable(_("Matrix %(x)s × %(y)s: %(phase)s") % {"x": x, "y": y, "phase": title}, columns, tuple(rows))


def _pairwise_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    columns = (
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("Weight"), True),
        Cell(_("Points"), True),
        Cell(_("Won"), True),
        Cell(_("Lost"), True),
        Cell(_("Equal"), True),
    )
    rows = tuple(
        (
            _rank_cell(entry),
            _text_cell(entry),
            Cell(_pct(entry.get("weight")), True),
            Cell(_num(entry.get("points"), 1), True),
            Cell(str(entry.get("wins", 0)), True),
            Cell(str(entry.get("losses", 0)), True),
            Cell(str(entry.get("ties", 0)), True),
        )
        for entry in entries
    )
    return DataTable(_("Weights from the pairwise comparison: %(phase)s") % {"phase": title}, columns, rows)


def _ranking_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    columns = (
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("Borda points"), True),
        Cell(_("Mean rank"), True),
        Cell(_("Ballots"), True),
    )
    rows = tuple(
        (
            _rank_cell(entry),
            _text_cell(entry),
            Cell(str(entry.get("points", 0)), True),
            Cell(_num(entry.get("mean_rank"), 2), True),
            Cell(str(entry.get("n", 0)), True),
        )
        for entry in entries
    )
    return DataTable(_("Ranking: %(phase)s") % {"phase": title}, columns, rows)


def _cluster_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    columns = (Cell(_("Cluster")), Cell(_("Cards"), True))
    rows = tuple(
        (_text_cell(entry), Cell(str(entry.get("size", 0)), True))
        for entry in entries
        if entry.get("kind") == ItemKind.CLUSTER
    )
    return DataTable(_("Cards per cluster: %(phase)s") % {"phase": title}, columns, rows)


def _commitments_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    roles = [(role.value, str(role.label)) for role in Commitment.Role]
    columns = (Cell(_item_heading()), Cell(_("Commitments"), True), *(Cell(label, True) for _key, label in roles))
    rows = tuple(
        (
            _text_cell(entry),
            Cell(str(entry.get("count", 0)), True),
            *(Cell(str((entry.get("by_role") or {}).get(key, 0)), True) for key, _label in roles),
        )
        for entry in entries
    )
    return DataTable(_("Commitments per item: %(phase)s") % {"phase": title}, columns, rows)


def _table(phase: SessionPhase, result: Mapping[str, Any]) -> DataTable | None:
    entries = list(result.get("items") or ())
    if not entries:
        return None
    kind = phase.kind
    if kind in (PhaseKind.DOT_VOTE, PhaseKind.POINTS):
        return _points_table(phase.title, result, entries)
    if kind == PhaseKind.RATING:
        return _rating_table(phase.title, entries)
    if kind == PhaseKind.MATRIX:
        return _matrix_table(phase.title, result, entries)
    if kind == PhaseKind.PAIRWISE:
        return _pairwise_table(phase.title, entries)
    if kind == PhaseKind.RANKING:
        return _ranking_table(phase.title, entries)
    if kind == PhaseKind.CLUSTER:
        table = _cluster_table(phase.title, entries)
        return table if table.rows else None
    if kind == PhaseKind.COMMITMENTS:
        return _commitments_table(phase.title, entries)
    return None


def _by_group(phase: SessionPhase, result: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    by_group = result.get("by_group")
    if not isinstance(by_group, Mapping):
        return ()
    shown = []
    for group, figures in by_group.items():
        if not isinstance(figures, Mapping):
            continue
        if phase.kind in (PhaseKind.DOT_VOTE, PhaseKind.POINTS):
            voters = int(figures.get("voters") or 0)
            text = ngettext(
                "%(points)s points from %(voters)s voter", "%(points)s points from %(voters)s voters", voters
            ) % {"points": figures.get("points", 0), "voters": voters}
        elif "cards" in figures:
            cards = int(figures["cards"] or 0)
            text = ngettext("%(cards)s card", "%(cards)s cards", cards) % {"cards": cards}
        else:
            voters = int(figures.get("voters") or 0)
            text = ngettext("%(voters)s voter", "%(voters)s voters", voters) % {"voters": voters}
        shown.append((group_label(str(group)), text))
    return tuple(shown)


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

    graph: _Graph
    citations: _Citations
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
    graph = _graph(session)
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
    citations = _Citations(session, graph, page_items)
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
                table=_table(phase, result),
                result=result,
                voters=result.get("voters") if isinstance(result.get("voters"), int) else None,
                hidden=int(snapshot.get("hidden") or 0) if snapshot else 0,
                by_group=_by_group(phase, result),
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
