"""Distribution of a survey: personal invitations from the actors registry, mail templates and mail waves.

A wave is sent by a background task (``surveys.tasks.send_mail_wave``) that calls ``wave_send``. The
``MailDelivery`` row of a person is written and committed *before* the mail goes out; its unique
pair (wave, invitation) is what makes a wave reach nobody twice, also when two workers run the same
wave or the task is retried. The price: a worker that dies between the row and the mail leaves one
person without that mail (at most once rather than at least once).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import ContactPerson, OrganisationType
from standortkompass.surveys.mail_defaults import (
    default_mail,
    mail_template_validate,
    placeholders_in,
    render_placeholders,
)
from standortkompass.surveys.models import (
    MailDelivery,
    MailKind,
    MailTemplate,
    MailWave,
    Survey,
    SurveyInvitation,
    SurveyStatus,
    WaveStatus,
)
from standortkompass.surveys.tokens import invitation_token, invitation_token_hash, new_invitation_key

if TYPE_CHECKING:
    from django_tasks.base import Task

BATCH_SIZE = 200
# A task may start a little before its time (clocks of web server and worker differ).
EARLY_START_TOLERANCE = dt.timedelta(minutes=2)


# --- invitations ---------------------------------------------------------------------------------


class SkipReason(enum.StrEnum):
    ALREADY_INVITED = "already_invited"
    EMAIL_ALREADY_INVITED = "email_already_invited"
    NO_EMAIL = "no_email"
    OPTED_OUT = "opted_out"
    NO_CONSENT = "no_consent"


@dataclass
class InvitationResult:
    """What ``invitations_create_from_registry`` did: the new invitations and, per reason, who was skipped."""

    created: list[SurveyInvitation] = field(default_factory=list)
    skipped: dict[SkipReason, list[ContactPerson]] = field(default_factory=dict)

    @property
    def skipped_count(self) -> int:
        return sum(len(contacts) for contacts in self.skipped.values())


def _skip_reason(contact: ContactPerson) -> SkipReason | None:
    if not contact.email:
        return SkipReason.NO_EMAIL
    if contact.opted_out_at is not None:
        return SkipReason.OPTED_OUT
    if not contact.consent_to_contact:
        return SkipReason.NO_CONSENT
    return None


def _new_invitation(survey: Survey, contact: ContactPerson) -> SurveyInvitation:
    key = new_invitation_key()
    return SurveyInvitation(
        survey=survey,
        key=key,
        token_hash=invitation_token_hash(invitation_token(key)),
        contact=contact,
        organisation=contact.organisation,
        email=contact.email,
    )


def invitations_create_from_registry(
    *, survey: Survey, actor: User | None, organisation_ids: Iterable[int] | None = None
) -> InvitationResult:
    """One invitation per contact person who may be contacted (consent, not opted out, has an e-mail
    address), of the process's companies or of the organisations ``organisation_ids`` of the process.

    Contacts already invited to the survey, and a second contact with an e-mail address already
    invited, are skipped; the result says who was skipped and why. No mail is sent here.
    """
    contacts = ContactPerson.objects.filter(organisation__process_id=survey.process_id).select_related("organisation")
    if organisation_ids is None:
        contacts = contacts.filter(organisation__type=OrganisationType.COMPANY)
    else:
        contacts = contacts.filter(organisation_id__in=list(organisation_ids))
    result = InvitationResult()
    with transaction.atomic():
        Survey.objects.select_for_update().get(pk=survey.pk)  # one registry import per survey at a time
        existing = SurveyInvitation.objects.filter(survey=survey)
        invited_contacts = set(existing.exclude(contact=None).values_list("contact_id", flat=True))
        invited_emails = {email.lower() for email in existing.values_list("email", flat=True)}
        for contact in contacts.order_by("organisation__name", "name", "pk").iterator(chunk_size=BATCH_SIZE):
            reason = _skip_reason(contact)
            if reason is None and contact.pk in invited_contacts:
                reason = SkipReason.ALREADY_INVITED
            if reason is None and contact.email.lower() in invited_emails:
                reason = SkipReason.EMAIL_ALREADY_INVITED
            if reason is not None:
                result.skipped.setdefault(reason, []).append(contact)
                continue
            invitation = _new_invitation(survey, contact)
            # No query per row: uniqueness is kept by random keys and the sets above, and the related
            # objects come from the database.
            invitation.full_clean(
                exclude=["survey", "contact", "organisation"], validate_unique=False, validate_constraints=False
            )
            result.created.append(invitation)
            invited_contacts.add(contact.pk)
            invited_emails.add(contact.email.lower())
        SurveyInvitation.objects.bulk_create(result.created, batch_size=BATCH_SIZE)
        audit_record(
            actor=actor,
            action="survey_invitation.create_from_registry",
            obj=survey,
            process=survey.process,
            changes={
                "created": len(result.created),
                **{f"skipped_{reason.value}": len(skipped) for reason, skipped in result.skipped.items()},
            },
        )
    return result


def invitation_add(*, survey: Survey, contact: ContactPerson, actor: User | None) -> SurveyInvitation:
    """Invite one contact person of the process's registry."""
    if contact.organisation.process_id != survey.process_id:
        raise ValidationError(_("The contact person belongs to another process."))
    reason = _skip_reason(contact)
    messages = {
        SkipReason.NO_EMAIL: _("%(name)s has no e-mail address."),
        SkipReason.OPTED_OUT: _("%(name)s has opted out of being contacted."),
        SkipReason.NO_CONSENT: _("%(name)s has not agreed to be contacted."),
    }
    if reason is not None:
        raise ValidationError(messages[reason] % {"name": contact.name})
    with transaction.atomic():
        Survey.objects.select_for_update().get(pk=survey.pk)
        if SurveyInvitation.objects.filter(survey=survey, contact=contact).exists():
            raise ValidationError(_("%(name)s is already invited to this survey.") % {"name": contact.name})
        invitation = _new_invitation(survey, contact)
        invitation.full_clean()
        invitation.save()
        audit_record(actor=actor, action="survey_invitation.create", obj=invitation, process=survey.process)
    return invitation


