from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "standortkompass.surveys"
    label = "surveys"
    verbose_name = _("Company survey")

    def ready(self) -> None:
        from standortkompass.processes.calls_to_action import register
        from standortkompass.surveys.selectors.surveys import open_survey_calls_to_action

        register(open_survey_calls_to_action)
