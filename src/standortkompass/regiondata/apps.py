from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The actions this app's services record in the audit log, as the audit log page shows them.
AUDIT_LABELS = {
    "statistics.import": _("Statistics imported"),
}


class RegiondataConfig(AppConfig):
    name = "standortkompass.regiondata"
    label = "regiondata"
    verbose_name = _("Regional data")

    def ready(self) -> None:
        from standortkompass.audit.labels import register

        register(self.label, AUDIT_LABELS)
