"""Sending a mail wave: the body of the background task ``surveys.tasks.send_mail_wave``.

The ``MailDelivery`` row of a person is written and committed *before* the mail goes out; its unique
pair (wave, invitation) is what makes a wave reach nobody twice, also when two workers run the same
wave or the task is retried. The price: a worker that dies between the row and the mail leaves one
person without that mail (at most once rather than at least once).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import smtplib

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from standortkompass.audit.services import audit_record
from standortkompass.surveys.mail_rendering import mail_render, optout_link
from standortkompass.surveys.models import MailDelivery, MailKind, MailWave, SurveyInvitation, WaveStatus
from standortkompass.surveys.selectors.mail import wave_recipients
from standortkompass.surveys.tokens import invitation_token

BATCH_SIZE = 200
# A task may start a little before its time (clocks of web server and worker differ).
EARLY_START_TOLERANCE = dt.timedelta(minutes=2)


def _start(wave_id: int) -> MailWave | None:
    """Move the wave to SENDING under a row lock; None when there is nothing to send."""
    with transaction.atomic():
        wave = MailWave.objects.select_for_update().select_related("survey__process").filter(pk=wave_id).first()
        if wave is None or wave.status not in (WaveStatus.SCHEDULED, WaveStatus.SENDING):
            return None
        now = timezone.now()
        if wave.scheduled_at > now + EARLY_START_TOLERANCE:
            return None
        if not wave.survey.is_accepting_answers(now):
            wave.status = WaveStatus.CANCELLED
            wave.finished_at = now
            wave.save(update_fields=["status", "finished_at"])
            audit_record(
                actor=None,
                action="survey_wave.cancel",
                obj=wave,
                process=wave.survey.process,
                changes={"reason": "survey not accepting answers"},
            )
            return None
        wave.status = WaveStatus.SENDING
        wave.started_at = wave.started_at or now
        wave.save(update_fields=["status", "started_at"])
    return wave


def _deliver(
    wave: MailWave, invitation: SurveyInvitation, connection: BaseEmailBackend, site_url: str | None
) -> str | None:
    """Send one mail; the delivery row first. Returns the delivery status, None when another worker had it."""
    try:
        with transaction.atomic():
            delivery = MailDelivery.objects.create(wave=wave, invitation=invitation, status=MailDelivery.Status.SENT)
    except IntegrityError:
        return None
    subject, body = mail_render(
        survey=wave.survey, invitation=invitation, subject=wave.subject, body=wave.body, site_url=site_url
    )
    optout = optout_link(survey=wave.survey, token=invitation_token(invitation.key), site_url=site_url)
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[invitation.email],
        connection=connection,
        headers={"List-Unsubscribe": f"<{optout}>", "Auto-Submitted": "auto-generated"},
    )
    now = timezone.now()
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        reason = _smtp_error_text(error)
        MailDelivery.objects.filter(pk=delivery.pk).update(status=MailDelivery.Status.FAILED, error=reason[:300])
        SurveyInvitation.objects.filter(pk=invitation.pk, bounced_at__isnull=True).update(
            bounced_at=now, bounce_reason=reason[:300]
        )
        return MailDelivery.Status.FAILED
    except (smtplib.SMTPException, OSError) as error:
        reason = _smtp_error_text(error)
        MailDelivery.objects.filter(pk=delivery.pk).update(status=MailDelivery.Status.FAILED, error=reason[:300])
        return MailDelivery.Status.FAILED
    if wave.kind == MailKind.INVITATION:
        SurveyInvitation.objects.filter(pk=invitation.pk).update(invited_at=now)
    else:
        SurveyInvitation.objects.filter(pk=invitation.pk).update(
            reminded_at=now, reminder_count=F("reminder_count") + 1
        )
    return MailDelivery.Status.SENT


def _smtp_error_text(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{code} {message!r}" for code, message in error.recipients.values())
        return f"SMTPRecipientsRefused: {refused}"
    return f"{type(error).__name__}: {error}"


def wave_send(*, wave_id: int, site_url: str | None = None) -> MailWave | None:
    """Send a wave's mails in batches (the body of the background task).

    Skips a wave that is not scheduled or sending, or not yet due; cancels it when the survey does not
    accept answers. Safe to run twice or in parallel: nobody gets a wave's mail twice. ``site_url``
    defaults to ``settings.SITE_URL``.
    """
    wave = _start(wave_id)
    if wave is None:
        return MailWave.objects.filter(pk=wave_id).first()
    last_pk = 0
    connection = get_connection()
    while True:
        if MailWave.objects.filter(pk=wave.pk, status=WaveStatus.SENDING).count() == 0:
            break  # cancelled meanwhile
        batch = list(
            wave_recipients(wave)
            .filter(pk__gt=last_pk)
            .select_related("contact", "organisation")
            .order_by("pk")[:BATCH_SIZE]
        )
        if not batch:
            break
        last_pk = batch[-1].pk
        sent = failed = 0
        # When the server cannot be reached, each mail fails on its own and is recorded as failed.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.open()
        try:
            for invitation in batch:
                status = _deliver(wave, invitation, connection, site_url)
                sent += status == MailDelivery.Status.SENT
                failed += status == MailDelivery.Status.FAILED
        finally:
            connection.close()
        MailWave.objects.filter(pk=wave.pk).update(
            sent_count=F("sent_count") + sent, failed_count=F("failed_count") + failed
        )
    with transaction.atomic():
        stored = MailWave.objects.select_for_update().get(pk=wave.pk)
        stored.skipped_count = max(
            0, SurveyInvitation.objects.filter(survey_id=stored.survey_id).count() - stored.deliveries.count()
        )
        if stored.status == WaveStatus.SENDING:
            stored.status = WaveStatus.DONE
            stored.finished_at = timezone.now()
        stored.save(update_fields=["skipped_count", "status", "finished_at"])
        audit_record(
            actor=None,
            action="survey_wave.send",
            obj=stored,
            process=wave.survey.process,
            changes={"sent": stored.sent_count, "failed": stored.failed_count, "skipped": stored.skipped_count},
        )
    return stored
