"""Workshops of a process and their live sessions: preparing them, starting and ending a session (audited).

A workshop is linked to its date of kind "Workshop" in the process's calendar and to a phase of the process.
A session gets its join code and projector key when it is created (``services.codes``) and, from a template, its
phases (``services.templates``). Starting it lets participants join; ending it closes the open phase with its
snapshot, and the participants' cookies end with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record, model_changes
from standortkompass.processes.models import Event, EventKind, Phase, StrategyProcess
from standortkompass.processes.services.process import field_values
from standortkompass.workshops.models import LiveSession, SessionState, Workshop
from standortkompass.workshops.services.codes import new_join_code, new_projector_key
from standortkompass.workshops.services.live import announce
from standortkompass.workshops.services.phases import open_phase_close
from standortkompass.workshops.services.templates import TEMPLATES, apply_template

WORKSHOP_FIELDS = ("title", "kind", "mode", "event", "phase", "description", "programme")
SESSION_FIELDS = ("title", "join_code", "template")


class WorkshopData(TypedDict, total=False):
    title: str
    kind: str
    mode: str
    event: Event | None
    phase: Phase | None
    description: str
    programme: str


def _check_links(process: StrategyProcess, data: Mapping[str, Any]) -> None:
    errors = {}
    event = data.get("event")
    if event is not None:
        if event.process_id != process.pk:
            errors["event"] = _("The date belongs to another process.")
        elif event.kind != EventKind.WORKSHOP:
            errors["event"] = _("Choose a date of the type “Workshop”.")
    phase = data.get("phase")
    if phase is not None and phase.process_id != process.pk:
        errors["phase"] = _("The phase belongs to another process.")
    if errors:
        raise ValidationError(errors)


def _created(obj: Any, fields: tuple[str, ...]) -> dict[str, object]:
    return model_changes(dict.fromkeys(fields, ""), field_values(obj, fields))


def workshop_create(
    *, process: StrategyProcess, actor: User | None, data: WorkshopData, is_demo: bool = False
) -> Workshop:
    values: dict[str, Any] = dict(data)
    with transaction.atomic():
        _check_links(process, values)
        workshop = Workshop(process=process, created_by=actor if actor is not None and actor.pk else None)
        workshop.is_demo = is_demo
        for name in WORKSHOP_FIELDS:
            if name in values:
                setattr(workshop, name, values[name])
        workshop.full_clean()
        workshop.save()
        audit_record(
            actor=actor,
            action="workshops.workshop.create",
            obj=workshop,
            process=process,
            changes=_created(workshop, WORKSHOP_FIELDS),
        )
        return workshop


def workshop_update(*, workshop: Workshop, actor: User | None, data: WorkshopData) -> Workshop:
    values: dict[str, Any] = dict(data)
    with transaction.atomic():
        stored = Workshop.objects.select_for_update(of=("self",)).select_related("process").get(pk=workshop.pk)
        _check_links(stored.process, values)
        before = field_values(stored, WORKSHOP_FIELDS)
        for name in WORKSHOP_FIELDS:
            if name in values:
                setattr(stored, name, values[name])
        stored.full_clean()
        stored.save()
        changes = model_changes(before, field_values(stored, WORKSHOP_FIELDS))
        if changes:
            audit_record(
                actor=actor, action="workshops.workshop.update", obj=stored, process=stored.process, changes=changes
            )
        return stored


def workshop_delete(*, workshop: Workshop, actor: User | None) -> None:
    """Delete a workshop with its sessions and everything contributed in them; not while a session is live."""
    with transaction.atomic():
        stored = Workshop.objects.select_for_update(of=("self",)).select_related("process").get(pk=workshop.pk)
        if stored.sessions.filter(state=SessionState.LIVE).exists():
            raise ValidationError(_("End the live session before deleting the workshop."))
        audit_record(actor=actor, action="workshops.workshop.delete", obj=stored, process=stored.process)
        stored.delete()


# --- sessions -------------------------------------------------------------------------------------


def session_create(*, workshop: Workshop, actor: User | None, title: str, template: str = "") -> LiveSession:
    """A new, prepared session with its join code and projector key; with a template, its phases (and tables)."""
    if template and template not in TEMPLATES:
        raise ValidationError({"template": _("Choose one of the templates.")})
    with transaction.atomic():
        session = LiveSession(
            workshop=workshop,
            title=(title or "").strip(),
            join_code=new_join_code(),
            projector_key=new_projector_key(),
            template=template,
        )
        session.full_clean()
        session.save()
        audit_record(
            actor=actor,
            action="workshops.session.create",
            obj=session,
            process=workshop.process,
            changes=_created(session, SESSION_FIELDS),
        )
        if template:
            apply_template(session=session, key=template, actor=actor)
            session.refresh_from_db()
        return session


def session_update(*, session: LiveSession, actor: User | None, title: str) -> LiveSession:
    with transaction.atomic():
        stored = (
            LiveSession.objects.select_for_update(of=("self",)).select_related("workshop__process").get(pk=session.pk)
        )
        before = stored.title
        stored.title = (title or "").strip()
        stored.full_clean()
        stored.save(update_fields=["title"])
        if before != stored.title:
            audit_record(
                actor=actor,
                action="workshops.session.update",
                obj=stored,
                process=stored.workshop.process,
                changes={"title": [before, stored.title]},
            )
            announce(stored, event="session")
        return stored


def session_delete(*, session: LiveSession, actor: User | None) -> None:
    """Delete a session that is not live, with everything contributed in it."""
    with transaction.atomic():
        stored = (
            LiveSession.objects.select_for_update(of=("self",)).select_related("workshop__process").get(pk=session.pk)
        )
        if stored.state == SessionState.LIVE:
            raise ValidationError(_("End the live session before deleting it."))
        audit_record(actor=actor, action="workshops.session.delete", obj=stored, process=stored.workshop.process)
        stored.delete()


def session_start(*, session: LiveSession, actor: User | None) -> LiveSession:
    """Go live: from now on participants can join by the code."""
    with transaction.atomic():
        stored = (
            LiveSession.objects.select_for_update(of=("self",)).select_related("workshop__process").get(pk=session.pk)
        )
        if stored.state == SessionState.LIVE:
            raise ValidationError(_("The live session is already running."))
        if stored.state == SessionState.ENDED:
            raise ValidationError(_("The live session has ended; create a new session to continue."))
        stored.state = SessionState.LIVE
        stored.started_at = timezone.now()
        stored.save(update_fields=["state", "started_at"])
        audit_record(actor=actor, action="workshops.session.start", obj=stored, process=stored.workshop.process)
        announce(stored, event="session", state=stored.state)
        return stored


def session_end(*, session: LiveSession, actor: User | None) -> LiveSession:
    """End the session: the open phase is closed with its snapshot, nobody can join or contribute any more."""
    with transaction.atomic():
        stored = (
            LiveSession.objects.select_for_update(of=("self",)).select_related("workshop__process").get(pk=session.pk)
        )
        if stored.state != SessionState.LIVE:
            raise ValidationError(_("The live session is not running."))
        open_phase_close(session=stored, actor=actor)
        stored.state = SessionState.ENDED
        stored.ended_at = timezone.now()
        stored.save(update_fields=["state", "ended_at"])
        audit_record(actor=actor, action="workshops.session.end", obj=stored, process=stored.workshop.process)
        announce(stored, event="session", state=stored.state)
        return stored
