"""The result of a phase as plain JSON: what the projector and the console show and what a closed phase keeps.

``phase_result(phase)`` reads the phase's items and contributions in two or three queries and counts them with
the pure functions of ``analysis.workshop``. Every result has ``kind``, ``grouped`` and ``items`` (the items
that count on their own, each with its ``members``) plus what the kind adds; ``phase_snapshot(phase)`` freezes
it with the phase's settings and the participation when the phase closes. Floats are unrounded; screens round.

Which items count (``analysis.workshop.items``, as ``selectors.funnel``):

- A hidden item is left out, and with it everything counted with it (its members, the votes on them).
- An item whose ``cluster`` is set is counted with that item — a card in a cluster, or a duplicate merged into
  another card; votes on it count for the item at the top of that chain. A voter's ratings of a card and its
  merged duplicate count once (``analysis.workshop.ballots``).
- Paper results (no participant, origin paper) count in the totals and are shown separately. Contributions and
  commitments of a participant the facilitator removed are left out; their cards stay until hidden.

Stakeholder groups are keys of ``StakeholderGroup``, ``""`` for "no group given"; :func:`group_label` names them.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.analysis.workshop import (
    CommitmentRow,
    Entry,
    ItemNode,
    ItemTree,
    Rating,
    RatingStats,
    borda,
    commitment_counts,
    comparisons,
    item_tree,
    matrix_points,
    pairwise_weights,
    point_totals,
    point_votes,
    ranked_ids,
    ranking_ballots,
    rating_stats,
    ratings,
    voter_counts,
    voters,
)
from standortkompass.workshops.models import (
    DEFAULT_SETTINGS,
    VOTING_KINDS,
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
    StakeholderGroup,
)
from standortkompass.workshops.selectors.participants import budget

SCHEMA = 1
# A participant counts as active if seen within this time (services.participation.participant_seen).
ACTIVE_WINDOW = dt.timedelta(minutes=2)

_ITEM_FIELDS = (
    "id",
    "kind",
    "text",
    "canvas",
    "origin",
    "author__group",
    "table_id",
    "table__name",
    "source_item_id",
    "source_reference",
    "cluster_id",
    "hidden",
    "position",
)
_GROUP_ORDER = {key: index for index, key in enumerate(StakeholderGroup.values)}

Json = dict[str, Any]


def group_label(key: str) -> str:
    """The stakeholder group's name, or "No stakeholder group given" for ``""`` (and for an unknown key)."""
    if key in _GROUP_ORDER:
        return str(StakeholderGroup(key).label)
    return _("No stakeholder group given")


def _sorted_groups(keys: Iterable[str]) -> list[str]:
    """Group keys in the order of ``StakeholderGroup``, "no group" (and unknown keys) last."""
    return sorted(set(keys), key=lambda key: (_GROUP_ORDER.get(key, len(_GROUP_ORDER)), key))


# --- reading ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Items:
    rows: dict[int, Json]  # by id, in position order
    tree: ItemTree

    @property
    def roots(self) -> tuple[int, ...]:
        return self.tree.roots

    @property
    def root_of(self) -> dict[int, int]:
        return self.tree.root_of


def _load_items(phase: SessionPhase) -> _Items:
    queryset = Item.objects.filter(phase_id=phase.pk).order_by("position", "id").values(*_ITEM_FIELDS)
    rows = {row["id"]: row for row in queryset}
    nodes = [
        ItemNode(
            id=row["id"], cluster=row["cluster_id"], hidden=row["hidden"], position=row["position"], kind=row["kind"]
        )
        for row in rows.values()
    ]
    return _Items(rows=rows, tree=item_tree(nodes, clusters_first=phase.kind == PhaseKind.CLUSTER))


def _load_entries(phase: SessionPhase) -> list[Entry]:
    """The phase's contributions (without those of removed participants), oldest first."""
    queryset = (
        Contribution.objects.filter(phase_id=phase.pk)
        .filter(Q(participant__isnull=True) | Q(participant__removed_at__isnull=True))
        .order_by("id")
        .values("participant_id", "item_id", "other_item_id", "criterion", "ballot_key", "value", "origin", "group")
    )
    return [
        Entry(
            item=row["item_id"],
            value=row["value"],
            voter=None if row["participant_id"] is None else str(row["participant_id"]),
            group=row["group"] or "",
            criterion=row["criterion"],
            other_item=row["other_item_id"],
            key=row["ballot_key"],
            paper=row["participant_id"] is None or row["origin"] == ContributionOrigin.PAPER,
        )
        for row in queryset
    ]


