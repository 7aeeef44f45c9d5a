"""The audiences of the permission matrix (tests/test_permission_matrix.py): what each role gets."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ["anonymous", "outsider", "company", "partner", "board", "editor", "admin"]
LOGIN = "login"  # a redirect to the log-in page


@dataclass(frozen=True)
class Audience:
    name: str
    expected: dict[str, int | str]


def _audience(name: str, allowed: set[str], *, member_refused: int = 403, outsider: int = 404) -> Audience:
    expected: dict[str, int | str] = {"anonymous": LOGIN, "outsider": outsider}
    for role in ["company", "partner", "board", "editor", "admin"]:
        expected[role] = 200 if role in allowed else member_refused
    return Audience(name, expected)


PUBLIC = Audience("public", dict.fromkeys(ROLES, 200))
LOGGED_IN = Audience("logged-in", {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 200)})
BOARD_MATTERS = _audience("board matters", {"board", "editor", "admin"})
EDITORS = _audience("editors", {"editor", "admin"})
ADMINS = _audience("administration", {"admin"})
# Installation-wide pages for Administration of any process; everyone else learns nothing.
INSTALLATION_ADMINS = _audience("installation administration", {"admin"}, member_refused=404)
# After log-in and second factor, the second-factor page sends everyone on to "My area".
SECOND_FACTOR_DONE = Audience("second factor", {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 302)})
# A link with an unknown token is unknown to everyone.
UNKNOWN_TOKEN = Audience("unknown token", dict.fromkeys(ROLES, 404))
# A chart of data the world does not have (no statistics loaded) does not exist for anyone.
NO_DATA = Audience("no data", dict.fromkeys(ROLES, 404))


def post_only(audience: Audience) -> Audience:
    """An action answered only by POST: allowed roles get 405 for a GET."""
    expected = {role: 405 if answer == 200 else answer for role, answer in audience.expected.items()}
    return Audience(f"{audience.name} (POST only)", expected)
