from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The actions this app's services record in the audit log, as the audit log page shows them.
AUDIT_LABELS = {
    "analysis.settings": _("Location analysis settings changed"),
    "finding.create": _("Finding created"),
    "finding.update": _("Finding changed"),
    "finding.delete": _("Finding deleted"),
}


class StandortanalyseConfig(AppConfig):
    name = "standortkompass.standortanalyse"
    label = "standortanalyse"
    verbose_name = _("Location analysis")

    def ready(self) -> None:
        from standortkompass.audit.labels import register
        from standortkompass.core.warmup import register_warm_pages, register_warmer
        from standortkompass.processes.demo.steps import register as register_demo_step
        from standortkompass.processes.evidence import register as register_evidence
        from standortkompass.processes.member_tasks import register as register_member_tasks
        from standortkompass.processes.navigation import NavEntry
        from standortkompass.processes.navigation import register as register_navigation
        from standortkompass.standortanalyse.cache import published_analysis_cache_warm, published_analysis_paths
        from standortkompass.standortanalyse.document import register_document
        from standortkompass.standortanalyse.selectors.evidence import ANALYSIS_FIGURE, FINDING
        from standortkompass.standortanalyse.selectors.scope import analysis_member_tasks, analysis_shown
        from standortkompass.standortanalyse.services.findings import analysis_demo_load
        from standortkompass.standortanalyse.services.personal_data import register_personal_data

        register(self.label, AUDIT_LABELS)
        register_personal_data()
        register_demo_step(analysis_demo_load)
        register_member_tasks(analysis_member_tasks)
        # Findings and official figures can be cited as evidence by the strategy.
        register_evidence(FINDING)
        register_evidence(ANALYSIS_FIGURE)
        # "Standortanalyse" in the main navigation while the analysis is published.
        register_navigation(
            NavEntry("standortanalyse", _("Location analysis"), "standortanalyse:overview", 60, analysis_shown)
        )
        # Each app process of `serve` computes the published analysis and draws its pages before it accepts
        # connections: the first visitors after a restart do not wait.
        register_warmer("Standortanalyse", published_analysis_cache_warm)
        register_warm_pages("Standortanalyse", published_analysis_paths)
        # The Standortanalyse as a document of the reports (PDF, DOCX, HTML).
        register_document()