# --- items as JSON ---------------------------------------------------------------------------------------------


def _flat_item(items: _Items, item_id: int) -> Json:
    row = items.rows[item_id]
    return {
        "id": item_id,
        "kind": row["kind"],
        "text": row["text"],
        "origin": row["origin"],
        "paper": row["origin"] == ItemOrigin.PAPER,
        "position": row["position"],
        "cluster": row["cluster_id"],
        "group": row["author__group"] or "",
        "table": row["table_id"],
        "table_name": row["table__name"] or "",
        "source_item": row["source_item_id"],
        "source_reference": row["source_reference"] or {},
        "canvas": row["canvas"] or {},
    }


def _item_json(items: _Items, item_id: int) -> Json:
    """An item with its members (nested) and ``size``: the cards counted with it, itself included if a card."""
    entry = _flat_item(items, item_id)
    entry["members"] = [_item_json(items, member) for member in items.tree.members.get(item_id, ())]
    own = 1 if entry["kind"] == ItemKind.CARD else 0
    entry["size"] = own + sum(member["size"] for member in entry["members"])
    return entry


def _stats_json(stats: RatingStats) -> Json:
    return {
        "n": stats.n,
        "mean": stats.mean,
        "sd": stats.sd,
        "distribution": [{"value": value, "count": count} for value, count in stats.distribution],
        "cannot_judge": stats.cannot_judge,
    }


# --- voting phases ---------------------------------------------------------------------------------------------


def _voting(
    items: _Items,
    entries: Sequence[Entry],
    scores: Mapping[int, float | None],
    figures: Mapping[int, Json],
    *,
    by_group: bool,
    grouped: Callable[[str], Mapping[int, Any]] | None = None,
) -> Json:
    """The items in ranked order with ``rank``, ``score`` and their figures; voters in all and, with
    ``by_group``, per group and each item's figures per group (``grouped(group)``)."""
    order = ranked_ids({item: scores.get(item) for item in items.roots}, positions=_positions(items))
    count, count_by_group = voters(entries)
    groups = _sorted_groups(count_by_group) if by_group else []
    per_group = {group: grouped(group) for group in groups} if grouped is not None else {}
    listed = []
    for rank, item_id in enumerate(order, start=1):
        entry = {**_item_json(items, item_id), "rank": rank, "score": scores.get(item_id), **figures[item_id]}
        if by_group:
            entry["by_group"] = {group: per_group[group][item_id] for group in per_group}
        listed.append(entry)
    result: Json = {"voters": count, "items": listed}
    if by_group:
        result["groups"] = groups
        result["by_group"] = {group: {"voters": count_by_group[group]} for group in groups}
    return result


def _positions(items: _Items) -> dict[int, int]:
    return {item: items.rows[item]["position"] for item in items.roots}


def _points_result(phase: SessionPhase, items: _Items, entries: list[Entry], by_group: bool) -> Json:
    votes = point_votes(entries, items.root_of)
    totals = point_totals(votes, items=items.roots)
    figures = {
        item: {"total": t.total, "online": t.online, "paper": t.paper, "voters": t.voters} for item, t in totals.items()
    }
    result = _voting(
        items,
        entries,
        {item: float(t.total) for item, t in totals.items()},
        figures,
        by_group=by_group,
        grouped=lambda group: {item: t.by_group.get(group, 0) for item, t in totals.items()},
    )
    count, count_by_group = voter_counts(votes)
    result.update(
        budget=budget(phase),
        cap_per_item=int(phase.setting("cap_per_item")),
        total=sum(t.total for t in totals.values()),
        online=sum(t.online for t in totals.values()),
        paper=sum(t.paper for t in totals.values()),
        # Voters who gave at least one point (a participant who took all points back does not count).
        voters=count,
    )
    if by_group:
        result["by_group"] = {
            group: {
                "points": sum(t.by_group.get(group, 0) for t in totals.values()),
                "voters": count_by_group.get(group, 0),
            }
            for group in result["groups"]
        }
    return result


def _scale(phase: SessionPhase) -> range:
    return range(int(phase.setting("scale_min")), int(phase.setting("scale_max")) + 1)


