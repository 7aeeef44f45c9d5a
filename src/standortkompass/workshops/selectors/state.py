"""The live state of a session as its clients need it (docs/workshops.md, "Real time").

``participant_state(participant)`` and ``watch_state(session)`` are the whole state as JSON-serialisable
dicts: what a client fetches when it connects again, sees a gap in the sequence numbers or polls because its
WebSocket failed (``/mitmachen/<code>/zustand.json``). ``projector_context(session)`` is the context of the
projector's results fragment (``workshops/projector/_results.html``), which the watchers' consumer renders.

Each reads the session's sequence number first and everything else after it, so the state is never older than
the number it carries (it may be newer; a client then fetches once more than needed, never once too few).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.workshops.models import (
    LiveSession,
    Participant,
    PhaseKind,
    PhaseState,
    Reveal,
    SessionPhase,
)
from standortkompass.workshops.selectors import participants as participant_selectors
from standortkompass.workshops.selectors.results import participation, phase_result

Json = dict[str, Any]

# Kinds in which a participant spends a budget of points.
POINT_KINDS = frozenset({PhaseKind.DOT_VOTE, PhaseKind.POINTS})


def iso(moment: dt.datetime | None) -> str | None:
    """A moment in ISO 8601 with milliseconds and the local offset (what JavaScript's ``Date.parse`` reads)."""
    return timezone.localtime(moment).isoformat(timespec="milliseconds") if moment is not None else None


def results_visible(phase: SessionPhase) -> bool:
    """Whether participants (and the projector) see the phase's results now: revealed by the facilitator, shown
    live while voting, or shown when the phase closes and it has closed."""
    reveal = phase.setting("reveal")
    return bool(
        phase.revealed or reveal == Reveal.LIVE or (reveal == Reveal.ON_CLOSE and phase.state == PhaseState.CLOSED)
    )


def phase_results(phase: SessionPhase) -> Json:
    """The phase's result: the frozen snapshot's once it has closed, else computed now (split by stakeholder
    group when the facilitator asked for it)."""
    if phase.state == PhaseState.CLOSED and phase.snapshot:
        result = dict(phase.snapshot.get("result") or {})
        if result:
            return result
    return phase_result(phase, by_group=phase.split_by_group)


def _fresh_session(session_id: int) -> LiveSession:
    return LiveSession.objects.select_related("workshop", "current_phase").get(pk=session_id)


def _phase_json(phase: SessionPhase | None) -> Json | None:
    if phase is None:
        return None
    return {
        "id": phase.pk,
        "kind": phase.kind,
        "title": phase.title,
        "state": phase.state,
        "scope": phase.scope,
        "prompt": phase.prompt,
        "timer_ends_at": iso(phase.timer_ends_at) if phase.state == PhaseState.OPEN else None,
        "revealed": phase.revealed,
        "results_visible": results_visible(phase),
        "voting": phase.is_voting,
    }


def _session_json(session: LiveSession) -> Json:
    return {"id": session.pk, "state": session.state, "round": session.round, "title": session.title}


def participant_state(participant: Participant) -> Json:
    """What one participant's screen shows, as JSON.

    ``{"seq", "now", "session" {id, state, round, title}, "participant" {table}, "phase" {id, kind, title,
    state, scope, prompt, timer_ends_at, revealed, results_visible, voting} or None, "points_left" (voting with
    points: dots or 100 points; else None), "budget", "ballot" {"entries", "spent"} (the own ballot so far)
    and "results" (only once they are visible to participants)}``.
    """
    session = _fresh_session(participant.session_id)
    fresh = Participant.objects.select_related("table").get(pk=participant.pk)
    phase = session.current_phase
    state: Json = {
        "seq": session.sequence,
        "now": iso(timezone.now()),
        "session": _session_json(session),
        "participant": {"table": fresh.table_id, "table_name": fresh.table.name if fresh.table else None},
        "phase": _phase_json(phase),
        "points_left": None,
        "budget": None,
        "ballot": None,
        "results": None,
    }
    if phase is None or phase.state == PhaseState.PENDING:
        return state
    if phase.is_voting:
        entries = participant_selectors.ballot(phase=phase, participant=fresh)
        spent = sum(value or 0 for value in entries.values()) if phase.kind in POINT_KINDS else None
        state["ballot"] = {"entries": len(entries), "spent": spent}
        if phase.kind in POINT_KINDS:
            budget = participant_selectors.budget(phase)
            state.update(budget=budget, points_left=budget - (spent or 0))
    if (phase.is_voting or phase.kind == PhaseKind.COMMITMENTS) and results_visible(phase):
        state["results"] = phase_results(phase)
    return state


def watch_state(session: LiveSession) -> Json:
    """What the facilitators' console and the projector show, as JSON: like :func:`participant_state` without
    a ballot, with the participation figures and always the current phase's results."""
    fresh = _fresh_session(session.pk)
    phase = fresh.current_phase
    return {
        "seq": fresh.sequence,
        "now": iso(timezone.now()),
        "session": _session_json(fresh),
        "phase": _phase_json(phase),
        "participation": participation(fresh, phase=phase),
        "results": phase_results(phase) if phase is not None and phase.state != PhaseState.PENDING else None,
    }


def projector_context(session: LiveSession) -> Json:
    """The context of the projector's results fragment (``workshops/projector/_results.html``).

    ``seq`` (read first), ``session``, ``workshop``, ``phase`` (the current one or None), ``result`` (its
    result, see :func:`phase_results`; None before it opens), ``results_visible`` (whether the audience may see
    it now), ``participation`` (:func:`selectors.results.participation`) and ``timer_ends_at`` (ISO or None).
    """
    fresh = _fresh_session(session.pk)
    phase = fresh.current_phase
    started = phase is not None and phase.state != PhaseState.PENDING
    return {
        "seq": fresh.sequence,
        "session": fresh,
        "workshop": fresh.workshop,
        "phase": phase,
        "result": phase_results(phase) if phase is not None and started else None,
        "results_visible": bool(phase is not None and started and results_visible(phase)),
        "participation": participation(fresh, phase=phase),
        "timer_ends_at": iso(phase.timer_ends_at) if phase is not None and phase.state == PhaseState.OPEN else None,
    }


def live_messages() -> dict[str, str]:
    """The texts ``static/workshops/live.js`` announces, in the active language; a page passes them to the script
    with ``{{ live_messages|json_script:"live-messages" }}`` (without it the script uses its own German or
    English texts). ``%(title)s`` is replaced by the phase's title."""
    return {
        "phase": _("New step: %(title)s"),
        "results": _("The results are here."),
        "round": _("New table round: please look at your table."),
        "ended": _("The workshop session has ended."),
        "polling": _("The live connection is interrupted; this page checks for news every 3 seconds."),
        "reconnected": _("The live connection is back."),
        "time_up": _("Time is up."),
    }
