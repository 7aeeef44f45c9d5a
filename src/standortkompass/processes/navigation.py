"""The main navigation's entries that other apps contribute (the Standortanalyse, the strategy …).

An app registers a ``NavEntry`` in its ``AppConfig.ready``: its label, URL name, place and a function that
says, for the current public process, whether the entry is shown now (e.g. "the analysis is published").
Every public page draws the navigation, so which entries are shown is kept in the cache: one cache read per
page instead of a handful of queries. A service that changes what is shown calls ``navigation_changed()``
(after its transaction commits); the kept answer also expires after ``NAVIGATION_SECONDS``, for changes made
by another process on a laptop without a shared cache.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db import transaction
from django.utils.functional import Promise

from standortkompass.processes.selectors import public_processes

if TYPE_CHECKING:
    from standortkompass.processes.models import StrategyProcess

NAVIGATION_SECONDS = 60
_GENERATION_KEY = "processes:navigation:generation"


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str | Promise
    url_name: str
    order: int
    shown: Callable[[StrategyProcess], bool]


_entries: dict[str, NavEntry] = {}


def register(entry: NavEntry) -> NavEntry:
    _entries[entry.key] = entry
    return entry


def _new_generation() -> None:
    cache.set(_GENERATION_KEY, uuid.uuid4().hex, None)


def navigation_changed() -> None:
    """What the navigation shows may have changed: the next page asks the apps again.

    At once, and again when the transaction commits: a page drawn in between may have kept the old answer.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def navigation_forget() -> None:
    """Forget the kept answer at once (tests, whose databases start empty)."""
    _new_generation()


def shown_entries() -> list[NavEntry]:
    """The registered entries shown now for the current public process, in their order."""
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        _new_generation()
        generation = cache.get(_GENERATION_KEY)
    key = f"processes:navigation:{generation}"
    keys: list[str] | None = cache.get(key)
    if keys is None:
        process = public_processes().order_by("-created_at", "-id").first()
        ordered = sorted(_entries.values(), key=lambda entry: (entry.order, entry.key))
        keys = [entry.key for entry in ordered if process is not None and entry.shown(process)]
        cache.set(key, keys, NAVIGATION_SECONDS)
    return [_entries[name] for name in keys if name in _entries]
