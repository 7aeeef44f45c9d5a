"""The permission matrix entries of the strategy's versions URLs (merged by permission_access.py).

The world's consultation round (``strategy_world``) is for the world's board member (a seat in the
Strategiebeirat) and for the partners; a company account takes no part and, like an outsider, gets 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from permission_audiences import ADMINS, BOARD_MATTERS, EDITORS, LOGIN, Audience, post_only

# The participants of the world's consultation round; every other role in the process learns nothing (404).
ROUND_PARTICIPANTS = Audience(
    "consultation round participants",
    {"anonymous": LOGIN, "outsider": 404, "company": 404, "partner": 200, "board": 200, "editor": 200, "admin": 200},
)

ACCESS: dict[str, Audience] = {
    "strategy_manage:versions": BOARD_MATTERS,
    "strategy_manage:version_freeze": EDITORS,
    "strategy_manage:version_withdraw": post_only(ADMINS),
    "strategy_manage:version": BOARD_MATTERS,
    "strategy_manage:version_submit": post_only(ADMINS),
    "strategy_manage:version_publish": post_only(ADMINS),
    "strategy_manage:compare": BOARD_MATTERS,
    "strategy_manage:consultations": EDITORS,
    "strategy_manage:consultation_open": ADMINS,
    "strategy_manage:consultation": ROUND_PARTICIPANTS,
    "strategy_manage:consultation_outcome": ROUND_PARTICIPANTS,
    "strategy_manage:consultation_close": post_only(ADMINS),
    "strategy_manage:consultation_comment": EDITORS,
}
GET_ONLY: set[str] = set()
KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}
BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {
    "round_pk": lambda w: w["consultation"].pk,
    "comment_pk": lambda w: w["consultation_comment"].pk,
}
