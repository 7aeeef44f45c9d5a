"""Questionnaires from files: a new version from an uploaded file, and the shipped default questionnaire."""

from __future__ import annotations

from pathlib import PurePath

from django.db import transaction

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Questionnaire, QuestionnaireVersion
from standortkompass.surveys.questionnaires.build_default import XLSX_PATH as DEFAULT_QUESTIONNAIRE_PATH
from standortkompass.surveys.services.questionnaires import (
    questionnaire_file_read,
    questionnaire_import,
    questionnaire_new_draft,
    questionnaire_version_update,
)


def questionnaire_version_replace_from_file(
    *, questionnaire: Questionnaire, data: bytes, filename: str, actor: User | None
) -> QuestionnaireVersion:
    """The questionnaire's draft version (an existing draft, or a new one) with the definition from a file.

    The file is checked before anything is written: on ``XLSFormError`` nothing is saved.
    """
    read = questionnaire_file_read(data=data, filename=filename)
    with transaction.atomic():
        draft = questionnaire_new_draft(questionnaire=questionnaire, actor=actor)
        draft = questionnaire_version_update(version=draft, schema=read.schema, actor=actor)
        draft.source_format = read.source_format
        draft.source_file_name = PurePath(filename).name[:255]
        draft.import_notes = read.warnings
        draft.full_clean()
        draft.save()
        audit_record(
            actor=actor,
            action="questionnaire.upload_version",
            obj=draft,
            process=questionnaire.process,
            changes={"file": filename, "version": draft.number, "not_mapped": len(read.warnings)},
        )
    return draft


def questionnaire_import_default(*, process: StrategyProcess, actor: User | None) -> QuestionnaireVersion:
    """The shipped questionnaire "Unternehmensbefragung Zukunftsstrategie" as a new questionnaire (draft)."""
    return questionnaire_import(
        process=process,
        data=DEFAULT_QUESTIONNAIRE_PATH.read_bytes(),
        filename=DEFAULT_QUESTIONNAIRE_PATH.name,
        actor=actor,
    )
