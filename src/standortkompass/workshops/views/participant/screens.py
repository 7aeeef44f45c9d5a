"""What the participant's screen shows: the session's state, and the current phase per kind with the participant's
ballot so far; the page with an error summary after a refused action."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from standortkompass.workshops.forms import participant as forms
from standortkompass.workshops.models import (
    Commitment,
    Contribution,
    Item,
    ItemKind,
    Participant,
    PhaseKind,
    PhaseScope,
    PhaseState,
    SessionPhase,
    SessionState,
)
from standortkompass.workshops.selectors import participants as selectors
from standortkompass.workshops.selectors.state import live_messages, phase_results, results_visible
from standortkompass.workshops.services import contributions
from standortkompass.workshops.views.participant.visits import Visit

RATING_KINDS = frozenset({PhaseKind.RATING, PhaseKind.MATRIX})
POINT_KINDS = frozenset({PhaseKind.DOT_VOTE, PhaseKind.POINTS})
CANVAS_LABELS = {
    "goal": gettext_lazy("Goal"),
    "first_steps": gettext_lazy("First steps"),
    "lead": gettext_lazy("Who leads"),
    "partners": gettext_lazy("Partners"),
    "resources": gettext_lazy("Resources"),
    "risks": gettext_lazy("Risks"),
    "indicator": gettext_lazy("How we see success (indicator)"),
}
STRENGTH_LABELS = {
    1: gettext_lazy("a little more important"),
    2: gettext_lazy("clearly more important"),
    3: gettext_lazy("much more important"),
}


@dataclass
class Scale:
    """One scale of an item (a rating, or one criterion of a matrix): its field, label and the value given."""

    name: str
    label: str
    value: str


@dataclass
class Row:
    """One item as the participant's screen shows it."""

    item: Item
    own: bool = False
    points: int = 0
    ratings: list[Scale] | None = None
    members: list[Item] | None = None
    commitment: Commitment | None = None
    rank: int = 0


def phase_criteria(phase: SessionPhase) -> list[tuple[str, str]]:
    found = []
    for entry in phase.setting("criteria") or []:
        key = entry.get("key") if isinstance(entry, dict) else entry
        label = entry.get("label") if isinstance(entry, dict) else None
        if key:
            found.append((str(key), str(label or key)))
    return found


def canvas_fields(phase: SessionPhase) -> list[tuple[str, str]]:
    labels: dict[str, str] = {}
    for entry in phase.setting("canvas_fields") or []:
        if isinstance(entry, dict) and entry.get("key") and entry.get("label"):
            labels[str(entry["key"])] = str(entry["label"])
    return [(key, labels.get(key) or str(CANVAS_LABELS.get(key, key))) for key in contributions.canvas_fields(phase)]


def phase_items(phase: SessionPhase, participant: Participant) -> list[Item]:
    items = phase.items.filter(hidden=False).select_related("cluster")
    if phase.scope == PhaseScope.TABLE:
        items = items.filter(Q(table_id=participant.table_id) | Q(table__isnull=True))
    return list(items.order_by("position", "id"))


