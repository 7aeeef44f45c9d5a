"""The respondent's pages: start with privacy notice and consent, one page per question group, pause
and resume, thanks. Work without JavaScript; the secret (token or resume code) lives in the session.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from standortkompass.surveys.answer_input import parse_page, rank_field
from standortkompass.surveys.models import Anonymity, Response, ResponseStatus, Survey, SurveyInvitation, SurveyStatus
from standortkompass.surveys.runtime import OTHER, OTHER_SUFFIX, Runtime, is_empty
from standortkompass.surveys.schema import Page, Question
from standortkompass.surveys.selectors.invitations import invitation_for_token
from standortkompass.surveys.selectors.responses import response_for_secret, runtime_for
from standortkompass.surveys.selectors.surveys import questionnaire_published_version
from standortkompass.surveys.services.answering import (
    SurveyNotAnswerableError,
    response_save_page,
    response_set_language,
    response_start,
)
from standortkompass.surveys.tokens import is_resume_code_shape, new_resume_code, normalise_resume_code

SESSION_KEY = "survey_access"
ACTIONS = {"next", "back", "pause", "submit"}


def _survey(survey_slug: str) -> Survey:
    """Surveys in preparation do not exist for the public."""
    survey = get_object_or_404(Survey.objects.select_related("process", "questionnaire"), slug=survey_slug)
    if survey.status == SurveyStatus.DRAFT:
        raise Http404(_("Page not found."))
    return survey


def _access(request: HttpRequest, survey: Survey) -> dict[str, Any]:
    stored: dict[str, Any] = request.session.get(SESSION_KEY, {}).get(str(survey.pk), {})
    return stored


def _remember(request: HttpRequest, survey: Survey, **values: Any) -> None:
    everything = dict(request.session.get(SESSION_KEY, {}))
    everything[str(survey.pk)] = {**everything.get(str(survey.pk), {}), **values}
    request.session[SESSION_KEY] = everything


def _forget(request: HttpRequest, survey: Survey) -> None:
    everything = dict(request.session.get(SESSION_KEY, {}))
    everything.pop(str(survey.pk), None)
    request.session[SESSION_KEY] = everything


def _remember_completed(request: HttpRequest, survey: Survey, *, earlier: bool = False) -> None:
    """After completion the session keeps only that this survey is done (``earlier``: done before this
    visit): no token, no resume code, nothing that leads to the response; the session gets a new key,
    so the row that held the secret is deleted."""
    _forget(request, survey)
    request.session.cycle_key()
    _remember(request, survey, completed=True, earlier=earlier)


def _current_response(request: HttpRequest, survey: Survey) -> Response | None:
    secret = _access(request, survey).get("secret", "")
    return response_for_secret(survey=survey, secret=secret) if secret else None


def _invitation(request: HttpRequest, survey: Survey) -> SurveyInvitation | None:
    access = _access(request, survey)
    return invitation_for_token(survey=survey, token=access["secret"]) if access.get("token") else None


def _page_url(survey: Survey, page_name: str) -> str:
    return reverse("survey:page", kwargs={"survey_slug": survey.slug, "page_name": page_name})


def _languages(survey: Survey) -> list[tuple[str, str]]:
    version = questionnaire_published_version(questionnaire=survey.questionnaire)
    if version is None:
        return []
    return [(item["name"], item["name"].split("(")[0].strip()) for item in version.schema["settings"]["languages"]]


def _ui_language(runtime: Runtime) -> AbstractContextManager[None]:
    """Page texts in the respondent's language where the site has it, else in the current language."""
    codes = {code for code, _name in settings.LANGUAGES}
    if runtime.language_code in codes:
        return translation.override(runtime.language_code)
    return nullcontext()


# Entry --------------------------------------------------------------------------------------


