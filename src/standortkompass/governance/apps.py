from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The actions this app's services record in the audit log, as the audit log page shows them.
AUDIT_LABELS = {
    "governance.meeting.create": _("Board meeting created"),
    "governance.meeting.update": _("Board meeting changed"),
    "governance.meeting.delete": _("Board meeting deleted"),
    "governance.meeting.invite": _("Invitation to a board meeting sent"),
    "governance.attendance.update": _("Attendance recorded"),
    "governance.minutes.update": _("Minutes changed"),
    "governance.minutes.approve": _("Minutes approved"),
    "governance.agenda.create": _("Agenda item added"),
    "governance.agenda.update": _("Agenda item changed"),
    "governance.agenda.delete": _("Agenda item deleted"),
    "governance.agenda.move": _("Agenda item moved"),
    "governance.entry.create": _("Recommendation or decision recorded"),
    "governance.entry.update": _("Recommendation or decision changed"),
    "governance.entry.delete": _("Recommendation or decision deleted"),
    "governance.action.create": _("Follow-up action added"),
    "governance.action.update": _("Follow-up action changed"),
    "governance.action.delete": _("Follow-up action deleted"),
    "governance.action.remind": _("Follow-up action reminded"),
    "governance.document.upload": _("Board document uploaded"),
    "governance.document.update": _("Board document changed"),
    "governance.document.delete": _("Board document deleted"),
}


class GovernanceConfig(AppConfig):
    name = "standortkompass.governance"
    label = "governance"
    verbose_name = _("Boards at work")

    def ready(self) -> None:
        from standortkompass.audit.labels import register
        from standortkompass.governance.demo import governance_demo_load
        from standortkompass.governance.selectors.evidence import BOARD_ENTRY
        from standortkompass.governance.selectors.register import has_public_entries
        from standortkompass.governance.selectors.tasks import board_member_tasks
        from standortkompass.governance.selectors.version_actions import record_decision_action
        from standortkompass.governance.services.personal_data import register_personal_data
        from standortkompass.processes.demo.steps import register as register_demo_step
        from standortkompass.processes.evidence import register as register_evidence
        from standortkompass.processes.member_tasks import register as register_member_tasks
        from standortkompass.processes.navigation import NavEntry
        from standortkompass.processes.navigation import register as register_navigation
        from standortkompass.strategy.version_actions import register as register_version_action

        register(self.label, AUDIT_LABELS)
        # Recommendations and decisions can be cited as evidence by the strategy.
        register_evidence(BOARD_ENTRY)
        register_member_tasks(board_member_tasks)
        register_personal_data()
        register_demo_step(governance_demo_load)
        # A submitted strategy version's page links the register's form for the steering committee's decision.
        register_version_action(record_decision_action)
        # "Beschlüsse" in the main navigation while the register has public entries.
        register_navigation(NavEntry("decisions", _("Decisions"), "governance:register", 85, has_public_entries))
