"""Stopping ``standortkompass serve`` also stops the background task worker it started."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).with_name("standortkompass")


def _environment(var: Path) -> dict[str, str]:
    """A local installation in a temporary folder: SQLite, no Redis, the database task queue."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(var),
        "STANDORTKOMPASS_VAR_DIR": str(var),
        "DEBUG": "true",
        "LOG_LEVEL": "WARNING",
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children]


def _running(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def _wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("reads the process tree from /proc")
    var = tmp_path_factory.mktemp("var")
    subprocess.run(  # noqa: S603 - our own command with fixed arguments
        [str(COMMAND), "migrate", "--no-input", "-v", "0"], env=_environment(var), check=True, timeout=300
    )
    return var


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_serve_also_stops_the_task_worker_it_started(migrated, stop):
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command with fixed arguments
        [str(COMMAND), "serve", "--port", str(port)],
        env=_environment(migrated),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        assert _wait_until(lambda: _answers(port), 60), "serve did not answer /healthz"
        workers = [
            child for child in _children(server.pid) if b"db_worker" in Path(f"/proc/{child}/cmdline").read_bytes()
        ]
        assert len(workers) == 1
        (worker,) = workers

        server.send_signal(stop)
        server.wait(timeout=30)

        assert _wait_until(lambda: not _running(worker), 5), "the task worker outlived serve"
        assert server.returncode == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        for child in workers:
            if _running(child):
                os.kill(child, signal.SIGKILL)


@pytest.mark.parametrize(("arguments", "access_log"), [((), True), (("--no-access-log",), False)])
def test_serve_writes_an_access_log_unless_told_not_to(monkeypatch, settings, arguments, access_log):
    from django.core.management import call_command

    import standortkompass.core.management.commands.serve as serve

    settings.TASKS_WORKER = False
    calls: list[dict[str, object]] = []
    monkeypatch.setattr(serve.uvicorn, "run", lambda app, **options: calls.append(options))

    call_command("serve", *arguments, stdout=io.StringIO())

    assert [call["access_log"] for call in calls] == [access_log]
