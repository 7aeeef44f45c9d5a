"""WebSocket consumers of live sessions (docs/workshops.md, "Real time"; decision 0006).

Writes are ordinary POSTs. Every service announces its change after commit to the session's channel-layer
groups (``services.live.announce``: everyone, one table, the watchers); the consumers here pass it on:

- ``ParticipantConsumer`` at ``ws/mitmachen/<code>/``: a participant's phone, known by the token in the session's
  cookie. The phones of a session in one app process share a ``SessionHub``: one channel in everyone's group
  and the tables' groups, which passes on what concerns a participant (a new phase, the timer, a reveal, the
  tables, the cards where the phone shows others' cards, votes only while the results are shown live; 300
  phones need not hear of 1,500 votes), votes and cards at most once every ``PARTICIPANT_INTERVAL`` seconds
  (the newest); removed participants are sent away.
- ``WatchConsumer`` at ``ws/werkstatt/<session_id>/``: the facilitators' console (a logged-in user with
  ``workshops.manage``, second factor passed) and the projector (``?key=<projector key>``). It passes on every
  change and the rendered results fragment, coalesced: at most one render per ``RESULTS_INTERVAL`` seconds, always
  of the newest state, and never without the last change (the trailing edge renders once more).

Messages to the client (JSON)::

    {"type": "hello", "seq": n, "now": ISO 8601}            on connect: the session's sequence number now
    {"type": "changed", "seq": n, "event": …, "table": …}   a change (plus what the service added, e.g. "phase")
    {"type": "results", "seq": n, "html": …}                watchers: the results fragment as of number n

A client that sees a number jump by more than one, or connects again, fetches the whole state over HTTP
(``selectors.state``). A refused client (no or unknown token, removed, no permission, wrong projector key) is
accepted and closed at once with code 4403, so that the page knows not to try again; a foreign ``Origin`` is
refused at the handshake by ``config/asgi.py`` (``AllowedHostsOriginValidator``). Clients send nothing but
``{"type": "ping"}`` now and then (a participant counts as active while the page is open).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from importlib import import_module
from typing import Any, TypeVar

from channels.auth import get_user
from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from channels.utils import await_many_dispatch
from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from standortkompass.workshops.models import LiveSession, Participant, PhaseScope, PhaseState, SessionPhase
from standortkompass.workshops.receivers import receive_until_stopped, stop_receiving
from standortkompass.workshops.selectors.connections import scope_query, watcher_session
from standortkompass.workshops.selectors.participants import cookie_name, participant_for_token, session_for_code
from standortkompass.workshops.selectors.state import iso, projector_context, results_visible
from standortkompass.workshops.services.live import group_all, group_table, group_watch
from standortkompass.workshops.services.participation import participant_seen

logger = logging.getLogger(__name__)

# Closing code for a refused client (an application code: 4000 + the HTTP status it stands for).
CLOSE_REFUSED = 4403
# The watchers' results fragment is rendered at most this often (seconds) per consumer.
RESULTS_INTERVAL = 0.15
# A watcher's right to watch (log-in, role, second factor, projector key) is checked again on its pings and, while
# changes come in, at most this often (seconds): a facilitator logged out or stripped of the role stops seeing
# the session within a minute (the pages ping every 50 s).
WATCH_RECHECK_INTERVAL = 30.0
RESULTS_TEMPLATE = "workshops/projector/_results.html"
# Events after which a participant's consumer reads the current phase (and its table) again.
PHASE_EVENTS = frozenset({"phase", "reveal", "session", "tables"})
# Changes that come in floods (votes while the results are shown live, cards at a table) reach a phone at most
# once per this many seconds (the newest, never without the last): each makes the phone fetch its screen again.
PARTICIPANT_INTERVAL = 3.0
FLOOD_EVENTS = frozenset({"votes", "items"})

T = TypeVar("T")


# --- what concerns a participant -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseFacts:
    """What a participant's consumer needs to know of the session's current phase to filter the changes."""

    seq: int
    phase_id: int | None = None
    # The results are shown to participants now (live while voting, or revealed): votes change their screen.
    votes_shown: bool = False
    # A plenary phase in which participants write (cards, answers, canvases): each phone shows only its own.
    writes_alone: bool = False


def phase_facts(session_id: int) -> PhaseFacts:
    """The facts of the session's current phase, read in one query, with the sequence number they are as of."""
    found = (
        LiveSession.objects.select_related("current_phase").defer("current_phase__snapshot").filter(pk=session_id)
    ).first()
    if found is None:
        return PhaseFacts(seq=0)
    phase: SessionPhase | None = found.current_phase
    if phase is None or phase.state == PhaseState.PENDING:
        return PhaseFacts(seq=found.sequence, phase_id=phase.pk if phase else None)
    return PhaseFacts(
        seq=found.sequence,
        phase_id=phase.pk,
        votes_shown=phase.is_voting and results_visible(phase),
        writes_alone=phase.is_writing and phase.scope == PhaseScope.PLENARY,
    )


