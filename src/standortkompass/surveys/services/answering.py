"""Answering a survey: start a response, save a page, complete (and queue the warming of the results overview).

Each save is one transaction on a locked row and writes only the answers of its page, then clears
answers whose questions became hidden. Repeating a save (double click, retry after a network error)
gives the same state; two tabs on the same response each write their own page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.surveys.answer_input import PageInput
from standortkompass.surveys.models import (
    Anonymity,
    ContactRequest,
    Response,
    ResponseStatus,
    Survey,
    SurveyInvitation,
)
from standortkompass.surveys.runtime import ANSWERED_KINDS, Runtime, is_empty
from standortkompass.surveys.schema import Page
from standortkompass.surveys.selectors.responses import published_schema, response_for_secret, runtime_for
from standortkompass.surveys.selectors.surveys import (
    personal_names,
    questionnaire_published_version,
)
from standortkompass.surveys.tokens import invitation_token_hash, response_access_hash

# Completions within this time join one warming of the results overview.
WARM_DELAY_SECONDS = 30


class SurveyNotAnswerableError(Exception):
    """The survey does not take answers now (closed, not yet open, or no published version)."""


def response_start(
    *,
    survey: Survey,
    secret: str,
    invitation: SurveyInvitation | None,
    language: str,
    named_consent: bool = False,
) -> Response:
    """A new response for a respondent who agreed to the privacy notice.

    ``secret`` is the invitation token or a new resume code; only its hash is stored. Starting twice
    with the same secret (double click, two tabs) returns the response already started.
    """
    if not survey.is_accepting_answers():
        raise SurveyNotAnswerableError(_("The survey does not take answers at the moment."))
    version = questionnaire_published_version(questionnaire=survey.questionnaire)
    if version is None:
        raise SurveyNotAnswerableError(_("The survey does not take answers at the moment."))
    existing = response_for_secret(survey=survey, secret=secret)
    if existing is not None:
        return existing
    anonymous = survey.anonymity == Anonymity.ANONYMOUS
    now = timezone.now()
    runtime = Runtime(version.schema, language=language)
    first = runtime.visible_pages({})
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                version=version,
                invitation=None if anonymous else invitation,
                access_hash=response_access_hash(secret),
                language=runtime.language,
                answers=runtime.with_calculations({}),
                current_page=first[0]["name"] if first else "",
                named_consent=named_consent and survey.anonymity == Anonymity.NAMED,
                started_at=None if anonymous else now,
                saved_at=None if anonymous else now,
            )
            if invitation is not None:
                SurveyInvitation.objects.filter(pk=invitation.pk).update(started=True)
    except IntegrityError:
        # The same secret started a response a moment ago in another request.
        raced = response_for_secret(survey=survey, secret=secret)
        if raced is None:
            raise
        return raced
    return response


@dataclass
class SaveResult:
    response: Response
    errors: dict[str, str] = field(default_factory=dict)
    next_page: str = ""
    completed: bool = False
    already_completed: bool = False
    # Questions of the page that this save made visible: they were not shown, so the page is shown again.
    appeared: list[str] = field(default_factory=list)


def response_save_page(
    *, response: Response, page_name: str, submitted: PageInput, action: str, invitation_token: str = ""
) -> SaveResult:
    """Save what was sent for one page, then move on (``next``), back (``back``), stay (``stay``)
    or complete (``submit``). Answers with a type error are not saved; going back or pausing saves
    the valid answers without insisting on required ones.
    """
    with transaction.atomic():
        stored = Response.objects.select_for_update().get(pk=response.pk)
        stored.survey = response.survey  # read by the view already; only the response row is locked and read
        if stored.status == ResponseStatus.COMPLETED:
            return SaveResult(stored, already_completed=True)
        runtime = runtime_for(stored)
        page = runtime.page(page_name)
        answers = dict(stored.answers)
        shown = {question["name"] for question in runtime.visible_questions(page, answers)}
        for name in runtime.answerable_names(page):
            if name in submitted.errors:
                continue
            if name in submitted.values and not is_empty(submitted.values[name]):
                answers[name] = submitted.values[name]
            elif name in submitted.values:
                answers.pop(name, None)
        answers = runtime.without_hidden(answers)
        errors = dict(submitted.errors)
        # An answer that breaks its constraint is not saved, whichever way the respondent goes.
        for name in runtime.answerable_names(page):
            question = runtime.questions.get(name)
            message = runtime.constraint_error(question, answers.get(name), answers) if question else None
            if message:
                errors[name] = message
                if name in stored.answers:
                    answers[name] = stored.answers[name]
                else:
                    answers.pop(name, None)
        answers = runtime.without_hidden(answers)
        if action in {"next", "submit"}:
            errors.update({k: v for k, v in runtime.page_errors(page, answers).items() if k not in errors})
        stored.answers = answers
        stored.revision += 1
        if stored.survey.anonymity != Anonymity.ANONYMOUS:
            stored.saved_at = timezone.now()
        result = SaveResult(stored, errors=errors)
        if action in {"next", "submit"} and not errors:
            result.appeared = _appeared(runtime, page, answers, shown)
        visible = [candidate["name"] for candidate in runtime.visible_pages(answers)]
        if result.appeared:
            result.next_page = page_name
        elif not errors:
            if page_name not in stored.pages_done:
                stored.pages_done = [*stored.pages_done, page_name]
            result.next_page = _neighbour(visible, page_name, action)
        elif action in {"back"}:
            result.next_page = _neighbour(visible, page_name, action)
        if action == "submit" and not errors and not result.appeared:
            problem = next(
                (
                    (candidate, page_errors)
                    for candidate in runtime.visible_pages(answers)
                    if (page_errors := runtime.page_errors(candidate, answers))
                ),
                None,
            )
            if problem is not None:
                result.next_page = problem[0]["name"]
                result.errors = problem[1] if problem[0]["name"] == page_name else {}
            else:
                _complete(stored, runtime, invitation_token=invitation_token)
                result.completed = True
                survey_id = stored.survey_id
                transaction.on_commit(lambda: results_warm_later(survey_id=survey_id))
        if result.next_page:
            stored.current_page = result.next_page
        stored.save()
    return result


def _appeared(runtime: Runtime, page: Page, answers: dict[str, object], shown: set[str]) -> list[str]:
    """Unanswered questions of the page that the saved answers made visible (a follow-up such as
    "other, namely" on the same page): without JavaScript the respondent has not seen them yet."""
    return [
        question["name"]
        for question in runtime.visible_questions(page, answers)
        if question["name"] not in shown
        and (question["kind"] in ANSWERED_KINDS or question["kind"] == "matrix")
        and is_empty(answers.get(question["name"]))
    ]


def _neighbour(visible: list[str], page_name: str, action: str) -> str:
    if page_name not in visible:
        return visible[0] if visible else page_name
    index = visible.index(page_name)
    if action == "back":
        return visible[max(index - 1, 0)]
    if action in {"next", "submit"}:
        return visible[min(index + 1, len(visible) - 1)]
    return page_name


def _complete(response: Response, runtime: Runtime, *, invitation_token: str) -> None:
    survey = response.survey
    response.status = ResponseStatus.COMPLETED
    if survey.anonymity == Anonymity.ANONYMOUS:
        personal = personal_names(runtime)
        details = {
            runtime.text(runtime.questions[name]["label"]) or name: response.answers[name]
            for name in sorted(personal)
            if not is_empty(response.answers.get(name))
        }
        response.answers = {name: value for name, value in response.answers.items() if name not in personal}
        if details:
            ContactRequest.objects.create(survey=survey, details=details, is_demo=response.is_demo)
        # From now on nothing, not even the respondent's own link, leads to this response.
        response.access_hash = None
        if invitation_token:
            SurveyInvitation.objects.filter(survey=survey, token_hash=invitation_token_hash(invitation_token)).update(
                completed=True, started=True
            )
        _blend_in(survey, response, invitation_hash=invitation_token_hash(invitation_token) if invitation_token else "")
    else:
        response.completed_at = timezone.now()
        if response.invitation_id:
            SurveyInvitation.objects.filter(pk=response.invitation_id).update(completed=True, started=True)


def _blend_in(survey: Survey, response: Response, *, invitation_hash: str) -> None:
    """PostgreSQL keeps with every row the number of the transaction that wrote it last (``xmin``), readable by
    anyone who may read the table. Completing an anonymous response writes the response, marks the invitation
    and may store a contact request in one transaction; so that this number does not pair them, the same
    transaction rewrites, unchanged, up to ``suppression_threshold`` other completed responses, completed
    invitations and contact requests of the survey, picked at random. (Other databases keep no such number.)"""
    if connection.vendor != "postgresql":
        return
    count = survey.suppression_threshold
    completed = Response.objects.filter(survey=survey, status=ResponseStatus.COMPLETED).exclude(pk=response.pk)
    _rewrite(completed, count, "revision")
    invitations = SurveyInvitation.objects.filter(survey=survey, completed=True).exclude(token_hash=invitation_hash)
    _rewrite(invitations, count, "completed")
    _rewrite(ContactRequest.objects.filter(survey=survey), count, "is_demo")


def _rewrite(rows: QuerySet[Any], count: int, column: str) -> None:
    picked = list(rows.order_by("?").values_list("pk", flat=True)[:count])
    if picked:
        rows.model.objects.filter(pk__in=picked).update(**{column: F(column)})


def response_set_language(*, response: Response, language: str) -> Response:
    runtime = Runtime(published_schema(response.version_id), language=language)
    Response.objects.filter(pk=response.pk, status=ResponseStatus.IN_PROGRESS).update(language=runtime.language)
    response.language = runtime.language
    return response


def results_warm_later(*, survey_id: int) -> None:
    """Queue one warming of the results overview some seconds after a completion; completions in
    between join it (at most one queued warming per survey and delay). The background task
    ``surveys.tasks.warm_results`` calls ``services.results_warming.results_warm``."""
    from standortkompass.surveys.tasks import warm_results

    if not cache.add(f"surveys:results-warming:{survey_id}", True, WARM_DELAY_SECONDS):
        return
    backend = warm_results.get_backend()
    if backend.supports_defer:
        later = timezone.now() + dt.timedelta(seconds=WARM_DELAY_SECONDS)
        warm_results.using(run_after=later).enqueue(survey_id)
    else:
        warm_results.enqueue(survey_id)
