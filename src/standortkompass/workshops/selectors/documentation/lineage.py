"""Where a workshop item came from and what became of it: the funnel's copies and clusters as a graph over the
process's items, and the strategy's citations of an item or of what it turned into later."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from standortkompass.processes import evidence
from standortkompass.processes.evidence import Citation
from standortkompass.strategy.models import EvidenceLink
from standortkompass.workshops.models import Item, LiveSession
from standortkompass.workshops.selectors.evidence import source_key

MAX_DEPTH = 100


@dataclass
class ItemGraph:
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


def item_graph(session: LiveSession) -> ItemGraph:
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
    return ItemGraph(source=source, cluster=cluster, forward=dict(forward))


class Citations:
    """The strategy's citations of workshop items, asked once per cited item."""

    def __init__(self, session: LiveSession, graph: ItemGraph, page_items: Iterable[int]) -> None:
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
