"""A WebSocket client of the project's ASGI application for tests (as Channels' own communicator, whose module
needs daphne to import): connect, expect the hello or the refusal (4403), and close what a failed test left open.

Test bodies are coroutines run with :func:`run` (``async_to_sync``); the consumers' database work then runs in
the test's thread and sees its transaction (with ``channels.db.close_old_connections`` switched off)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote, urlparse

from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django.conf import settings
from django.test import Client

from standortkompass.config.asgi import application
from standortkompass.workshops.consumers import CLOSE_REFUSED
from standortkompass.workshops.models import LiveSession
from standortkompass.workshops.selectors.participants import cookie_name

ORIGIN = b"http://localhost"
# How long a test waits for a message that must come, and listens for one that must not.
WAIT = 2.0
QUIET = 0.3


class WebsocketCommunicator(ApplicationCommunicator):
    """A WebSocket client of the ASGI application, as Channels' (whose package needs daphne to import)."""

    def __init__(self, app: Any, path: str, headers: list[tuple[bytes, bytes]]) -> None:
        parsed = urlparse(path)
        scope = {
            "type": "websocket",
            "path": unquote(parsed.path),
            "query_string": parsed.query.encode(),
            "headers": headers,
            "subprotocols": [],
        }
        super().__init__(app, scope)

    async def connect(self, timeout: float = 1) -> tuple[bool, Any]:
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        if response["type"] == "websocket.close":
            return False, response.get("code", 1000)
        assert response["type"] == "websocket.accept"
        return True, response.get("subprotocol")

    async def send_json_to(self, data: Any) -> None:
        await self.send_input({"type": "websocket.receive", "text": json.dumps(data)})

    async def receive_json_from(self, timeout: float = 1) -> Any:
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return json.loads(response["text"])

    async def disconnect(self, code: int = 1000, timeout: float = 1) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)


OPEN: list[WebsocketCommunicator] = []


def run(body: Callable[[], Awaitable[None]]) -> None:
    """Run a test body; connections it left open (a failed assertion) are closed, so that the next test's event
    loop finds the channel layer free."""

    async def guarded() -> None:
        try:
            await body()
        finally:
            while OPEN:
                communicator = OPEN.pop()
                if not communicator.future.done():
                    with contextlib.suppress(Exception):
                        await communicator.disconnect()

    async_to_sync(guarded)()


def socket(path: str, *, cookie: str = "", origin: bytes | None = ORIGIN) -> WebsocketCommunicator:
    headers = []
    if origin is not None:
        headers.append((b"origin", origin))
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    OPEN.append(communicator)
    return communicator


def participant_socket(session: LiveSession, token: str = "", **options: Any) -> WebsocketCommunicator:
    cookie = f"{cookie_name(session)}={token}" if token else ""
    return socket(f"/ws/mitmachen/{session.join_code}/", cookie=cookie, **options)


def watch_socket(session: LiveSession, *, client: Client | None = None, query: str = "") -> WebsocketCommunicator:
    cookie = ""
    if client is not None:
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return socket(f"/ws/werkstatt/{session.pk}/{query}", cookie=cookie)


async def connected(communicator: WebsocketCommunicator) -> dict[str, Any]:
    """Connect; the hello message."""
    accepted, _ = await communicator.connect(timeout=WAIT)
    assert accepted
    hello: dict[str, Any] = await communicator.receive_json_from(timeout=WAIT)
    assert hello["type"] == "hello"
    return hello


async def refused(communicator: WebsocketCommunicator) -> None:
    """The connection is accepted and closed at once with 4403 (the page does not try again)."""
    accepted, _ = await communicator.connect(timeout=WAIT)
    assert accepted
    assert await communicator.receive_output(timeout=WAIT) == {"type": "websocket.close", "code": CLOSE_REFUSED}
    await communicator.disconnect(code=CLOSE_REFUSED)
