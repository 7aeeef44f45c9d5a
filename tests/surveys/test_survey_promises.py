"""What a survey has promised its respondents holds: its anonymity mode and, below Administration, its threshold."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from standortkompass.accounts.models import User
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Anonymity, Survey
from standortkompass.surveys.services.surveys import survey_close, survey_open, survey_update
from surveys.results_data import results_survey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def survey(process: StrategyProcess) -> Survey:
    return results_survey(process, [], anonymity=Anonymity.PSEUDONYMOUS)


def test_the_anonymity_mode_can_be_changed_while_the_survey_is_in_preparation(survey: Survey) -> None:
    assert survey_update(survey=survey, actor=None, anonymity=Anonymity.ANONYMOUS).anonymity == Anonymity.ANONYMOUS


@pytest.mark.parametrize("closed", [False, True])
def test_the_anonymity_mode_cannot_be_changed_once_the_survey_has_opened(survey: Survey, closed: bool) -> None:
    survey = survey_open(survey=survey, actor=None)
    if closed:
        survey = survey_close(survey=survey, actor=None)

    with pytest.raises(ValidationError) as refused:
        survey_update(survey=survey, actor=None, anonymity=Anonymity.ANONYMOUS)

    assert "cannot be changed once the survey has been opened" in refused.value.message_dict["anonymity"][0]
    assert Survey.objects.get(pk=survey.pk).anonymity == Anonymity.PSEUDONYMOUS


def test_the_editorial_team_cannot_lower_the_suppression_threshold(survey: Survey, users: dict[str, User]) -> None:
    with pytest.raises(ValidationError) as refused:
        survey_update(survey=survey, actor=users["editor"], suppression_threshold=survey.suppression_threshold - 1)

    assert refused.value.message_dict["suppression_threshold"] == [
        "Only Administration may lower the smallest group shown."
    ]
    assert Survey.objects.get(pk=survey.pk).suppression_threshold == survey.suppression_threshold


def test_the_editorial_team_may_raise_the_threshold_and_administration_lower_it_audited(
    survey: Survey, users: dict[str, User]
) -> None:
    before = survey.suppression_threshold
    survey_update(survey=survey, actor=users["editor"], suppression_threshold=before + 2)

    survey_update(survey=survey, actor=users["admin"], suppression_threshold=before - 1)

    assert Survey.objects.get(pk=survey.pk).suppression_threshold == before - 1
    entry = AuditEntry.objects.filter(action="survey.update", actor=users["admin"]).get()
    assert entry.changes == {"suppression_threshold": [str(before + 2), str(before - 1)]}


def test_the_settings_page_shows_the_anonymity_mode_as_fixed_once_opened(survey: Survey, client_for) -> None:
    survey_open(survey=survey, actor=None)
    client = client_for("admin")
    url = f"/en/verwaltung/{survey.process_id}/befragungen/{survey.pk}/bearbeiten/"

    page = client.get(url).content.decode()

    assert "The anonymity mode cannot be changed once the survey has been opened." in page
    assert re.search(r'<input[^>]*name="anonymity"[^>]*disabled', page)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin", True), ("editor", False), ("board", False), ("partner", False), ("company", False), ("outsider", False)],
)
def test_only_administration_holds_the_permission_to_lower_the_threshold(
    process: StrategyProcess, users: dict[str, User], role: str, allowed: bool
) -> None:
    assert users[role].has_perm("surveys.lower_suppression_threshold", process) is allowed
