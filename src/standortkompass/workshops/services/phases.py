"""The phases of a live session: preparing them (add, change, move, delete) and driving them live.

Only one phase of a session is open at a time. Opening a phase closes the one open before (with its snapshot),
carries the phase's input items over on its first opening (the funnel, ``selectors.funnel``) and makes it the
session's current phase; closing freezes the result as a snapshot (what the projector showed and what is
exported); reopening a closed phase needs a reason, which the audit log keeps. Opening and closing lock the
session's row, so two facilitators clicking at the same moment never leave two phases open.

Every change is recorded in the audit log and announced to the session's clients (``services.live``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record, model_changes
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.services.process import field_values
from standortkompass.workshops.models import (
    DEFAULT_SETTINGS,
    VOTING_KINDS,
    InputMode,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    PhaseKind,
    PhaseState,
    Reveal,
    SessionPhase,
    SessionState,
)
from standortkompass.workshops.selectors.funnel import input_items
from standortkompass.workshops.selectors.results import phase_snapshot
from standortkompass.workshops.services.live import announce

# The fields of a project canvas, in the order a canvas shows them (``services.templates`` offers them too).
CANVAS_FIELDS: dict[str, str | Promise] = {
    "goal": gettext_lazy("Goal"),
    "first_steps": gettext_lazy("First steps"),
    "lead": gettext_lazy("Lead"),
    "partners": gettext_lazy("Partners"),
    "resources": gettext_lazy("Resources"),
    "risks": gettext_lazy("Risks"),
    "indicator": gettext_lazy("Indicator"),
}

# 7 items make 21 pairs: about what a room compares in ten minutes.
PAIRWISE_MAX_ITEMS = 7
MAX_TOP_N = 50
MAX_TIMER_SECONDS = 2 * 60 * 60
PHASE_FIELDS = ("kind", "title", "prompt", "scope", "input_mode", "input_phase", "input_top_n", "settings")

# Every phase has these; the others only where its kind uses them.
COMMON_SETTINGS = ("timer_seconds", "anonymous", "reveal")
KIND_SETTINGS: dict[str, tuple[str, ...]] = {
    PhaseKind.DOT_VOTE: ("budget", "cap_per_item", "self_voting"),
    PhaseKind.POINTS: ("budget", "cap_per_item", "self_voting"),
    PhaseKind.RATING: ("scale_min", "scale_max", "allow_cannot_judge", "criteria", "self_voting"),
    PhaseKind.MATRIX: ("scale_min", "scale_max", "allow_cannot_judge", "criteria", "self_voting"),
    PhaseKind.PAIRWISE: ("self_voting",),
    PhaseKind.RANKING: ("self_voting",),
    PhaseKind.CHECK_IN: ("max_cards_per_participant",),
    PhaseKind.COLLECT: ("max_cards_per_participant",),
    PhaseKind.CANVAS: ("canvas_fields", "max_cards_per_participant"),
}
BUDGETS: dict[str, tuple[int, int, int]] = {
    # kind: (lowest, highest, default)
    PhaseKind.DOT_VOTE: (1, 50, 5),
    PhaseKind.POINTS: (10, 1000, 100),
}
CRITERION_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
CRITERION_LABEL_LENGTH = 100


class PhaseData(TypedDict, total=False):
    kind: str
    title: str
    prompt: str
    scope: str
    input_mode: str
    input_phase: SessionPhase | None
    input_top_n: int | None
    settings: Mapping[str, Any]


# --- settings -------------------------------------------------------------------------------------


def _whole_number(settings: Mapping[str, Any], name: str, low: int, high: int, message: str) -> int:
    value = settings.get(name, DEFAULT_SETTINGS[name])
    if isinstance(value, bool):
        raise ValidationError({name: message})
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError({name: message}) from None
    if not low <= number <= high:
        raise ValidationError({name: message})
    return number


def _yes_no(settings: Mapping[str, Any], name: str) -> bool:
    value = settings.get(name, DEFAULT_SETTINGS[name])
    if not isinstance(value, bool):
        raise ValidationError({name: _("Choose yes or no.")})
    return value


def _criteria(kind: str, value: object) -> list[dict[str, str]]:
    if kind == PhaseKind.MATRIX:
        message = _("A matrix needs exactly two criteria, each with a key and a label.")
        wanted: tuple[int, ...] = (2,)
    else:
        message = _("A rating has at most one criterion, with a key and a label.")
        wanted = (0, 1)
    if not isinstance(value, list | tuple) or len(value) not in wanted:
        raise ValidationError({"criteria": message})
    criteria = []
    for entry in value:
        if not isinstance(entry, Mapping):
            raise ValidationError({"criteria": message})
        key = str(entry.get("key", "")).strip()
        label = str(entry.get("label", "")).strip()
        if not key or not label:
            raise ValidationError({"criteria": message})
        if not CRITERION_KEY.match(key):
            raise ValidationError(
                {
                    "criteria": _(
                        "A criterion's key consists of lower-case letters, digits and underscores "
                        "(at most 40 characters), e.g. “impact”."
                    )
                }
            )
        if len(label) > CRITERION_LABEL_LENGTH:
            raise ValidationError({"criteria": _("A criterion's label has at most 100 characters.")})
        criteria.append({"key": key, "label": label})
    if len({criterion["key"] for criterion in criteria}) != len(criteria):
        raise ValidationError({"criteria": _("The two criteria need different keys.")})
    return criteria


def _canvas_fields(value: object) -> list[str]:
    if value in (None, "", [], ()):
        return list(CANVAS_FIELDS)
    if not isinstance(value, list | tuple):
        raise ValidationError({"canvas_fields": _("Choose the canvas fields from the list.")})
    fields: list[str] = []
    for name in value:
        if name not in CANVAS_FIELDS:
            raise ValidationError({"canvas_fields": _("Unknown canvas field “%(field)s”.") % {"field": name}})
        if name not in fields:
            fields.append(str(name))
    return fields


def validate_settings(kind: str, settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """The settings of a phase of ``kind``, checked and complete (defaults filled in, settings the kind does not
    use left out). Raises a ``ValidationError`` naming the setting."""
    settings = dict(settings or {})
    unknown = sorted(name for name in settings if name not in DEFAULT_SETTINGS)
    if unknown:
        raise ValidationError({"settings": _("Unknown setting “%(name)s”.") % {"name": unknown[0]}})
    cleaned: dict[str, Any] = {
        "timer_seconds": _whole_number(
            settings,
            "timer_seconds",
            0,
            MAX_TIMER_SECONDS,
            _("The timer must be between 0 and 7200 seconds (two hours)."),
        ),
        "anonymous": _yes_no(settings, "anonymous"),
    }
    reveal = settings.get("reveal", DEFAULT_SETTINGS["reveal"])
    if reveal not in Reveal.values:
        raise ValidationError({"reveal": _("Choose when the results are shown.")})
    cleaned["reveal"] = str(reveal)
    names = KIND_SETTINGS.get(kind, ())
    if "budget" in names:
        low, high, default = BUDGETS[kind]
        if kind == PhaseKind.DOT_VOTE:
            message = _("A dot vote needs a budget of 1 to 50 dots per participant.")
        else:
            message = _("A point allocation needs a budget of 10 to 1000 points per participant.")
        cleaned["budget"] = _whole_number({"budget": settings.get("budget", default)}, "budget", low, high, message)
        cleaned["cap_per_item"] = _whole_number(
            settings,
            "cap_per_item",
            0,
            cleaned["budget"],
            _("The cap per item must be between 0 (no cap) and the budget."),
        )
    if "self_voting" in names:
        cleaned["self_voting"] = _yes_no(settings, "self_voting")
    if "scale_min" in names:
        cleaned["scale_min"] = _whole_number(settings, "scale_min", 0, 1, _("The scale starts at 0 or 1."))
        cleaned["scale_max"] = _whole_number(
            settings,
            "scale_max",
            cleaned["scale_min"] + 1,
            cleaned["scale_min"] + 9,
            _("The scale needs 2 to 10 points."),
        )
        cleaned["allow_cannot_judge"] = _yes_no(settings, "allow_cannot_judge")
        cleaned["criteria"] = _criteria(kind, settings.get("criteria", []))
    if "canvas_fields" in names:
        cleaned["canvas_fields"] = _canvas_fields(settings.get("canvas_fields"))
    if "max_cards_per_participant" in names:
        cleaned["max_cards_per_participant"] = _whole_number(
            settings,
            "max_cards_per_participant",
            0,
            50,
            _("The limit of cards per participant must be between 0 (no limit) and 50."),
        )
    return cleaned


# --- preparing ------------------------------------------------------------------------------------


def _ordered(session: LiveSession) -> list[SessionPhase]:
    return list(SessionPhase.objects.filter(session=session).order_by("position", "id"))


def _comes_before(first: SessionPhase, second: SessionPhase) -> bool:
    return (first.position, first.pk or 0) < (second.position, second.pk or 0)


def _check_input(phase: SessionPhase) -> None:
    """The input selection of ``phase`` (not yet saved) is complete and points to an earlier phase."""
    if phase.input_mode == InputMode.NONE:
        phase.input_phase = None
        phase.input_top_n = None
        phase.picked = []
        return
    source = phase.input_phase
    if source is None:
        raise ValidationError({"input_phase": _("Choose the earlier phase whose items this phase takes.")})
    if source.session_id != phase.session_id or source.pk == phase.pk or not _comes_before(source, phase):
        raise ValidationError({"input_phase": _("The input must be an earlier phase of the same session.")})
    if phase.input_mode == InputMode.TOP:
        if source.kind not in VOTING_KINDS:
            raise ValidationError(
                {"input_mode": _("Only a vote or rating has a top N: take all items or a pick of this phase.")}
            )
        top_n = phase.input_top_n
        if top_n is None or not 1 <= top_n <= MAX_TOP_N:
            raise ValidationError({"input_top_n": _("Give how many of the top items this phase takes (1 to 50).")})
        if phase.kind == PhaseKind.PAIRWISE and top_n > PAIRWISE_MAX_ITEMS:
            raise ValidationError(
                {
                    "input_top_n": _(
                        "A pairwise comparison works with at most 7 items (21 pairs); take the top 7 or fewer."
                    )
                }
            )
    else:
        phase.input_top_n = None
    if phase.input_mode != InputMode.PICK:
        phase.picked = []


def new_phase(*, session: LiveSession, data: PhaseData) -> SessionPhase:
    """A phase at the end of the session, checked and saved; neither audited nor announced (``phase_add`` and
    ``services.templates`` do that)."""
    if session.state == SessionState.ENDED:
        raise ValidationError(_("The live session has ended."))
    last = SessionPhase.objects.filter(session=session).aggregate(last=Max("position"))["last"]
    kind = str(data.get("kind", ""))
    phase = SessionPhase(
        session=session,
        position=(last or 0) + 1,
        kind=kind,
        title=str(data.get("title", "")).strip(),
        prompt=str(data.get("prompt", "")).strip(),
        scope=str(data.get("scope", "") or SessionPhase._meta.get_field("scope").get_default()),
        input_mode=str(data.get("input_mode", "") or InputMode.NONE),
        input_phase=data.get("input_phase"),
        input_top_n=data.get("input_top_n"),
    )
    phase.full_clean(exclude=["settings"])
    phase.settings = validate_settings(kind, data.get("settings"))
    _check_input(phase)
    phase.save()
    return phase


def _process_of(phase: SessionPhase) -> StrategyProcess:
    return phase.session.workshop.process


def phase_add(*, session: LiveSession, actor: User | None, data: PhaseData) -> SessionPhase:
    """A new phase at the end of the session's list."""
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().select_related("workshop__process").get(pk=session.pk)
        phase = new_phase(session=session, data=data)
        audit_record(
            actor=actor,
            action="workshops.phase.create",
            obj=phase,
            process=session.workshop.process,
            changes=model_changes(dict.fromkeys(PHASE_FIELDS, ""), field_values(phase, PHASE_FIELDS)),
        )
        announce(session, event="phase", phase=phase.pk)
        return phase


