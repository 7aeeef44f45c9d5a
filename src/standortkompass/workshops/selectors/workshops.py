"""Reading workshops, sessions, phases and tables for the management pages (lists and details)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from standortkompass.processes.models import Event, EventKind, Phase, StrategyProcess
from standortkompass.workshops.models import LiveSession, SessionPhase, SessionState, Table, Workshop


def _sessions() -> QuerySet[LiveSession]:
    return LiveSession.objects.select_related("current_phase").order_by("created_at", "id")


def workshops_of(process: StrategyProcess) -> QuerySet[Workshop]:
    """The process's workshops, newest first, each with its date, process phase and sessions (in order)."""
    return (
        Workshop.objects.filter(process=process)
        .select_related("event", "phase")
        .prefetch_related(Prefetch("sessions", queryset=_sessions()))
        .order_by("-created_at", "-id")
    )


def workshop_of(process: StrategyProcess, workshop_pk: int) -> Workshop | None:
    """One workshop of the process (``None`` when there is none with this id in the process)."""
    return workshops_of(process).filter(pk=workshop_pk).first()


def session_of(process: StrategyProcess, session_pk: int) -> LiveSession | None:
    """One session of one of the process's workshops, with its workshop and current phase."""
    return (
        LiveSession.objects.filter(workshop__process=process, pk=session_pk)
        .select_related("workshop__process", "workshop__event", "current_phase")
        .first()
    )


def live_sessions(process: StrategyProcess) -> QuerySet[LiveSession]:
    """The process's sessions that are running now."""
    return _sessions().filter(workshop__process=process, state=SessionState.LIVE).select_related("workshop")


def phases_of(session: LiveSession) -> list[SessionPhase]:
    """The session's phases in order, each with its input phase and counts of its visible items (``item_count``)
    and its contributions (``contribution_count``)."""
    return list(
        SessionPhase.objects.filter(session=session)
        .select_related("input_phase")
        .annotate(
            item_count=Count("items", filter=Q(items__hidden=False), distinct=True),
            contribution_count=Count("contributions", distinct=True),
        )
        .order_by("position", "id")
    )


def phase_of(session: LiveSession, phase_pk: int) -> SessionPhase | None:
    return SessionPhase.objects.filter(session=session, pk=phase_pk).select_related("input_phase").first()


def earlier_phases(phase: SessionPhase) -> list[SessionPhase]:
    """The phases before ``phase`` in its session: what its input can be taken from."""
    return [
        entry
        for entry in SessionPhase.objects.filter(session_id=phase.session_id).order_by("position", "id")
        if (entry.position, entry.pk) < (phase.position, phase.pk)
    ]


def tables_of(session: LiveSession) -> list[Table]:
    """The session's tables in order, with their host and the number of (not removed) participants seated there
    (``seated``)."""
    return list(
        Table.objects.filter(session=session)
        .select_related("host")
        .annotate(seated=Count("participants", filter=Q(participants__removed_at__isnull=True)))
        .order_by("position", "id")
    )


def workshop_events(process: StrategyProcess) -> QuerySet[Event]:
    """The dates of kind "Workshop" a workshop can be linked to, in order."""
    return Event.objects.filter(process=process, kind=EventKind.WORKSHOP).order_by("start", "id")


def process_phases(process: StrategyProcess) -> QuerySet[Phase]:
    return Phase.objects.filter(process=process).order_by("order", "id")
