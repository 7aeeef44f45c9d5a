"""Security headers that Django's SecurityMiddleware does not set; HEAD like GET; no-store for logged-in users."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control

# Everything the pages need is served by the project itself: no inline script, no third party.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class HeadAsGetMiddleware:
    """``HEAD`` is answered wherever ``GET`` is: the view runs as for ``GET``, the body is dropped.

    Django's ``require_GET`` and ``require_http_methods(["GET", …])`` refuse ``HEAD``; handling it
    here, once, keeps every view (and every future one) honest without listing ``HEAD`` in each.
    The headers, ``Content-Length`` included, are those of the ``GET`` answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if isinstance(response, StreamingHttpResponse):
            # The server still calls close(), which releases an open file of a FileResponse.
            response.streaming_content = iter(())
        else:
            length = len(response.content)
            response.content = b""
            response.headers.setdefault("Content-Length", str(length))
        return response


class NoStoreForLoggedInMiddleware:
    """Every response to a logged-in user carries ``Cache-Control: no-store``.

    Pages of the management area, the account and anything personal must not stay in a shared
    or browser cache after log-out. A request without a session is a reader's: it is not
    looked at (reading the session would add ``Vary: Cookie`` to public pages).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and session.session_key and user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
