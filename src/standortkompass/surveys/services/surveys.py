"""Putting a questionnaire in the field: create, change, open and close a survey."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.services.process import german_slug, numbered_slug
from standortkompass.surveys.models import Questionnaire, Survey, SurveyStatus
from standortkompass.surveys.selectors.surveys import questionnaire_published_version
from standortkompass.surveys.texts import default_text

EDITABLE_FIELDS = (
    "title",
    "slug",
    "anonymity",
    "open_access",
    "opens_at",
    "closes_at",
    "introduction",
    "privacy_notice",
    "contact",
    "suppression_threshold",
    "weighting_enabled",
    "sector_question",
    "size_question",
    "municipality_question",
)


def survey_slug(*, title: str) -> str:
    max_length = Survey._meta.get_field("slug").max_length or 80
    base = german_slug(title, max_length=max_length, fallback="befragung")
    taken = set(Survey.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return numbered_slug(base, taken=taken, max_length=max_length)


def _profile_question(questionnaire: Questionnaire, candidates: tuple[str, ...]) -> str:
    """The first candidate name that the questionnaire's newest version asks, for the breakdowns."""
    from standortkompass.surveys.schema import all_questions

    version = questionnaire.versions.order_by("-number").first()
    if version is None:
        return ""
    names = {question["name"] for question in all_questions(version.schema)}
    return next((name for name in candidates if name in names), "")


def survey_create(
    *, process: StrategyProcess, questionnaire: Questionnaire, actor: User | None, **fields: Any
) -> Survey:
    """A new survey in preparation, with the default privacy notice and contact text."""
    if questionnaire.process_id != process.pk:
        raise ValidationError({"questionnaire": _("The questionnaire belongs to another process.")})
    unknown = set(fields) - set(EDITABLE_FIELDS) - {"is_demo"}
    if unknown:
        raise TypeError(f"unknown survey fields: {sorted(unknown)}")
    with transaction.atomic():
        survey = Survey(process=process, questionnaire=questionnaire)
        survey.title = fields.pop("title", "") or questionnaire.title
        survey.slug = fields.pop("slug", "") or survey_slug(title=survey.title)
        survey.privacy_notice = fields.pop("privacy_notice", "") or default_text("datenschutz")
        survey.contact = fields.pop("contact", "") or default_text("kontakt")
        survey.sector_question = fields.pop("sector_question", "") or _profile_question(
            questionnaire, ("branche", "wz_abschnitt", "sector")
        )
        survey.size_question = fields.pop("size_question", "") or _profile_question(
            questionnaire, ("groesse", "groessenklasse", "beschaeftigte_klasse", "size")
        )
        survey.municipality_question = fields.pop("municipality_question", "") or _profile_question(
            questionnaire, ("gemeinde", "standort_gemeinde", "municipality")
        )
        for name, value in fields.items():
            setattr(survey, name, value)
        survey.full_clean()
        survey.save()
        audit_record(actor=actor, action="survey.create", obj=survey, process=process, changes={"title": survey.title})
    return survey


def _check_protected_changes(stored: Survey, fields: dict[str, Any], *, actor: User | None) -> None:
    """The promises a survey has made: its anonymity mode holds once it has opened (a survey that must
    change mode is closed and a new one opened), and only Administration lowers the suppression
    threshold (the change is audited with the old and the new value)."""
    errors: dict[str, str] = {}
    if "anonymity" in fields and fields["anonymity"] != stored.anonymity and stored.status != SurveyStatus.DRAFT:
        errors["anonymity"] = _(
            "The anonymity mode cannot be changed once the survey has been opened: respondents answered under "
            "it. Close this survey and create a new one with the other mode."
        )
    lowered = "suppression_threshold" in fields and fields["suppression_threshold"] < stored.suppression_threshold
    if lowered and actor is not None and not actor.has_perm("surveys.lower_suppression_threshold", stored.process):
        errors["suppression_threshold"] = _("Only Administration may lower the smallest group shown.")
    if errors:
        raise ValidationError(errors)


def survey_update(*, survey: Survey, actor: User | None, **fields: Any) -> Survey:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown survey fields: {sorted(unknown)}")
    with transaction.atomic():
        stored = Survey.objects.select_for_update().get(pk=survey.pk)
        changes: dict[str, object] = {
            name: str(value) for name, value in fields.items() if getattr(stored, name) != value
        }
        _check_protected_changes(stored, fields, actor=actor)
        if "suppression_threshold" in changes:
            changes["suppression_threshold"] = [str(stored.suppression_threshold), changes["suppression_threshold"]]
        for name, value in fields.items():
            setattr(stored, name, value)
        stored.full_clean()
        stored.save()
        if changes:
            audit_record(actor=actor, action="survey.update", obj=stored, process=stored.process, changes=changes)
    return stored


def survey_open(*, survey: Survey, actor: User | None) -> Survey:
    """Start answering. Needs a published questionnaire version; new respondents get the newest."""
    with transaction.atomic():
        stored = Survey.objects.select_for_update().select_related("questionnaire").get(pk=survey.pk)
        if questionnaire_published_version(questionnaire=stored.questionnaire) is None:
            raise ValidationError(_("Publish a version of the questionnaire before opening the survey."))
        stored.status = SurveyStatus.OPEN
        stored.full_clean()
        stored.save()
        audit_record(actor=actor, action="survey.open", obj=stored, process=stored.process, changes={})
    return stored


def survey_close(*, survey: Survey, actor: User | None) -> Survey:
    """Stop answering. Responses in progress are kept (and count as partial in the results)."""
    with transaction.atomic():
        stored = Survey.objects.select_for_update().get(pk=survey.pk)
        stored.status = SurveyStatus.CLOSED
        stored.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="survey.close", obj=stored, process=stored.process, changes={})
    return stored
