"""The permission matrix entries of the strategy's editing URLs (merged by permission_access.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from permission_audiences import Audience

ACCESS: dict[str, Audience] = {}
GET_ONLY: set[str] = set()
KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}
BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {}