def phase_context(phase: SessionPhase, participant: Participant) -> dict[str, Any]:
    kind = phase.kind
    context: dict[str, Any] = {"kind": kind, "is_open": phase.state == PhaseState.OPEN}
    if phase.scope == PhaseScope.TABLE and participant.table_id is None and phase.state == PhaseState.OPEN:
        context["needs_table"] = True
    items = phase_items(phase, participant)
    ballot = selectors.ballot(phase=phase, participant=participant)
    rows: list[Row] = []
    if kind in (PhaseKind.CHECK_IN, PhaseKind.COLLECT, PhaseKind.CANVAS):
        cards = [item for item in items if item.kind == ItemKind.CARD and item.cluster_id is None]
        if phase.scope != PhaseScope.TABLE:
            cards = [item for item in cards if item.author_id == participant.pk]
        rows = [Row(item=item, own=item.author_id == participant.pk) for item in cards]
        most = int(phase.setting("max_cards_per_participant") or 0)
        written = sum(1 for row in rows if row.own)
        context.update(cards_left=max(most - written, 0) if most else None, canvas_fields=canvas_fields(phase))
    elif kind == PhaseKind.CLUSTER:
        clusters = [item for item in items if item.kind == ItemKind.CLUSTER and item.cluster_id is None]
        members: dict[int, list[Item]] = {}
        for item in items:
            if item.kind == ItemKind.CARD and item.cluster_id is not None:
                members.setdefault(item.cluster_id, []).append(item)
        context["clusters"] = [Row(item=cluster, members=members.get(cluster.pk, [])) for cluster in clusters]
        rows = [Row(item=item) for item in items if item.kind == ItemKind.CARD]
    else:
        votable = [item for item in items if item.cluster_id is None]
        rows = [Row(item=item, own=item.author_id == participant.pk) for item in votable]
    if kind in POINT_KINDS:
        for row in rows:
            row.points = int(ballot.get(str(row.item.pk)) or 0)
        total = selectors.budget(phase)
        context.update(budget=total, points_left=total - sum(row.points for row in rows), big_steps=total > 20)
    elif kind in RATING_KINDS:
        criteria = phase_criteria(phase)[:2] if kind == PhaseKind.MATRIX else [("", "")]
        low, high = int(phase.setting("scale_min")), int(phase.setting("scale_max"))
        for row in rows:
            row.ratings = []
            for key, label in criteria:
                ballot_key = f"{row.item.pk}:{key}" if kind == PhaseKind.MATRIX else str(row.item.pk)
                value = ballot.get(ballot_key)
                shown = forms.CANNOT_JUDGE if ballot_key in ballot and value is None else str(value or "")
                row.ratings.append(Scale(name=forms.rating_field(row.item.pk, key), label=label, value=shown))
        context.update(
            criteria=criteria,
            scale=list(range(low, high + 1)),
            allow_cannot_judge=bool(phase.setting("allow_cannot_judge")),
        )
    elif kind == PhaseKind.PAIRWISE:
        chosen = {
            key: (item_id, value)
            for key, item_id, value in Contribution.objects.filter(phase=phase, participant=participant).values_list(
                "ballot_key", "item_id", "value"
            )
        }
        pairs = []
        for first, second in combinations([row.item for row in rows], 2):
            name = forms.pair_field(first.pk, second.pk)
            preferred, strength = chosen.get(f"{min(first.pk, second.pk)}-{max(first.pk, second.pk)}", (None, None))
            choice = "" if strength is None else (forms.EQUAL if strength == 0 else str(preferred))
            pairs.append({"first": first, "second": second, "name": name, "choice": choice, "strength": strength or 1})
        context.update(pairs=pairs, strengths=list(STRENGTH_LABELS.items()))
    elif kind == PhaseKind.RANKING:
        for row in rows:
            row.rank = int(ballot.get(str(row.item.pk)) or 0)
        context["ranked"] = any(row.rank for row in rows)
        rows.sort(key=lambda row: (row.rank or len(rows) + 1, row.item.position, row.item.pk))
        for place, row in enumerate(rows, start=1):
            row.rank = place
        context["places"] = list(range(1, len(rows) + 1))
    elif kind == PhaseKind.COMMITMENTS:
        mine = {entry.item_id: entry for entry in Commitment.objects.filter(phase=phase, participant=participant)}
        for row in rows:
            row.commitment = mine.get(row.item.pk)
        context["roles"] = Commitment.Role.choices
    context["rows"] = rows
    if kind == PhaseKind.SUMMARY and phase.input_phase is not None:
        context["result"] = phase_results(phase.input_phase)
        context["result_phase"] = phase.input_phase
    elif (phase.is_voting or kind == PhaseKind.COMMITMENTS) and results_visible(phase):
        context["result"] = phase_results(phase)
        context["result_phase"] = phase
    return context


def region_context(request: HttpRequest, visit: Visit) -> dict[str, Any]:
    session, participant = visit.session, visit.participant
    context: dict[str, Any] = {"session": session, "participant": participant, "workshop": session.workshop}
    if session.state == SessionState.ENDED:
        context["screen"] = "ended"
    elif visit.removed:
        context["screen"] = "removed"
    elif participant is None:
        context["screen"] = "join" if session.state == SessionState.LIVE else "not_started"
    else:
        phase = session.current_phase
        if phase is None or phase.state == PhaseState.PENDING:
            context["screen"] = "waiting"
        else:
            context.update(screen="phase", phase=phase, **phase_context(phase, participant))
    return context


def page(
    request: HttpRequest,
    visit: Visit,
    *,
    errors: list[tuple[str, str]] | None = None,
    posted: dict[str, str] | None = None,
    join_form: forms.JoinForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = region_context(request, visit)
    errors = errors or []
    posted = posted or {}
    context.update(
        errors=errors,
        error_for=dict(reversed(errors)),
        posted=posted,
        join_form=join_form or forms.JoinForm(),
        profile_open=any(anchor.startswith("id_profile") for anchor, _message in errors),
    )
    if posted:
        show_posted(context, posted)
    if visit.participant is not None:
        if context["profile_open"]:
            profile_form = forms.ProfileForm(posted, auto_id="id_profile_%s")
            profile_form.is_valid()
        else:
            initial = {"group": visit.participant.group, "display_name": visit.participant.display_name}
            profile_form = forms.ProfileForm(initial=initial, auto_id="id_profile_%s")
        context["profile_form"] = profile_form
        # Others' votes change this screen only while results are shown live; every other change of the session
        # that concerns a participant makes live.js fetch the region again.
        events = ["phase", "items", "reveal", "tables", "session", "timer"]
        if context.get("result") is not None and context.get("is_open"):
            events.append("votes")
        context.update(live_events=" ".join(events), live_messages=live_messages())
    response = render(request, "workshops/participant/session.html", context, status=status)
    if context["screen"] == "ended" and selectors.cookie_name(visit.session) in request.COOKIES:
        response.delete_cookie(selectors.cookie_name(visit.session), path="/", samesite="Lax")
    return response


def show_posted(context: dict[str, Any], posted: dict[str, str]) -> None:
    """After a refused vote the form shows what was sent, not what is stored."""
    for row in context.get("rows", []):
        for scale in row.ratings or []:
            if scale.name in posted:
                scale.value = posted[scale.name]
    for pair in context.get("pairs", []):
        if pair["name"] in posted:
            pair["choice"] = posted[pair["name"]]
            pair["strength"] = posted.get(f"{pair['name']}-strength", pair["strength"])
