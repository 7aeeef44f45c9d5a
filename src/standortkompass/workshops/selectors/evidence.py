"""Workshop results as a kind of evidence ("workshop_item"): the strategy can cite a cluster, a winning item or a
project canvas of a closed workshop phase.

Reference ``{"item": <Item id>}``, source key ``"workshop_item:<id>"``. An item resolves while it exists in a
workshop of the process and is not hidden; the summary names the phase, the workshop, the day and the item's
standing in its phase as the phase's frozen result (the snapshot) has it ("12 Punkte, Platz 2 von 14"). For
Redaktion the link leads to the item on the session's documentation page; the public sees the item's text and
the workshop's name without a link (the documentation is not public).

:func:`item_standings` is also what the documentation page shows next to each item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from standortkompass.core.numbers import format_number, format_percent
from standortkompass.processes.evidence import EvidenceKind, EvidenceOption, Reference, ResolvedEvidence
from standortkompass.processes.models import StrategyProcess
from standortkompass.workshops.models import (
    VOTING_KINDS,
    Item,
    ItemKind,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionPhase,
)

KIND = "workshop_item"
# How many of a voting phase's items the choice of sources offers (the winners); any item of a closed phase can
# still be handed over from the documentation page.
WINNERS = 5
SUMMARY_LENGTH = 300


def source_key(item_id: int | str) -> str:
    return f"workshop_item:{item_id}"


def item_anchor(item_id: int) -> str:
    """The id of an item's place on the documentation page."""
    return f"eintrag-{item_id}"


def documentation_url(session: LiveSession, item_id: int | None = None) -> str:
    url = reverse(
        "workshops_manage:documentation",
        kwargs={"process_pk": session.workshop.process_id, "session_pk": session.pk},
    )
    return url + (f"#{item_anchor(item_id)}" if item_id is not None else "")


def session_day(session: LiveSession) -> str:
    """The day of the session as a page shows it ("10.03.2027"); the day it was prepared before it started."""
    moment = session.started_at or session.created_at
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


# --- an item's standing in its phase --------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Where an item stands in its phase's result: its rank among ``of`` (voting phases) and a short text."""

    rank: int | None
    of: int
    text: str


def _result(phase: SessionPhase) -> dict[str, Any]:
    """The phase's frozen result when it has one, else the result now."""
    snapshot = phase.snapshot
    if isinstance(snapshot, Mapping) and isinstance(snapshot.get("result"), Mapping):
        return dict(snapshot["result"])
    from standortkompass.workshops.selectors.results import phase_result

    return phase_result(phase)