@never_cache
def invitation(request: HttpRequest, survey_slug: str, token: str) -> HttpResponse:
    """Exchange the personal link's token for the session once, then continue without it in the address."""
    survey = _survey(survey_slug)
    found = invitation_for_token(survey=survey, token=token)
    if found is None:
        raise Http404(_("Page not found."))
    if found.completed:
        _remember_completed(request, survey, earlier=True)
    else:
        request.session.cycle_key()
        _remember(request, survey, secret=token, token=True)
    response = HttpResponseRedirect(reverse("survey:start", kwargs={"survey_slug": survey.slug}))
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, survey_slug: str) -> HttpResponse:
    survey = _survey(survey_slug)
    access = _access(request, survey)
    if access.get("earlier"):
        context_done = {"survey": survey, "languages": _languages(survey), "invitation": None}
        return render(request, "surveys/respondent/already_completed.html", context_done)
    if access.get("completed"):
        return redirect("survey:thanks", survey_slug=survey.slug)
    response = _current_response(request, survey)
    if response is not None:
        if response.status == ResponseStatus.COMPLETED:
            _remember_completed(request, survey)
            return redirect("survey:thanks", survey_slug=survey.slug)
        return redirect(_page_url(survey, response.current_page))
    invitation = _invitation(request, survey)
    context: dict[str, Any] = {"survey": survey, "languages": _languages(survey), "invitation": invitation}
    if invitation is not None and invitation.completed:
        return render(request, "surveys/respondent/already_completed.html", context)
    if not survey.is_accepting_answers():
        return render(request, "surveys/respondent/closed.html", context)
    if invitation is None and not survey.open_access:
        return render(request, "surveys/respondent/invitation_only.html", context)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if request.POST.get("consent") != "yes":
            errors["consent"] = _("Please confirm that you have read the privacy notice.")
        named = request.POST.get("named_consent") == "yes"
        if survey.anonymity == Anonymity.NAMED and not named:
            errors["named_consent"] = _("This survey is answered with your name; please agree to that.")
        if not errors:
            secret = str(_access(request, survey)["secret"]) if invitation is not None else new_resume_code()
            try:
                response = response_start(
                    survey=survey,
                    secret=secret,
                    invitation=invitation,
                    language=request.POST.get("language", translation.get_language() or ""),
                    named_consent=named,
                )
            except SurveyNotAnswerableError:
                return render(request, "surveys/respondent/closed.html", context)
            if invitation is None:
                request.session.cycle_key()
                _remember(request, survey, secret=secret, token=False)
            return redirect(_page_url(survey, response.current_page))
    context["errors"] = errors
    return render(request, "surveys/respondent/start.html", context, status=400 if errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest, survey_slug: str) -> HttpResponse:
    """Continue an open survey on any device with the resume code."""
    survey = _survey(survey_slug)
    error = ""
    code = ""
    if request.method == "POST":
        code = normalise_resume_code(request.POST.get("code", ""))
        found = response_for_secret(survey=survey, secret=code) if is_resume_code_shape(code) else None
        if found is None:
            error = _("We do not know this code. Please check it, e.g. for mixed-up letters.")
        else:
            if found.status == ResponseStatus.COMPLETED:
                _remember_completed(request, survey)
                return redirect("survey:thanks", survey_slug=survey.slug)
            request.session.cycle_key()
            _remember(request, survey, secret=code, token=False)
            return redirect(_page_url(survey, found.current_page))
    return render(
        request,
        "surveys/respondent/resume.html",
        {"survey": survey, "error": error, "code": code},
        status=400 if error else 200,
    )


# Pages --------------------------------------------------------------------------------------


@dataclass
class Block:
    """One question as the template shows it."""

    question: Question
    kind: str
    name: str
    label: str
    hint: str
    required: bool
    error: str = ""
    value: object = None
    choices: list[tuple[str, str]] = field(default_factory=list)
    items: list[Block] = field(default_factory=list)
    other_value: str = ""
    other_error: str = ""
    rank_places: list[tuple[int, str, str]] = field(default_factory=list)  # (position, field name, chosen)
    widget: str = ""
    heading: bool = False  # the label is the page's heading (a page without a label of its own)


def _blocks(
    runtime: Runtime, page: Page, answers: dict[str, object], shown: dict[str, object], errors: dict[str, str]
) -> list[Block]:
    blocks = []
    for question in runtime.visible_questions(page, answers):
        block = _block(runtime, question, answers, shown, errors)
        if question["kind"] == "matrix":
            block.choices = [
                (choice["name"], runtime.piped(choice["label"], answers))
                for choice in runtime.choices(question, answers)
            ]
            block.items = [
                _block(runtime, item, answers, shown, errors)
                for item in question["items"]
                if runtime.item_is_visible(question, item, answers)
            ]
        blocks.append(block)
    return blocks


