from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.selectors import installation_admin_memberships
from standortkompass.processes.models import AccessibilityFeedback


def feedback_submit(*, message: str, page_url: str = "", name: str = "", email: str = "") -> AccessibilityFeedback:
    """Store an accessibility report and tell every Administration user (and FEEDBACK_EMAIL)."""
    feedback = AccessibilityFeedback(message=message, page_url=page_url[:500], name=name, email=email)
    feedback.full_clean()
    with transaction.atomic():
        feedback.save()
        recipients = sorted(
            set(installation_admin_memberships().values_list("user__email", flat=True))
            | ({settings.FEEDBACK_EMAIL} if settings.FEEDBACK_EMAIL else set())
        )
        if recipients:
            body = _("Page: %(page)s\nFrom: %(name)s <%(email)s>\n\n%(message)s") % {
                "page": page_url or "-",
                "name": name or "-",
                "email": email or "-",
                "message": message,
            }
            transaction.on_commit(
                lambda: send_mail(
                    _("Accessibility feedback"), body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True
                )
            )
    return feedback
