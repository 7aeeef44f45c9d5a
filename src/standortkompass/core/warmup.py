"""Warming at start: an app process is ready for visitors only once the cache holds what its pages show
and the pages have been drawn once.

A new app process pays twice for its first visitors: the cached figures may be missing (the cache
was emptied, or an import made them stale), and the process itself is cold (view modules,
templates, the URL configuration and the translation catalogues load on first use, ~1 s for a
Standortanalyse page). Apps above ``core`` name both in their ``ready()``:

* ``register_warmer(name, warm)`` – computes cached data (the published Standortanalyse registers
  its charts and key figures). Through ``core.cache.single_flight`` two processes warming together
  compute each entry once.
* ``register_warm_pages(name, paths)`` – addresses requested once inside the process, through the
  whole middleware stack, after the warmers ran (answers are thrown away; a failing one is logged).

``serve`` runs both in every app process before it accepts connections: ``WarmAtStartup`` wraps the
ASGI application and does the work on the ASGI ``lifespan`` startup event, for which uvicorn waits
before it answers. A rolling restart (``SIGHUP``) brings each warmed process into service before it
retires the old one. ``WARM_AT_START=false`` (``serve --no-warm``) skips it.
"""

from __future__ import annotations

import io
import logging
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings

logger = logging.getLogger(__name__)

_warmers: list[tuple[str, Callable[[], Any]]] = []
_pages: list[tuple[str, Callable[[], list[str]]]] = []


def register_warmer(name: str, warm: Callable[[], Any]) -> None:
    """Have every app process run ``warm()`` at start (called from an app's ``ready()``); once per name."""
    if all(known != name for known, _warm in _warmers):
        _warmers.append((name, warm))


def register_warm_pages(name: str, paths: Callable[[], list[str]]) -> None:
    """Have every app process request ``paths()`` once at start, after the warmers; once per name."""
    if all(known != name for known, _paths in _pages):
        _pages.append((name, paths))


def warmers() -> list[tuple[str, Callable[[], Any]]]:
    return list(_warmers)


def warm_all() -> list[str]:
    """Run every registered warmer; one that fails is logged and the others still run. Returns the names run."""
    done = []
    for name, warm in warmers():
        started = time.perf_counter()
        try:
            warm()
        except Exception:
            logger.exception("Warming %s at start failed; its pages compute on first request.", name)
            continue
        logger.info("Warmed %s in %.1f s.", name, time.perf_counter() - started)
        done.append(name)
    return done


def _warm_host() -> str:
    """A host name the site accepts (the first of ALLOWED_HOSTS, a leading dot or a wildcard resolved)."""
    first = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "*"
    return "localhost" if first == "*" else first.lstrip(".") or "localhost"


def _request(handler: Callable[..., Any], path: str, host: str) -> int:
    """GET ``path`` through Django's request handler in this process; the status code."""
    status: list[str] = []
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443" if settings.USE_HTTPS else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https" if settings.USE_HTTPS else "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    body = handler(environ, lambda line, headers, *rest: status.append(line))
    try:
        for _chunk in body:
            pass
    finally:
        body.close()
    return int(status[0].split()[0]) if status else 0


def warm_pages() -> int:
    """Request every registered page once in this process; the number answered with 200."""
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    host = _warm_host()
    answered = 0
    for name, paths in list(_pages):
        try:
            addresses = paths()
        except Exception:
            logger.exception("The pages of %s to warm could not be listed.", name)
            continue
        for path in addresses:
            try:
                status = _request(handler, path, host)
            except Exception:
                logger.exception("Warming %s failed.", path)
                continue
            if status == 200:
                answered += 1
            else:
                logger.warning("Warming %s answered %s.", path, status)
    return answered


def warm_process() -> None:
    """What an app process does before it accepts connections: the warmers, then the pages."""
    from django.db import connections

    started = time.perf_counter()
    try:
        warm_all()
        pages = warm_pages()
    finally:
        connections.close_all()  # this thread's
    logger.info("App process warmed in %.1f s (%d pages drawn).", time.perf_counter() - started, pages)


Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class WarmAtStartup:
    """ASGI application that warms the process on the ``lifespan`` startup event and passes everything else on.

    Servers without lifespan support never send it; the process then warms on its first visitors.
    """

    def __init__(self, application: Callable[[dict[str, Any], Receive, Send], Awaitable[None]]) -> None:
        self.application = application

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await self.application(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if settings.WARM_AT_START:
                    try:
                        await sync_to_async(warm_process, thread_sensitive=False)()
                    except Exception:  # e.g. the database not reachable yet: serve cold rather than not at all
                        logger.exception("Warming the app process failed; it serves without.")
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