def _block(
    runtime: Runtime,
    question: Question,
    answers: dict[str, object],
    shown: dict[str, object],
    errors: dict[str, str],
    *,
    printable: bool = False,
) -> Block:
    """The question with its texts; an earlier answer in a text (``${name}``) is the respondent's answer, or
    ``[name]`` on the printable questionnaire."""
    name = question["name"]
    value = shown[name] if name in shown else answers.get(name)
    text = runtime.text if printable else lambda texts: runtime.piped(texts, answers)
    block = Block(
        question=question,
        kind=question["kind"],
        name=name,
        label=text(question["label"]),
        hint=text(question["hint"]),
        required=question["required"],
        error=errors.get(name, ""),
        value=value,
        widget=question["widget"],
    )
    if question["kind"] in {"select_one", "select_multiple", "rank"}:
        block.choices = [(choice["name"], text(choice["label"])) for choice in runtime.choices(question, answers)]
    if question["kind"] == "select_multiple":
        block.value = value if isinstance(value, list) else []
    if question["kind"] == "decimal" and isinstance(value, float):
        block.value = f"{value:g}".replace(".", ",")
    if question["kind"] == "date" and isinstance(value, str) and len(value) == 10 and value[4] == "-":
        block.value = value  # ISO for <input type="date">
    if question["kind"] == "rank":
        ranked = value if isinstance(value, list) else []
        block.rank_places = []
        for position in range(1, len(block.choices) + 1):
            field_name = rank_field(name, position)
            chosen = shown.get(field_name, ranked[position - 1] if position <= len(ranked) else "")
            block.rank_places.append((position, field_name, str(chosen or "")))
    if question["or_other"]:
        other_name = name + OTHER_SUFFIX
        block.other_value = str(shown.get(other_name, answers.get(other_name)) or "")
        block.other_error = errors.get(other_name, "")
    return block


def _page_context(
    request: HttpRequest,
    survey: Survey,
    response: Response,
    runtime: Runtime,
    page: Page,
    *,
    answers: dict[str, object],
    shown: dict[str, object],
    errors: dict[str, str],
) -> dict[str, Any]:
    visible = runtime.visible_pages(answers)
    names = [candidate["name"] for candidate in visible]
    position, total = runtime.progress(page["name"], answers)
    blocks = _blocks(runtime, page, answers, shown, errors)
    page_label = runtime.piped(page["label"], answers)
    page_heading = page_label
    if not page_label and blocks:
        # The first question (or section title) is the heading; a page of notes alone takes its first note.
        first = next(
            (block for block in blocks if block.kind != "note" or block.question["appearance"] == "section"), blocks[0]
        )
        first.heading = True
        page_heading = first.label
    error_list = []
    for block in blocks:
        for entry in [block, *block.items]:
            if entry.error:
                error_list.append((entry.name, entry.label, entry.error))
            if entry.other_error:
                error_list.append((entry.name + OTHER_SUFFIX, entry.label, entry.other_error))
    return {
        "survey": survey,
        "response": response,
        "page": page,
        "page_label": page_label,
        "page_heading": page_heading,
        "page_hint": runtime.piped(page["hint"], answers),
        "blocks": blocks,
        "errors": error_list,
        "position": position,
        "total": total,
        "percent": round(100 * (position - 1) / total),
        "is_first": bool(names) and names[0] == page["name"],
        "is_last": bool(names) and names[-1] == page["name"],
        "resume_code": "" if _access(request, survey).get("token") else _access(request, survey).get("secret", ""),
        "languages": [(option.name, option.name.split("(")[0].strip()) for option in runtime.languages],
        "current_language": runtime.language,
        "other": OTHER,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, survey_slug: str, page_name: str) -> HttpResponse:
    survey = _survey(survey_slug)
    response = _current_response(request, survey)
    if response is None or response.status == ResponseStatus.COMPLETED:
        # The start page knows whether this session has completed the survey.
        return redirect("survey:start", survey_slug=survey.slug)
    runtime = runtime_for(response)
    try:
        current = runtime.page(page_name)
    except KeyError:
        raise Http404(_("Page not found.")) from None
    answers = dict(response.answers)
    if not runtime.page_is_visible(current, answers):
        return redirect(_page_url(survey, response.current_page or runtime.visible_pages(answers)[0]["name"]))
    with _ui_language(runtime):
        if request.method == "GET":
            errors = runtime.page_errors(current, answers) if request.GET.get("pruefen") else {}
            context = _page_context(
                request, survey, response, runtime, current, answers=answers, shown={}, errors=errors
            )
            return render(request, "surveys/respondent/page.html", context)
        if not survey.is_accepting_answers():
            return render(request, "surveys/respondent/closed.html", {"survey": survey})
        action = request.POST.get("action", "next")
        action = action if action in ACTIONS else "next"
        submitted = parse_page(runtime, current, request.POST, answers)
        result = response_save_page(
            response=response,
            page_name=current["name"],
            submitted=submitted,
            action="stay" if action == "pause" else action,
            invitation_token=_access(request, survey)["secret"] if _access(request, survey).get("token") else "",
        )
        if result.already_completed or result.completed:
            # An anonymous response is unreachable after completion; the session only remembers "done".
            _remember_completed(request, survey)
            return redirect("survey:thanks", survey_slug=survey.slug)
        if action == "pause":
            return redirect("survey:paused", survey_slug=survey.slug)
        if result.errors and action != "back":
            context = _page_context(
                request,
                survey,
                result.response,
                runtime,
                current,
                answers=dict(result.response.answers),
                shown=submitted.raw,
                errors=result.errors,
            )
            return render(request, "surveys/respondent/page.html", context, status=400)
        if result.appeared:
            # Without JavaScript a follow-up question on the same page shows only now: the page again.
            labels = ", ".join(
                runtime.piped(runtime.questions[name]["label"], result.response.answers) for name in result.appeared
            )
            messages.info(
                request,
                _("Your answer adds a question to this page: “%(questions)s”. Please look at it before you go on.")
                % {"questions": labels},
            )
            return redirect(_page_url(survey, current["name"]))
        if action == "submit" and result.next_page != current["name"]:
            messages.error(request, _("Some answers are still missing. Please complete this page."))
            return redirect(_page_url(survey, result.next_page) + "?pruefen=1")
        return redirect(_page_url(survey, result.next_page or current["name"]))


