"""Tables of a live session (World-Café rounds, Zukunftswerkstatt groups): who sits where, table hosts, rounds.

Between World-Café rounds the guests move on and the hosts stay. The rotation is deterministic: the guests of a
table, in the order they joined, spread over the other tables — the i-th guest (counting from 0) moves
1 + (i mod (n − 1)) tables on, with n tables in the order of the list. So table mates meet new people, nobody
stays at their table, and when every table has as many guests, every table has as many afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record, model_changes
from standortkompass.processes.services.process import field_values
from standortkompass.workshops.models import LiveSession, Participant, ParticipantRole, SessionState, Table
from standortkompass.workshops.services.live import announce

TABLE_FIELDS = ("name", "topic")


class TableData(TypedDict, total=False):
    name: str
    topic: str


def _locked_session(session_id: int) -> LiveSession:
    session = (
        LiveSession.objects.select_for_update(no_key=True, of=("self",))
        .select_related("workshop__process")
        .get(pk=session_id)
    )
    if session.state == SessionState.ENDED:
        raise ValidationError(_("The live session has ended."))
    return session


def _set_fields(table: Table, data: Mapping[str, Any]) -> None:
    for name in TABLE_FIELDS:
        if name in data:
            setattr(table, name, str(data[name] or "").strip())


def table_add(*, session: LiveSession, actor: User | None, data: TableData) -> Table:
    with transaction.atomic():
        session = _locked_session(session.pk)
        last = session.tables.aggregate(last=Max("position"))["last"] or 0
        table = Table(session=session, position=last + 1)
        _set_fields(table, dict(data))
        table.full_clean()
        table.save()
        audit_record(
            actor=actor,
            action="workshops.table.create",
            obj=table,
            process=session.workshop.process,
            changes=model_changes(dict.fromkeys(TABLE_FIELDS, ""), field_values(table, TABLE_FIELDS)),
        )
        announce(session, event="tables")
        return table


def table_update(*, table: Table, actor: User | None, data: TableData) -> Table:
    with transaction.atomic():
        session = _locked_session(table.session_id)
        stored = Table.objects.get(pk=table.pk)
        before = field_values(stored, TABLE_FIELDS)
        _set_fields(stored, dict(data))
        stored.full_clean()
        stored.save()
        changes = model_changes(before, field_values(stored, TABLE_FIELDS))
        if changes:
            audit_record(
                actor=actor,
                action="workshops.table.update",
                obj=stored,
                process=session.workshop.process,
                changes=changes,
            )
            announce(session, event="tables")
        return stored


def table_delete(*, table: Table, actor: User | None) -> None:
    """Delete a table; its participants are without a table then, its cards stay (without a table)."""
    with transaction.atomic():
        session = _locked_session(table.session_id)
        stored = Table.objects.get(pk=table.pk)
        if stored.host_id is not None:
            Participant.objects.filter(pk=stored.host_id).update(role=ParticipantRole.PARTICIPANT)
        audit_record(actor=actor, action="workshops.table.delete", obj=stored, process=session.workshop.process)
        stored.delete()
        announce(session, event="tables")


def _check_participant(participant: Participant, session: LiveSession) -> None:
    if participant.session_id != session.pk:
        raise ValidationError({"participant": _("The participant takes part in another session.")})
    if participant.removed_at is not None:
        raise ValidationError({"participant": _("The participant was removed from the session.")})


def _unhost(participant: Participant, keep: Table | None = None) -> None:
    """The participant hosts no table (except ``keep``) any more."""
    hosted = Table.objects.filter(host=participant)
    if keep is not None:
        hosted = hosted.exclude(pk=keep.pk)
    hosted.update(host=None)


def table_assign(*, participant: Participant, table: Table | None, actor: User | None = None) -> Participant:
    """Seat the participant at ``table`` (``None``: no table). A host who moves to another table hosts no more.
    Audited when a facilitator does it (``actor``)."""
    with transaction.atomic():
        # The lock order of the workshop services: the session's row first, then the participant's.
        session = _locked_session(participant.session_id)
        stored = Participant.objects.select_for_update().get(pk=participant.pk)
        _check_participant(stored, session)
        if table is not None and table.session_id != session.pk:
            raise ValidationError({"table": _("The table belongs to another session.")})
        before = str(stored.table or "")
        if stored.table_id != (table.pk if table is not None else None):
            _unhost(stored)
            stored.role = ParticipantRole.PARTICIPANT
        stored.table = table
        stored.save(update_fields=["table", "role"])
        if actor is not None:
            audit_record(
                actor=actor,
                action="workshops.table.assign",
                obj=stored,
                process=session.workshop.process,
                changes={"table": [before, str(table or "")]},
            )
        announce(session, event="tables")
        return stored


def table_host(*, table: Table, participant: Participant | None, actor: User | None) -> Table:
    """Make ``participant`` the host of ``table`` (seated there; hosting no other table), or nobody (``None``)."""
    with transaction.atomic():
        session = _locked_session(table.session_id)
        stored = Table.objects.select_related("host").get(pk=table.pk)
        before = str(stored.host or "")
        previous = stored.host
        if participant is not None:
            participant = Participant.objects.select_for_update().get(pk=participant.pk)
            _check_participant(participant, session)
            _unhost(participant, keep=stored)
            participant.table = stored
            participant.role = ParticipantRole.HOST
            participant.save(update_fields=["table", "role"])
        stored.host = participant
        stored.save(update_fields=["host"])
        if previous is not None and (participant is None or previous.pk != participant.pk):
            Participant.objects.filter(pk=previous.pk).update(role=ParticipantRole.PARTICIPANT)
        audit_record(
            actor=actor,
            action="workshops.table.update",
            obj=stored,
            process=session.workshop.process,
            changes={"host": [before, str(participant or "")]},
        )
        announce(session, event="tables")
        return stored


def rotation(tables: list[int], seating: Mapping[int, list[UUID]]) -> dict[UUID, int]:
    """Where the guests move in the next round: ``seating`` lists the guests (ids, in the order they joined) per
    table id; ``tables`` the table ids in order. Returns guest id → new table id (everyone moves, if n > 1)."""
    count = len(tables)
    moves: dict[UUID, int] = {}
    if count < 2:
        return moves
    for index, table_id in enumerate(tables):
        for number, guest in enumerate(seating.get(table_id, [])):
            step = 1 + number % (count - 1)
            moves[guest] = tables[(index + step) % count]
    return moves


def _seating(session: LiveSession) -> tuple[list[Table], dict[int, list[UUID]]]:
    tables = list(session.tables.order_by("position", "id"))
    seating: dict[int, list[UUID]] = {table.pk: [] for table in tables}
    hosts = {table.host_id for table in tables if table.host_id is not None}
    guests = (
        Participant.objects.filter(session=session, removed_at__isnull=True, table__isnull=False)
        .exclude(pk__in=hosts)
        .order_by("joined_at", "pk")
        .values_list("pk", "table_id")
    )
    for participant_id, table_id in guests:
        seating.setdefault(table_id, []).append(participant_id)
    return tables, seating


def tables_rotate(*, session: LiveSession, actor: User | None) -> LiveSession:
    """Next round: the table round goes up by one, the guests move to other tables (hosts stay)."""
    with transaction.atomic():
        session = _locked_session(session.pk)
        tables, seating = _seating(session)
        moves = rotation([table.pk for table in tables], seating)
        by_table: dict[int, list[UUID]] = {}
        for participant_id, table_id in moves.items():
            by_table.setdefault(table_id, []).append(participant_id)
        for table_id, participant_ids in by_table.items():
            Participant.objects.filter(pk__in=participant_ids).update(table_id=table_id)
        before = session.round
        session.round = before + 1
        session.save(update_fields=["round"])
        audit_record(
            actor=actor,
            action="workshops.tables.rotate",
            obj=session,
            process=session.workshop.process,
            changes={"round": [str(before), str(session.round)]},
        )
        announce(session, event="tables", round=session.round)
        return session


def tables_distribute(*, session: LiveSession, actor: User | None) -> int:
    """Seat the participants without a table, each at the table with the fewest people so far (the first of
    those in the list's order): tables that start equal end up differing by one person at most. Returns how
    many were seated."""
    with transaction.atomic():
        session = _locked_session(session.pk)
        active = Q(participants__removed_at__isnull=True)
        tables = list(session.tables.annotate(seated=Count("participants", filter=active)).order_by("position", "id"))
        if not tables:
            raise ValidationError(_("Add tables before seating the participants."))
        counts = {table.pk: table.seated for table in tables}
        waiting = list(
            Participant.objects.filter(session=session, removed_at__isnull=True, table__isnull=True)
            .order_by("joined_at", "pk")
            .values_list("pk", flat=True)
        )
        seats: dict[int, list[UUID]] = {}
        for participant_id in waiting:
            table = min(tables, key=lambda candidate: counts[candidate.pk])
            counts[table.pk] += 1
            seats.setdefault(table.pk, []).append(participant_id)
        for table_id, participant_ids in seats.items():
            Participant.objects.filter(pk__in=participant_ids).update(table_id=table_id)
        if waiting:
            audit_record(
                actor=actor,
                action="workshops.tables.distribute",
                obj=session,
                process=session.workshop.process,
                changes={"participants": ["", str(len(waiting))]},
            )
            announce(session, event="tables")
        return len(waiting)