def _walk(entries: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for entry in entries:
        yield entry
        yield from _walk(entry.get("members") or ())


def _number(value: object, decimals: int = 1) -> str:
    return format_number(float(value), decimals) if isinstance(value, int | float) else "–"


def _score_text(kind: str, entry: Mapping[str, Any], result: Mapping[str, Any]) -> str:
    if kind in (PhaseKind.DOT_VOTE, PhaseKind.POINTS):
        total = int(entry.get("total") or 0)
        return ngettext("%(points)s point", "%(points)s points", total) % {"points": format_number(total)}
    if kind == PhaseKind.RATING:
        if entry.get("mean") is None:
            return _("not rated")
        return _("mean %(mean)s (%(n)s ratings)") % {"mean": _number(entry["mean"]), "n": entry.get("n", 0)}
    if kind == PhaseKind.MATRIX:
        criteria = result.get("criteria") or {}
        axes = []
        for axis in ("x", "y"):
            label = str((criteria.get(axis) or {}).get("label") or axis)
            mean = (entry.get(axis) or {}).get("mean")
            axes.append(f"{label} {_number(mean)}")
        return ", ".join(axes)
    if kind == PhaseKind.PAIRWISE:
        weight = entry.get("weight")
        if weight is None:
            return _("not compared")
        return _("weight %(weight)s") % {"weight": format_percent(float(weight) * 100)}
    if kind == PhaseKind.RANKING:
        points = int(entry.get("points") or 0)
        return ngettext("%(points)s Borda point", "%(points)s Borda points", points) % {"points": points}
    return ""


def item_standings(phase: SessionPhase) -> dict[int, Standing]:
    """Every counted item's standing in the phase (members of a cluster or merged cards under their own id,
    with the text of their cluster's standing)."""
    result = _result(phase)
    entries = list(result.get("items") or ())
    standings: dict[int, Standing] = {}
    voting = phase.kind in VOTING_KINDS
    for entry in entries:
        rank = entry.get("rank") if voting else None
        parts = []
        if phase.kind == PhaseKind.COMMITMENTS:
            count = int(entry.get("count") or 0)
            parts.append(ngettext("%(count)s commitment", "%(count)s commitments", count) % {"count": count})
        elif voting:
            parts.append(_score_text(phase.kind, entry, result))
            if isinstance(rank, int):
                parts.append(_("rank %(rank)s of %(count)s") % {"rank": rank, "count": len(entries)})
        elif entry.get("kind") == ItemKind.CLUSTER:
            size = int(entry.get("size") or 0)
            parts.append(ngettext("%(count)s card", "%(count)s cards", size) % {"count": size})
        text = ", ".join(part for part in parts if part)
        standing = Standing(rank=rank if isinstance(rank, int) else None, of=len(entries), text=text)
        for member in _walk([entry]):
            standings[int(member["id"])] = standing
    return standings


def winners(phase: SessionPhase) -> list[int]:
    """The items a phase puts forward: a cluster phase's clusters, a voting phase's top ``WINNERS``, a canvas
    phase's canvases."""
    result = _result(phase)
    entries = list(result.get("items") or ())
    if phase.kind == PhaseKind.CLUSTER:
        return [int(entry["id"]) for entry in entries if entry.get("kind") == ItemKind.CLUSTER]
    if phase.kind in VOTING_KINDS:
        return [int(entry["id"]) for entry in entries[:WINNERS]]
    if phase.kind == PhaseKind.CANVAS:
        return [int(entry["id"]) for entry in entries]
    return []


# --- the evidence kind -----------------------------------------------------------------------------------------


def _item_id(reference: Reference) -> int | None:
    value = reference.get("item")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _source(session: LiveSession) -> str:
    return _("%(workshop)s, %(date)s") % {"workshop": session.workshop.title, "date": session_day(session)}


def _options(process: StrategyProcess) -> list[EvidenceOption]:
    phases = (
        SessionPhase.objects.filter(session__workshop__process=process, state=PhaseState.CLOSED)
        .filter(kind__in=[PhaseKind.CLUSTER, PhaseKind.CANVAS, *VOTING_KINDS])
        .select_related("session__workshop")
        .order_by("-session__workshop__created_at", "session__created_at", "session_id", "position", "id")
    )
    options: list[EvidenceOption] = []
    for phase in phases:
        chosen = winners(phase)
        if not chosen:
            continue
        standings = item_standings(phase)
        texts = dict(Item.objects.filter(pk__in=chosen, hidden=False).values_list("pk", "text"))
        group = f"{_source(phase.session)} – {phase.title}"
        for item_id in chosen:
            if item_id not in texts:
                continue
            standing = standings.get(item_id)
            label = texts[item_id] + (f" ({standing.text})" if standing and standing.text else "")
            options.append(EvidenceOption(reference={"item": item_id}, label=label, group=group))
    return options


def _resolve_many(
    process: StrategyProcess, references: list[Reference], *, public: bool
) -> list[ResolvedEvidence | None]:
    ids = [_item_id(reference) for reference in references]
    items = (
        Item.objects.filter(pk__in=[pk for pk in ids if pk is not None], phase__session__workshop__process=process)
        .filter(hidden=False)
        .select_related("phase__session__workshop")
        .in_bulk()
    )
    standings: dict[int, dict[int, Standing]] = {}
    answers: list[ResolvedEvidence | None] = []
    for pk in ids:
        item = items.get(pk) if pk is not None else None
        if item is None:
            answers.append(None)
            continue
        phase = item.phase
        session = phase.session
        if public:
            answers.append(ResolvedEvidence(title=item.text, source=_source(session)))
            continue
        if phase.state == PhaseState.CLOSED and phase.pk not in standings:
            standings[phase.pk] = item_standings(phase)
        standing = standings.get(phase.pk, {}).get(item.pk)
        summary = _("%(phase)s in the workshop “%(workshop)s” on %(date)s") % {
            "phase": phase.title,
            "workshop": session.workshop.title,
            "date": session_day(session),
        }
        goal = str((item.canvas or {}).get("goal") or "").strip() if isinstance(item.canvas, dict) else ""
        if goal:
            summary += ". " + _("Goal: %(goal)s") % {"goal": goal}
        answers.append(
            ResolvedEvidence(
                title=item.text,
                summary=summary[:SUMMARY_LENGTH],
                url=documentation_url(session, item.pk),
                figure=standing.text if standing else "",
                source=_source(session),
            )
        )
    return answers


def _resolve(process: StrategyProcess, reference: Reference, *, public: bool) -> ResolvedEvidence | None:
    return _resolve_many(process, [reference], public=public)[0]


def _key(reference: Reference) -> str:
    return source_key(_item_id(reference) or 0)


WORKSHOP_ITEM = EvidenceKind(
    key=KIND,
    label=gettext_lazy("Result of a workshop"),
    options=_options,
    resolve=_resolve,
    source_key=_key,
    order=35,
    resolve_many=_resolve_many,
)
