"""A background load for benchmarks that must keep their targets on a busy server (issue 10, §7).

``with background_load():`` starts PROCESSES child processes that request public pages through Django's
test client without pause (home page, dates, news, the Standortanalyse overview — whatever the database
holds; any status counts) on the database of the environment, until the block ends. With one of them, one
of the two cores of the benchmark machine is busy with page requests while the measured operation runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROCESSES = 1
PAGES = ("/", "/termine/", "/aktuelles/", "/standortanalyse/", "/healthz")


@contextmanager
def background_load(processes: int = PROCESSES, env: dict[str, str] | None = None) -> Iterator[None]:
    children = [
        subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child"],
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(processes)
    ]
    time.sleep(3)  # Django set up, the first pages rendered
    try:
        yield
    finally:
        for child in children:
            child.terminate()
        for child in children:
            child.wait(timeout=30)


def _requests_forever() -> None:
    import django

    django.setup()
    from django.test import Client

    client = Client()
    while True:
        for page in PAGES:
            client.get(page)


if __name__ == "__main__" and sys.argv[1:] == ["--child"]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standortkompass.config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    _requests_forever()
