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
    "workshops.session.update": _("Live session changed"),
    "workshops.session.delete": _("Live session deleted"),
    "workshops.session.template": _("Session template applied"),
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
    "workshops.table.create": _("Workshop table added"),
    "workshops.table.update": _("Workshop table changed"),
    "workshops.table.delete": _("Workshop table deleted"),
    "workshops.table.assign": _("Workshop participant seated at a table"),
    "workshops.tables.distribute": _("Workshop participants distributed to the tables"),
    "workshops.tables.rotate": _("Workshop tables rotated to the next round"),
    "workshops.handover": _("Workshop result handed to the strategy"),
}


class WorkshopsConfig(AppConfig):
    name = "standortkompass.workshops"
    label = "workshops"
    verbose_name = _("Live workshops")

    def ready(self) -> None:
        from standortkompass.audit.labels import register
        from standortkompass.processes.demo.steps import register as register_demo_step
        from standortkompass.processes.evidence import register as register_evidence
        from standortkompass.workshops.demo import workshops_demo_load
        from standortkompass.workshops.selectors.evidence import WORKSHOP_ITEM
        from standortkompass.workshops.services.personal_data import register_personal_data, register_retention
        from standortkompass.workshops.views.participant import register_calls_to_action

        register(self.label, AUDIT_LABELS)
        # Clusters, winning items and canvases of closed phases can be cited as evidence by the strategy.
        register_evidence(WORKSHOP_ITEM)
        register_personal_data()
        register_retention()
        # "Jetzt mitmachen" on the public home page while a session is live.
        register_calls_to_action()
        # After the strategy's step: the demo workshops' candidates are cited by the demo strategy's fields.
        register_demo_step(workshops_demo_load)
