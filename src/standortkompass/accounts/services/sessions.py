"""Log-in, log-out and the server-side record of every session of a user.

Each log-in stores ``session_key ↔ user`` in ``UserSession`` so that all sessions of an
account can be ended at once (log-out everywhere, disabled account).
"""

from __future__ import annotations

import time
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import login, logout
from django.db import transaction

from standortkompass.accounts.models import User, UserSession

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase
    from django.http import HttpRequest

# Session keys of the time-outs (read by accounts.middleware.SessionTimeoutMiddleware).
LOGIN_AT_KEY = "_standortkompass_login_at"
LAST_SEEN_KEY = "_standortkompass_last_seen"

# The backend for log-ins that did not go through authenticate() (a newly created account).
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _session_store(session_key: str) -> SessionBase:
    engine = import_module(settings.SESSION_ENGINE)
    store: SessionBase = engine.SessionStore(session_key=session_key)
    return store


def user_session_record(*, request: HttpRequest, user: User, new_login: bool = True) -> UserSession:
    """Remember the request's session as one of ``user``'s.

    Called on every log-in (from the ``user_logged_in`` signal; ``new_login`` starts the
    time-out clocks) and after anything that gives the session a new key (password change,
    ``new_login=False``). Records of sessions that no longer exist are removed on the way.
    """
    session = request.session
    if new_login:
        now = int(time.time())
        session[LOGIN_AT_KEY] = now
        session[LAST_SEEN_KEY] = now
    if session.session_key is None:
        session.save()
    session_key = str(session.session_key)
    with transaction.atomic():
        for stale in UserSession.objects.filter(user=user).exclude(session_key=session_key):
            if not _session_store(stale.session_key).exists(stale.session_key):
                stale.delete()
        record, _created = UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})
    return record


def user_log_in(*, request: HttpRequest, user: User, backend: str | None = None) -> None:
    """Log ``user`` in: Django gives the session a new key; the signal records the session.

    ``backend`` is needed only when ``user`` did not come from ``authenticate()``.
    """
    login(request, user, backend=backend if backend or hasattr(user, "backend") else MODEL_BACKEND)


def user_log_out(*, request: HttpRequest) -> None:
    """Log out and delete the session on the server (not only the cookie)."""
    session_key = request.session.session_key
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()
    logout(request)


def user_sessions_end(*, user: User, keep_session_key: str | None = None) -> int:
    """Delete every server-side session of ``user`` (except ``keep_session_key``); returns how many ended."""
    ended = 0
    with transaction.atomic():
        for record in UserSession.objects.filter(user=user).exclude(session_key=keep_session_key or ""):
            store = _session_store(record.session_key)
            if store.exists(record.session_key):
                store.delete(record.session_key)
                ended += 1
            record.delete()
    return ended
