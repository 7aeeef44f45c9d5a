from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "standortkompass.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from standortkompass.accounts.personal_data import register
        from standortkompass.audit.services import audit_personal_data, audit_personal_data_erase

        # Registered first, so erased last: after every other kind has forgotten its own entries.
        register(
            "audit.entries",
            label=_("Audit log entries of the person's actions and about the person"),
            effect=_("kept without the person: actor and description become “erased person”"),
            collect=audit_personal_data,
            erase=audit_personal_data_erase,
        )