def invitation_mark_bounced(*, invitation: SurveyInvitation, reason: str, actor: User | None) -> SurveyInvitation:
    """Record that mails to the invitation's address cannot be delivered; no further mail goes there."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the mail could not be delivered.")})
    with transaction.atomic():
        stored = SurveyInvitation.objects.select_for_update().select_related("survey__process").get(pk=invitation.pk)
        stored.bounced_at = stored.bounced_at or timezone.now()
        stored.bounce_reason = reason[:300]
        stored.full_clean(validate_unique=False, validate_constraints=False)
        stored.save(update_fields=["bounced_at", "bounce_reason"])
        audit_record(
            actor=actor,
            action="survey_invitation.bounce",
            obj=stored,
            process=stored.survey.process,
            changes={"reason": stored.bounce_reason},
        )
    return stored


def invitation_by_token(*, survey: Survey, token: str) -> SurveyInvitation | None:
    if not token or len(token) > 100:
        return None
    return SurveyInvitation.objects.filter(survey=survey, token_hash=invitation_token_hash(token)).first()


def invitation_opt_out(*, survey: Survey, token: str) -> SurveyInvitation | None:
    """The invitee no longer wants mails about this survey (the public opt-out link).

    Recorded on the invitation (kept, not deleted); the contact person's general consent is left as
    it is. None for an unknown token. Opting out twice keeps the first date.
    """
    invitation = invitation_by_token(survey=survey, token=token)
    if invitation is None:
        return None
    with transaction.atomic():
        stored = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
        if stored.opted_out_at is None:
            stored.opted_out_at = timezone.now()
            stored.save(update_fields=["opted_out_at"])
            audit_record(actor=None, action="survey_invitation.opt_out", obj=stored, process=survey.process)
    return stored


# --- mail templates ------------------------------------------------------------------------------


def mail_template_for(*, survey: Survey, kind: str) -> tuple[str, str]:
    """(subject, body) of the survey's own template of ``kind``, or the German default."""
    template = MailTemplate.objects.filter(survey=survey, kind=kind).first()
    if template is not None:
        return template.subject, template.body
    return default_mail(kind)


