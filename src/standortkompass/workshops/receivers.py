"""Receiving from the channel layer in the live consumers (``workshops.consumers``): a task that hands every
message of a channel on until it is told to stop by a message to that channel, instead of being cancelled."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

logger = logging.getLogger(__name__)
# A message a receiving task sends itself to end (see stop_receiving).
STOP = "live.stop"
# How long a task that was told to stop may take before it is cancelled after all (seconds).
STOP_GRACE = 10.0


async def receive_until_stopped(layer: Any, channel: str, handle: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
    """Receive from ``channel`` and hand every message to ``handle`` until the stop message comes (an unreachable
    layer is tried again every second: what waits stays in Redis)."""
    while True:
        try:
            message = await layer.receive(channel)
        except Exception:
            logger.warning("workshops: no answer from the channel layer (%s)", channel, exc_info=True)
            await asyncio.sleep(1)
            continue
        if message.get("type") == STOP:
            return
        try:
            await handle(message)
        except Exception:  # one bad message must not end the live updates
            logger.exception("workshops: a change could not be passed on (%s)", channel)


async def stop_receiving(layer: Any, channel: str, task: asyncio.Task[None] | None) -> None:
    """End a :func:`receive_until_stopped` task by sending its channel the stop message. It is not cancelled:
    a cancelled Redis receive may lose its cancellation in redis-py's retries (a socket timeout raised in its
    place) and wait on Redis for ever, holding the connection and keeping the server from stopping. Only a task
    that has not ended within ``STOP_GRACE`` seconds is cancelled."""
    if task is None or task.done():
        return
    try:
        await layer.send(channel, {"type": STOP})
    except Exception:
        logger.warning("workshops: could not tell the receiver of %s to stop", channel, exc_info=True)
    done, _pending = await asyncio.wait({task}, timeout=STOP_GRACE)
    if not done:
        task.cancel()
