"""Coding open answers: the codebook of a question (codes created on the fly) and the codes of each answer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.surveys.models import Code, CodeAssignment, Response, Survey
from standortkompass.surveys.selectors.coding import open_question_names


def _check_label(*, survey: Survey, question: str, label: str, code: Code | None = None) -> str:
    label = " ".join(label.split())
    if not label:
        raise ValidationError({"label": _("Please give the code a name.")})
    others = Code.objects.filter(survey=survey, question=question, label__iexact=label)
    if code is not None:
        others = others.exclude(pk=code.pk)
    existing = others.first()
    if existing is not None:
        raise ValidationError({"label": _("This question already has a code “%(label)s”.") % {"label": existing.label}})
    return label


def code_create(*, survey: Survey, question: str, label: str, actor: User | None, description: str = "") -> Code:
    if question not in open_question_names(survey=survey):
        raise ValidationError({"question": _("Only answers to open questions can be coded.")})
    with transaction.atomic():
        code = Code(
            survey=survey,
            question=question,
            label=_check_label(survey=survey, question=question, label=label),
            description=description,
        )
        code.full_clean()
        code.save()
        audit_record(actor=actor, action="survey.code.create", obj=code, process=survey.process)
        return code


def code_rename(*, code: Code, label: str, actor: User | None) -> Code:
    with transaction.atomic():
        stored = Code.objects.select_for_update().get(pk=code.pk)
        before = stored.label
        stored.label = _check_label(survey=stored.survey, question=stored.question, label=label, code=stored)
        stored.full_clean()
        stored.save()
        if stored.label != before:
            audit_record(
                actor=actor,
                action="survey.code.rename",
                obj=stored,
                process=stored.survey.process,
                changes={"label": [before, stored.label]},
            )
        return stored


def code_delete(*, code: Code, actor: User | None) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="survey.code.delete", obj=code, process=code.survey.process)
        code.delete()


def code_assign(*, code: Code, response: Response, actor: User | None) -> CodeAssignment:
    """Give the answer the code; idempotent (an answer has each code at most once)."""
    if response.survey_id != code.survey_id:
        raise ValidationError(_("The answer belongs to another survey."))
    text = response.answers.get(code.question) if isinstance(response.answers, dict) else None
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(_("This response has no answer to the question."))
    with transaction.atomic():
        existing = CodeAssignment.objects.select_for_update().filter(code=code, response=response).first()
        if existing is not None:
            return existing
        assignment = CodeAssignment(code=code, response=response, assigned_by=actor if actor and actor.pk else None)
        assignment.full_clean()
        assignment.save()
        audit_record(actor=actor, action="survey.code.assign", obj=assignment, process=code.survey.process)
        return assignment


def code_unassign(*, code: Code, response: Response, actor: User | None) -> None:
    with transaction.atomic():
        assignment = CodeAssignment.objects.filter(code=code, response=response).first()
        if assignment is None:
            return
        audit_record(actor=actor, action="survey.code.unassign", obj=assignment, process=code.survey.process)
        assignment.delete()