def phase_update(*, phase: SessionPhase, actor: User | None, data: PhaseData) -> SessionPhase:
    """Change a phase. Its kind and input can be changed only before it is first opened (its items are carried
    over then); title, prompt, scope and settings at any time. Given settings change the stored ones; a new kind
    starts from its own defaults."""
    values: dict[str, Any] = dict(data)
    with transaction.atomic():
        stored = SessionPhase.objects.select_for_update().select_related("session__workshop__process").get(pk=phase.pk)
        if stored.session.state == SessionState.ENDED:
            raise ValidationError(_("The live session has ended."))
        opened = stored.state != PhaseState.PENDING or stored.opened_at is not None
        before = field_values(stored, PHASE_FIELDS)
        old_kind, old_settings = stored.kind, dict(stored.settings or {})
        old_input = (stored.input_mode, stored.input_phase_id, stored.input_top_n)
        for name in ("title", "prompt"):
            if name in values:
                setattr(stored, name, str(values[name] or "").strip())
        for name in ("kind", "scope", "input_mode", "input_phase", "input_top_n"):
            if name in values:
                setattr(stored, name, values[name])
        if opened and stored.kind != old_kind:
            raise ValidationError({"kind": _("The kind of a phase that has been opened cannot be changed.")})
        if opened and (stored.input_mode, stored.input_phase_id, stored.input_top_n) != old_input:
            raise ValidationError(
                {
                    "input_mode": _(
                        "The phase has been opened and its items carried over; its input can no longer be changed."
                    )
                }
            )
        stored.full_clean(exclude=["settings"])
        base = old_settings
        if stored.kind != old_kind:
            base = {name: old_settings[name] for name in COMMON_SETTINGS if name in old_settings}
        stored.settings = validate_settings(stored.kind, {**base, **dict(values.get("settings") or {})})
        if not opened:
            _check_input(stored)
        stored.save()
        changes = model_changes(before, field_values(stored, PHASE_FIELDS))
        if changes:
            audit_record(
                actor=actor, action="workshops.phase.update", obj=stored, process=_process_of(stored), changes=changes
            )
            announce(stored.session, event="phase", phase=stored.pk)
        return stored


