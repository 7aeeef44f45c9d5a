"""What the boards' work keeps about a person: attendance, follow-up actions, invitation and reminder mails —
in the export of their data and anonymised or deleted by the erasure."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from standortkompass.accounts.personal_data import registered_kinds
from standortkompass.accounts.services.personal_data import person_find, personal_data_erase, personal_data_report
from standortkompass.governance.models import ActionReminder, Attendance, FollowUpAction, InvitationDelivery
from standortkompass.governance.services.meetings import attendance_save, meeting_invite
from standortkompass.governance.services.register import action_create
from standortkompass.governance.services.reminders import reminders_send


def _records(person, name):
    return next(found.records for found in personal_data_report(person=person) if found.kind.name == name)


def _world(gov, users):
    attendance_save(meeting=gov.meeting, actor=users["editor"], statuses={gov.seat.pk: "present"})
    action_create(
        entry=gov.entry,
        actor=users["editor"],
        data={"text": "Netzwerk einladen", "owner_user": users["board"], "due_on": dt.date(2027, 1, 5)},
    )
    meeting_invite(meeting=gov.meeting, actor=users["editor"])
    reminders_send(today=dt.date(2027, 1, 5))


def test_the_kinds_are_registered_after_the_processes_ones(db):
    names = [kind.name for kind in registered_kinds()]

    assert {"governance.attendance", "governance.actions", "governance.mails"} <= set(names)
    assert names.index("governance.attendance") > names.index("processes.board_seats")


def test_the_export_holds_attendance_actions_and_mails(gov, users):
    _world(gov, users)
    person = person_find(email="board@example.org")

    attendance = _records(person, "governance.attendance")
    actions = _records(person, "governance.actions")
    mails = _records(person, "governance.mails")

    assert [record["meeting"] for record in attendance] == ["Sitzung des Sounding Boards"]
    assert [record["entry"] for record in actions] == ["Fachkräfte zuerst"]
    assert len(mails) == 2  # the invitation and the reminder


def test_the_erasure_anonymises_attendance_and_releases_actions(gov, users):
    _world(gov, users)
    person = person_find(email="board@example.org")

    counts = personal_data_erase(person=person, actor=users["admin"], requested_on=timezone.localdate())

    assert counts["governance.attendance"] == 1
    row = Attendance.objects.get(meeting=gov.meeting)
    assert (row.member, row.status) == (None, "present")
    assert "Test Board" not in row.name
    action = FollowUpAction.objects.get(text="Netzwerk einladen")
    assert action.owner_user is None
    assert action.owner_name != ""
    assert not InvitationDelivery.objects.filter(email="board@example.org").exists()
    assert not ActionReminder.objects.filter(email="board@example.org").exists()
    assert _records(person_find(email="board@example.org"), "governance.attendance") == []
