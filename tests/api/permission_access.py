"""The API part of the permission matrix (merged into tests/test_permission_matrix.py).

Every address of the open-data API is public and reads only: each role gets the same answer, and a POST is
refused (405) for everyone. The world of the matrix already has a published strategy (tests/strategy/
permission_access.py) and a published analysis; the addresses are filled from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from permission_audiences import PUBLIC, ROLES, Audience

# ``/api/`` itself is no page (django-ninja's root, which only anchors the addresses of the OpenAPI document).
NO_PAGE = Audience("api root (no page)", dict.fromkeys(ROLES, 404))

ACCESS: dict[str, Audience] = {
    "api:openapi-json": PUBLIC,
    "api:api-root": NO_PAGE,
    "api:processes": PUBLIC,
    "api:process": PUBLIC,
    "api:phases": PUBLIC,
    "api:events": PUBLIC,
    "api:news": PUBLIC,
    "api:boards": PUBLIC,
    "api:strategy": PUBLIC,
    "api:elements": PUBLIC,
    "api:element": PUBLIC,
    "api:indicators": PUBLIC,
    "api:evidence": PUBLIC,
    "api:projects": PUBLIC,
    "api:project": PUBLIC,
    "api:statistics": PUBLIC,
    "api:decisions": PUBLIC,
    "api:monitoring": PUBLIC,
    "api:reports": PUBLIC,
    "api:actuals": PUBLIC,
}

GET_ONLY: set[str] = set(ACCESS)


def _process(world: dict[str, Any]) -> dict[str, Any]:
    return {"process": world["process"].slug}


KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "api:openapi-json": lambda w: {},
    "api:api-root": lambda w: {},
    "api:processes": lambda w: {},
    **dict.fromkeys(
        [
            "api:process",
            "api:phases",
            "api:events",
            "api:news",
            "api:boards",
            "api:strategy",
            "api:elements",
            "api:indicators",
            "api:evidence",
            "api:projects",
            "api:statistics",
            "api:decisions",
            "api:monitoring",
            "api:reports",
            "api:actuals",
        ],
        _process,
    ),
    "api:element": lambda w: {**_process(w), "slug": w["element"].slug},
    "api:project": lambda w: {**_process(w), "slug": w["strategy_project"].slug},
}