def phase_delete(*, phase: SessionPhase, actor: User | None) -> None:
    """Delete a pending or closed phase with its items and votes; phases that took their items from it (and have
    not been opened yet) take none any more."""
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().select_related("workshop__process").get(pk=phase.session_id)
        stored = SessionPhase.objects.get(pk=phase.pk)
        if stored.state == PhaseState.OPEN:
            raise ValidationError(_("Close the phase before deleting it."))
        SessionPhase.objects.filter(input_phase=stored, state=PhaseState.PENDING, opened_at__isnull=True).update(
            input_mode=InputMode.NONE, input_top_n=None, picked=[]
        )
        audit_record(actor=actor, action="workshops.phase.delete", obj=stored, process=session.workshop.process)
        stored.delete()
        announce(session, event="phase", phase=phase.pk)


def phase_move(*, phase: SessionPhase, actor: User | None, position: int) -> SessionPhase:
    """Move a phase to ``position`` (1 = first) in the session's list; positions are numbered 1, 2, … after.

    A phase stays after the phase it takes its items from, and before the phases that take its items."""
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().select_related("workshop__process").get(pk=phase.session_id)
        phases = _ordered(session)
        moving = next((entry for entry in phases if entry.pk == phase.pk), None)
        if moving is None:
            raise ValidationError(_("The phase belongs to another session."))
        old_index = phases.index(moving)
        new_index = min(max(int(position), 1), len(phases)) - 1
        phases.remove(moving)
        phases.insert(new_index, moving)
        index = {entry.pk: number for number, entry in enumerate(phases)}
        if moving.input_phase_id is not None and index.get(moving.input_phase_id, -1) > new_index:
            raise ValidationError({"position": _("A phase cannot come before the phase it takes its items from.")})
        if any(entry.input_phase_id == moving.pk and index[entry.pk] < new_index for entry in phases):
            raise ValidationError({"position": _("A phase cannot come after a phase that takes its items.")})
        for number, entry in enumerate(phases, start=1):
            entry.position = number
        SessionPhase.objects.bulk_update(phases, ["position"])
        if old_index != new_index:
            audit_record(
                actor=actor,
                action="workshops.phase.update",
                obj=moving,
                process=session.workshop.process,
                changes={"position": [str(old_index + 1), str(new_index + 1)]},
            )
            announce(session, event="phase", phase=moving.pk)
        return moving