@never_cache
@require_http_methods(["POST"])
def language(request: HttpRequest, survey_slug: str) -> HttpResponse:
    """Switch the questionnaire's language in the middle of answering."""
    survey = _survey(survey_slug)
    response = _current_response(request, survey)
    if response is None:
        return redirect("survey:start", survey_slug=survey.slug)
    response_set_language(response=response, language=request.POST.get("language", ""))
    target = request.POST.get("page", "")
    runtime = runtime_for(response)
    if target not in runtime.page_of.values():
        target = response.current_page
    return redirect(_page_url(survey, target))


@never_cache
def paused(request: HttpRequest, survey_slug: str) -> HttpResponse:
    survey = _survey(survey_slug)
    response = _current_response(request, survey)
    if response is None:
        return redirect("survey:start", survey_slug=survey.slug)
    access = _access(request, survey)
    return render(
        request,
        "surveys/respondent/paused.html",
        {"survey": survey, "response": response, "resume_code": "" if access.get("token") else access["secret"]},
    )


@never_cache
def thanks(request: HttpRequest, survey_slug: str) -> HttpResponse:
    survey = _survey(survey_slug)
    response = _current_response(request, survey)
    invitation = _invitation(request, survey)
    done = (
        _access(request, survey).get("completed")
        or (response is not None and response.status == ResponseStatus.COMPLETED)
        or (invitation is not None and invitation.completed)
    )
    if not done:
        return redirect("survey:start", survey_slug=survey.slug)
    return render(request, "surveys/respondent/thanks.html", {"survey": survey})


def printable(request: HttpRequest, survey_slug: str) -> HttpResponse:
    """The whole questionnaire on one page for reading or printing, with every question and filter."""
    survey = _survey(survey_slug)
    version = questionnaire_published_version(questionnaire=survey.questionnaire)
    if version is None:
        raise Http404(_("Page not found."))
    runtime = Runtime(version.schema, language=request.GET.get("sprache", translation.get_language() or ""))
    pages = []
    for entry in version.schema["pages"]:
        questions = []
        for question in entry["questions"]:
            if question["kind"] == "calculate":
                continue
            block = _block(runtime, question, {}, {}, {}, printable=True)
            block.choices = [
                (choice["name"], runtime.text(choice["label"]))
                for choice in version.schema["choice_lists"].get(question["list_name"], [])
            ]
            if question["or_other"]:
                block.choices.append((OTHER, _("Other")))
            block.items = [_block(runtime, item, {}, {}, {}, printable=True) for item in question["items"]]
            questions.append((block, _filter_text(runtime, question)))
        pages.append((runtime.text(entry["label"]), _filter_text(runtime, entry), questions))
    return render(
        request,
        "surveys/respondent/printable.html",
        {"survey": survey, "version": version, "pages": pages, "languages": _languages(survey)},
    )


def _filter_text(runtime: Runtime, entry: Page | Question) -> str:
    """A reader's note when a page or question is only asked after certain answers."""
    relevant = entry.get("relevant", "")
    if not relevant or is_empty(relevant):
        return ""
    names = sorted(set(_references(str(relevant))))
    labels = [runtime.text(runtime.questions[name]["label"]) for name in names if name in runtime.questions]
    if not labels:
        return _("Only asked after certain answers.")
    return _("Only asked depending on the answer to: %(questions)s") % {"questions": "; ".join(labels)}


def _references(expression: str) -> list[str]:
    from standortkompass.surveys.expressions import references

    return sorted(references(expression))
