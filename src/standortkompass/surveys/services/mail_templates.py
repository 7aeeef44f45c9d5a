"""A survey's own mail texts: saving and resetting the template of a kind of mail.

The text in use (the survey's own or the German default) is read with ``selectors.mail.mail_template_for``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.surveys.mail_defaults import mail_template_validate
from standortkompass.surveys.models import MailKind, MailTemplate, Survey


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
