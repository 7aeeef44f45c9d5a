"""Who a participant is: the join code leads to a session, the cookie's token to a participant.

A participant has no account: the random token set in a first-party cookie when they join is their identity in
the session. The database keeps only the token's SHA-256 (``Participant.token_hash``), so a token is found by
hashing it and looking the hash up; a removed participant's token finds nobody. The cookie is named after the
session's code, so one browser can take part in two sessions.

Also here: what a participant's ballot holds so far and how many points they have left (the participant's
screen and the live state show it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from standortkompass.workshops.models import Contribution, LiveSession, Participant, PhaseKind, SessionPhase

COOKIE_PREFIX = "sk_werkstatt_"
# A participant's cookie lasts at most a day (a workshop is held on one day); it goes with the session's end.
COOKIE_MAX_AGE = dt.timedelta(days=1)
# The budget of a 100-point allocation when the phase does not set one.
POINTS_BUDGET = 100
# LiveSession.join_code's length: a longer text is no code.
MAX_CODE_LENGTH = 12


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of a participant's token, as the database keeps it."""
    return hashlib.sha256(token.encode()).hexdigest()


def normalised_code(code: str) -> str:
    """A typed join code as stored: upper case, without spaces, dashes and other separators."""
    return "".join(character for character in code.upper() if character.isalnum())


def cookie_name(session: LiveSession) -> str:
    return COOKIE_PREFIX + session.join_code


def cookie_options(session: LiveSession) -> dict[str, Any]:
    """The keyword arguments of ``response.set_cookie`` for the participant's token (besides name and value):
    the whole site's path, SameSite=Lax, HttpOnly, Secure over HTTPS, ending after a day or with the session."""
    max_age = COOKIE_MAX_AGE
    if session.ended_at is not None:
        max_age = dt.timedelta(0)
    return {
        "max_age": int(max_age.total_seconds()),
        "path": "/",
        "samesite": "Lax",
        "httponly": True,
        "secure": bool(settings.USE_HTTPS),
    }


def session_for_code(code: str) -> LiveSession | None:
    """The session of a join code as typed (any case, spaces and dashes ignored), in whatever state; None if none."""
    normalised = normalised_code(code or "")
    if not normalised or len(normalised) > MAX_CODE_LENGTH:
        return None
    return LiveSession.objects.select_related("workshop", "current_phase").filter(join_code=normalised).first()


def participant_for_token(*, session: LiveSession, token: str) -> Participant | None:
    """The session's participant with this token; None for an unknown token or a removed participant."""
    if not token:
        return None
    return (
        Participant.objects.select_related("table")
        .filter(session=session, token_hash=token_hash(token), removed_at__isnull=True)
        .first()
    )


def participant_from_request(request: HttpRequest, session: LiveSession) -> Participant | None:
    """The participant whose token the request's cookie for this session carries, if any."""
    return participant_for_token(session=session, token=request.COOKIES.get(cookie_name(session), ""))


def budget(phase: SessionPhase) -> int:
    """The points each participant may give in a dot vote (setting ``budget``, 5 by default) or a 100-point
    allocation (``budget`` if set, else 100)."""
    if phase.kind == PhaseKind.POINTS and "budget" not in phase.settings:
        return POINTS_BUDGET
    return int(phase.setting("budget"))


def points_spent(*, phase: SessionPhase, participant: Participant) -> int:
    total = Contribution.objects.filter(phase=phase, participant=participant).aggregate(total=Sum("value"))["total"]
    return int(total or 0)


def points_left(*, phase: SessionPhase, participant: Participant) -> int:
    return budget(phase) - points_spent(phase=phase, participant=participant)


def ballot(*, phase: SessionPhase, participant: Participant) -> dict[str, int | None]:
    """The participant's ballot in the phase: ballot key → value (points, rating, strength or rank)."""
    return dict(Contribution.objects.filter(phase=phase, participant=participant).values_list("ballot_key", "value"))
