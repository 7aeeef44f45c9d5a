"""Caching that computes each entry once, and the warmers that fill the cache when the server starts.

``single_flight`` is ``cache.get`` plus "compute on a miss", without the stampede: when many
requests miss the same key at once (the first visitors after a restart or an import), one of
them computes while the others wait for its result. Two locks make it so:

* inside one process, a lock per key (threads of the development server, the warming thread);
* across processes (the uvicorn workers, the task worker), an entry ``single-flight:<key>``
  taken with ``cache.add`` — atomic on Redis (``SET NX``), the local-memory and the database
  cache — that expires after ``lock_seconds``. A waiter polls for the value; when the lock
  has gone without a value (its holder died or its computation failed) the waiter takes the
  lock itself. A holder that takes longer than ``lock_seconds`` loses the lock, and one
  waiter computes again: slow, never stuck.

What ``serve`` warms at start is named through ``core.warmup``.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.core.cache import cache as default_cache
from django.core.cache.backends.base import BaseCache

T = TypeVar("T")
LOCK_PREFIX = "single-flight:"
LOCK_SECONDS = 60
POLL_SECONDS = (0.005, 0.2)  # first and longest pause between two looks for the value

_MISSING = object()


class _KeyLocks:
    """One re-entrant lock per key for the threads of this process, dropped when no thread holds or waits."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, tuple[threading.RLock, int]] = {}

    @contextmanager
    def hold(self, key: str, timeout: float) -> Iterator[None]:
        with self._guard:
            lock, users = self._locks.get(key, (threading.RLock(), 0))
            self._locks[key] = (lock, users + 1)
        # A holder stuck for longer than the cache lock lives is passed by, as the cache lock is.
        acquired = lock.acquire(timeout=timeout)
        try:
            yield
        finally:
            if acquired:
                lock.release()
            with self._guard:
                lock, users = self._locks[key]
                if users == 1:
                    del self._locks[key]
                else:
                    self._locks[key] = (lock, users - 1)


_key_locks = _KeyLocks()


class _Memory:
    """The most recently used values of this process, for keys whose value never changes (see ``single_flight``)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._guard = threading.Lock()
        self._values: OrderedDict[str, object] = OrderedDict()

    def get(self, key: str) -> object:
        with self._guard:
            found = self._values.get(key, _MISSING)
            if found is not _MISSING:
                self._values.move_to_end(key)
            return found

    def put(self, key: str, value: object) -> None:
        with self._guard:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._guard:
            self._values.clear()


MEMORY_ENTRIES = 512
memory = _Memory(MEMORY_ENTRIES)


def _lock_key(key: str) -> str:
    # Cache keys may be up to 250 characters (memcached's limit, which Django warns about): hash long ones.
    whole = LOCK_PREFIX + key
    return whole if len(whole) <= 200 else LOCK_PREFIX + hashlib.sha256(key.encode()).hexdigest()


def single_flight(
    key: str,
    compute: Callable[[], T],
    *,
    timeout: float | None,
    lock_seconds: int = LOCK_SECONDS,
    cache: BaseCache | None = None,
    in_memory: bool = False,
) -> T:
    """The cached value of ``key``; on a miss ``compute()`` runs once while concurrent callers wait for it.

    ``timeout`` is the life of the value in the cache (seconds, None: no expiry); ``lock_seconds``
    bounds how long others wait for a holder that has died (a whole number: Redis counts seconds).
    An exception of ``compute`` reaches its caller; the waiters then compute themselves.

    ``in_memory`` also keeps the value in this process's memory (the most recent ``MEMORY_ENTRIES``),
    which saves reading and unpickling it from a cache server again. Only for keys whose value never
    changes, such as keys that contain the version of the data they were computed from.
    """
    if in_memory:
        found = memory.get(key)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        value = single_flight(key, compute, timeout=timeout, lock_seconds=lock_seconds, cache=cache)
        memory.put(key, value)
        return value
    store = cache if cache is not None else default_cache
    found = store.get(key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[no-any-return]
    with _key_locks.hold(key, timeout=lock_seconds):
        found = store.get(key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
        lock_key = _lock_key(key)
        token = uuid.uuid4().hex
        pause = POLL_SECONDS[0]
        while not store.add(lock_key, token, lock_seconds):
            time.sleep(pause)
            pause = min(pause * 2, POLL_SECONDS[1])
            found = store.get(key, _MISSING)
            if found is not _MISSING:
                return found  # type: ignore[no-any-return]
        try:
            value = compute()
            store.set(key, value, timeout)
            return value
        finally:
            # Release only our own lock: one that expired may have been taken by another process since.
            if store.get(lock_key) == token:
                store.delete(lock_key)
