"""The live connections of a session (workshops.consumers) through the project's ASGI application: the Origin
check, the participant's token, the watchers' permission, what reaches whom after commit, and the coalesced
results of the watchers.

The test bodies are coroutines run with ``async_to_sync``; the consumers' database work then runs in the test's
thread and sees its transaction. Changes are announced the way the services do it (``services.live.announce``
inside a transaction), their after-commit sending run by ``django_capture_on_commit_callbacks``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction
from django.test import Client

from standortkompass.accounts.models import Role
from standortkompass.config.asgi import application
from standortkompass.workshops import consumers
from standortkompass.workshops.consumers import CLOSE_REFUSED, PhaseFacts, concerns_participant
from standortkompass.workshops.models import (
    Item,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseState,
    Reveal,
    SessionPhase,
    Table,
)
from standortkompass.workshops.receivers import STOP_GRACE, receive_until_stopped, stop_receiving
from standortkompass.workshops.selectors.participants import cookie_name
from standortkompass.workshops.services import live
from standortkompass.workshops.services.participation import participant_join, participant_remove
from standortkompass.workshops.services.tables import table_assign

from ..conftest import verified_client
from .sockets import (
    QUIET,
    WAIT,
    WebsocketCommunicator,
    connected,
    participant_socket,
    refused,
    run,
    socket,
    watch_socket,
)


@pytest.fixture(autouse=True)
def fresh_shared_loads() -> Iterator[None]:
    consumers.shared.clear()
    yield
    consumers.shared.clear()
    assert not consumers._hubs, "every participant's connection left its session's hub"


@pytest.fixture(autouse=True)
def consumers_keep_the_test_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    """The consumers' database work closes stale connections before and after, as it should, but not the test's
    (as Channels' own test communicator does it)."""
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


async def messages(communicator: WebsocketCommunicator, *, seconds: float = QUIET) -> list[dict[str, Any]]:
    """Every message that arrives within ``seconds`` (after the last one)."""
    found = []
    while not await communicator.receive_nothing(timeout=seconds):
        found.append(await communicator.receive_json_from())
    return found


@pytest.fixture
def announce(django_capture_on_commit_callbacks: Any) -> Callable[..., Awaitable[int]]:
    """``await announce(session, event=…, table_id=…)``: a change announced in a transaction, sent after commit."""

    def announce_committed(session: LiveSession, **kwargs: Any) -> int:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            return live.announce(session, **kwargs)

    return database_sync_to_async(announce_committed)


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[..., Awaitable[Any]]:
    """``await committed(service, **kwargs)``: a service called with its after-commit announcements sent."""

    def call(service: Callable[..., Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return database_sync_to_async(call)


def join(session: LiveSession, **kwargs: Any) -> tuple[Participant, str]:
    return participant_join(session=session, group="company", **kwargs)


@pytest.fixture
def tables(live_session: LiveSession) -> list[Table]:
    return [Table.objects.create(session=live_session, name=f"Tisch {n}", position=n) for n in (1, 2)]


def dot_vote(session: LiveSession, *, reveal: str = Reveal.ON_CLOSE) -> SessionPhase:
    phase = SessionPhase.objects.create(
        session=session,
        kind=PhaseKind.DOT_VOTE,
        title="Punkte kleben",
        state=PhaseState.OPEN,
        settings={"budget": 5, "reveal": reveal},
    )
    Item.objects.create(phase=phase, text="Fachkräfte", position=1)
    session.current_phase = phase
    session.save(update_fields=["current_phase"])
    return phase


# --- the Origin and the participant's token --------------------------------------------------------------------


def test_a_participant_with_a_valid_token_is_welcomed_with_the_current_sequence_number(live_session):
    _participant, token = join(live_session)
    live_session.refresh_from_db()

    async def body() -> None:
        phone = participant_socket(live_session, token)
        hello = await connected(phone)
        assert hello["seq"] == live_session.sequence
        assert hello["now"]
        await phone.disconnect()

    run(body)


def test_a_participant_without_a_token_or_with_an_unknown_one_is_refused(live_session):
    join(live_session)

    async def body() -> None:
        await refused(participant_socket(live_session))
        await refused(participant_socket(live_session, "not-a-token"))

    run(body)


def test_an_unknown_join_code_is_refused(live_session):
    _participant, token = join(live_session)

    async def body() -> None:
        await refused(socket("/ws/mitmachen/ZZZZZZ/", cookie=f"{cookie_name(live_session)}={token}"))

    run(body)


def test_a_foreign_origin_or_none_is_refused_at_the_handshake(live_session):
    _participant, token = join(live_session)

    async def body() -> None:
        for origin in (b"https://evil.example", None):
            phone = participant_socket(live_session, token, origin=origin)
            accepted, _ = await phone.connect(timeout=WAIT)
            assert not accepted
            await phone.disconnect()

    run(body)


def test_a_removed_participant_is_sent_away_and_cannot_connect_again(live_session, users, committed):
    participant, token = join(live_session)

    async def body() -> None:
        phone = participant_socket(live_session, token)
        await connected(phone)
        await committed(participant_remove, participant=participant, actor=users["editor"])
        assert await phone.receive_output(timeout=WAIT) == {"type": "websocket.close", "code": CLOSE_REFUSED}
        await phone.disconnect(code=CLOSE_REFUSED)
        await refused(participant_socket(live_session, token))

    run(body)


def test_the_asgi_server_speaks_websocket_with_the_origin_check(db, monkeypatch, settings):
    """uvicorn (as ``standortkompass serve`` runs it) with its WebSocket protocol (the ``websockets`` package):
    a real handshake is accepted and refused with 4403 for an unknown session; a foreign Origin is refused."""
    import socket as sockets
    import threading

    import uvicorn
    from django.db import close_old_connections

    # The server's thread has a database connection of its own: closed after use, as in production.
    monkeypatch.setattr("channels.db.close_old_connections", close_old_connections)
    # The server's event loop ends with the test; a Redis layer would keep its receiving loop (one per layer).
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    from websockets.exceptions import ConnectionClosed, InvalidStatus
    from websockets.sync.client import connect

    with sockets.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(application, host="127.0.0.1", port=port, lifespan="off", log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        url = f"ws://127.0.0.1:{port}/ws/werkstatt/999999/"
        with (
            connect(url, origin=f"http://localhost:{port}", open_timeout=5) as client,
            pytest.raises(ConnectionClosed) as closed,
        ):
            client.recv(timeout=5)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == CLOSE_REFUSED
        with pytest.raises(InvalidStatus) as refused_handshake:
            connect(url, origin="https://evil.example", open_timeout=5)
        assert refused_handshake.value.response.status_code == 403
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# --- who may watch ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("editor", True),
        ("board", False),
        ("partner", False),
        ("company", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_only_facilitators_watch_a_session_as_logged_in_users(live_session, client_for, role, allowed):
    client = client_for(role)

    async def body() -> None:
        console = watch_socket(live_session, client=client if role != "anonymous" else None)
        if allowed:
            await connected(console)
            await console.disconnect()
        else:
            await refused(console)

    run(body)


def test_a_facilitator_without_the_second_factor_cannot_watch(live_session, users):
    client = Client()
    client.force_login(users["editor"])

    async def body() -> None:
        await refused(watch_socket(live_session, client=client))

    run(body)


def test_the_projector_watches_with_its_key_and_not_with_another(live_session):
    async def body() -> None:
        projector = watch_socket(live_session, query=f"?key={live_session.projector_key}")
        await connected(projector)
        await projector.disconnect()
        await refused(watch_socket(live_session, query="?key=wrong-key"))
        await refused(watch_socket(live_session, query="?key="))

    run(body)


def test_a_projector_key_opens_only_its_own_session(live_session, workshop):
    other = LiveSession.objects.create(workshop=workshop, title="Andere", join_code="OTHER3", projector_key="other-key")

    async def body() -> None:
        await refused(watch_socket(other, query=f"?key={live_session.projector_key}"))

    run(body)


def test_a_facilitator_who_logs_out_stops_watching_at_the_next_ping(live_session, client_for):
    client = client_for("editor")

    async def body() -> None:
        console = watch_socket(live_session, client=client)
        await connected(console)
        await messages(console)  # the first results
        await database_sync_to_async(client.logout)()
        await console.send_json_to({"type": "ping"})
        assert await console.receive_output(timeout=WAIT) == {"type": "websocket.close", "code": CLOSE_REFUSED}
        await console.disconnect(code=CLOSE_REFUSED)

    run(body)


def test_a_facilitator_who_loses_the_role_hears_no_more_changes(live_session, client_for, users, announce, monkeypatch):
    monkeypatch.setattr(consumers, "WATCH_RECHECK_INTERVAL", 0.0)
    client = client_for("editor")
    membership = users["editor"].memberships.get()

    async def body() -> None:
        console = watch_socket(live_session, client=client)
        await connected(console)
        await messages(console)  # the first results
        membership.role = Role.PARTNER
        await database_sync_to_async(membership.save)()
        await announce(live_session, event="items")
        assert await console.receive_output(timeout=WAIT) == {"type": "websocket.close", "code": CLOSE_REFUSED}
        await console.disconnect(code=CLOSE_REFUSED)

    run(body)


def test_the_projector_stops_watching_when_its_key_is_replaced(live_session):
    async def body() -> None:
        projector = watch_socket(live_session, query=f"?key={live_session.projector_key}")
        await connected(projector)
        await messages(projector)  # the first results
        await database_sync_to_async(
            lambda: LiveSession.objects.filter(pk=live_session.pk).update(projector_key="a-new-key")
        )()
        await projector.send_json_to({"type": "ping"})
        assert await projector.receive_output(timeout=WAIT) == {"type": "websocket.close", "code": CLOSE_REFUSED}
        await projector.disconnect(code=CLOSE_REFUSED)

    run(body)


# --- what reaches whom -----------------------------------------------------------------------------------------


def test_a_change_announced_after_commit_reaches_participants_and_watchers(live_session, users, announce):
    _participant, token = join(live_session)
    client = verified_client(users["editor"])

    async def body() -> None:
        phone, console = participant_socket(live_session, token), watch_socket(live_session, client=client)
        await connected(phone)
        await connected(console)
        seq = await announce(live_session, event="phase", phase=7)
        to_phone = await phone.receive_json_from(timeout=WAIT)
        assert to_phone == {"type": "changed", "seq": seq, "event": "phase", "table": None, "phase": 7}
        to_console = [message for message in await messages(console) if message["type"] == "changed"]
        assert to_console == [to_phone]
        await phone.disconnect()
        await console.disconnect()

    run(body)


@pytest.mark.skipif(not settings.REDIS_URL, reason="the in-memory channel layer has no connection that could time out")
def test_a_quiet_connection_stays_open_on_the_redis_layer(live_session, users, announce):
    """The Redis layer waits for a consumer's next message with a blocking read of 5 s; the client's socket timeout
    must be longer, or every quiet connection breaks after 5 s (redis-py 8 defaults to 5 s)."""
    _participant, token = join(live_session)
    client = verified_client(users["editor"])

    async def body() -> None:
        console = watch_socket(live_session, client=client)
        await connected(console)
        await asyncio.sleep(7)
        await messages(console)
        seq = await announce(live_session, event="phase")
        assert (await console.receive_json_from(timeout=WAIT))["seq"] == seq
        phone = participant_socket(live_session, token)
        await connected(phone)
        await asyncio.sleep(7)
        seq = await announce(live_session, event="phase")
        assert (await phone.receive_json_from(timeout=WAIT))["seq"] == seq
        await phone.disconnect()
        await console.disconnect()

    run(body)


@pytest.mark.parametrize("quiet", [0.0, 5.5])
def test_a_receiver_ends_on_its_stop_message_without_being_cancelled(quiet):
    """A cancelled Redis receive can lose its cancellation (redis-py turns it into a socket timeout and retries)
    and wait on Redis for ever, keeping the server from stopping; the consumers' receivers end by a message."""
    if quiet and not settings.REDIS_URL:
        pytest.skip("the in-memory layer has no blocking read to wait through")

    async def body() -> None:
        layer = get_channel_layer()
        channel = await layer.new_channel()
        heard: list[dict[str, Any]] = []

        async def handle(message: dict[str, Any]) -> None:
            heard.append(message)

        task = asyncio.get_running_loop().create_task(receive_until_stopped(layer, channel, handle))
        await layer.send(channel, {"type": "session.changed", "seq": 1})
        await asyncio.sleep(quiet or 0.1)  # through a blocking read of the Redis layer (5 s)
        await stop_receiving(layer, channel, task)
        assert task.done()
        assert not task.cancelled()  # it ended on the message, not by the cancel after the grace time
        assert heard == [{"type": "session.changed", "seq": 1}]

    run(body)


def test_a_closed_watcher_and_phone_leave_no_receiver_behind(live_session, users):
    _participant, token = join(live_session)
    client = verified_client(users["editor"])

    async def body() -> None:
        console = watch_socket(live_session, client=client)
        phone = participant_socket(live_session, token)
        await connected(console)
        await connected(phone)
        await phone.disconnect(timeout=STOP_GRACE / 2)
        await console.disconnect(timeout=STOP_GRACE / 2)
        left = [task for task in asyncio.all_tasks() if "receive_until_stopped" in repr(task.get_coro())]
        assert not left

    run(body)


def test_nothing_is_sent_when_the_transaction_is_rolled_back(live_session, users, django_capture_on_commit_callbacks):
    _participant, token = join(live_session)

    def rolled_back() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    live.announce(live_session, event="phase")
                    raise RuntimeError("refused")
            except RuntimeError:
                pass

    async def body() -> None:
        phone = participant_socket(live_session, token)
        await connected(phone)
        await database_sync_to_async(rolled_back)()
        assert await phone.receive_nothing(timeout=QUIET)
        await phone.disconnect()

    run(body)


def test_a_change_at_one_table_reaches_that_table_and_the_watchers_only(live_session, tables, users, announce):
    first, first_token = join(live_session)
    second, second_token = join(live_session)
    Participant.objects.filter(pk=first.pk).update(table=tables[0])
    Participant.objects.filter(pk=second.pk).update(table=tables[1])
    client = verified_client(users["editor"])

    async def body() -> None:
        at_first, at_second = (
            participant_socket(live_session, first_token),
            participant_socket(live_session, second_token),
        )
        console = watch_socket(live_session, client=client)
        for communicator in (at_first, at_second, console):
            await connected(communicator)
        seq = await announce(live_session, event="items", table_id=tables[0].pk)
        assert (await at_first.receive_json_from(timeout=WAIT))["seq"] == seq
        assert await at_second.receive_nothing(timeout=QUIET)
        assert [m["seq"] for m in await messages(console) if m["type"] == "changed"] == [seq]
        for communicator in (at_first, at_second, console):
            await communicator.disconnect()

    run(body)


def test_a_participant_moved_to_another_table_hears_that_table(live_session, tables, announce, committed):
    participant, token = join(live_session)
    Participant.objects.filter(pk=participant.pk).update(table=tables[0])

    async def body() -> None:
        phone = participant_socket(live_session, token)
        await connected(phone)
        await committed(table_assign, participant=participant, table=tables[1])
        assert (await phone.receive_json_from(timeout=WAIT))["event"] == "tables"
        await phone.receive_nothing(timeout=QUIET)  # the consumer joins the new table's group meanwhile
        await announce(live_session, event="items", table_id=tables[0].pk)
        assert await phone.receive_nothing(timeout=QUIET)
        seq = await announce(live_session, event="items", table_id=tables[1].pk)
        assert (await phone.receive_json_from(timeout=WAIT))["seq"] == seq
        await phone.disconnect()

    run(body)


def test_votes_reach_phones_only_while_the_results_are_shown_live(live_session, announce):
    phase = dot_vote(live_session, reveal=Reveal.ON_CLOSE)
    _participant, token = join(live_session)

    async def body() -> None:
        phone = participant_socket(live_session, token)
        await connected(phone)
        await announce(live_session, event="votes")
        await announce(live_session, event="participants")
        assert await phone.receive_nothing(timeout=QUIET)
        await database_sync_to_async(SessionPhase.objects.filter(pk=phase.pk).update)(revealed=True)
        reveal = await announce(live_session, event="reveal", phase=phase.pk)
        assert (await phone.receive_json_from(timeout=WAIT))["seq"] == reveal
        await phone.receive_nothing(timeout=QUIET)  # the consumer reads the phase again meanwhile
        vote = await announce(live_session, event="votes")
        assert (await phone.receive_json_from(timeout=WAIT))["seq"] == vote
        await phone.disconnect()

    run(body)


def test_a_flood_of_votes_reaches_a_phone_as_the_first_and_the_newest(live_session, announce, monkeypatch):
    # Long enough that ten announcements fit into one interval on a loaded machine (CI runs two test workers).
    monkeypatch.setattr(consumers, "PARTICIPANT_INTERVAL", 2.0)
    dot_vote(live_session, reveal=Reveal.LIVE)
    _participant, token = join(live_session)

    async def body() -> None:
        phone = participant_socket(live_session, token)
        await connected(phone)
        numbers = [await announce(live_session, event="votes") for _ in range(10)]
        received = await messages(phone, seconds=3.5)
        assert [message["seq"] for message in received] == [numbers[0], numbers[-1]]
        await phone.disconnect()

    run(body)


@pytest.mark.parametrize(
    ("message", "facts", "concerns"),
    [
        ({"event": "phase"}, PhaseFacts(seq=1), True),
        ({"event": "timer"}, PhaseFacts(seq=1), True),
        ({"event": "tables"}, PhaseFacts(seq=1), True),
        ({"event": "participants"}, PhaseFacts(seq=1), False),
        ({"event": "votes", "table": None}, PhaseFacts(seq=1), False),
        ({"event": "votes", "table": None}, PhaseFacts(seq=1, votes_shown=True), True),
        ({"event": "items", "table": None}, PhaseFacts(seq=1, writes_alone=True), False),
        ({"event": "items", "table": 3}, PhaseFacts(seq=1, writes_alone=True), True),
        ({"event": "items", "table": None}, PhaseFacts(seq=1), True),
        ({"event": "something new"}, PhaseFacts(seq=1), True),
    ],
)
def test_what_concerns_a_participant(message, facts, concerns):
    assert concerns_participant(message, facts) is concerns


# --- the watchers' results -------------------------------------------------------------------------------------


def test_watchers_get_the_results_at_once_and_coalesced_with_the_newest_number(
    live_session, users, announce, monkeypatch
):
    # Long enough that ten announcements fit into a few intervals on a loaded machine (CI runs two test workers).
    monkeypatch.setattr(consumers, "RESULTS_INTERVAL", 1.0)
    dot_vote(live_session)
    client = verified_client(users["editor"])

    async def body() -> None:
        console = watch_socket(live_session, client=client)
        hello = await connected(console)
        first = await console.receive_json_from(timeout=WAIT)
        assert first["type"] == "results"
        assert first["seq"] == hello["seq"]
        assert "Punkte kleben" in first["html"]
        numbers = [await announce(live_session, event="votes") for _ in range(10)]
        received = await messages(console, seconds=2.0)
        assert [m["seq"] for m in received if m["type"] == "changed"] == numbers
        results = [m for m in received if m["type"] == "results"]
        assert 1 <= len(results) <= 3
        assert results[-1]["seq"] == numbers[-1]
        assert received[-1] == results[-1]  # the last change is never left without its results
        await console.disconnect()

    run(body)


def test_results_are_rendered_at_most_once_per_interval(live_session, users, announce, monkeypatch):
    client = verified_client(users["editor"])
    renders: list[float] = []
    render = consumers.render_results

    def counted(session_id: int, language: str) -> tuple[int, str]:
        renders.append(time.monotonic())
        return render(session_id, language)

    monkeypatch.setattr(consumers, "render_results", counted)
    # An interval long enough that the bound below holds on a loaded machine, short enough to be crossed.
    monkeypatch.setattr(consumers, "RESULTS_INTERVAL", 0.5)

    async def body() -> None:
        loop = asyncio.get_running_loop()
        console = watch_socket(live_session, client=client)
        await connected(console)
        started = loop.time()
        for _ in range(8):
            await announce(live_session, event="votes")
            await asyncio.sleep(0.05)
        elapsed = loop.time() - started
        received = await messages(console, seconds=1.5)
        results = [m for m in received if m["type"] == "results"]
        # One render at connect, then at most one per interval over the time the changes took, plus the last
        # (rendered for each change, it would be 9).
        assert len(renders) <= 2 + elapsed / consumers.RESULTS_INTERVAL < 9
        assert results[-1]["seq"] == received[-1]["seq"]
        await console.disconnect()

    run(body)


def test_results_without_the_projector_template_are_a_minimal_fragment(live_session, monkeypatch):
    monkeypatch.setattr(consumers, "RESULTS_TEMPLATE", "workshops/projector/does-not-exist.html")
    seq, html = consumers.render_results(live_session.pk, "de")
    assert seq == live_session.sequence
    assert "0 beigetreten" in html or "0 joined" in html
