from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The actions this app's services record in the audit log, as the audit log page shows them.
AUDIT_LABELS = {
    "process.create": _("Process created"),
    "process.update": _("Process settings changed"),
    "process.publish": _("Process published"),
    "process.unpublish": _("Process withdrawn from the website"),
    "membership.create": _("Member added"),
    "phase.create": _("Phase created"),
    "phase.update": _("Phase changed"),
    "phase.delete": _("Phase deleted"),
    "phase.move": _("Phase moved"),
    "board.create": _("Board created"),
    "board.update": _("Board changed"),
    "board.delete": _("Board deleted"),
    "board_member.create": _("Board member added"),
    "board_member.update": _("Board member changed"),
    "board_member.delete": _("Board member removed"),
    "event.create": _("Date created"),
    "event.update": _("Date changed"),
    "event.delete": _("Date deleted"),
    "news.create": _("News item created"),
    "news.update": _("News item changed"),
    "news.delete": _("News item deleted"),
    "site_page.create": _("Site page written"),
    "site_page.update": _("Site page changed"),
    "feedback.update": _("Feedback status changed"),
    "organisation.create": _("Organisation created"),
    "organisation.update": _("Organisation changed"),
    "organisation.delete": _("Organisation deleted"),
    "organisation.import": _("Organisations imported"),
    "organisation.import_create": _("Organisation created by the import"),
    "contact.create": _("Contact person added"),
    "contact.update": _("Contact person changed"),
    "contact.delete": _("Contact person deleted"),
    "contact.import_create": _("Contact person created by the import"),
    "demo.load": _("Demo content loaded"),
}


class ProcessesConfig(AppConfig):
    name = "standortkompass.processes"
    label = "processes"
    verbose_name = _("Strategy process")

    def ready(self) -> None:
        from standortkompass.audit.labels import register
        from standortkompass.processes import member_tasks
        from standortkompass.processes.selectors import date_member_tasks, organisation_member_tasks
        from standortkompass.processes.services.personal_data import register_personal_data

        register(self.label, AUDIT_LABELS)
        register_personal_data()
        member_tasks.register(date_member_tasks)
        member_tasks.register(organisation_member_tasks)
