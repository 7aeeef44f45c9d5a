"""Mail waves of a survey: scheduling a wave (handed to the task queue) and cancelling it.

A wave is sent by the background task ``surveys.tasks.send_mail_wave``, which calls
``services.wave_sending.wave_send``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.surveys.mail_defaults import mail_template_validate, placeholders_in
from standortkompass.surveys.models import MailKind, MailWave, Survey, SurveyStatus, WaveStatus
from standortkompass.surveys.selectors.mail import mail_template_for
from standortkompass.surveys.services.wave_sending import EARLY_START_TOLERANCE

if TYPE_CHECKING:
    from django_tasks.base import Task


def _send_task() -> Task[[int], None]:
    from standortkompass.surveys.tasks import send_mail_wave

    return send_mail_wave


def wave_schedule(*, survey: Survey, kind: str, scheduled_at: dt.datetime, actor: User | None) -> MailWave:
    """Plan a wave of ``kind`` at ``scheduled_at`` and hand it to the task queue.

    The wave keeps a copy of the current template, so later edits do not change it. A time in the
    past means "now".
    """
    if kind not in MailKind.values:
        raise ValidationError({"kind": _("Unknown kind of mail.")})
    if timezone.is_naive(scheduled_at):
        raise ValidationError({"scheduled_at": _("Give the time with its time zone.")})
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(_("The survey is closed; no more mails can be sent for it."))
    if survey.closes_at is not None and scheduled_at >= survey.closes_at:
        raise ValidationError({"scheduled_at": _("The survey closes before this time.")})
    subject, body = mail_template_for(survey=survey, kind=kind)
    try:
        mail_template_validate(subject=subject, body=body)
    except ValidationError as error:
        raise ValidationError([_("Correct the mail template before scheduling a wave."), *error.messages]) from error
    if survey.closes_at is None and "frist" in placeholders_in(subject) + placeholders_in(body):
        raise ValidationError(
            _("The mail text uses {frist}, but the survey has no closing date. Set one or remove the placeholder.")
        )
    task = _send_task()
    now = timezone.now()
    later = scheduled_at > now + EARLY_START_TOLERANCE
    if later and not task.get_backend().supports_defer:
        raise ValidationError(
            {"scheduled_at": _("The task queue of this installation cannot send later; choose the current time.")}
        )
    with transaction.atomic():
        wave = MailWave(
            survey=survey, kind=kind, scheduled_at=scheduled_at, subject=subject, body=body, created_by=actor
        )
        wave.full_clean()
        wave.save()
        audit_record(
            actor=actor,
            action="survey_wave.schedule",
            obj=wave,
            process=survey.process,
            changes={"kind": kind, "scheduled_at": scheduled_at.isoformat()},
        )
        # In the same transaction: a database queue stores the task only if the wave is stored.
        result = (task.using(run_after=scheduled_at) if later else task).enqueue(wave.pk)
        MailWave.objects.filter(pk=wave.pk).update(task_id=str(result.id)[:64])
    wave.refresh_from_db()
    return wave


def wave_cancel(*, wave: MailWave, actor: User | None) -> MailWave:
    """Stop a wave that is scheduled or being sent; mails already sent stay sent."""
    with transaction.atomic():
        stored = MailWave.objects.select_for_update().select_related("survey__process").get(pk=wave.pk)
        if stored.status not in (WaveStatus.SCHEDULED, WaveStatus.SENDING):
            raise ValidationError(_("Only a wave that has not been sent completely can be cancelled."))
        stored.status = WaveStatus.CANCELLED
        stored.finished_at = timezone.now()
        stored.save(update_fields=["status", "finished_at"])
        audit_record(actor=actor, action="survey_wave.cancel", obj=stored, process=stored.survey.process)
    return stored
