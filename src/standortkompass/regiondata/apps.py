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
        from standortkompass.regiondata.services.personal_data import register_personal_data

        register(self.label, AUDIT_LABELS)
        register_personal_data()
