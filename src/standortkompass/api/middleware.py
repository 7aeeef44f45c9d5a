"""What every answer under ``/api/`` shares: CORS for reading, and errors as JSON instead of the site's pages.

Cross-origin reading is open to everyone (``Access-Control-Allow-Origin: *``) for ``GET``, ``HEAD`` and
``OPTIONS``, never with credentials: the API gives out only public data and sets no cookie (a logged-in user's
refreshed session cookie is dropped). A preflight
(``OPTIONS``) is answered here without running a view. An error that the site would answer with an HTML page
(an unknown address, a server error) is answered with ``{"detail": …}`` instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse

PREFIX = "/api/"
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified, Link, Content-Disposition, Content-Language"
PREFLIGHT_MAX_AGE = 24 * 60 * 60


def _json_error(response: HttpResponse) -> HttpResponse:
    try:
        reason = HTTPStatus(response.status_code).phrase
    except ValueError:
        reason = response.reason_phrase
    converted = HttpResponse(
        json.dumps({"detail": reason}), status=response.status_code, content_type="application/json"
    )
    for header in ("Allow", "Retry-After", "Location"):
        if header in response.headers:
            converted[header] = response[header]
    return converted


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            response = self.get_response(request)
            content_type = response.get("Content-Type", "")
            if response.status_code >= 400 and not content_type.startswith("application/json"):
                response = _json_error(response)
        # No cookie, also not the refreshed session of a logged-in user (its data is saved on the server all the same).
        response.cookies.clear()
        # The answers differ neither by language nor by cookie (a logged-in user's carries no-store): no Vary, so
        # that shared caches keep one copy.
        if "Vary" in response.headers:
            del response["Vary"]
        # HeadAsGetMiddleware (outside) has turned HEAD into GET by now.
        if request.method in READING_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response
