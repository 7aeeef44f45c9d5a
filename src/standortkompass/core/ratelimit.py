"""Anti-automation for public forms: counters per client address and per target in the cache.

Fixed windows of ``RATE_LIMIT_WINDOW_MINUTES`` (Redis in production, so the app processes
count together; the in-memory cache of a single-process installation counts per process).
A key is stored as a hash: neither e-mail addresses nor client addresses land in the cache.
Behind the proxy ``REMOTE_ADDR`` is already the client's address (uvicorn takes it from
``X-Forwarded-For``, trusted from the proxy only).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

KEY_PREFIX = "ratelimit"


def rate_limit_window_seconds() -> int:
    return int(settings.RATE_LIMIT_WINDOW_MINUTES) * 60


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _cache_key(scope: str, key: str) -> str:
    window = rate_limit_window_seconds()
    digest = hashlib.sha256(f"{scope}\0{key.strip().lower()}".encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{scope}:{digest}:{int(time.time()) // window}"


def rate_limit_count(*, scope: str, key: str) -> int:
    """Count one attempt by ``key`` in ``scope``; the number of attempts in the current window."""
    name = _cache_key(scope, key)
    if cache.add(name, 1, timeout=rate_limit_window_seconds() + 60):
        return 1
    try:
        return int(cache.incr(name))
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=rate_limit_window_seconds() + 60)
        return 1


def rate_limit_reached(*, scope: str, key: str, limit: int) -> bool:
    """Whether ``key`` has used up its ``limit`` attempts in ``scope`` this window (counts nothing)."""
    return int(cache.get(_cache_key(scope, key), 0)) >= limit


def rate_limit_exceeded(*, scope: str, keys: dict[str, int]) -> bool:
    """Count one attempt for each key (key → its limit); True if any key went over its limit."""
    over = False
    for key, limit in keys.items():
        if rate_limit_count(scope=scope, key=key) > limit:
            over = True
    return over
