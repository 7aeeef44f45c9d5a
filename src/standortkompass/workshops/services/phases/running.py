"""Driving the phases live: opening (with the funnel's items carried over), closing with the snapshot, reopening
with a reason, the timer, revealing results and splitting them by stakeholder group."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import StrategyProcess
from standortkompass.workshops.models import (
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionPhase,
    SessionState,
)
from standortkompass.workshops.selectors import results
from standortkompass.workshops.selectors.funnel import input_items
from standortkompass.workshops.services.live import announce
from standortkompass.workshops.services.phases.preparing import lock_phase
from standortkompass.workshops.services.phases.settings import MAX_TIMER_SECONDS, PAIRWISE_MAX_ITEMS


def _process_of(phase: SessionPhase) -> StrategyProcess:
    return phase.session.workshop.process


def _locked(phase: SessionPhase) -> tuple[LiveSession, SessionPhase]:
    """The phase's session and the phase, read again with both rows locked, contributions held back (call inside
    a transaction). Every service that changes which phase is open takes these locks first, so they run one
    after the other and a snapshot holds every contribution accepted before it."""
    stored = lock_phase(phase, hold_contributions=True)
    return stored.session, stored


def _close(phase: SessionPhase, *, actor: User | None, now: dt.datetime) -> None:
    phase.state = PhaseState.CLOSED
    phase.closed_at = now
    phase.timer_ends_at = None
    phase.snapshot = results.phase_snapshot(phase, now=now)
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
        stored = lock_phase(phase)
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
        stored = lock_phase(phase)
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
