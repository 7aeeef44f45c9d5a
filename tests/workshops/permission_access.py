"""The workshops' part of the permission matrix (merged into tests/test_permission_matrix.py): every workshop URL.

The management area (``workshops_manage``): the list of workshops, a workshop's page and the documentation of held
sessions for ``workshops.view_results`` (board members too); preparing sessions, the facilitator console, the
projector, the exports and the hand-over for ``workshops.manage`` (Redaktion, Administration). The participant's
pages and the projector's public address come from ``permission_access_public`` (helper "participant").

``workshops_world`` adds to the participant's world (a workshop with a live session) a phase with a card, a phase
taking a pick of it, a table and a participant, so that every URL has something to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from permission_audiences import BOARD_MATTERS, EDITORS, Audience, post_only
from standortkompass.accounts.models import User
from standortkompass.processes.models import StrategyProcess
from standortkompass.workshops.models import InputMode, Item, ItemOrigin, PhaseKind, SessionPhase, Table
from standortkompass.workshops.selectors.participants import cookie_name
from standortkompass.workshops.services.participation import participant_join
from workshops import permission_access_public as public


def workshops_world(*, process: StrategyProcess, users: dict[str, User]) -> dict[str, Any]:
    world = public.workshop_world(process=process, users=users)
    session = world["workshop_session"]
    collect = SessionPhase.objects.create(session=session, position=1, kind=PhaseKind.COLLECT, title="Sammeln")
    item = Item.objects.create(phase=collect, text="Fachkräfte", origin=ItemOrigin.FACILITATOR)
    # The phase of the URLs: it takes the facilitator's pick of the cards collected before (the pick page).
    phase = SessionPhase.objects.create(
        session=session,
        position=2,
        kind=PhaseKind.DOT_VOTE,
        title="Punkten",
        input_mode=InputMode.PICK,
        input_phase=collect,
    )
    table = Table.objects.create(session=session, name="Tisch 1", position=1)
    participant, token = participant_join(session=session, display_name="Kim", group="company")
    return {
        **world,
        "workshop_phase": phase,
        "workshop_item": item,
        "workshop_table": table,
        "workshop_participant": participant,
        "workshop_participant_token": token,
    }


ACCESS: dict[str, Audience] = {
    "workshops_manage:workshops": BOARD_MATTERS,
    "workshops_manage:workshop_create": EDITORS,
    "workshops_manage:workshop": BOARD_MATTERS,
    "workshops_manage:workshop_edit": EDITORS,
    "workshops_manage:workshop_delete": EDITORS,
    "workshops_manage:session_create": EDITORS,
    "workshops_manage:session": EDITORS,
    "workshops_manage:session_edit": EDITORS,
    "workshops_manage:session_delete": EDITORS,
    "workshops_manage:session_start": post_only(EDITORS),
    "workshops_manage:session_end": EDITORS,
    "workshops_manage:phase_create": EDITORS,
    "workshops_manage:phase_edit": EDITORS,
    "workshops_manage:phase_delete": EDITORS,
    "workshops_manage:phase_move": post_only(EDITORS),
    "workshops_manage:phase_pick": EDITORS,
    "workshops_manage:table_create": EDITORS,
    "workshops_manage:tables_distribute": post_only(EDITORS),
    "workshops_manage:tables_rotate": post_only(EDITORS),
    "workshops_manage:table_edit": EDITORS,
    "workshops_manage:table_delete": EDITORS,
    "workshops_manage:console": EDITORS,
    "workshops_manage:console_cards": EDITORS,
    "workshops_manage:phase_open": post_only(EDITORS),
    "workshops_manage:phase_close": post_only(EDITORS),
    "workshops_manage:phase_reopen": EDITORS,
    "workshops_manage:phase_reveal": post_only(EDITORS),
    "workshops_manage:phase_split": post_only(EDITORS),
    "workshops_manage:phase_timer": post_only(EDITORS),
    "workshops_manage:cards": post_only(EDITORS),
    "workshops_manage:cluster_create": post_only(EDITORS),
    "workshops_manage:cluster_rename": post_only(EDITORS),
    "workshops_manage:paper_cards": post_only(EDITORS),
    "workshops_manage:paper_points": post_only(EDITORS),
    "workshops_manage:participant_remove": EDITORS,
    "workshops_manage:projector": EDITORS,
    "workshops_manage:projector_results": EDITORS,
    # The documentation of held sessions (helper "handover"): board members read it; exports and the hand-over to
    # the strategy are for the facilitators.
    "workshops_manage:documentations": BOARD_MATTERS,
    "workshops_manage:documentation": BOARD_MATTERS,
    "workshops_manage:export_csv": EDITORS,
    "workshops_manage:export_xlsx": EDITORS,
    "workshops_manage:handover": EDITORS,
    **public.ACCESS,
}

GET_ONLY: set[str] = {*public.GET_ONLY}

# The arguments each management URL takes besides ``process_pk`` (``phase_pk`` is a session's phase here, not
# the process's phase that the matrix's ``BY_ARGUMENT`` fills).
_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "workshop": ("workshop_pk",),
    "workshop_edit": ("workshop_pk",),
    "workshop_delete": ("workshop_pk",),
    "session_create": ("workshop_pk",),
    "phase_edit": ("session_pk", "phase_pk"),
    "phase_delete": ("session_pk", "phase_pk"),
    "phase_move": ("session_pk", "phase_pk"),
    "phase_pick": ("session_pk", "phase_pk"),
    "phase_open": ("session_pk", "phase_pk"),
    "phase_close": ("session_pk", "phase_pk"),
    "phase_reopen": ("session_pk", "phase_pk"),
    "phase_reveal": ("session_pk", "phase_pk"),
    "phase_split": ("session_pk", "phase_pk"),
    "phase_timer": ("session_pk", "phase_pk"),
    "cards": ("session_pk", "phase_pk"),
    "cluster_create": ("session_pk", "phase_pk"),
    "cluster_rename": ("session_pk", "phase_pk"),
    "paper_cards": ("session_pk", "phase_pk"),
    "paper_points": ("session_pk", "phase_pk"),
    "table_edit": ("session_pk", "table_pk"),
    "table_delete": ("session_pk", "table_pk"),
    "participant_remove": ("session_pk", "participant_pk"),
    "handover": ("session_pk", "item_pk"),
}
_VALUES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "process_pk": lambda w: w["process"].pk,
    "workshop_pk": lambda w: w["workshop"].pk,
    "session_pk": lambda w: w["workshop_session"].pk,
    "phase_pk": lambda w: w["workshop_phase"].pk,
    "table_pk": lambda w: w["workshop_table"].pk,
    "participant_pk": lambda w: w["workshop_participant"].pk,
    "item_pk": lambda w: w["workshop_item"].pk,
}


def _filler(arguments: tuple[str, ...]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda w: {name: _VALUES[name](w) for name in ("process_pk", *arguments)}


KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    **{f"workshops_manage:{name}": _filler(arguments) for name, arguments in _ARGUMENTS.items()},
    **public.KWARGS,
}

BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {
    "workshop_pk": _VALUES["workshop_pk"],
    "session_pk": _VALUES["session_pk"],
    **public.BY_ARGUMENT,
}


# --- the WebSocket routes (config/asgi.py; tests/test_permission_matrix.py checks each role) -------------------


@dataclass(frozen=True)
class SocketAudience:
    """Who gets a live connection: the logged-in roles let in on their log-in alone, and the route's own credential
    (a participant's token, the projector's key) that lets anyone in."""

    name: str
    roles: frozenset[str]
    path: Callable[[dict[str, Any]], str]
    # (cookie, query string) of the credential
    credential: Callable[[dict[str, Any]], tuple[str, str]]


def _participant_token(world: dict[str, Any]) -> tuple[str, str]:
    session = world["workshop_session"]
    return f"{cookie_name(session)}={world['workshop_participant_token']}", ""


def _projector_key(world: dict[str, Any]) -> tuple[str, str]:
    return "", f"?key={world['workshop_session'].projector_key}"


WEBSOCKETS: dict[str, SocketAudience] = {
    # A phone: only the token of its participant's cookie counts; a log-in (any role) opens nothing.
    "ws_participant": SocketAudience(
        "participants (cookie)",
        frozenset(),
        lambda w: f"/ws/mitmachen/{w['workshop_session'].join_code}/",
        _participant_token,
    ),
    # The console and the projector: facilitators (workshops.manage, second factor passed) or the projector's key.
    "ws_watch": SocketAudience(
        "facilitators or the projector's key",
        frozenset({"editor", "admin"}),
        lambda w: f"/ws/werkstatt/{w['workshop_session'].pk}/",
        _projector_key,
    ),
}
