from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The actions this app's services record in the audit log, as the audit log page shows them.
AUDIT_LABELS = {
    "questionnaire.import": _("Questionnaire imported"),
    "questionnaire.upload_version": _("New questionnaire version uploaded"),
    "questionnaire.update": _("Questionnaire draft changed"),
    "questionnaire.new_draft": _("New questionnaire draft created"),
    "questionnaire.publish": _("Questionnaire version published"),
    "survey.create": _("Survey created"),
    "survey.update": _("Survey settings changed"),
    "survey.open": _("Survey opened"),
    "survey.close": _("Survey closed"),
    "survey.code.create": _("Code created"),
    "survey.code.rename": _("Code renamed"),
    "survey.code.delete": _("Code deleted"),
    "survey.code.assign": _("Code assigned to an answer"),
    "survey.code.unassign": _("Code removed from an answer"),
    "survey_export.request": _("Survey export requested"),
    "survey_invitation.create": _("Survey invitation created"),
    "survey_invitation.create_from_registry": _("Survey invitations created from the actors registry"),
    "survey_invitation.bounce": _("Invitation recorded as undeliverable"),
    "survey_invitation.opt_out": _("Opted out of survey mails"),
    "survey_mail_template.save": _("Mail text saved"),
    "survey_mail_template.reset": _("Mail text reset to the default"),
    "survey_wave.schedule": _("Mail wave scheduled"),
    "survey_wave.cancel": _("Mail wave cancelled"),
    "survey_wave.send": _("Mail wave sent"),
}


class SurveysConfig(AppConfig):
    name = "standortkompass.surveys"
    label = "surveys"
    verbose_name = _("Company survey")

    def ready(self) -> None:
        from standortkompass.audit.labels import register
        from standortkompass.processes.calls_to_action import register as register_call_to_action
        from standortkompass.processes.demo.steps import register as register_demo_step
        from standortkompass.processes.evidence import register as register_evidence
        from standortkompass.processes.member_tasks import register as register_member_tasks
        from standortkompass.surveys.demo import survey_demo_load
        from standortkompass.surveys.selectors.evidence import SURVEY_RESULT
        from standortkompass.surveys.selectors.invitations import invitation_member_tasks
        from standortkompass.surveys.selectors.surveys import open_survey_calls_to_action
        from standortkompass.surveys.services.personal_data import register_personal_data
        from standortkompass.surveys.services.retention import register_retention

        register(self.label, AUDIT_LABELS)
        register_call_to_action(open_survey_calls_to_action)
        register_member_tasks(invitation_member_tasks)
        register_demo_step(survey_demo_load)
        register_personal_data()
        register_retention()
        # Survey results can be cited as evidence by the strategy (always with the survey's suppression).
        register_evidence(SURVEY_RESULT)
