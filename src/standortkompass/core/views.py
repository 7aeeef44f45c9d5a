"""Operational endpoints and the error pages."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache did not return the value just written")
    return "ok"


def _check_channel_layer() -> str:
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer")
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.send)(channel, {"type": "healthz"})
    message = async_to_sync(layer.receive)(channel)
    if message.get("type") != "healthz":
        raise RuntimeError("channel layer returned another message")
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report database, cache and channel layer; 503 if any of them fails."""
    checks = {"database": _check_database}
    if settings.REDIS_URL:
        checks |= {"cache": _check_cache, "channel_layer": _check_channel_layer}
    result: dict[str, str] = {}
    healthy = True
    for name, check in checks.items():
        try:
            result[name] = check()
        except Exception as exc:  # any failure of a dependency means unhealthy
            result[name] = f"error: {exc.__class__.__name__}"
            healthy = False
    return JsonResponse({"status": "ok" if healthy else "error", "checks": result}, status=200 if healthy else 503)


# --- error pages (config/urls.py handler400/403/404/500, settings.CSRF_FAILURE_VIEW) -------------------------

ERROR_PAGES: dict[int, tuple[str, Promise]] = {
    400: ("400.html", gettext_lazy("The request could not be processed")),
    403: ("403.html", gettext_lazy("No access to this page")),
    404: ("404.html", gettext_lazy("Page not found")),
    500: ("500.html", gettext_lazy("An error occurred on our side")),
}
CSRF_PAGE = ("errors/csrf.html", gettext_lazy("The form could not be sent"))

# What is left when even the site's layout cannot be drawn (the database is down, a template is broken).
BARE_SERVER_ERROR = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ein Fehler ist bei uns aufgetreten – Standortkompass</title></head>
<body><main><h1>Ein Fehler ist bei uns aufgetreten</h1>
<p>Die Seite konnte wegen eines Fehlers der Plattform nicht angezeigt werden. Bitte versuchen Sie es in einigen
Minuten erneut.</p><p><a href="/">Zur Startseite</a></p></main></body></html>"""


def _error_page(request: HttpRequest, page: tuple[str, Promise], status: int) -> HttpResponse:
    """The error page in the site's layout; the bare German page if the layout itself fails."""
    template, heading = page
    try:
        return render(request, template, {"status": status, "heading": heading}, status=status)
    except Exception:  # the error page must not fail: its own error is logged, a plain page is shown
        logger.exception("The error page %s could not be rendered.", template)
        return HttpResponse(BARE_SERVER_ERROR, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, ERROR_PAGES[400], 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, ERROR_PAGES[403], 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, ERROR_PAGES[404], 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error_page(request, ERROR_PAGES[500], 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form's security check failed: say so and what to do; Django's reason is for the log, not the page."""
    logger.warning("CSRF check failed on %s: %s", request.path, reason)
    return _error_page(request, CSRF_PAGE, 403)
