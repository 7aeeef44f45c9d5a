from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The actions this app's services record in the audit log, as the audit log page shows them.
AUDIT_LABELS = {
    "monitoring.round.open": _("Reporting round opened"),
    "monitoring.round.update": _("Reporting round changed"),
    "monitoring.round.close": _("Reporting round closed"),
    "monitoring.round.remind": _("Reminders of a reporting round queued"),
    "monitoring.report.submit": _("Project report submitted"),
    "monitoring.report.update": _("Project report corrected"),
    "monitoring.import": _("Status updates of projects imported"),
    "monitoring.actuals_import": _("Indicator values imported"),
}


class MonitoringConfig(AppConfig):
    name = "standortkompass.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from standortkompass.audit.labels import register
        from standortkompass.monitoring.demo import monitoring_demo_load
        from standortkompass.monitoring.selectors.tasks import report_member_tasks
        from standortkompass.monitoring.services.personal_data import register_personal_data
        from standortkompass.processes.demo.steps import register as register_demo_step
        from standortkompass.processes.member_tasks import register as register_member_tasks
        from standortkompass.processes.navigation import NavEntry
        from standortkompass.processes.navigation import register as register_navigation
        from standortkompass.strategy.selectors.public import strategy_is_published

        register(self.label, AUDIT_LABELS)
        register_member_tasks(report_member_tasks)
        register_personal_data()
        register_demo_step(monitoring_demo_load)
        # "Umsetzung" in the main navigation while a version of the strategy is published.
        register_navigation(
            NavEntry("implementation", _("Implementation"), "monitoring:overview", 90, strategy_is_published)
        )
