"""Idle and absolute time-outs for logged-in sessions.

Idle: no request for ``SESSION_IDLE_TIMEOUT`` seconds. Absolute: ``SESSION_COOKIE_AGE``
seconds after the log-in, however active the session was (Django alone would slide the
expiry with every change to the session). Either way the session is deleted on the server
and the log-in page says why.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from standortkompass.accounts.services.sessions import LAST_SEEN_KEY, LOGIN_AT_KEY, user_log_out

# Why the last session ended; the log-in page shows it once ("idle" or "absolute").
TIMEOUT_NOTICE_KEY = "_standortkompass_timed_out"

__all__ = ["LAST_SEEN_KEY", "LOGIN_AT_KEY", "TIMEOUT_NOTICE_KEY", "SessionTimeoutMiddleware"]


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            last_seen = session.get(LAST_SEEN_KEY)
            login_at = session.get(LOGIN_AT_KEY)
            if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_TIMEOUT:
                self._end(request, "idle")
            elif login_at is not None and now - int(login_at) > settings.SESSION_COOKIE_AGE:
                self._end(request, "absolute")
            else:
                if login_at is None:
                    session[LOGIN_AT_KEY] = now
                # Write at most once a minute so that every click does not save the session.
                if last_seen is None or now - int(last_seen) > 60:
                    session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest, reason: str) -> None:
        # The message framework is not ready yet at this point; the log-in page shows the notice.
        user_log_out(request=request)
        request.session[TIMEOUT_NOTICE_KEY] = reason