def phase_pick(*, phase: SessionPhase, actor: User | None, item_ids: Sequence[int]) -> SessionPhase:
    """The facilitator's pick: the items of the input phase this phase takes (in this order) when it opens."""
    with transaction.atomic():
        stored = SessionPhase.objects.select_for_update().select_related("session__workshop__process").get(pk=phase.pk)
        if stored.state != PhaseState.PENDING or stored.opened_at is not None:
            raise ValidationError(
                _("The phase has been opened and its items carried over; its input can no longer be changed.")
            )
        source = stored.input_phase
        if source is None:
            raise ValidationError({"input_phase": _("Choose the earlier phase whose items this phase takes.")})
        picked: list[int] = []
        for value in item_ids:
            if int(value) not in picked:
                picked.append(int(value))
        known = set(source.items.filter(pk__in=picked, hidden=False).values_list("pk", flat=True))
        if len(known) != len(picked):
            raise ValidationError({"item_ids": _("Pick items of the phase “%(phase)s”.") % {"phase": source.title}})
        if stored.kind == PhaseKind.PAIRWISE and len(picked) > PAIRWISE_MAX_ITEMS:
            raise ValidationError(
                {"item_ids": _("A pairwise comparison works with at most 7 items (21 pairs); pick 7 or fewer.")}
            )
        before = [str(stored.input_mode), list(stored.picked or [])]
        stored.input_mode = InputMode.PICK
        stored.input_top_n = None
        stored.picked = picked
        stored.save(update_fields=["input_mode", "input_top_n", "picked"])
        audit_record(
            actor=actor,
            action="workshops.phase.update",
            obj=stored,
            process=_process_of(stored),
            changes={"input_mode": [before[0], InputMode.PICK.value], "picked": [str(before[1]), str(picked)]},
        )
        announce(stored.session, event="phase", phase=stored.pk)
        return stored