def mail_template_save(*, survey: Survey, kind: str, subject: str, body: str, actor: User | None) -> MailTemplate:
    """Save the survey's own text of ``kind``; placeholders are checked (``{link}`` and ``{abmelden}`` required).

    Waves already scheduled keep the text they were scheduled with.
    """
    if kind not in MailKind.values:
        raise ValidationError(_("Unknown kind of mail."))
    subject, body = subject.strip(), body.strip() + "\n"
    mail_template_validate(subject=subject, body=body)
    with transaction.atomic():
        template = MailTemplate.objects.select_for_update().filter(survey=survey, kind=kind).first()
        template = template or MailTemplate(survey=survey, kind=kind)
        template.subject, template.body = subject, body
        template.full_clean()
        template.save()
        audit_record(
            actor=actor,
            action="survey_mail_template.save",
            obj=template,
            process=survey.process,
            changes={"kind": kind},
        )
    return template


def mail_template_reset(*, survey: Survey, kind: str, actor: User | None) -> None:
    """Back to the default text of ``kind``."""
    with transaction.atomic():
        deleted, _details = MailTemplate.objects.filter(survey=survey, kind=kind).delete()
        if deleted:
            audit_record(
                actor=actor,
                action="survey_mail_template.reset",
                obj=survey,
                process=survey.process,
                changes={"kind": kind},
            )


# --- rendering a mail ----------------------------------------------------------------------------


def _absolute(path: str, site_url: str | None) -> str:
    return f"{(site_url or settings.SITE_URL).rstrip('/')}{path}"


def survey_link(*, survey: Survey, token: str, site_url: str | None = None) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("survey:invitation", kwargs={"survey_slug": survey.slug, "token": token})
    return _absolute(path, site_url)


def optout_link(*, survey: Survey, token: str, site_url: str | None = None) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("survey:optout", kwargs={"survey_slug": survey.slug, "token": token})
    return _absolute(path, site_url)


def closing_date(survey: Survey) -> str:
    if survey.closes_at is None:
        return ""
    # closes_at is the first moment the survey is closed; the last day to answer is the one before it
    # when it closes at midnight.
    last_moment = timezone.localtime(survey.closes_at - dt.timedelta(seconds=1))
    with translation.override("de"):
        return formats.date_format(last_moment.date(), "j. F Y")


def salutation(name: str) -> str:
    return f"Guten Tag {name}" if name.strip() else "Sehr geehrte Damen und Herren"


def mail_values(*, survey: Survey, invitation: SurveyInvitation, link: str, optout: str) -> dict[str, str]:
    name = invitation.contact.name if invitation.contact else ""
    return {
        "anrede": salutation(name),
        "name": name,
        "organisation": invitation.organisation.name if invitation.organisation else "",
        "link": link,
        "frist": closing_date(survey),
        "abmelden": optout,
        "absender": survey.process.agency_name or survey.process.title,
        "befragung": survey.title,
    }


def mail_render(
    *, survey: Survey, invitation: SurveyInvitation, subject: str, body: str, site_url: str | None = None
) -> tuple[str, str]:
    """The (subject, body) of the mail to ``invitation``, with its personal links."""
    token = invitation_token(invitation.key)
    values = mail_values(
        survey=survey,
        invitation=invitation,
        link=survey_link(survey=survey, token=token, site_url=site_url),
        optout=optout_link(survey=survey, token=token, site_url=site_url),
    )
    return render_placeholders(subject, values), render_placeholders(body, values)


# --- waves ---------------------------------------------------------------------------------------


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


def wave_recipients(wave: MailWave) -> QuerySet[SurveyInvitation]:
    """Who a wave may still reach: contactable invitations not yet handled by this wave.

    Invitation wave: never invited before. Reminder: invited, not completed. Always: not opted out of
    the survey, not undeliverable, and the contact person is still in the registry, with consent,
    not opted out and with an e-mail address (a contact removed from the registry gets no mail).
    """
    recipients = (
        SurveyInvitation.objects.filter(
            survey_id=wave.survey_id,
            opted_out_at__isnull=True,
            bounced_at__isnull=True,
            contact__isnull=False,
            contact__consent_to_contact=True,
            contact__opted_out_at__isnull=True,
        )
        .exclude(contact__email="")
        .exclude(Q(email="") | Q(deliveries__wave=wave))
    )
    if wave.kind == MailKind.INVITATION:
        return recipients.filter(invited_at__isnull=True)
    return recipients.filter(invited_at__isnull=False, completed=False)


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
