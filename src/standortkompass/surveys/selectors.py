"""Read access to questionnaires."""

from __future__ import annotations

from django.db.models import QuerySet

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Questionnaire, QuestionnaireVersion, VersionStatus


def questionnaires_for_process(*, process: StrategyProcess) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(process=process).order_by("title", "id")


def questionnaire_latest_version(*, questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    return questionnaire.versions.order_by("-number").first()


def questionnaire_published_version(*, questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    """The newest published version: the one new respondents answer."""
    return questionnaire.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()
