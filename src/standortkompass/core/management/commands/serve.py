import os
import signal
import subprocess
import sys
from types import FrameType
from typing import Any, NoReturn

import uvicorn
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from standortkompass.core.log_masking import uvicorn_log_config

WARM_SECONDS = 120


def _stop(signum: int, frame: FrameType | None) -> NoReturn:
    """SIGTERM or SIGINT outside uvicorn's own handling (before or after serving): leave through ``finally``."""
    raise SystemExit(0)


def _stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """Ask the worker to finish its current task and stop; kill it if it has not after 10 seconds."""
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


class Command(BaseCommand):
    help = "Serve Standortkompass over HTTP and WebSocket (ASGI, uvicorn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1, help="Number of app processes.")
        parser.add_argument("--reload", action="store_true", help="Restart on code changes (development).")
        parser.add_argument(
            "--no-access-log",
            action="store_true",
            help="Write no access log line per request (when nginx keeps the access log, with tokens masked; "
            "the app's own access log masks them too).",
        )
        parser.add_argument(
            "--no-warm",
            action="store_true",
            help="Accept connections at once: no app process computes the cached pages (the published "
            "Standortanalyse) and draws them before it serves (as WARM_AT_START=false).",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        workers: int,
        reload: bool,
        no_access_log: bool,
        no_warm: bool,
        **options: Any,
    ) -> None:
        self.stdout.write(f"Standortkompass on http://{host}:{port}/ (DEBUG={settings.DEBUG})")
        # uvicorn shuts down on SIGTERM/SIGINT and then raises the signal again with the handler it found;
        # with Python's defaults SIGTERM would end this process at once and leave the task worker running.
        previous = {stop: signal.signal(stop, _stop) for stop in (signal.SIGTERM, signal.SIGINT)}
        worker = None
        try:
            worker = self._start_task_worker()
            self._configure_warming(enabled=settings.WARM_AT_START and not no_warm and not reload)
            self._serve(host=host, port=port, workers=workers, reload=reload, access_log=not no_access_log)
        finally:
            for stop, handler in previous.items():
                signal.signal(stop, handler)
            if worker is not None:
                _stop_worker(worker)

    def _start_task_worker(self) -> subprocess.Popen[bytes] | None:
        """A worker for background tasks (mail waves, exports) beside the web server, unless TASKS_WORKER=false
        (then run `standortkompass db_worker` yourself, e.g. as its own service on other machines)."""
        backend = settings.TASKS["default"]["BACKEND"]
        if not settings.TASKS_WORKER or not backend.startswith("django_tasks_db"):
            return None
        self.stdout.write("Background task worker started (standortkompass db_worker).")
        return subprocess.Popen([sys.executable, "-m", "standortkompass", "db_worker", "--interval", "2"])

    def _configure_warming(self, *, enabled: bool) -> None:
        """Each app process warms on its ASGI lifespan startup (core.warmup.WarmAtStartup), before uvicorn lets it
        accept connections. The processes read the setting from the environment; not with --reload (each code
        change would wait for it)."""
        os.environ["WARM_AT_START"] = "true" if enabled else "false"
        settings.WARM_AT_START = enabled  # one worker runs in this process
        if enabled:
            self.stdout.write("Each app process warms the cache and its pages before it serves (--no-warm to skip).")

    def _serve(self, *, host: str, port: int, workers: int, reload: bool, access_log: bool) -> None:
        uvicorn.run(
            "standortkompass.config.asgi:application",
            host=host,
            port=port,
            workers=workers if not reload else None,
            reload=reload,
            proxy_headers=True,
            forwarded_allow_ips="127.0.0.1",
            server_header=False,
            access_log=access_log,
            log_level="info",
            log_config=uvicorn_log_config(),  # tokens in URLs are logged as ***
            # A rolling restart (SIGHUP) waits this long for a new process to be warm before it retires the old one.
            timeout_worker_healthcheck=WARM_SECONDS,
        )