def _criterion(entry: object, fallback: str) -> dict[str, str]:
    if isinstance(entry, Mapping) and entry.get("key"):
        key = str(entry["key"])
        return {"key": key, "label": str(entry.get("label") or key)}
    return {"key": fallback, "label": fallback}


def _rating_result(phase: SessionPhase, items: _Items, entries: list[Entry], by_group: bool) -> Json:
    scale = _scale(phase)
    found = ratings(entries, items.root_of)

    def stats(selected: Iterable[Rating]) -> dict[int, Json]:
        values: dict[int, list[int | None]] = {item: [] for item in items.roots}
        for rating in selected:
            values[rating.item].append(rating.value)
        return {item: _stats_json(rating_stats(found_values, scale=scale)) for item, found_values in values.items()}

    figures = stats(found)
    result = _voting(
        items,
        entries,
        {item: figure["mean"] for item, figure in figures.items()},
        figures,
        by_group=by_group,
        grouped=lambda group: stats(rating for rating in found if rating.group == group),
    )
    criteria = phase.setting("criteria") or []
    result.update(
        scale_min=scale.start,
        scale_max=scale.stop - 1,
        criterion=_criterion(criteria[0], "rating") if criteria else None,
    )
    return result


def _matrix_axes(phase: SessionPhase, entries: Iterable[Entry]) -> tuple[dict[str, str], dict[str, str]]:
    """The x and y criteria: the phase's first two criteria; missing ones taken from the ratings' criteria."""
    axes: list[dict[str, str]] = []
    for entry in phase.setting("criteria") or []:
        criterion = _criterion(entry, "")
        if criterion["key"] and criterion["key"] not in {axis["key"] for axis in axes} and len(axes) < 2:
            axes.append(criterion)
    used = {axis["key"] for axis in axes}
    spare = [key for key in sorted({entry.criterion for entry in entries if entry.criterion}) if key not in used]
    spare += [key for key in ("x", "y", "z") if key not in used and key not in spare]
    while len(axes) < 2:
        key = spare.pop(0)
        axes.append({"key": key, "label": key})
    return axes[0], axes[1]


def _matrix_result(phase: SessionPhase, items: _Items, entries: list[Entry], by_group: bool) -> Json:
    scale = _scale(phase)
    x, y = _matrix_axes(phase, entries)
    found = ratings(entries, items.root_of)

    def axes(selected: Iterable[Rating]) -> dict[int, Json]:
        points = matrix_points(selected, x=x["key"], y=y["key"], items=items.roots, scale=scale)
        return {item: {"x": _stats_json(point.x), "y": _stats_json(point.y)} for item, point in points.items()}

    points = matrix_points(found, x=x["key"], y=y["key"], items=items.roots, scale=scale)
    result = _voting(
        items,
        entries,
        {item: point.score for item, point in points.items()},
        axes(found),
        by_group=by_group,
        grouped=lambda group: axes(rating for rating in found if rating.group == group),
    )
    result.update(scale_min=scale.start, scale_max=scale.stop - 1, criteria={"x": x, "y": y})
    return result


def _pairwise_result(items: _Items, entries: list[Entry], by_group: bool) -> Json:
    found = comparisons(entries, items.root_of)
    scores = pairwise_weights(found, items=items.roots)
    result = _voting(
        items,
        entries,
        {item: score.weight for item, score in scores.items()},
        {item: asdict(score) for item, score in scores.items()},
        by_group=by_group,
        grouped=lambda group: {
            item: asdict(score)
            for item, score in pairwise_weights([c for c in found if c.group == group], items=items.roots).items()
        },
    )
    result.update(comparisons=len(found), points=sum(score.points for score in scores.values()))
    return result


def _ranking_result(items: _Items, entries: list[Entry], by_group: bool) -> Json:
    ballots = ranking_ballots(entries, items.root_of)
    scores = borda([ballot for _, ballot in ballots.values()], items=items.roots)
    result = _voting(
        items,
        entries,
        {item: float(score.points) for item, score in scores.items()},
        {item: asdict(score) for item, score in scores.items()},
        by_group=by_group,
        grouped=lambda group: {
            item: asdict(score)
            for item, score in borda(
                [ballot for ballot_group, ballot in ballots.values() if ballot_group == group], items=items.roots
            ).items()
        },
    )
    result.update(ballots=len(ballots), items_count=len(items.roots))
    return result


# --- other phases ----------------------------------------------------------------------------------------------


