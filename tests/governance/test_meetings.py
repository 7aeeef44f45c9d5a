"""Meetings: their date in the calendar, the agenda, attendance, minutes and their approval, the invitation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from standortkompass.audit.models import AuditEntry
from standortkompass.governance.models import InvitationDelivery, MeetingInvitation
from standortkompass.governance.services.agenda import agenda_item_create, agenda_item_move
from standortkompass.governance.services.invitations import invitation_send
from standortkompass.governance.services.meetings import (
    attendance_save,
    meeting_create,
    meeting_invite,
    minutes_approve,
    minutes_save,
)
from standortkompass.processes.models import Event, Visibility


def test_a_new_meeting_puts_its_date_into_the_calendar_as_a_board_meeting(gov):
    event = gov.meeting.event

    assert event.kind == "board_meeting"
    assert event.visibility == Visibility.BOARD
    assert event.process == gov.sounding.process
    assert AuditEntry.objects.filter(action="event.create", object_id=str(event.pk)).exists()
    assert AuditEntry.objects.filter(action="governance.meeting.create", object_id=str(gov.meeting.pk)).exists()


def test_a_public_meeting_gets_a_public_date_and_can_take_an_existing_one(gov, process, users):
    existing = Event.objects.create(
        process=process, title="Lenkungskreis 2", kind="board_meeting", start=timezone.now() + dt.timedelta(days=40)
    )

    meeting = meeting_create(
        process=process,
        actor=users["editor"],
        data={"board": gov.steering, "confidentiality": "public", "event": existing},
    )
    public = meeting_create(
        process=process,
        actor=users["editor"],
        data={"board": gov.steering, "confidentiality": "public", "title": "Öffentlich", "start": timezone.now()},
    )

    assert meeting.event == existing
    assert public.event.visibility == Visibility.PUBLIC


def test_a_date_cannot_belong_to_two_meetings(gov, process, users):
    with pytest.raises(ValidationError) as error:
        meeting_create(process=process, actor=users["editor"], data={"board": gov.sounding, "event": gov.meeting.event})

    assert "event" in error.value.message_dict


def test_agenda_items_keep_their_order_and_move_up_and_down(gov, users):
    third = agenda_item_create(meeting=gov.meeting, actor=users["editor"], data={"title": "Verschiedenes"})

    agenda_item_move(item=third, actor=users["editor"], direction="up")

    titles = list(gov.meeting.agenda_items.order_by("order", "id").values_list("title", flat=True))
    assert titles == ["Ergebnisse der Analyse", "Verschiedenes", "Personalfragen"]


def test_attendance_records_each_member_and_replaces_the_guests(gov, users):
    other = gov.sounding.members.exclude(pk=gov.seat.pk).get()
    attendance_save(
        meeting=gov.meeting,
        actor=users["editor"],
        statuses={gov.seat.pk: "present", other.pk: "excused"},
        guests=[{"name": "Prof. Gast", "organisation": "Hochschule", "status": "present"}],
    )
    rows = attendance_save(
        meeting=gov.meeting,
        actor=users["editor"],
        statuses={other.pk: "absent"},
        guests=[{"name": "Neuer Gast", "organisation": "", "status": "present"}],
    )

    summary = {(row.name, row.status, row.is_guest) for row in rows}
    assert summary == {
        ("Test Board", "present", False),
        ("Ohne Konto", "absent", False),
        ("Neuer Gast", "present", True),
    }


def test_a_member_of_another_board_cannot_be_recorded(gov, users):
    with pytest.raises(ValidationError):
        attendance_save(meeting=gov.meeting, actor=users["editor"], statuses={gov.other_seat.pk: "present"})

    assert not gov.meeting.attendance.exists()


def test_minutes_are_approved_at_a_later_meeting_and_are_final_then(gov, process, users):
    later = meeting_create(
        process=process,
        actor=users["editor"],
        data={
            "board": gov.sounding,
            "title": "Nächste Sitzung",
            "start": gov.meeting.event.start + dt.timedelta(days=60),
        },
    )
    minutes_save(meeting=gov.meeting, actor=users["editor"], minutes="1. Begrüßung\n2. Ergebnisse")

    approved = minutes_approve(meeting=gov.meeting, actor=users["editor"], approving=later)

    assert approved.minutes_approved_at == later
    assert approved.minutes_approved_on == timezone.localtime(later.event.start).date()
    with pytest.raises(ValidationError):
        minutes_save(meeting=gov.meeting, actor=users["editor"], minutes="geändert")
    with pytest.raises(ValidationError):
        minutes_approve(meeting=gov.meeting, actor=users["editor"], approving=later)


def test_minutes_cannot_be_approved_at_a_meeting_of_another_board(gov, users):
    minutes_save(meeting=gov.meeting, actor=users["editor"], minutes="Text")

    with pytest.raises(ValidationError) as error:
        minutes_approve(meeting=gov.meeting, actor=users["editor"], approving=gov.steering_meeting)

    gov.meeting.refresh_from_db()
    assert "approving" in error.value.message_dict
    assert gov.meeting.minutes_approved_on is None


def test_the_invitation_goes_to_members_with_an_account_with_the_agenda_and_a_calendar_file(gov, users):
    invitation = meeting_invite(meeting=gov.meeting, actor=users["editor"], message="Bitte die Vorlage lesen.")

    assert [message.to for message in mail.outbox] == [["board@example.org"]]
    message = mail.outbox[0]
    assert "Sitzung des Sounding Boards" in message.subject
    assert "1. Ergebnisse der Analyse" in message.body
    assert "Personalfragen" not in message.body  # an internal item
    assert "Bitte die Vorlage lesen." in message.body
    assert reverse("governance_manage:meeting", args=[gov.sounding.process_id, gov.meeting.pk]) in message.body
    name, payload, mimetype = message.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    event = Calendar.from_ical(payload).walk("VEVENT")[0]
    assert str(event["uid"]) == f"{gov.meeting.event.uid}@standortkompass"
    assert event.decoded("dtstart") == gov.meeting.event.start.replace(microsecond=0)
    assert "Personalfragen" not in str(event["description"])
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_a_member_without_an_account_is_invited_at_the_address_kept_on_the_seat(gov, users):
    from standortkompass.processes.models import BoardMember

    BoardMember.objects.create(board=gov.meeting.board, name="Ina Ohnekonto", email="ina@example.org")
    BoardMember.objects.create(board=gov.meeting.board, name="Ole Ohneadresse")

    meeting_invite(meeting=gov.meeting, actor=users["editor"])

    assert sorted(address for message in mail.outbox for address in message.to) == [
        "board@example.org",
        "ina@example.org",
    ]


def test_running_the_invitation_task_again_sends_nobody_a_second_mail(gov, users):
    invitation = meeting_invite(meeting=gov.meeting, actor=users["editor"])

    assert invitation_send(invitation_id=invitation.pk) == 0
    assert len(mail.outbox) == 1
    assert InvitationDelivery.objects.filter(invitation=invitation).count() == 1


def test_an_internal_meeting_is_not_sent_to_the_board(gov, users):
    with pytest.raises(ValidationError):
        meeting_invite(meeting=gov.internal_meeting, actor=users["editor"])

    assert not MeetingInvitation.objects.exists()
    assert mail.outbox == []


def test_a_board_without_reachable_members_gets_no_invitation(gov, users):
    gov.other_seat.user = None
    gov.other_seat.save()

    with pytest.raises(ValidationError):
        meeting_invite(meeting=gov.steering_meeting, actor=users["editor"])

    assert mail.outbox == []


def test_the_invitation_is_handed_to_the_task_queue_in_the_transaction(gov, users, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()  # type: ignore[attr-defined]
    invitation = meeting_invite(meeting=gov.meeting, actor=users["editor"])

    queued = default_task_backend.results  # type: ignore[attr-defined]
    assert [result.args for result in queued] == [[invitation.pk]]
    assert mail.outbox == []
