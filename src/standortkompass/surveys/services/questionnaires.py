"""Write operations on questionnaires. A published version is frozen: changes go into a new draft."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.services.process import german_slug, numbered_slug
from standortkompass.surveys.lss import parse_lss
from standortkompass.surveys.models import Questionnaire, QuestionnaireVersion, SourceFormat, VersionStatus
from standortkompass.surveys.schema import Schema
from standortkompass.surveys.xlsform import read_xlsform


class QuestionnaireFrozenError(ValidationError):
    """Raised when a service is asked to change a published questionnaire version."""


def _refuse_published(version: QuestionnaireVersion) -> None:
    if version.status == VersionStatus.PUBLISHED:
        raise QuestionnaireFrozenError(
            _("Version %(number)d of “%(title)s” is published and cannot be changed; create a new draft version.")
            % {"number": version.number, "title": version.questionnaire.title}
        )


def questionnaire_slug(*, process: StrategyProcess, title: str) -> str:
    max_length = Questionnaire._meta.get_field("slug").max_length or 120
    base = german_slug(title, max_length=max_length, fallback="fragebogen")
    taken = set(process.questionnaires.filter(slug__startswith=base).values_list("slug", flat=True))
    return numbered_slug(base, taken=taken, max_length=max_length)


@dataclass(frozen=True)
class QuestionnaireFile:
    """A readable questionnaire file: its schema and the warnings (what was left out or changed, and why)."""

    schema: Schema
    source_format: str
    warnings: list[str]


def questionnaire_file_read(*, data: bytes, filename: str) -> QuestionnaireFile:
    """The schema of an XLSForm (xlsx, xls, csv) or LimeSurvey (lss) file with its warnings; nothing is saved.

    Raises ``XLSFormError`` listing every error (then the file cannot be imported at all).
    """
    if filename.lower().endswith(".lss"):
        lss = parse_lss(data)
        return QuestionnaireFile(schema=lss.schema, source_format=SourceFormat.LSS, warnings=lss.not_mapped)
    read = read_xlsform(data, filename)
    return QuestionnaireFile(
        schema=read.schema, source_format=SourceFormat.XLSFORM, warnings=[str(warning) for warning in read.warnings]
    )


def questionnaire_import(
    *, process: StrategyProcess, data: bytes, filename: str, actor: User | None = None
) -> QuestionnaireVersion:
    """A new questionnaire with a first draft version from an XLSForm file (xlsx, xls or csv) or a
    LimeSurvey structure file (lss); the warnings (what was left out or changed) are kept in ``import_notes``.

    Raises ``XLSFormError`` listing every error; then nothing is saved.
    """
    read = questionnaire_file_read(data=data, filename=filename)
    schema, notes, source_format = read.schema, read.warnings, read.source_format
    title = schema["settings"]["title"] or PurePath(filename).stem
    with transaction.atomic():
        questionnaire = Questionnaire(process=process, title=title[:200])
        questionnaire.slug = questionnaire_slug(process=process, title=questionnaire.title)
        questionnaire.full_clean()
        questionnaire.save()
        version = QuestionnaireVersion(
            questionnaire=questionnaire,
            number=1,
            schema=schema,
            source_format=source_format,
            source_file_name=PurePath(filename).name[:255],
            import_notes=notes,
        )
        version.full_clean()
        version.save()
        audit_record(
            actor=actor,
            action="questionnaire.import",
            obj=questionnaire,
            process=process,
            changes={"file": filename, "version": 1, "not_mapped": len(notes)},
        )
    return version


def questionnaire_version_update(
    *, version: QuestionnaireVersion, schema: Schema, actor: User | None = None
) -> QuestionnaireVersion:
    """Replace the definition of a draft version; a published version is refused."""
    with transaction.atomic():
        stored = QuestionnaireVersion.objects.select_for_update().select_related("questionnaire").get(pk=version.pk)
        _refuse_published(stored)
        stored.schema = schema
        stored.full_clean()
        stored.save()
        audit_record(
            actor=actor,
            action="questionnaire.update",
            obj=stored,
            process=stored.questionnaire.process,
            changes={"version": stored.number},
        )
    return stored


def questionnaire_publish(*, version: QuestionnaireVersion, actor: User | None) -> QuestionnaireVersion:
    """Freeze a draft version; from now on responses may refer to it."""
    with transaction.atomic():
        stored = QuestionnaireVersion.objects.select_for_update().select_related("questionnaire").get(pk=version.pk)
        _refuse_published(stored)
        stored.status = VersionStatus.PUBLISHED
        stored.published_at = timezone.now()
        stored.full_clean()
        stored.save()
        audit_record(
            actor=actor,
            action="questionnaire.publish",
            obj=stored,
            process=stored.questionnaire.process,
            changes={"version": stored.number},
        )
    return stored


def questionnaire_new_draft(*, questionnaire: Questionnaire, actor: User | None) -> QuestionnaireVersion:
    """A draft to edit: the existing draft, or a new version copied from the latest published one."""
    with transaction.atomic():
        versions = QuestionnaireVersion.objects.select_for_update().filter(questionnaire=questionnaire)
        draft = versions.filter(status=VersionStatus.DRAFT).order_by("-number").first()
        if draft is not None:
            return draft
        latest = versions.order_by("-number").first()
        if latest is None:
            raise ValidationError(_("The questionnaire has no version to copy."))
        number = (versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
        draft = QuestionnaireVersion(
            questionnaire=questionnaire,
            number=number,
            schema=latest.schema,
            source_format=latest.source_format,
            source_file_name=latest.source_file_name,
        )
        draft.full_clean()
        draft.save()
        audit_record(
            actor=actor,
            action="questionnaire.new_draft",
            obj=draft,
            process=questionnaire.process,
            changes={"version": number, "copied_from": latest.number},
        )
    return draft
