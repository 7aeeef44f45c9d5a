"""The participant's part of the permission matrix (merged into tests/test_permission_matrix.py).

Participants have no account: what they may do is decided by the cookie they get when they join, which no role
of the matrix has. So every role gets the same: the code and join pages, 403 for the participant's fragment and
state, 405 for a GET of an action (a POST without the cookie leads to the join page; tested with cookies, removed
participants, wrong codes and ended sessions in tests/workshops/test_participant_views.py).
``workshop_world`` adds a workshop with a live session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from permission_audiences import PUBLIC, ROLES, Audience, post_only
from standortkompass.accounts.models import User
from standortkompass.processes.models import StrategyProcess
from standortkompass.workshops.models import LiveSession, SessionState, Workshop, WorkshopKind

# Only a participant's cookie opens these; no role of the matrix has one.
PARTICIPANTS_ONLY = Audience("participants (cookie)", dict.fromkeys(ROLES, 403))


def workshop_world(*, process: StrategyProcess, users: dict[str, User]) -> dict[str, Any]:
    workshop = Workshop.objects.create(process=process, title="Strategiewerkstatt (Matrix)", kind=WorkshopKind.STRATEGY)
    session = LiveSession.objects.create(
        workshop=workshop,
        title="Sitzung",
        join_code="MTRX34",
        projector_key="projector-key-of-the-matrix-0123456789",
        state=SessionState.LIVE,
    )
    return {"workshop": workshop, "workshop_session": session}


ACCESS: dict[str, Audience] = {
    "workshops:join": PUBLIC,
    "workshops:session": PUBLIC,
    "workshops:fragment": PARTICIPANTS_ONLY,
    "workshops:state": PARTICIPANTS_ONLY,
    "workshops:card": post_only(PUBLIC),
    "workshops:canvas": post_only(PUBLIC),
    "workshops:points": post_only(PUBLIC),
    "workshops:rating": post_only(PUBLIC),
    "workshops:pairwise": post_only(PUBLIC),
    "workshops:ranking": post_only(PUBLIC),
    "workshops:cluster": post_only(PUBLIC),
    "workshops:commitment": post_only(PUBLIC),
    "workshops:profile": post_only(PUBLIC),
    "workshops:leave": post_only(PUBLIC),
    # The projector at its public address: the secret key is the permission (a wrong key is 404 for everyone).
    "workshops:projector": PUBLIC,
    "workshops:projector_results": PUBLIC,
}

# The fragment and the state only read; a POST is refused alike for all (405).
GET_ONLY: set[str] = {"workshops:fragment", "workshops:state", "workshops:projector", "workshops:projector_results"}


def _code(world: dict[str, Any]) -> dict[str, Any]:
    return {"code": world["workshop_session"].join_code}


def _projector(world: dict[str, Any]) -> dict[str, Any]:
    session = world["workshop_session"]
    return {"code": session.join_code, "key": session.projector_key}


KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    **{name: _code for name in ACCESS if name not in {"workshops:join"} and "projector" not in name},
    "workshops:projector": _projector,
    "workshops:projector_results": _projector,
}

BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {}
