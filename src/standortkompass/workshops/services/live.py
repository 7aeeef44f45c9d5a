"""Announcing changes of a live session to its clients (docs/workshops.md, "Real time").

Every service that changes what participants, a table or the projector see calls :func:`announce` inside its
transaction. The session's sequence number is raised in the database (so every change has its own number, in
order, across app processes) and, once the transaction has committed, a small message goes to the session's
channel-layer groups. The consumers (``workshops.consumers``) pass it on to their clients, coalesced to a few
updates per second; a client that sees a gap in the numbers, or reconnects, fetches the whole state.

Writes never depend on this: when the channel layer is unreachable the change is stored all the same, and the
clients find it by polling.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from django.db import connection, transaction
from django.db.models import F

from standortkompass.workshops.models import LiveSession

logger = logging.getLogger(__name__)


def group_all(session_id: int) -> str:
    """Every client of the session: participants, table hosts, facilitators, projectors."""
    return f"workshop-{session_id}"


def group_table(session_id: int, table_id: int) -> str:
    """The participants of one table (per-table phases)."""
    return f"workshop-{session_id}-table-{table_id}"


def group_watch(session_id: int) -> str:
    """Facilitators and projectors: they get the live results."""
    return f"workshop-{session_id}-watch"


def announce(session: LiveSession, *, event: str, table_id: int | None = None, **data: Any) -> int:
    """Raise the session's sequence number and, after commit, tell its clients. Returns the new number.

    ``event`` says what changed ("phase", "items", "votes", "participants", "tables", "timer", "reveal",
    "session"); ``table_id`` limits a change to one table's participants (the watchers always hear it).
    Must run inside a transaction (every service has one)."""
    sequence = _next_sequence(session.pk)
    session.sequence = sequence
    message = {"type": "session.changed", "event": event, "seq": sequence, "table": table_id, **data}
    transaction.on_commit(lambda: _send(session.pk, message, table_id))
    return sequence


def _next_sequence(session_id: int) -> int:
    """Raise the session's number by one and return it (one statement on PostgreSQL)."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(LiveSession._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET sequence = sequence + 1 WHERE id = %s RETURNING sequence", [session_id])  # noqa: S608 - the table's name
            row = cursor.fetchone()
        if row is None:
            raise LiveSession.DoesNotExist(f"LiveSession {session_id} does not exist")
        return int(row[0])
    LiveSession.objects.filter(pk=session_id).update(sequence=F("sequence") + 1)
    return LiveSession.objects.values_list("sequence", flat=True).get(pk=session_id)


def _send(session_id: int, message: dict[str, Any], table_id: int | None) -> None:
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if layer is None:
        return
    groups = [group_watch(session_id)]
    groups.append(group_table(session_id, table_id) if table_id is not None else group_all(session_id))

    async def send_all() -> None:  # one hop to the event loop for all groups
        for group in groups:
            await layer.group_send(group, message)

    try:
        async_to_sync(send_all)()
    except Exception:  # the change is stored; clients find it by polling
        logger.warning("workshops: could not announce a change of session %s", session_id, exc_info=True)