def _commitments_result(phase: SessionPhase, items: _Items) -> Json:
    queryset = (
        Commitment.objects.filter(phase_id=phase.pk)
        .filter(Q(participant__isnull=True) | Q(participant__removed_at__isnull=True))
        .order_by("created_at", "id")
        .values("item_id", "participant_id", "role", "name", "note", "origin")
    )
    rows = [row for row in queryset if row["item_id"] in items.root_of]
    counts = commitment_counts(
        [CommitmentRow(item=items.root_of[row["item_id"]], role=row["role"]) for row in rows], items=items.roots
    )
    listed: dict[int, list[Json]] = {item: [] for item in items.roots}
    for row in rows:
        # Named only as the person chose to be named (an empty name stays empty).
        commitment = {"role": row["role"], "name": row["name"], "note": row["note"], "origin": row["origin"]}
        listed[items.root_of[row["item_id"]]].append(commitment)
    people = {row["participant_id"] for row in rows if row["participant_id"] is not None}
    return {
        "count": len(rows),
        "people": len(people) + sum(1 for row in rows if row["participant_id"] is None),
        # Commitments are no vote: the items stay in their order.
        "items": [
            {
                **_item_json(items, item),
                "score": float(counts[item].total),
                "count": counts[item].total,
                "by_role": counts[item].by_role,
                "commitments": listed[item],
            }
            for item in items.roots
        ],
    }


def _cards_result(items: _Items, by_group: bool) -> Json:
    cards = [item for item in items.root_of if items.rows[item]["kind"] == ItemKind.CARD]
    result: Json = {
        "cards": len(cards),
        "paper": sum(1 for item in cards if items.rows[item]["origin"] == ItemOrigin.PAPER),
        "items": [_item_json(items, item) for item in items.roots],
    }
    if by_group:
        counts: dict[str, int] = {}
        for item in cards:
            group = items.rows[item]["author__group"] or ""
            counts[group] = counts.get(group, 0) + 1
        result["groups"] = _sorted_groups(counts)
        result["by_group"] = {group: {"cards": counts[group]} for group in result["groups"]}
    return result


def _cluster_result(items: _Items, by_group: bool) -> Json:
    result = _cards_result(items, by_group)
    result["clusters"] = [item for item in items.roots if items.rows[item]["kind"] == ItemKind.CLUSTER]
    result["unclustered"] = [item for item in items.roots if items.rows[item]["kind"] != ItemKind.CLUSTER]
    return result


# --- the public selectors --------------------------------------------------------------------------------------


def phase_result(phase: SessionPhase, *, by_group: bool = False) -> Json:
    """The phase's result as JSON-serialisable values.

    Always ``kind``, ``grouped`` (``by_group`` as asked) and ``items``: the items that count on their own, each with id,
    kind, text, origin, paper, position, cluster, group (the author's), table, table_name, source_item,
    source_reference, canvas, size (cards counted with it) and members (the same, nested). In a voting phase
    the items come in the order of :func:`ranked_item_ids` with ``rank``, ``score`` and the kind's figures; with
    ``by_group`` also ``groups`` (the keys present, in order) and ``by_group`` in all and per item.
    """
    return _result(phase, _load_items(phase), by_group=by_group)


def _result(phase: SessionPhase, items: _Items, *, by_group: bool) -> Json:
    kind = phase.kind
    result: Json
    if kind in (PhaseKind.DOT_VOTE, PhaseKind.POINTS):
        result = _points_result(phase, items, _load_entries(phase), by_group)
    elif kind == PhaseKind.RATING:
        result = _rating_result(phase, items, _load_entries(phase), by_group)
    elif kind == PhaseKind.MATRIX:
        result = _matrix_result(phase, items, _load_entries(phase), by_group)
    elif kind == PhaseKind.PAIRWISE:
        result = _pairwise_result(items, _load_entries(phase), by_group)
    elif kind == PhaseKind.RANKING:
        result = _ranking_result(items, _load_entries(phase), by_group)
    elif kind == PhaseKind.COMMITMENTS:
        result = _commitments_result(phase, items)
    elif kind == PhaseKind.CLUSTER:
        result = _cluster_result(items, by_group)
    elif kind in (PhaseKind.CHECK_IN, PhaseKind.COLLECT, PhaseKind.CANVAS):
        result = _cards_result(items, by_group)
    else:  # information, summary: what the phase shows, nothing counted
        result = {"items": [_item_json(items, item) for item in items.roots]}
    return {"kind": kind, "grouped": by_group, **result}