# --- live -----------------------------------------------------------------------------------------


def _locked(phase: SessionPhase) -> tuple[LiveSession, SessionPhase]:
    """The phase's session and the phase, read again with the session's row locked (call inside a transaction).

    Every service that changes which phase is open takes this lock first, so they run one after the other."""
    session = LiveSession.objects.select_for_update().select_related("workshop__process").get(pk=phase.session_id)
    stored = SessionPhase.objects.select_related("input_phase").get(pk=phase.pk)
    stored.session = session
    return session, stored


def _close(phase: SessionPhase, *, actor: User | None, now: dt.datetime) -> None:
    phase.state = PhaseState.CLOSED
    phase.closed_at = now
    phase.timer_ends_at = None
    phase.snapshot = phase_snapshot(phase, now=now)
    phase.save(update_fields=["state", "closed_at", "timer_ends_at", "snapshot"])
    audit_record(actor=actor, action="workshops.phase.close", obj=phase, process=_process_of(phase))


def _close_others(session: LiveSession, phase: SessionPhase, *, actor: User | None, now: dt.datetime) -> None:
    for other in SessionPhase.objects.filter(session=session, state=PhaseState.OPEN).exclude(pk=phase.pk):
        other.session = session
        _close(other, actor=actor, now=now)


def open_phase_close(*, session: LiveSession, actor: User | None) -> SessionPhase | None:
    """Close the session's open phase, if any, with its snapshot (for ``session_end``); call with the session's
    row locked, inside the transaction."""
    now = timezone.now()
    closed = None
    for other in SessionPhase.objects.filter(session=session, state=PhaseState.OPEN):
        other.session = session
        _close(other, actor=actor, now=now)
        closed = other
    return closed


