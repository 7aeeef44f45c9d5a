"""Personal invitations to a survey: created from the actors registry, marked undeliverable, opted out.

No mail is sent here; the mail waves are in ``services/waves.py`` and ``services/wave_sending.py``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import ContactPerson, OrganisationType
from standortkompass.surveys.models import Survey, SurveyInvitation
from standortkompass.surveys.selectors.invitations import invitation_for_token
from standortkompass.surveys.tokens import invitation_token, invitation_token_hash, new_invitation_key

BATCH_SIZE = 200


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


def invitation_opt_out(*, survey: Survey, token: str) -> SurveyInvitation | None:
    """The invitee no longer wants mails about this survey (the public opt-out link).

    Recorded on the invitation (kept, not deleted); the contact person's general consent is left as
    it is. None for an unknown token. Opting out twice keeps the first date.
    """
    invitation = invitation_for_token(survey=survey, token=token)
    if invitation is None:
        return None
    with transaction.atomic():
        stored = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
        if stored.opted_out_at is None:
            stored.opted_out_at = timezone.now()
            stored.save(update_fields=["opted_out_at"])
            audit_record(actor=None, action="survey_invitation.opt_out", obj=stored, process=survey.process)
    return stored
