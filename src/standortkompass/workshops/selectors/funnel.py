"""The narrowing funnel: which items a phase takes from an earlier one, and where an item came from.

A phase's input selection names an earlier phase of the session and one of three modes: **all** of its visible
items, its **top N** (as ranked by the phase's result) or the facilitator's **pick**. When the phase opens for
the first time, ``services.phases.phase_open`` copies these items into it (``origin`` "carried", ``source_item``
pointing back), so every phase's result stands on its own and an idea can be followed through the funnel
("Was wurde aus dieser Idee?": :func:`lineage` backwards, :func:`successors` forwards).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from standortkompass.workshops.models import InputMode, Item, ItemKind, PhaseKind, SessionPhase
from standortkompass.workshops.selectors.results import ranked_item_ids

# A chain of carried copies is as long as the funnel (a session has a few dozen phases at most); the limit only
# guards against a loop in broken data.
MAX_DEPTH = 100


def _visible(phase: SessionPhase) -> list[Item]:
    """What counts as one item of a phase: visible items that are not merged into another one.

    Cards merged into another card or moved into a cluster are counted with it (their ``cluster``); in a cluster
    phase that leaves the clusters and the cards nobody put into one, clusters first."""
    items = phase.items.filter(hidden=False, cluster__isnull=True)
    if phase.kind == PhaseKind.CLUSTER:
        clusters = list(items.filter(kind=ItemKind.CLUSTER).order_by("position", "id"))
        cards = list(items.exclude(kind=ItemKind.CLUSTER).order_by("position", "id"))
        return clusters + cards
    return list(items.order_by("position", "id"))


def _in_order(phase: SessionPhase, ids: Iterable[object]) -> list[Item]:
    """The visible items of ``phase`` with the given ids, in the order of the ids (unknown ids left out)."""
    wanted: list[int] = []
    for value in ids:
        try:
            item_id = int(str(value))
        except ValueError:
            continue
        if item_id not in wanted:
            wanted.append(item_id)
    found = phase.items.filter(hidden=False).in_bulk(wanted)
    return [found[item_id] for item_id in wanted if item_id in found]


def input_items(phase: SessionPhase) -> list[Item]:
    """The items of the input phase that ``phase`` takes, in order: all visible ones (for a cluster phase its
    clusters plus the unclustered cards), the top N of its result, or the facilitator's pick."""
    source = phase.input_phase
    if source is None or phase.input_mode == InputMode.NONE:
        return []
    if phase.input_mode == InputMode.ALL:
        return _visible(source)
    if phase.input_mode == InputMode.TOP:
        top_n = phase.input_top_n or 0
        return _in_order(source, ranked_item_ids(source)[:top_n]) if top_n > 0 else []
    if phase.input_mode == InputMode.PICK:
        return _in_order(source, phase.picked or [])
    return []


def lineage(item: Item) -> list[Item]:
    """The item's sources, nearest first, back to the first card (the item itself not included)."""
    sources: list[Item] = []
    seen = {item.pk}
    current = item
    while current.source_item_id is not None and len(sources) < MAX_DEPTH:
        if current.source_item_id in seen:
            break
        source = Item.objects.select_related("phase__session").filter(pk=current.source_item_id).first()
        if source is None:
            break
        sources.append(source)
        seen.add(source.pk)
        current = source
    return sources


def successors(item: Item) -> list[Item]:
    """What became of the item in later phases: its carried copies, the cluster it was put into and the copies of
    that cluster (and of their copies), in the order of the phases (within a phase: a card before its cluster).

    A card merged into a cluster lives on as the cluster; the cluster's copy is the card's successor."""
    found: dict[int, tuple[int, Item]] = {}
    frontier = [item]
    depth = 0
    while frontier and depth < MAX_DEPTH:
        depth += 1
        ids = {current.pk for current in frontier}
        clusters = {current.cluster_id for current in frontier if current.cluster_id is not None}
        following = Item.objects.select_related("phase").filter(Q(source_item_id__in=ids) | Q(pk__in=clusters))
        frontier = []
        for candidate in following.exclude(pk__in=[*found, item.pk]):
            found[candidate.pk] = (depth, candidate)
            frontier.append(candidate)
    ordered = sorted(
        found.values(),
        key=lambda entry: (
            entry[1].phase.session_id,
            entry[1].phase.position,
            entry[1].phase_id,
            entry[0],
            entry[1].pk,
        ),
    )
    return [entry for _depth, entry in ordered]
