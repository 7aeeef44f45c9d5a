"""Join codes against guessing: at most 20 wrong codes per client address in 10 minutes.

A code has six characters of 25, so guessing one is hopeless at this pace. Only wrong codes count: a room of
150 people behind one address joining with the right code is never held up. The counters live in the cache
(Redis in production) like the other limits of public forms (``core.ratelimit``: same key prefix, the address
stored as a hash), but in windows of their own 10 minutes.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

from standortkompass.core import ratelimit

SCOPE = "workshop-join-code"
WRONG_CODES_LIMIT = 20
WINDOW_SECONDS = 10 * 60


def _cache_key(client: str) -> str:
    digest = hashlib.sha256(f"{SCOPE}\0{client.strip().lower()}".encode()).hexdigest()[:32]
    return f"{ratelimit.KEY_PREFIX}:{SCOPE}:{digest}:{int(time.time()) // WINDOW_SECONDS}"


def join_code_attempt(*, client: str) -> bool:
    """Whether the client address may try a code now (False after 20 wrong codes in the current 10 minutes).
    Counts nothing: call :func:`join_code_failed` when the code was wrong."""
    return int(cache.get(_cache_key(client), 0)) < WRONG_CODES_LIMIT


def join_code_failed(*, client: str) -> None:
    """Count a wrong code typed from the client address."""
    name = _cache_key(client)
    if cache.add(name, 1, timeout=WINDOW_SECONDS + 60):
        return
    try:
        cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=WINDOW_SECONDS + 60)
