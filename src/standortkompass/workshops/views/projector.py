"""The projector: what the room sees on the wall during a live session.

Large type, high contrast, no site chrome: the join code, its QR code and address, the current phase's prompt,
the timer, and the results as far as the phase's reveal setting allows (``selectors.state.results_visible``). The
results region is the fragment ``workshops/projector/_results.html``; the watchers' WebSocket consumer renders it
anew after every change (``consumers.render_results``) and ``static/workshops/live.js`` swaps it in. Without
JavaScript the page reloads itself every few seconds.

Two ways in: logged in with ``workshops.manage`` (``…/sitzung/<id>/beamer/``), or by the session's secret
projector key (``/mitmachen/<code>/beamer/<key>/``), so that a projector laptop need not log in. The key is as
strong as a password (about 256 bits) and compared in constant time; a wrong key answers 404.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.workshops.models import LiveSession
from standortkompass.workshops.selectors.participants import session_for_code
from standortkompass.workshops.selectors.state import live_messages, projector_context
from standortkompass.workshops.selectors.workshops import session_of

RESULTS_TEMPLATE = "workshops/projector/_results.html"
# Without JavaScript the projector reloads itself this often (seconds).
RELOAD_SECONDS = 5


def join_path(session: LiveSession) -> str:
    return reverse("workshops:session", kwargs={"code": session.join_code})


def join_url(session: LiveSession) -> str:
    """The address behind the QR code: the session's join page on the site's public address."""
    return settings.SITE_URL + join_path(session)


def join_url_shown(session: LiveSession) -> str:
    """The join address as people type it from the wall: without the scheme."""
    return join_url(session).split("://", 1)[-1]


def qr_svg(session: LiveSession, *, scale: int = 6) -> SafeString:
    """The join address as a QR code, inline SVG made on the server (no script, no external service)."""
    label = escape(_("QR code of the address to join: %(url)s") % {"url": join_url(session)})
    svg = segno.make(join_url(session), error="m").svg_inline(
        scale=scale, border=2, dark="#000", light="#fff", svgclass="qr-code"
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return mark_safe(svg)  # noqa: S308  (segno's markup; the only text in it is escaped above)


def projector_key_path(session: LiveSession) -> str:
    """The projector's public address with its secret key (for a laptop that is not logged in)."""
    return reverse("workshops:projector", kwargs={"code": session.join_code, "key": session.projector_key})


def watch_socket_path(session: LiveSession, *, key: str = "") -> str:
    """The watchers' WebSocket path (``workshops.routing``); the projector by key adds it as ``?key=``."""
    path = f"/ws/werkstatt/{session.pk}/"
    return f"{path}?{urlencode({'key': key})}" if key else path


def results_html(session: LiveSession) -> tuple[int, str]:
    """The results fragment as of the sequence number it carries (what the consumer sends as "results")."""
    context = projector_context(session)
    return int(context["seq"]), render_to_string(RESULTS_TEMPLATE, context)


def _page(request: HttpRequest, session: LiveSession, *, key: str, results_url: str) -> HttpResponse:
    context: dict[str, Any] = projector_context(session)
    context.update(
        {
            "join_code": session.join_code,
            "join_url": join_url(session),
            "join_url_shown": join_url_shown(session),
            "qr_code": qr_svg(session, scale=8),
            "socket_path": watch_socket_path(session, key=key),
            "results_url": results_url,
            "reload_seconds": RELOAD_SECONDS,
            "live_messages": live_messages(),
        }
    )
    response = render(request, "workshops/projector/projector.html", context)
    # The key is in the address: it must not travel on as a referrer.
    response["Referrer-Policy"] = "no-referrer"
    return response


def _results(session: LiveSession) -> JsonResponse:
    seq, html = results_html(session)
    response = JsonResponse({"type": "results", "seq": seq, "html": html})
    response["Cache-Control"] = "no-store"
    return response


def _session_or_404(request: ProcessRequest, session_pk: int) -> LiveSession:
    session = session_of(request.process, session_pk)
    if session is None:
        raise Http404(_("Page not found."))
    return session


@process_permission_required("workshops.manage")
@require_GET
def projector(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    session = _session_or_404(request, session_pk)
    results_url = reverse("workshops_manage:projector_results", args=[process_pk, session.pk])
    return _page(request, session, key="", results_url=results_url)


@process_permission_required("workshops.manage")
@require_GET
def projector_results(request: ProcessRequest, process_pk: int, session_pk: int) -> JsonResponse:
    """The results fragment as JSON (``{"type": "results", "seq", "html"}``): the polling fallback of the
    console and the projector when their WebSocket fails."""
    return _results(_session_or_404(request, session_pk))


def _session_by_key(code: str, key: str) -> LiveSession:
    session = session_for_code(code)
    if session is None or not secrets.compare_digest(key.encode(), session.projector_key.encode()):
        raise Http404(_("Page not found."))
    return session


@require_GET
def projector_by_key(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """The projector at its public address with the secret key (no log-in)."""
    session = _session_by_key(code, key)
    results_url = reverse("workshops:projector_results", kwargs={"code": session.join_code, "key": key})
    return _page(request, session, key=key, results_url=results_url)


@require_GET
def projector_results_by_key(request: HttpRequest, code: str, key: str) -> JsonResponse:
    """The polling fallback of the projector at its public address."""
    return _results(_session_by_key(code, key))
