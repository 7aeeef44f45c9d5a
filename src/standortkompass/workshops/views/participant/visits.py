"""Who is visiting a session's page: the session of the code (guessing limited) and the cookie's participant;
the refusals the pages show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.core.ratelimit import client_address
from standortkompass.workshops.forms import participant as forms
from standortkompass.workshops.models import (
    LiveSession,
    Participant,
)
from standortkompass.workshops.selectors import participants as selectors
from standortkompass.workshops.services import throttle


class ThrottledError(Exception):
    """Too many wrong join codes from this address."""


class RefusedError(Exception):
    """A refused action: the messages with the id of the element each one is about."""

    def __init__(self, errors: list[tuple[str, str]], posted: dict[str, str] | None = None) -> None:
        super().__init__(errors)
        self.errors = errors
        self.posted = posted or {}


def refused_by(error: ValidationError, anchor: str, posted: dict[str, str] | None = None) -> RefusedError:
    return RefusedError([(anchor, message) for message in error.messages], posted)


@dataclass
class Visit:
    session: LiveSession
    participant: Participant | None
    removed: bool


def session_url(session: LiveSession, anchor: str = "") -> str:
    url = reverse("workshops:session", kwargs={"code": session.join_code})
    return f"{url}#{anchor}" if anchor else url


def visit_for(request: HttpRequest, code: str) -> Visit:
    """The session of the code (404 for an unknown one, counted against guessing) and the cookie's participant."""
    client = client_address(request)
    session = selectors.session_for_code(code)
    token = request.COOKIES.get(selectors.cookie_name(session), "") if session is not None else ""
    participant = selectors.participant_for_token(session=session, token=token) if session is not None else None
    # Someone who guesses codes has no participant's cookie of the session: a participant's own requests (a
    # vote, a card) skip the counter, everyone else is held back after too many wrong codes before learning
    # whether this code exists.
    if participant is None and not throttle.join_code_attempt(client=client):
        raise ThrottledError
    if session is None:
        throttle.join_code_failed(client=client)
        raise Http404(_("We do not know this code."))
    removed = bool(token) and participant is None and was_removed(session, token)
    return Visit(session=session, participant=participant, removed=removed)


def was_removed(session: LiveSession, token: str) -> bool:
    token_hash = selectors.token_hash(token)
    return Participant.objects.filter(session=session, token_hash=token_hash, removed_at__isnull=False).exists()


def too_many(request: HttpRequest) -> HttpResponse:
    form = forms.JoinCodeForm()
    context = {"form": form, "throttled": True}
    return render(request, "workshops/participant/join_code.html", context, status=429)


def with_visit(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, code: str, **kwargs: Any) -> HttpResponse:
        try:
            visit = visit_for(request, code)
        except ThrottledError:
            return too_many(request)
        return view(request, visit, **kwargs)

    return wrapped


def form_errors(form: Any, anchors: dict[str, str] | None = None) -> RefusedError:
    anchors = anchors or {}
    errors = [
        (anchors.get(name, f"id_{name}"), str(message))
        for name, messages in form.errors.items()
        for message in messages
    ]
    return RefusedError(errors, {key: str(value) for key, value in form.data.items()})
