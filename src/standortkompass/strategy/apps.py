from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The actions this app's services record in the audit log, as the audit log page shows them.
AUDIT_LABELS = {
    "strategy.update": _("Strategy changed"),
    "strategy.element.create": _("Strategy element created"),
    "strategy.element.update": _("Strategy element changed"),
    "strategy.element.delete": _("Strategy element deleted"),
    "strategy.element.move": _("Strategy element moved"),
    "strategy.sheet.update": _("Project fact sheet changed"),
    "strategy.milestone.create": _("Milestone added"),
    "strategy.milestone.update": _("Milestone changed"),
    "strategy.milestone.delete": _("Milestone deleted"),
    "strategy.indicator.create": _("Indicator added"),
    "strategy.indicator.update": _("Indicator changed"),
    "strategy.indicator.delete": _("Indicator deleted"),
    "strategy.actual.create": _("Actual value recorded"),
    "strategy.actual.update": _("Actual value changed"),
    "strategy.actual.delete": _("Actual value deleted"),
    "strategy.evidence.add": _("Evidence linked"),
    "strategy.evidence.update": _("Evidence note changed"),
    "strategy.evidence.remove": _("Evidence link removed"),
    "strategy.version.freeze": _("Strategy version frozen"),
    "strategy.version.submit": _("Strategy version submitted to the steering committee"),
    "strategy.version.decide": _("Decision on a strategy version recorded"),
    "strategy.version.publish": _("Strategy version published"),
    "strategy.version.withdraw": _("Strategy withdrawn from the public pages"),
    "strategy.consultation.open": _("Consultation round opened"),
    "strategy.consultation.comment": _("Comment submitted in a consultation round"),
    "strategy.consultation.respond": _("Comment of a consultation round handled"),
    "strategy.consultation.close": _("Consultation round closed"),
}


class StrategyConfig(AppConfig):
    name = "standortkompass.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from standortkompass.audit.labels import register
        from standortkompass.processes.calls_to_action import register as register_call_to_action
        from standortkompass.processes.demo.steps import register as register_demo_step
        from standortkompass.processes.evidence import register as register_evidence
        from standortkompass.processes.evidence import register_citer
        from standortkompass.processes.member_tasks import register as register_member_tasks
        from standortkompass.processes.navigation import NavEntry
        from standortkompass.processes.navigation import register as register_navigation
        from standortkompass.strategy.demo import strategy_demo_load
        from standortkompass.strategy.selectors.consultation import consultation_member_tasks
        from standortkompass.strategy.selectors.evidence import EXTERNAL_SOURCE, strategy_citations
        from standortkompass.strategy.selectors.public import strategy_calls_to_action, strategy_is_published
        from standortkompass.strategy.services.personal_data import register_personal_data

        register(self.label, AUDIT_LABELS)
        register_personal_data()
        register_evidence(EXTERNAL_SOURCE)
        register_citer(strategy_citations)
        # The home page links the published strategy; the demo gets a published demo strategy.
        register_call_to_action(strategy_calls_to_action)
        register_demo_step(strategy_demo_load)
        register_member_tasks(consultation_member_tasks)
        # "Strategie" and "Projekte" in the main navigation while a version is published.
        register_navigation(NavEntry("strategy", _("Strategy"), "strategy:overview", 70, strategy_is_published))
        register_navigation(NavEntry("projects", _("Projects"), "strategy:projects", 80, strategy_is_published))