def _check_live(session: LiveSession) -> None:
    if session.state == SessionState.PREPARED:
        raise ValidationError(_("Start the live session before opening a phase."))
    if session.state == SessionState.ENDED:
        raise ValidationError(_("The live session has ended."))


def _carry(phase: SessionPhase) -> int:
    """Copy the phase's input items into it (the phase's first opening)."""
    sources = input_items(phase)
    if phase.kind == PhaseKind.PAIRWISE and len(sources) > PAIRWISE_MAX_ITEMS:
        raise ValidationError(
            _(
                "A pairwise comparison works with at most %(max)s items, but “%(phase)s” gives %(count)s. "
                "Take the top %(max)s or fewer of it."
            )
            % {"max": PAIRWISE_MAX_ITEMS, "count": len(sources), "phase": phase.input_phase}
        )
    last = phase.items.aggregate(last=Max("position"))["last"] or 0
    copies = [
        Item(
            phase=phase,
            kind=ItemKind.CARD,
            text=source.text,
            canvas=dict(source.canvas or {}),
            origin=ItemOrigin.CARRIED,
            author_id=source.author_id,
            table_id=source.table_id,
            source_item=source,
            source_reference=dict(source.source_reference or {}),
            position=last + number,
        )
        for number, source in enumerate(sources, start=1)
    ]
    Item.objects.bulk_create(copies)
    return len(copies)


def phase_open(*, phase: SessionPhase, actor: User | None) -> SessionPhase:
    """Make a pending phase the session's current, open phase. The phase open before is closed with its
    snapshot; the input items are carried over (only now, on the first opening); the timer starts."""
    with transaction.atomic():
        session, stored = _locked(phase)
        _check_live(session)
        if stored.state == PhaseState.OPEN:
            raise ValidationError(_("The phase is already open."))
        if stored.state == PhaseState.CLOSED:
            raise ValidationError(_("The phase has been closed; reopen it with a reason to continue."))
        now = timezone.now()
        _close_others(session, stored, actor=actor, now=now)
        if stored.opened_at is None:
            _carry(stored)
        seconds = int(stored.setting("timer_seconds") or 0)
        stored.state = PhaseState.OPEN
        stored.opened_at = now
        stored.closed_at = None
        stored.timer_ends_at = now + dt.timedelta(seconds=seconds) if seconds else None
        stored.save(update_fields=["state", "opened_at", "closed_at", "timer_ends_at"])
        session.current_phase = stored
        session.save(update_fields=["current_phase"])
        audit_record(actor=actor, action="workshops.phase.open", obj=stored, process=session.workshop.process)
        announce(session, event="phase", phase=stored.pk)
        return stored


