"""Read access to questionnaires and surveys: versions, personal-data questions, surveys open to the public."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standortkompass.processes.calls_to_action import CallToAction
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Questionnaire, QuestionnaireVersion, Survey, SurveyStatus, VersionStatus
from standortkompass.surveys.runtime import Runtime


def questionnaires_for_process(*, process: StrategyProcess) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(process=process).order_by("title", "id")


def questionnaire_latest_version(*, questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    return questionnaire.versions.order_by("-number").first()


def questionnaire_published_version(*, questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    """The newest published version: the one new respondents answer."""
    return questionnaire.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


def personal_question_names(version: QuestionnaireVersion) -> set[str]:
    """Questions marked ``personal_data = yes`` in the XLSForm: kept apart from anonymous responses."""
    return personal_names(Runtime(version.schema))


def personal_names(runtime: Runtime) -> set[str]:
    """:func:`personal_question_names` of a questionnaire already at hand as a runtime."""
    return {
        name
        for name, question in runtime.questions.items()
        if question["extra"].get("personal_data", "").strip().lower() in {"yes", "true", "1", "ja"}
    }


def surveys_open_to_the_public(*, process: StrategyProcess) -> list[Survey]:
    """Surveys of the process that anyone may answer now, newest first."""
    candidates = Survey.objects.filter(process=process, status=SurveyStatus.OPEN, open_access=True)
    return [survey for survey in candidates.order_by("-created_at") if survey.is_accepting_answers()]


def open_survey_calls_to_action(process: StrategyProcess) -> list[CallToAction]:
    """The link to every open survey for the public home page."""
    actions = []
    for survey in surveys_open_to_the_public(process=process):
        if survey.closes_at:
            text = _("Tell us what your company needs – until %(date)s. It takes about 15 minutes.") % {
                "date": date_format(timezone.localtime(survey.closes_at), "j. F Y")
            }
        else:
            text = _("Tell us what your company needs. It takes about 15 minutes.")
        actions.append(
            CallToAction(
                title=survey.title,
                text=text,
                url=reverse("survey:start", kwargs={"survey_slug": survey.slug}),
                link_text=_("Take part in the survey"),
            )
        )
    return actions
