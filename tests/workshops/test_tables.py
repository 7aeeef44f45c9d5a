"""Tables: adding and changing them, seating participants and hosts, the World-Café rotation and spreading the
participants without a table evenly."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.workshops.models import LiveSession, Participant, ParticipantRole, SessionState, Table
from standortkompass.workshops.services.tables import (
    rotation,
    table_add,
    table_assign,
    table_delete,
    table_host,
    table_update,
    tables_distribute,
    tables_rotate,
)


@pytest.fixture
def editor(users):
    return users["editor"]


def _participant(session, table=None, **fields):
    return Participant.objects.create(session=session, token_hash=uuid.uuid4().hex * 2, table=table, **fields)


def _tables(session, editor, count):
    return [
        table_add(session=session, actor=editor, data={"name": f"Tisch {number}"}) for number in range(1, count + 1)
    ]


def _seated(session):
    return Counter(
        Participant.objects.filter(session=session, removed_at__isnull=True).values_list("table_id", flat=True)
    )


def test_tables_are_added_in_order_changed_and_deleted_audited(live_session, editor):
    first = table_add(session=live_session, actor=editor, data={"name": " Stärken ", "topic": "Was trägt?"})
    second = table_add(session=live_session, actor=editor, data={"name": "Hemmnisse"})
    guest = _participant(live_session, table=first)

    table_update(table=first, actor=editor, data={"topic": "Worauf bauen wir?"})
    table_delete(table=first, actor=editor)

    guest.refresh_from_db()
    assert (first.name, first.position, second.position) == ("Stärken", 1, 2)
    assert guest.table is None
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "workshops.table.create",
        "workshops.table.create",
        "workshops.table.update",
        "workshops.table.delete",
    ]
    assert AuditEntry.objects.get(action="workshops.table.update").changes == {
        "topic": ["Was trägt?", "Worauf bauen wir?"]
    }


def test_a_table_needs_a_name(live_session, editor):
    with pytest.raises(ValidationError) as refused:
        table_add(session=live_session, actor=editor, data={"name": "  "})

    assert list(refused.value.message_dict) == ["name"]


def test_tables_of_an_ended_session_stay_as_they_are(live_session, editor):
    LiveSession.objects.filter(pk=live_session.pk).update(state=SessionState.ENDED)

    with pytest.raises(ValidationError, match=_("The live session has ended.")):
        table_add(session=live_session, actor=editor, data={"name": "Spät"})


def test_a_facilitator_seats_a_participant_audited_a_participant_choosing_a_table_is_not(live_session, editor):
    first, second = _tables(live_session, editor, 2)
    guest = _participant(live_session)
    sequence = LiveSession.objects.get(pk=live_session.pk).sequence

    table_assign(participant=guest, table=first)
    table_assign(participant=guest, table=second, actor=editor)

    guest.refresh_from_db()
    assert guest.table == second
    assert LiveSession.objects.get(pk=live_session.pk).sequence == sequence + 2
    assert AuditEntry.objects.get(action="workshops.table.assign").changes == {"table": ["Tisch 1", "Tisch 2"]}


def test_seating_refuses_tables_and_people_of_other_sessions_and_removed_people(live_session, editor, workshop):
    (table,) = _tables(live_session, editor, 1)
    other = LiveSession.objects.create(workshop=workshop, title="B", join_code="BBBB34", projector_key="b")
    stranger = _participant(other)
    removed = _participant(live_session, removed_at=timezone.now())
    guest = _participant(live_session)
    foreign_table = Table.objects.create(session=other, name="Fremd")

    with pytest.raises(ValidationError) as foreign:
        table_assign(participant=guest, table=foreign_table, actor=editor)
    with pytest.raises(ValidationError) as gone:
        table_assign(participant=removed, table=table, actor=editor)
    with pytest.raises(ValidationError) as elsewhere:
        table_host(table=table, participant=stranger, actor=editor)

    assert foreign.value.message_dict == {"table": [_("The table belongs to another session.")]}
    assert gone.value.message_dict == {"participant": [_("The participant was removed from the session.")]}
    assert elsewhere.value.message_dict == {"participant": [_("The participant takes part in another session.")]}


def test_a_host_sits_at_the_table_hosts_only_one_and_stops_hosting_when_moved(live_session, editor):
    first, second = _tables(live_session, editor, 2)
    host = _participant(live_session)
    successor = _participant(live_session)

    table_host(table=first, participant=host, actor=editor)
    host.refresh_from_db()
    assert (host.table, host.role) == (first, ParticipantRole.HOST)

    table_host(table=second, participant=host, actor=editor)
    first.refresh_from_db()
    assert first.host is None

    table_host(table=second, participant=successor, actor=editor)
    host.refresh_from_db()
    assert host.role == ParticipantRole.PARTICIPANT

    table_assign(participant=successor, table=first, actor=editor)
    second.refresh_from_db()
    successor.refresh_from_db()
    assert (second.host, successor.role) == (None, ParticipantRole.PARTICIPANT)


def test_the_rotation_moves_every_guest_and_spreads_table_mates():
    tables = [10, 20, 30]
    seating = {10: ["a1", "a2", "a3"], 20: ["b1", "b2"], 30: []}

    moves = rotation(tables, seating)

    assert moves == {"a1": 20, "a2": 30, "a3": 20, "b1": 30, "b2": 10}
    assert rotation(tables, seating) == moves
    assert rotation([10], {10: ["a1"]}) == {}


def test_with_as_many_guests_at_every_table_every_table_keeps_as_many():
    tables = list(range(5))
    seating = {table: [f"{table}-{guest}" for guest in range(7)] for table in tables}

    moves = rotation(tables, seating)

    assert Counter(moves.values()) == dict.fromkeys(tables, 7)
    assert all(moves[guest] != table for table, guests in seating.items() for guest in guests)


def test_rotating_moves_the_guests_keeps_the_hosts_and_counts_the_round(live_session, editor):
    tables = _tables(live_session, editor, 3)
    hosts = [_participant(live_session) for _table in tables]
    for table, host in zip(tables, hosts, strict=True):
        table_host(table=table, participant=host, actor=editor)
    guests = [_participant(live_session, table=tables[number % 3]) for number in range(6)]
    before = {guest.pk: guest.table_id for guest in guests}

    session = tables_rotate(session=live_session, actor=editor)

    assert session.round == 2
    assert all(Participant.objects.get(pk=host.pk).table == table for table, host in zip(tables, hosts, strict=True))
    after = dict(Participant.objects.filter(pk__in=before).values_list("pk", "table_id"))
    assert all(after[pk] != table_id for pk, table_id in before.items())
    assert Counter(after.values()) == dict.fromkeys([table.pk for table in tables], 2)
    assert AuditEntry.objects.get(action="workshops.tables.rotate").changes == {"round": ["1", "2"]}


def test_participants_without_a_table_are_spread_evenly(live_session, editor):
    tables = _tables(live_session, editor, 4)
    _participant(live_session, table=tables[0])
    _participant(live_session, table=tables[0], removed_at=timezone.now())
    for _number in range(10):
        _participant(live_session)
    _participant(live_session, removed_at=timezone.now())

    seated = tables_distribute(session=live_session, actor=editor)

    counts = _seated(live_session)
    assert seated == 10
    assert None not in counts
    assert sorted(counts.values()) == [2, 3, 3, 3]
    assert max(counts.values()) - min(counts.values()) <= 1
    assert AuditEntry.objects.get(action="workshops.tables.distribute").changes == {"participants": ["", "10"]}
    assert tables_distribute(session=live_session, actor=editor) == 0


def test_spreading_needs_tables(live_session, editor):
    _participant(live_session)

    with pytest.raises(ValidationError, match=_("Add tables before seating the participants.")):
        tables_distribute(session=live_session, actor=editor)