def phase_close(*, phase: SessionPhase, actor: User | None) -> SessionPhase:
    """Close the open phase and freeze its result (``selectors.results.phase_snapshot``). It stays the current
    phase, so the projector shows its result until the next one opens."""
    with transaction.atomic():
        session, stored = _locked(phase)
        if stored.state != PhaseState.OPEN:
            raise ValidationError(_("The phase is not open."))
        _close(stored, actor=actor, now=timezone.now())
        announce(session, event="phase", phase=stored.pk)
        return stored


def phase_reopen(*, phase: SessionPhase, actor: User | None, reason: str) -> SessionPhase:
    """Open a closed phase again (the phase open now is closed). The reason goes to the audit log; the snapshot
    stays until the phase closes again and is replaced then. Its items are not carried over a second time."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the phase is reopened; the reason is kept in the audit log.")})
    with transaction.atomic():
        session, stored = _locked(phase)
        _check_live(session)
        if stored.state != PhaseState.CLOSED:
            raise ValidationError(_("Only a closed phase can be reopened."))
        now = timezone.now()
        _close_others(session, stored, actor=actor, now=now)
        stored.state = PhaseState.OPEN
        stored.closed_at = None
        stored.timer_ends_at = None
        stored.save(update_fields=["state", "closed_at", "timer_ends_at"])
        session.current_phase = stored
        session.save(update_fields=["current_phase"])
        audit_record(
            actor=actor,
            action="workshops.phase.reopen",
            obj=stored,
            process=session.workshop.process,
            changes={"reason": ["", reason]},
        )
        announce(session, event="phase", phase=stored.pk)
        return stored


def _set_shown(phase: SessionPhase, *, actor: User | None, name: str, value: bool, event: str) -> SessionPhase:
    with transaction.atomic():
        stored = SessionPhase.objects.select_for_update().select_related("session__workshop__process").get(pk=phase.pk)
        if getattr(stored, name) == value:
            return stored
        setattr(stored, name, value)
        stored.save(update_fields=[name])
        audit_record(
            actor=actor,
            action="workshops.phase.update",
            obj=stored,
            process=_process_of(stored),
            changes={name: [str(not value), str(value)]},
        )
        announce(stored.session, event=event, phase=stored.pk)
        return stored


def phase_reveal(*, phase: SessionPhase, actor: User | None, revealed: bool) -> SessionPhase:
    """Show (or hide again) the phase's results to participants and on the projector."""
    return _set_shown(phase, actor=actor, name="revealed", value=bool(revealed), event="reveal")


def phase_split(*, phase: SessionPhase, actor: User | None, split: bool) -> SessionPhase:
    """Show the phase's results split by stakeholder group (projector, documentation), or not."""
    return _set_shown(phase, actor=actor, name="split_by_group", value=bool(split), event="reveal")


def _iso(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).isoformat() if moment is not None else ""


def phase_timer(*, phase: SessionPhase, actor: User | None, seconds: int) -> SessionPhase:
    """Start the open phase's timer anew with ``seconds`` (up to two hours); 0 stops it."""
    try:
        seconds = int(seconds)
    except (TypeError, ValueError):
        seconds = -1
    if not 0 <= seconds <= MAX_TIMER_SECONDS:
        raise ValidationError({"seconds": _("The timer must be between 0 and 7200 seconds (two hours).")})
    with transaction.atomic():
        stored = SessionPhase.objects.select_for_update().select_related("session__workshop__process").get(pk=phase.pk)
        if stored.state != PhaseState.OPEN:
            raise ValidationError(_("The timer runs only while the phase is open."))
        before = _iso(stored.timer_ends_at)
        stored.timer_ends_at = timezone.now() + dt.timedelta(seconds=seconds) if seconds else None
        stored.save(update_fields=["timer_ends_at"])
        audit_record(
            actor=actor,
            action="workshops.phase.update",
            obj=stored,
            process=_process_of(stored),
            changes={"timer_ends_at": [before, _iso(stored.timer_ends_at)]},
        )
        announce(stored.session, event="timer", phase=stored.pk, timer_ends_at=_iso(stored.timer_ends_at) or None)
        return stored