def concerns_participant(message: dict[str, Any], facts: PhaseFacts) -> bool:
    """Whether a participant's screen changes with the announced change (the consumer passes on only these)."""
    event = message.get("event")
    if event == "participants":  # someone joined or changed their name: nothing on a phone changes
        return False
    if event == "votes":
        return facts.votes_shown
    if event == "items":
        # A table's cards reach only that table; in a plenary writing phase each phone shows only its own cards
        # (the writer's own page already has them), elsewhere the cards are what participants vote on or sort.
        return message.get("table") is not None or not facts.writes_alone
    return True


# --- one load for many consumers -------------------------------------------------------------------------------


class SharedLoads:
    """One database load per key at a time in this process: consumers that need the same thing as of the same
    sequence number (300 phones hearing of a new phase) wait for one query instead of running 300.

    An entry is reused for a number ``seq`` when its load started after the change ``seq`` had been announced
    (the announcement comes after commit, so such a load has seen it)."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[asyncio.AbstractEventLoop, int, asyncio.Future[Any]]] = {}

    async def get(self, key: Hashable, seq: int, load: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        entry = self._entries.get(key)
        if entry is not None and entry[0] is loop and entry[1] >= seq:
            future = entry[2]
        else:
            future = loop.create_task(database_sync_to_async(load)())
            self._entries[key] = (loop, seq, future)
        try:
            value: T = await asyncio.shield(future)
        except Exception:
            if key in self._entries and self._entries[key][2] is future:
                del self._entries[key]
            raise
        return value

    def clear(self) -> None:
        self._entries.clear()


shared = SharedLoads()


# --- who may connect -------------------------------------------------------------------------------------------


def participant_of_scope(code: str, cookies: dict[str, str]) -> Participant | None:
    """The participant whose token the connection's cookie for this session carries (None: refuse)."""
    session = session_for_code(code)
    if session is None:
        return None
    participant = participant_for_token(session=session, token=cookies.get(cookie_name(session), ""))
    if participant is not None:
        participant.session = session
        participant_seen(participant)
    return participant


# --- the results fragment --------------------------------------------------------------------------------------


def render_results(session_id: int, language: str) -> tuple[int, str]:
    """The watchers' results fragment and the sequence number it is as of (read before the results)."""
    session = LiveSession.objects.get(pk=session_id)
    with translation.override(language):
        context = projector_context(session)
        try:
            template = get_template(RESULTS_TEMPLATE)
        except TemplateDoesNotExist:
            return int(context["seq"]), _fallback_results(context)
        html: str = template.render(context)
        return int(context["seq"]), html


def _fallback_results(context: dict[str, Any]) -> str:
    """A minimal fragment while the projector's template is missing: the phase and the participation."""
    phase, counts = context["phase"], context["participation"]
    return format_html(
        '<div class="workshop-results"><p class="kern-body">{}</p><p class="kern-body">{}</p></div>',
        phase.title if phase is not None else _("No step is open."),
        _("%(joined)s joined, %(voted)s took part in this step.")
        % {"joined": counts["joined"], "voted": counts["voted"]},
    )


# --- the consumers ---------------------------------------------------------------------------------------------


class LiveConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    """What both consumers share: groups joined by name, refusal with 4403, the hello."""

    session_id: int

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.joined: set[str] = set()

    async def dispatch(self, message: dict[str, Any]) -> None:
        # Channels closes stale database connections before every message (one hop to the database thread
        # each, 300 per broadcast); these handlers touch the database only through database_sync_to_async,
        # which does that itself.
        handler = getattr(self, message["type"].replace(".", "_"), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def join(self, group: str) -> None:
        if group not in self.joined:
            await self.channel_layer.group_add(group, self.channel_name)
            self.joined.add(group)

    async def leave(self, group: str) -> None:
        if group in self.joined:
            await self.channel_layer.group_discard(group, self.channel_name)
            self.joined.discard(group)

    async def disconnect(self, code: int) -> None:
        for group in list(self.joined):
            await self.leave(group)

    async def refuse(self) -> None:
        await self.accept()
        await self.close(code=CLOSE_REFUSED)

    async def hello(self, seq: int) -> None:
        await self.send_json({"type": "hello", "seq": seq, "now": iso(timezone.now())})

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """Clients only ping; anything else is ignored."""

    def changed(self, message: dict[str, Any]) -> dict[str, Any]:
        return {**{key: value for key, value in message.items() if key != "type"}, "type": "changed"}


class SessionHub:
    """The participants' consumers of one session in this app process share one channel-layer channel.

    A vote is one message from Redis to each app process, not one to each of 300 phones' consumers (each costs
    ~0.1 ms of the receiving process); the hub decides once what concerns participants (``concerns_participant``),
    passes floods of votes and cards on at most every ``PARTICIPANT_INTERVAL`` seconds (per table, the newest),
    follows the tables its members sit at (one query for all after a rotation) and reads the phase again after a
    phase change (one query, not 300). A consumer gets what concerns it in its own queue, in order."""

    def __init__(self, session_id: int) -> None:
        self.session_id = session_id
        self.layer = get_channel_layer()
        self.channel = ""
        self.members: set[ParticipantConsumer] = set()
        self.seated: Counter[int] = Counter()  # table id → members of this hub at it
        self.groups: set[str] = set()
        self.facts = PhaseFacts(seq=0)
        self.pending: dict[int | None, dict[str, Any]] = {}  # the newest flood change per table (None: all)
        self.flood_sent: dict[int | None, float] = {}
        self.flooding: asyncio.Task[None] | None = None
        self.receiving: asyncio.Task[None] | None = None
        self.closed = False
        self.starting = asyncio.get_running_loop().create_task(self._start())

    async def _start(self) -> None:
        self.channel = await self.layer.new_channel()
        await self._join(group_all(self.session_id))
        self.facts = await database_sync_to_async(phase_facts)(self.session_id)
        self.receiving = asyncio.get_running_loop().create_task(self._receive())

    async def _join(self, group: str) -> None:
        if group not in self.groups:
            self.groups.add(group)
            await self.layer.group_add(group, self.channel)

    async def _leave(self, group: str) -> None:
        if group in self.groups:
            self.groups.discard(group)
            await self.layer.group_discard(group, self.channel)

    async def add(self, member: ParticipantConsumer) -> bool:
        """Take the consumer in (False: this hub has just closed; take another)."""
        await asyncio.shield(self.starting)
        if self.closed:
            return False
        self.members.add(member)
        if member.table_id is not None:
            await self._seat(None, member.table_id)
        return True

    async def remove(self, member: ParticipantConsumer) -> None:
        if member not in self.members:
            return
        self.members.discard(member)
        await self._seat(member.table_id, None)
        if not self.members and _hubs.get(self.key) is self:
            del _hubs[self.key]
            self.closed = True
            if self.flooding is not None:
                self.flooding.cancel()
            # Wait for the receiver to end: the Redis layer lets one event loop receive at a time.
            await stop_receiving(self.layer, self.channel, self.receiving)
            for group in list(self.groups):
                await self._leave(group)

    @property
    def key(self) -> tuple[int, asyncio.AbstractEventLoop]:
        return (self.session_id, self.starting.get_loop())

    async def _seat(self, before: int | None, after: int | None) -> None:
        if after is not None:
            self.seated[after] += 1
            await self._join(group_table(self.session_id, after))
        if before is not None:
            self.seated[before] -= 1
            if self.seated[before] <= 0:
                del self.seated[before]
                await self._leave(group_table(self.session_id, before))

    async def _receive(self) -> None:
        await receive_until_stopped(self.layer, self.channel, self.handle)

    async def handle(self, message: dict[str, Any]) -> None:
        event = message.get("event")
        removed = message.get("removed") if event == "participants" else None
        if removed:
            self.deliver({"type": "hub.close"}, only=lambda member: str(member.participant.pk) == removed)
        if not concerns_participant(message, self.facts):
            return
        if event in FLOOD_EVENTS:
            self.pending[message.get("table")] = message
            if self.flooding is None or self.flooding.done():
                self.flooding = asyncio.get_running_loop().create_task(self._flush_floods())
        else:
            self.deliver(message)
        if event in PHASE_EVENTS:
            if int(message.get("seq") or 0) > self.facts.seq:
                self.facts = await database_sync_to_async(phase_facts)(self.session_id)
            if event in {"phase", "tables"}:
                await self._follow_tables()

    def deliver(self, message: dict[str, Any], only: Callable[[ParticipantConsumer], bool] | None = None) -> None:
        table = message.get("table")
        for member in list(self.members):
            if (only is None or only(member)) and (table is None or member.table_id == table):
                member.inbox.put_nowait(message)

    async def _flush_floods(self) -> None:
        loop = asyncio.get_running_loop()
        while self.pending:
            table = min(self.pending, key=lambda key: self.flood_sent.get(key, float("-inf")))
            due = self.flood_sent.get(table, float("-inf")) + PARTICIPANT_INTERVAL
            if due > loop.time():
                await asyncio.sleep(due - loop.time())
                continue
            self.flood_sent[table] = loop.time()
            self.deliver(self.pending.pop(table))

    async def _follow_tables(self) -> None:
        """After tables or the phase changed: every member at its table now; removed members are closed."""
        members = list(self.members)
        ids = [member.participant.pk for member in members]
        seats = await database_sync_to_async(
            lambda: dict(Participant.objects.filter(pk__in=ids, removed_at__isnull=True).values_list("pk", "table_id"))
        )()
        for member in members:
            if member not in self.members:
                continue
            if member.participant.pk not in seats:
                member.inbox.put_nowait({"type": "hub.close"})
            elif seats[member.participant.pk] != member.table_id:
                before, member.table_id = member.table_id, seats[member.participant.pk]
                await self._seat(before, member.table_id)


_hubs: dict[tuple[int, asyncio.AbstractEventLoop], SessionHub] = {}


async def join_hub(member: ParticipantConsumer) -> SessionHub:
    while True:
        key = (member.session_id, asyncio.get_running_loop())
        hub = _hubs.get(key)
        if hub is None:
            hub = _hubs[key] = SessionHub(member.session_id)
        if await hub.add(member):
            return hub


class ParticipantConsumer(LiveConsumer):
    participant: Participant
    table_id: int | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.hub: SessionHub | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """As Channels' consumer, but without a channel of its own: the changes come from the session's hub."""
        self.scope, self.base_send = scope, send
        self.channel_layer, self.channel_name = None, ""
        try:
            await await_many_dispatch([receive, self.inbox.get], self.dispatch)
        except StopConsumer:
            pass
        finally:
            if self.hub is not None:
                await self.hub.remove(self)

    async def connect(self) -> None:
        code = self.scope["url_route"]["kwargs"]["code"]
        participant = await database_sync_to_async(participant_of_scope)(code, self.scope.get("cookies") or {})
        if participant is None:
            await self.refuse()
            return
        self.participant, self.session_id, self.table_id = participant, participant.session_id, participant.table_id
        await self.accept()
        self.hub = await join_hub(self)
        # Read after joining: no change falls between the number and the first message.
        seq = await database_sync_to_async(
            lambda: LiveSession.objects.values_list("sequence", flat=True).get(pk=self.session_id)
        )()
        await self.hello(seq)

    async def disconnect(self, code: int) -> None:
        if self.hub is not None:
            await self.hub.remove(self)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            await database_sync_to_async(participant_seen)(self.participant)

    async def session_changed(self, message: dict[str, Any]) -> None:
        await self.send_json(self.changed(message))

    async def hub_close(self, message: dict[str, Any]) -> None:
        """Removed by the facilitators (or no longer found): the page shows why after a reload."""
        await self.close(code=CLOSE_REFUSED)


class WatchConsumer(LiveConsumer):
    language: str
    created: str

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wanted = 0  # the newest sequence number heard of
        self.rendered = -1  # the number the last results sent were as of
        self.last_render = float("-inf")
        self.renderer: asyncio.Task[None] | None = None
        self.checked_at = float("-inf")  # when the right to watch was last checked (the event loop's clock)
        self.refused = False

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """As Channels' consumer, but its channel's receiver is stopped by a message, not cancelled
        (:func:`stop_receiving`)."""
        self.scope, self.base_send = scope, send
        self.channel_layer = get_channel_layer()
        self.channel_name = await self.channel_layer.new_channel()
        inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

        async def put(message: dict[str, Any]) -> None:
            inbox.put_nowait(message)

        receiver = asyncio.get_running_loop().create_task(
            receive_until_stopped(self.channel_layer, self.channel_name, put)
        )
        try:
            await await_many_dispatch([receive, inbox.get], self.dispatch)
        except StopConsumer:
            pass
        finally:
            await stop_receiving(self.channel_layer, self.channel_name, receiver)

    async def connect(self) -> None:
        session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        session = await database_sync_to_async(watcher_session)(self.scope, session_id)
        if session is None:
            await self.refuse()
            return
        self.session_id, self.created = session.pk, session.created_at.isoformat()
        language = scope_query(self.scope, "lang")
        self.language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        self.checked_at = asyncio.get_running_loop().time()
        await self.accept()
        await self.join(group_watch(self.session_id))
        seq = await database_sync_to_async(
            lambda: LiveSession.objects.values_list("sequence", flat=True).get(pk=self.session_id)
        )()
        await self.hello(seq)
        self.want_results(seq)

    async def disconnect(self, code: int) -> None:
        if self.renderer is not None:
            self.renderer.cancel()
        await super().disconnect(code)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """A ping: the right to watch is checked again."""
        await self.still_allowed(force=True)

    async def session_changed(self, message: dict[str, Any]) -> None:
        if not await self.still_allowed():
            return
        await self.send_json(self.changed(message))
        self.want_results(int(message.get("seq") or 0))

    async def still_allowed(self, *, force: bool = False) -> bool:
        """Check the right to watch again (with a fresh log-in session and user), closing the connection with
        4403 when it is gone; without ``force`` at most every ``WATCH_RECHECK_INTERVAL`` seconds."""
        loop = asyncio.get_running_loop()
        if self.refused:
            return False
        if not force and loop.time() - self.checked_at < WATCH_RECHECK_INTERVAL:
            return True
        self.checked_at = loop.time()
        scope = dict(self.scope)
        if not scope_query(scope, "key"):
            web_session = scope.get("session")
            store = import_module(settings.SESSION_ENGINE).SessionStore(
                session_key=getattr(web_session, "session_key", None)
            )
            scope["session"] = store
            scope["user"] = await get_user(scope)
        if await database_sync_to_async(watcher_session)(scope, self.session_id) is not None:
            return True
        self.refused = True
        if self.renderer is not None:
            self.renderer.cancel()
        await self.close(code=CLOSE_REFUSED)
        return False

    def want_results(self, seq: int) -> None:
        """Results as of ``seq`` are wanted: render now, or when the interval since the last render has passed
        (the renderer then takes the newest number heard of by that time)."""
        self.wanted = max(self.wanted, seq)
        if self.renderer is None or self.renderer.done():
            self.renderer = asyncio.get_running_loop().create_task(self._render_results())

    async def _render_results(self) -> None:
        loop = asyncio.get_running_loop()
        while self.wanted > self.rendered:
            wait = self.last_render + RESULTS_INTERVAL - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.last_render = loop.time()
            wanted = self.wanted
            try:
                seq, html = await shared.get(
                    ("results", self.session_id, self.created, self.language), wanted, self._render
                )
            except Exception:  # logged; the next change tries again
                logger.exception("workshops: the results of session %s could not be rendered", self.session_id)
                self.rendered = max(self.rendered, wanted)
                continue
            await self.send_json({"type": "results", "seq": seq, "html": html})
            self.rendered = max(self.rendered, wanted, seq)

    def _render(self) -> tuple[int, str]:
        return render_results(self.session_id, self.language)
