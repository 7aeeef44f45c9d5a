"""Read side of a survey's mail: the text of a kind of mail and who a wave may still reach."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from standortkompass.surveys.mail_defaults import default_mail
from standortkompass.surveys.models import MailKind, MailTemplate, MailWave, Survey, SurveyInvitation


def mail_template_for(*, survey: Survey, kind: str) -> tuple[str, str]:
    """(subject, body) of the survey's own template of ``kind``, or the German default."""
    template = MailTemplate.objects.filter(survey=survey, kind=kind).first()
    if template is not None:
        return template.subject, template.body
    return default_mail(kind)


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
