"""The participant's pages: type the code, join, the current phase (also as a fragment and as JSON), leave; the
home page's call to action while a session is live."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.core.ratelimit import client_address
from standortkompass.processes.calls_to_action import CallToAction
from standortkompass.processes.calls_to_action import register as register_call_to_action
from standortkompass.processes.models import StrategyProcess
from standortkompass.workshops.forms import participant as forms
from standortkompass.workshops.models import (
    LiveSession,
    SessionState,
)
from standortkompass.workshops.selectors import participants as selectors
from standortkompass.workshops.selectors.state import participant_state
from standortkompass.workshops.services import throttle
from standortkompass.workshops.services.participation import participant_join, participant_seen
from standortkompass.workshops.views.participant.screens import page, region_context
from standortkompass.workshops.views.participant.visits import Visit, form_errors, session_url, too_many, with_visit


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """Type the code shown on the projector; go on to the session's page."""
    form = forms.JoinCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        client = client_address(request)
        if not throttle.join_code_attempt(client=client):
            return too_many(request)
        if form.is_valid():
            session = selectors.session_for_code(form.cleaned_data["code"])
            if session is not None:
                return HttpResponseRedirect(session_url(session))
            throttle.join_code_failed(client=client)
            form.add_error(
                "code",
                _("We do not know this code. Please check it, e.g. for mixed-up letters, or ask the facilitators."),
            )
        return render(request, "workshops/participant/join_code.html", {"form": form}, status=400)
    return render(request, "workshops/participant/join_code.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@with_visit
def session(request: HttpRequest, visit: Visit) -> HttpResponse:
    """Without a cookie: what this is and the join form; with one: the current phase."""
    session = visit.session
    if request.method == "GET":
        if visit.participant is not None:
            participant_seen(visit.participant)
        return page(request, visit)
    if visit.participant is not None or visit.removed or session.state != SessionState.LIVE:
        return HttpResponseRedirect(session_url(session))
    form = forms.JoinForm(request.POST)
    if form.is_valid():
        try:
            _participant, token = participant_join(
                session=session,
                display_name=form.cleaned_data["display_name"],
                group=form.cleaned_data["group"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            response = HttpResponseRedirect(session_url(session))
            options = selectors.cookie_options(session)
            options["secure"] = bool(options.get("secure")) or request.is_secure()
            response.set_cookie(selectors.cookie_name(session), token, **options)
            return response
    refused = form_errors(form, {"group": "id_group_0", "__all__": "id_group_0"})
    return page(request, visit, errors=refused.errors, join_form=form, status=400)


@never_cache
@require_GET
@with_visit
def fragment(request: HttpRequest, visit: Visit) -> HttpResponse:
    """The phase's region alone, for live.js to swap in."""
    if visit.participant is None and visit.session.state != SessionState.ENDED:
        return HttpResponse(status=403)
    context = region_context(request, visit)
    return render(request, "workshops/participant/_region.html", context)


@never_cache
@require_GET
@with_visit
def state(request: HttpRequest, visit: Visit) -> HttpResponse:
    """The participant's state as JSON (live.js polls it when the WebSocket is gone)."""
    if visit.participant is None:
        return JsonResponse({"detail": _("You have not joined this session.")}, status=403)
    participant_seen(visit.participant)
    return JsonResponse(participant_state(visit.participant))


@never_cache
@require_POST
@with_visit
def leave(request: HttpRequest, visit: Visit) -> HttpResponse:
    """Leave the session on this device: the cookie goes (what one contributed stays, without a name)."""
    response = HttpResponseRedirect(reverse("workshops:join") + "?verlassen=1")
    response.delete_cookie(selectors.cookie_name(visit.session), path="/", samesite="Lax")
    return response


# The home page --------------------------------------------------------------------------------------------------


def live_workshop_calls_to_action(process: StrategyProcess) -> list[CallToAction]:
    """ "Jetzt mitmachen" on the public home page while a session of one of the process's workshops is live."""
    sessions = LiveSession.objects.filter(workshop__process=process, state=SessionState.LIVE).select_related("workshop")
    return [
        CallToAction(
            title=_("Live now: %(workshop)s") % {"workshop": session.workshop.title},
            text=_("The workshop is running. Take part on your phone with the code shown in the room."),
            url=reverse("workshops:join"),
            link_text=_("Take part now"),
        )
        for session in sessions.order_by("started_at", "id")
    ]


def register_calls_to_action() -> None:
    """Called from ``WorkshopsConfig.ready``."""
    register_call_to_action(live_workshop_calls_to_action)
