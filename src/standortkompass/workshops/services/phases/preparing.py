"""Preparing the phases of a session: adding, changing, moving and deleting them, and the facilitator's pick."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record, model_changes
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.services.process import field_values
from standortkompass.workshops.models import (
    VOTING_KINDS,
    InputMode,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionPhase,
    SessionState,
)
from standortkompass.workshops.services.live import announce
from standortkompass.workshops.services.phases.settings import (
    COMMON_SETTINGS,
    MAX_TOP_N,
    PAIRWISE_MAX_ITEMS,
    validate_settings,
)

PHASE_FIELDS = ("kind", "title", "prompt", "scope", "input_mode", "input_phase", "input_top_n", "settings")


class PhaseData(TypedDict, total=False):
    kind: str
    title: str
    prompt: str
    scope: str
    input_mode: str
    input_phase: SessionPhase | None
    input_top_n: int | None
    settings: Mapping[str, Any]


def lock_phase(phase: SessionPhase, *, hold_contributions: bool = False) -> SessionPhase:
    """The phase read again under the workshop services' lock order: the session's row first, then the phase's.

    Opening, closing and reopening (``hold_contributions``) lock the session's row for update: contributions in
    flight finish first and new ones wait (``services.participation.hold_session``). Other changes take the
    weaker no-key lock, which contributions do not wait for, but facilitators' changes of the same session still
    run one after the other. Call inside a transaction."""
    sessions = LiveSession.objects.select_related("workshop__process")
    locking = sessions.select_for_update(of=("self",), no_key=not hold_contributions)
    session = locking.get(pk=phase.session_id)
    stored = SessionPhase.objects.select_for_update().get(pk=phase.pk)
    stored.session = session
    return stored


def _locked_session(session_id: int) -> LiveSession:
    return (
        LiveSession.objects.select_for_update(no_key=True, of=("self",))
        .select_related("workshop__process")
        .get(pk=session_id)
    )


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
        session = _locked_session(session.pk)
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
        stored = lock_phase(phase)
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
        session = _locked_session(phase.session_id)
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
        session = _locked_session(phase.session_id)
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
        stored = lock_phase(phase)
        if stored.state != PhaseState.PENDING or stored.opened_at is not None:
            raise ValidationError(
                _("The phase has been opened and its items carried over; its input can no longer be changed.")
            )
        source = stored.input_phase
        if source is None:
            raise ValidationError({"input_phase": _("Choose the earlier phase whose items this phase takes.")})
        picked: list[int] = []
        try:
            for value in item_ids:
                if int(value) not in picked:
                    picked.append(int(value))
        except (TypeError, ValueError):
            raise ValidationError(
                {"item_ids": _("Pick items of the phase “%(phase)s”.") % {"phase": source.title}}
            ) from None
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
