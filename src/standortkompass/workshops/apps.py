from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The actions this app's services record in the audit log, as the audit log page shows them.
AUDIT_LABELS = {
    "workshops.workshop.create": _("Workshop created"),
    "workshops.workshop.update": _("Workshop changed"),
    "workshops.workshop.delete": _("Workshop deleted"),
    "workshops.session.create": _("Live session created"),
    "workshops.session.start": _("Live session started"),
    "workshops.session.end": _("Live session ended"),
    "workshops.phase.create": _("Workshop phase added"),
    "workshops.phase.update": _("Workshop phase changed"),
    "workshops.phase.delete": _("Workshop phase deleted"),
    "workshops.phase.open": _("Workshop phase opened"),
    "workshops.phase.close": _("Workshop phase closed"),
    "workshops.phase.reopen": _("Workshop phase reopened"),
    "workshops.item.hide": _("Workshop card hidden"),
    "workshops.item.merge": _("Workshop cards merged"),
    "workshops.paper.enter": _("Paper results entered"),
    "workshops.participant.remove": _("Workshop participant removed"),
    "workshops.handover": _("Workshop result handed to the strategy"),
}


class WorkshopsConfig(AppConfig):
    name = "standortkompass.workshops"
    label = "workshops"
    verbose_name = _("Live workshops")

    def ready(self) -> None:
        from standortkompass.audit.labels import register

        register(self.label, AUDIT_LABELS)
