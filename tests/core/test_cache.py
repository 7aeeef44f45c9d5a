"""Single-flight caching (core.cache): a cold key is computed once however many ask at the same time."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.core.cache import cache

from standortkompass.core import cache as core_cache
from standortkompass.core.cache import LOCK_PREFIX, single_flight


def _key() -> str:
    return f"test:{uuid.uuid4().hex}"  # the cache (Redis in the PostgreSQL pass) outlives tests


def test_concurrent_threads_on_a_cold_key_compute_it_exactly_once():
    key = _key()
    calls = []
    start = threading.Barrier(12)
    results = []

    def compute() -> str:
        calls.append(1)
        time.sleep(0.3)
        return "value"

    def ask() -> None:
        start.wait()
        results.append(single_flight(key, compute, timeout=60))

    threads = [threading.Thread(target=ask) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(calls) == 1
    assert results == ["value"] * 12
    assert cache.get(LOCK_PREFIX + key) is None  # the lock is released


def test_a_key_being_computed_by_another_process_is_waited_for_not_computed_again():
    key = _key()
    assert cache.add(LOCK_PREFIX + key, "another process", 30)  # another server process holds the lock
    threading.Timer(0.3, lambda: cache.set(key, "theirs", 60)).start()
    calls = []
    started = time.monotonic()
    assert single_flight(key, lambda: calls.append(1) or "ours", timeout=60) == "theirs"
    assert calls == []
    assert 0.25 < time.monotonic() - started < 5


def test_the_lock_of_a_holder_that_died_expires_and_is_taken_over():
    key = _key()
    assert cache.add(LOCK_PREFIX + key, "a process killed while computing", 1)  # never released
    started = time.monotonic()
    assert single_flight(key, lambda: "computed here", timeout=60) == "computed here"
    assert 0.9 < time.monotonic() - started < 10
    assert cache.get(key) == "computed here"


def test_a_failed_computation_reaches_its_caller_and_leaves_no_lock_behind():
    key = _key()

    def fails() -> str:
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        single_flight(key, fails, timeout=60)
    assert cache.get(LOCK_PREFIX + key) is None
    assert single_flight(key, lambda: "second try", timeout=60) == "second try"


def test_a_cached_none_counts_as_found():
    key = _key()
    calls = []
    assert single_flight(key, lambda: calls.append(1), timeout=60) is None
    assert single_flight(key, lambda: calls.append(1), timeout=60) is None
    assert calls == [1]


def test_values_kept_in_memory_are_not_read_from_the_cache_again_and_the_oldest_make_room(monkeypatch):
    monkeypatch.setattr(core_cache.memory, "size", 2)
    first, second, third = _key(), _key(), _key()
    calls = []
    assert single_flight(first, lambda: calls.append(first) or 1, timeout=60, in_memory=True) == 1
    cache.delete(first)  # the cache server restarted: this process still has the value
    assert single_flight(first, lambda: calls.append(first) or 1, timeout=60, in_memory=True) == 1
    assert calls == [first]
    single_flight(second, lambda: 2, timeout=60, in_memory=True)
    single_flight(third, lambda: 3, timeout=60, in_memory=True)  # the first, least recently used, goes
    cache.delete(first)
    assert single_flight(first, lambda: calls.append(first) or 1, timeout=60, in_memory=True) == 1
    assert calls == [first, first]


def test_the_lock_of_a_long_key_stays_within_the_length_caches_accept():
    key = "x" * 240
    assert single_flight(key, lambda: "value", timeout=60) == "value"
    assert len(core_cache._lock_key(key)) <= 250