def ranked_item_ids(phase: SessionPhase) -> list[int]:
    """The ids of the items that count on their own, in the order "top N" takes them.

    Voting phases by score (dots and points: total; rating: mean; matrix: the mean of the two axes' means;
    pairwise: weight; ranking: Borda points), highest first, equal scores by position and then id, items
    without a score (nobody rated them) last; ``[:n]`` keeps exactly N (``analysis.workshop.top_n``). Other
    phases in position order, a cluster phase its clusters first.
    """
    return [int(item["id"]) for item in phase_result(phase)["items"]]


def participation(session: LiveSession, *, phase: SessionPhase | None = None, now: dt.datetime | None = None) -> Json:
    """How many take part (counts only, no names), in all and by stakeholder group.

    ``{"phase": id or None, "joined", "active", "voted", "removed", "by_group": {group: {"joined", "active",
    "voted"}}}`` — ``joined``: participants not removed; ``active``: of them, seen in the last two minutes;
    ``voted``: of them, those who contributed to ``phase`` (default: the session's current phase) — a vote, a
    rating, a card or a commitment; ``removed``: removed by the facilitator. Two queries.
    """
    phase_id = phase.pk if phase is not None else session.current_phase_id
    return _participation(session.pk, phase_id, now=now or timezone.now())


def _participation(session_id: int, phase_id: int | None, *, now: dt.datetime) -> Json:
    people = Participant.objects.filter(session_id=session_id).values("id", "group", "last_seen_at", "removed_at")
    contributed: set[object] = set()
    if phase_id is not None:
        queryset = (
            Contribution.objects.filter(phase_id=phase_id, participant__isnull=False)
            .order_by()
            .values_list("participant_id")
            .union(
                Item.objects.filter(phase_id=phase_id, author__isnull=False).order_by().values_list("author_id"),
                Commitment.objects.filter(phase_id=phase_id, participant__isnull=False)
                .order_by()
                .values_list("participant_id"),
            )
        )
        contributed = {value for (value,) in queryset}
    totals = {"joined": 0, "active": 0, "voted": 0}
    by_group: dict[str, dict[str, int]] = {}
    removed = 0
    for row in people:
        if row["removed_at"] is not None:
            removed += 1
            continue
        counts = by_group.setdefault(row["group"] or "", {"joined": 0, "active": 0, "voted": 0})
        seen = row["last_seen_at"]
        flags = {
            "joined": True,
            "active": seen is not None and now - seen <= ACTIVE_WINDOW,
            "voted": row["id"] in contributed,
        }
        for name, flag in flags.items():
            totals[name] += flag
            counts[name] += flag
    groups = _sorted_groups(by_group)
    return {"phase": phase_id, **totals, "removed": removed, "by_group": {group: by_group[group] for group in groups}}


def phase_snapshot(phase: SessionPhase, *, now: dt.datetime | None = None) -> Json:
    """The phase frozen as JSON when it closes: what the projector showed and what is exported.

    ``{"schema", "phase", "kind", "title", "prompt", "scope", "position", "settings" (defaults filled in),
    "input" {mode, phase, top_n, picked}, "voting", "revealed", "split_by_group", "result" (:func:`phase_result`
    with ``by_group=True``), "items" (every counted item flat, members with their ``cluster``, in position
    order), "hidden" (how many items were hidden), "participation" (:func:`participation` for this phase),
    "taken_at" (ISO 8601)}``.
    """
    now = now or timezone.now()
    items = _load_items(phase)
    return {
        "schema": SCHEMA,
        "phase": phase.pk,
        "kind": phase.kind,
        "title": phase.title,
        "prompt": phase.prompt,
        "scope": phase.scope,
        "position": phase.position,
        "settings": {**copy.deepcopy(DEFAULT_SETTINGS), **copy.deepcopy(phase.settings or {})},
        "input": {
            "mode": phase.input_mode,
            "phase": phase.input_phase_id,
            "top_n": phase.input_top_n,
            "picked": list(phase.picked or []),
        },
        "voting": phase.kind in VOTING_KINDS,
        "revealed": phase.revealed,
        "split_by_group": phase.split_by_group,
        "result": _result(phase, items, by_group=True),
        "items": [_flat_item(items, item) for item in items.rows if item in items.root_of],
        "hidden": items.tree.hidden,
        "participation": _participation(phase.session_id, phase.pk, now=now),
        "taken_at": now.isoformat(),
    }
