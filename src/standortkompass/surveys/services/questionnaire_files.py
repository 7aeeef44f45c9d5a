"""Questionnaires from files: a new version from an uploaded file, and the shipped default questionnaire."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.db import transaction

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.lss import parse_lss
from standortkompass.surveys.models import Questionnaire, QuestionnaireVersion, SourceFormat
from standortkompass.surveys.questionnaires.build_default import XLSX_PATH as DEFAULT_QUESTIONNAIRE_PATH
from standortkompass.surveys.schema import Schema
from standortkompass.surveys.services.questionnaires import (
    questionnaire_import,
    questionnaire_new_draft,
    questionnaire_version_update,
)
from standortkompass.surveys.xlsform import parse_xlsform


@dataclass(frozen=True)
class QuestionnaireFile:
    schema: Schema
    source_format: str
    not_mapped: list[str]


def questionnaire_file_read(*, data: bytes, filename: str) -> QuestionnaireFile:
    """The schema of an XLSForm (xlsx, csv) or LimeSurvey (lss) file; ``XLSFormError`` lists every problem."""
    if filename.lower().endswith(".lss"):
        lss = parse_lss(data)
        return QuestionnaireFile(schema=lss.schema, source_format=SourceFormat.LSS, not_mapped=lss.not_mapped)
    return QuestionnaireFile(schema=parse_xlsform(data, filename), source_format=SourceFormat.XLSFORM, not_mapped=[])


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
        draft.import_notes = read.not_mapped
        draft.full_clean()
        draft.save()
        audit_record(
            actor=actor,
            action="questionnaire.upload_version",
            obj=draft,
            process=questionnaire.process,
            changes={"file": filename, "version": draft.number, "not_mapped": len(read.not_mapped)},
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
