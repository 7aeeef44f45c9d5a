"""Who may open a live connection of a session (``workshops.consumers``): the projector with its key, a
facilitator with a valid log-in and ``workshops.manage``. Checked when the connection opens and again while it
lasts (``WatchConsumer.still_allowed``)."""

from __future__ import annotations

import secrets
import time
from typing import Any
from urllib.parse import parse_qs

from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from standortkompass.accounts.access import needs_second_factor
from standortkompass.accounts.services.sessions import LAST_SEEN_KEY, LOGIN_AT_KEY
from standortkompass.workshops.models import LiveSession


def _second_factor_passed(user: Any, session: Any) -> bool:
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    if not persistent_id:
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and device.confirmed


def _timed_out(session: Any) -> bool:
    """The idle or absolute time-out of the log-in has passed (accounts.middleware; read here, not ended)."""
    now = int(time.time())
    last_seen, login_at = session.get(LAST_SEEN_KEY), session.get(LOGIN_AT_KEY)
    if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_TIMEOUT:
        return True
    return login_at is not None and now - int(login_at) > settings.SESSION_COOKIE_AGE


def watcher_session(scope: dict[str, Any], session_id: int) -> LiveSession | None:
    """The session if the connection may watch it: the projector's key in the query (``?key=…``), or a logged-in
    user (second factor passed where their role needs it, log-in not timed out) with ``workshops.manage`` for
    the session's process. None: refuse."""
    session = LiveSession.objects.select_related("workshop__process").filter(pk=session_id).first()
    if session is None:
        return None
    key = scope_query(scope, "key")
    if key:
        return session if secrets.compare_digest(key.encode(), session.projector_key.encode()) else None
    user = scope.get("user")
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    web_session = scope.get("session")
    if web_session is None or _timed_out(web_session):
        return None
    if needs_second_factor(user) and not _second_factor_passed(user, web_session):
        return None
    return session if user.has_perm("workshops.manage", session.workshop.process) else None


def scope_query(scope: dict[str, Any], name: str) -> str:
    """A parameter of the connection's query string ("" when absent)."""
    raw: bytes = scope.get("query_string") or b""
    values = parse_qs(raw.decode("latin-1")).get(name) or [""]
    return values[0]
