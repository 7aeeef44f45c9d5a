"""Importing, publishing and versioning questionnaires."""

from __future__ import annotations

import pytest

from standortkompass.accounts.models import User
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Questionnaire, QuestionnaireVersion, VersionStatus
from standortkompass.surveys.selectors.surveys import (
    questionnaire_latest_version,
    questionnaire_published_version,
    questionnaires_for_process,
)
from standortkompass.surveys.services import (
    QuestionnaireFrozenError,
    questionnaire_import,
    questionnaire_new_draft,
    questionnaire_publish,
    questionnaire_version_update,
)
from standortkompass.surveys.xlsform import XLSFormError
from surveys.forms import SURVEY, xlsx


def test_an_import_creates_a_questionnaire_with_a_first_draft(process: StrategyProcess, users: dict[str, User]) -> None:
    version = questionnaire_import(process=process, data=xlsx(), filename="befragung.xlsx", actor=users["editor"])
    assert version.number == 1
    assert version.status == VersionStatus.DRAFT
    assert version.schema["schema_version"] == 1
    assert version.source_file_name == "befragung.xlsx"
    assert version.questionnaire.title == "Testbefragung"
    assert version.questionnaire.slug == "testbefragung"
    assert AuditEntry.objects.filter(action="questionnaire.import", process=process).count() == 1


def test_a_second_import_of_the_same_form_gets_its_own_address(process: StrategyProcess) -> None:
    questionnaire_import(process=process, data=xlsx(), filename="befragung.xlsx")
    second = questionnaire_import(process=process, data=xlsx(), filename="befragung.xlsx")
    assert second.questionnaire.slug == "testbefragung-2"
    assert list(questionnaires_for_process(process=process)) == list(Questionnaire.objects.order_by("title", "id"))


def test_a_malformed_form_saves_nothing(process: StrategyProcess) -> None:
    survey = [row[:] for row in SURVEY]
    survey[2][0] = "unbekannt"
    with pytest.raises(XLSFormError):
        questionnaire_import(process=process, data=xlsx(survey), filename="kaputt.xlsx")
    assert not Questionnaire.objects.exists()
    assert not AuditEntry.objects.filter(action="questionnaire.import").exists()


def test_a_published_version_is_frozen(process: StrategyProcess, users: dict[str, User]) -> None:
    version = questionnaire_import(process=process, data=xlsx(), filename="befragung.xlsx")
    published = questionnaire_publish(version=version, actor=users["editor"])
    assert published.status == VersionStatus.PUBLISHED
    assert published.published_at is not None
    changed = dict(published.schema)
    changed["pages"] = []
    with pytest.raises(QuestionnaireFrozenError):
        questionnaire_version_update(version=published, schema=changed, actor=users["editor"])  # type: ignore[arg-type]
    with pytest.raises(QuestionnaireFrozenError):
        questionnaire_publish(version=published, actor=users["editor"])
    published.refresh_from_db()
    assert published.schema["pages"]


def test_editing_a_published_questionnaire_makes_a_new_draft_version(
    process: StrategyProcess, users: dict[str, User]
) -> None:
    first = questionnaire_publish(
        version=questionnaire_import(process=process, data=xlsx(), filename="befragung.xlsx"), actor=users["editor"]
    )
    draft = questionnaire_new_draft(questionnaire=first.questionnaire, actor=users["editor"])
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert draft.schema == first.schema
    assert questionnaire_new_draft(questionnaire=first.questionnaire, actor=users["editor"]) == draft
    changed = dict(draft.schema)
    changed["pages"] = draft.schema["pages"][:1]
    questionnaire_version_update(version=draft, schema=changed, actor=users["editor"])  # type: ignore[arg-type]
    first.refresh_from_db()
    assert len(first.schema["pages"]) == 2
    assert questionnaire_latest_version(questionnaire=first.questionnaire) == draft
    assert questionnaire_published_version(questionnaire=first.questionnaire) == first
    assert QuestionnaireVersion.objects.count() == 2
