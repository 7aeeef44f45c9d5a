"""The public website. Read-only pages set no cookie; only the feedback form uses CSRF."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.core.ratelimit import client_address, rate_limit_exceeded
from standortkompass.processes import selectors
from standortkompass.processes.calls_to_action import calls_to_action
from standortkompass.processes.forms.public import FeedbackForm
from standortkompass.processes.models import EventKind, OrganisationType, SitePage, StrategyProcess
from standortkompass.processes.selectors import site_page_for
from standortkompass.processes.services.site import feedback_submit
from standortkompass.processes.views.kit import paginate


def _process_or_404(slug: str | None = None) -> StrategyProcess:
    process = get_object_or_404(selectors.public_processes(), slug=slug) if slug else selectors.current_public_process()
    if process is None:
        raise Http404(_("No strategy process has been published yet."))
    return process


def _process_context(process: StrategyProcess) -> dict[str, object]:
    events = selectors.public_events().filter(process=process)
    return {
        "process": process,
        "phases": list(process.phases.all()),
        "current_phase": process.current_phase(),
        "upcoming_events": list(selectors.upcoming(events)[:5]),
        "latest_news": list(selectors.published_news().filter(process=process)[:3]),
        "calls_to_action": calls_to_action(process),
        "sponsors": list(selectors.sponsors(process=process)),
    }


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    process = selectors.current_public_process()
    if process is None:
        return render(request, "processes/public/empty.html")
    context = _process_context(process)
    context["sign_language"] = site_page_for(SitePage.SIGN_LANGUAGE)
    return render(request, "processes/public/home.html", context)


@require_GET
def process_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "processes/public/process_list.html",
        {"processes": selectors.public_processes().order_by("-created_at")},
    )


@require_GET
def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "processes/public/process_detail.html", _process_context(_process_or_404(slug)))


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.public_events()
    kind = request.GET.get("art", "")
    if kind in EventKind.values:
        events = events.filter(kind=kind)
    past_page = paginate(request, selectors.past(events))
    return render(
        request,
        "processes/public/event_list.html",
        {
            "upcoming_events": selectors.upcoming(events),
            "past_page": past_page,
            "kinds": EventKind.choices,
            "selected_kind": kind,
        },
    )


@require_GET
def event_detail(request: HttpRequest, uid: str) -> HttpResponse:
    event = get_object_or_404(selectors.public_events(), uid=uid)
    return render(request, "processes/public/event_detail.html", {"event": event})


@require_GET
def news_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.published_news())
    return render(request, "processes/public/news_list.html", {"page": page})


@require_GET
def news_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    item = get_object_or_404(selectors.published_news(), pk=pk)
    if item.slug != slug:
        return redirect("public:news_item", pk=item.pk, slug=item.slug, permanent=True)
    return render(request, "processes/public/news_detail.html", {"item": item})


@require_GET
def actors(request: HttpRequest) -> HttpResponse:
    process = _process_or_404(request.GET.get("prozess"))
    organisations = selectors.public_organisations(process=process)
    groups = [(label, [org for org in organisations if org.type == value]) for value, label in OrganisationType.choices]
    return render(
        request,
        "processes/public/actors.html",
        {"process": process, "groups": [(label, orgs) for label, orgs in groups if orgs]},
    )


@require_GET
def boards(request: HttpRequest) -> HttpResponse:
    process = _process_or_404(request.GET.get("prozess"))
    return render(
        request,
        "processes/public/boards.html",
        {"process": process, "boards": selectors.public_boards(process=process)},
    )


@require_GET
def page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "processes/public/page.html", {"page": selectors.site_page_for_display(slug)})


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    """The accessibility report: per window FEEDBACK_LIMIT_PER_ADDRESS per client, FEEDBACK_LIMIT_TOTAL in all."""
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        limited = rate_limit_exceeded(
            scope="feedback",
            keys={
                f"address:{client_address(request)}": settings.FEEDBACK_LIMIT_PER_ADDRESS,
                "target:administration": settings.FEEDBACK_LIMIT_TOTAL,
            },
        )
        if form.is_valid() and limited:
            form.add_error(
                None,
                _("Too many messages have been sent in a short time. Please try again in %(minutes)s minutes.")
                % {"minutes": settings.RATE_LIMIT_WINDOW_MINUTES},
            )
            return render(request, "processes/public/feedback.html", {"form": form}, status=429)
        if form.is_valid():
            if not form.cleaned_data["website"]:
                feedback_submit(
                    message=form.cleaned_data["message"],
                    page_url=form.cleaned_data["page_url"],
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                )
            messages.success(request, _("Thank you. Your message has reached the administration of this website."))
            return redirect("public:feedback")
    else:
        form = FeedbackForm(initial={"page_url": request.GET.get("seite", "")[:500]})
    return render(request, "processes/public/feedback.html", {"form": form})
