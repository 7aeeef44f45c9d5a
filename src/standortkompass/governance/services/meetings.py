"""Writing meetings: create one with its date, change it, record attendance and minutes, send the invitation.

The date is the meeting's ``processes.Event`` (kind "board meeting"), written through the processes services,
so the calendar, the feeds and the board dates show it as before. The invitation's mails go out in the
background task ``governance.tasks.send_meeting_invitation`` (``services.invitations.invitation_send``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.governance.models import (
    Attendance,
    AttendanceStatus,
    Confidentiality,
    Meeting,
    MeetingInvitation,
)
from standortkompass.governance.selectors.meetings import members_to_invite
from standortkompass.processes.models import Board, Event, EventKind, StrategyProcess, Visibility
from standortkompass.processes.services.dates import EventData, event_create, event_update
from standortkompass.processes.services.process import create_audited, delete_audited, update_audited

if TYPE_CHECKING:
    from django_tasks.base import Task

MEETING_FIELDS = ("board", "event", "confidentiality")


class MeetingData(TypedDict, total=False):
    board: Board
    confidentiality: str
    # An existing date of the kind "board meeting" without a meeting, or the fields of a new one.
    event: Event | None
    title: str
    start: dt.datetime
    end: dt.datetime | None
    location: str
    online_url: str


class GuestData(TypedDict):
    name: str
    organisation: str
    status: str


def _visibility(confidentiality: str) -> str:
    return Visibility.PUBLIC if confidentiality == Confidentiality.PUBLIC else Visibility.BOARD


def _event_data(data: MeetingData) -> EventData:
    event_data: EventData = {}
    for key in ("title", "start", "end", "location", "online_url"):
        if key in data:
            event_data[key] = data[key]
    return event_data


def meeting_create(*, process: StrategyProcess, actor: User, data: MeetingData, is_demo: bool = False) -> Meeting:
    board = data["board"]
    confidentiality = data.get("confidentiality", Confidentiality.BOARD)
    with transaction.atomic():
        if board.process_id != process.pk:
            raise ValidationError({"board": _("The board belongs to another process.")})
        event = data.get("event")
        if event is None:
            if not data.get("title") or not data.get("start"):
                raise ValidationError({"event": _("Choose a date or give the title and start of a new one.")})
            event_data = _event_data(data)
            event_data["kind"] = EventKind.BOARD_MEETING
            event_data["visibility"] = _visibility(confidentiality)
            event = event_create(process=process, actor=actor, data=event_data)
        elif Meeting.objects.filter(event=event).exists():
            raise ValidationError({"event": _("This date already belongs to a meeting.")})
        meeting = Meeting(board=board, event=event, confidentiality=confidentiality, is_demo=is_demo)
        return create_audited(
            meeting, actor=actor, action="governance.meeting.create", process=process, fields=MEETING_FIELDS
        )


def meeting_update(*, meeting: Meeting, actor: User, data: MeetingData) -> Meeting:
    with transaction.atomic():
        event_data = _event_data(data)
        if "confidentiality" in data:
            event_data["visibility"] = _visibility(data["confidentiality"])
        if event_data:
            event_update(event=meeting.event, actor=actor, data=event_data)
        return update_audited(
            meeting,
            actor=actor,
            action="governance.meeting.update",
            process=meeting.process,
            fields=("confidentiality",),
            data={key: value for key, value in data.items() if key == "confidentiality"},
        )


def meeting_delete(*, meeting: Meeting, actor: User) -> None:
    """Delete the meeting with its agenda, attendance and invitations; its date, documents and register entries stay."""
    with transaction.atomic():
        delete_audited(meeting, actor=actor, action="governance.meeting.delete", process=meeting.process)


def minutes_save(*, meeting: Meeting, actor: User | None, minutes: str) -> Meeting:
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("board__process", "event").get(pk=meeting.pk)
        if locked.minutes_approved:
            raise ValidationError({"minutes": _("The minutes have been approved and can no longer be changed.")})
        before = locked.minutes
        locked.minutes = minutes.strip()
        locked.full_clean()
        locked.save(update_fields=["minutes", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.minutes.update",
            obj=locked,
            process=locked.process,
            changes={"minutes": [f"{len(before)} Zeichen", f"{len(locked.minutes)} Zeichen"]},
        )
        return locked


def minutes_approve(*, meeting: Meeting, actor: User | None, approving: Meeting) -> Meeting:
    """Record that a later meeting of the same board approved the minutes; they are final from then on."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("board__process", "event").get(pk=meeting.pk)
        if locked.minutes_approved:
            raise ValidationError(_("The minutes have already been approved."))
        if not locked.minutes.strip():
            raise ValidationError({"approving": _("There are no minutes to approve yet.")})
        locked.minutes_approved_at = approving
        locked.minutes_approved_on = timezone.localtime(approving.event.start).date()
        try:
            locked.full_clean()
        except ValidationError as error:
            raise ValidationError(
                {"approving": error.message_dict.get("minutes_approved_at", error.messages)}
            ) from error
        locked.save(update_fields=["minutes_approved_at", "minutes_approved_on", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.minutes.approve",
            obj=locked,
            process=locked.process,
            changes={"minutes_approved_at": ["", str(approving)]},
        )
        return locked


def attendance_save(
    *,
    meeting: Meeting,
    actor: User | None,
    statuses: Mapping[int, str],
    guests: Sequence[GuestData] = (),
) -> list[Attendance]:
    """Record who of the board was present, excused or absent (members not named keep their record) and the
    guests (the list replaces the guests recorded before)."""
    allowed = set(AttendanceStatus.values)
    with transaction.atomic():
        members = {member.pk: member for member in meeting.board.members.all()}
        unknown = [pk for pk in statuses if pk not in members]
        if unknown:
            raise ValidationError(_("A member of another board cannot be recorded for this meeting."))
        for pk, status in statuses.items():
            if status not in allowed:
                raise ValidationError(_("Unknown attendance status."))
            member = members[pk]
            Attendance.objects.update_or_create(
                meeting=meeting,
                member=member,
                defaults={"name": member.name, "status": status, "is_guest": False, "organisation": ""},
            )
        meeting.attendance.filter(is_guest=True).delete()
        for guest in guests:
            if guest["status"] not in allowed:
                raise ValidationError(_("Unknown attendance status."))
            row = Attendance(
                meeting=meeting,
                name=guest["name"].strip(),
                organisation=guest["organisation"].strip(),
                is_guest=True,
                status=guest["status"],
            )
            row.full_clean()
            row.save()
        rows = list(meeting.attendance.order_by("is_guest", "id"))
        audit_record(
            actor=actor,
            action="governance.attendance.update",
            obj=meeting,
            process=meeting.process,
            changes={status: str(sum(1 for row in rows if row.status == status)) for status in AttendanceStatus.values},
        )
        return rows


def _invitation_task() -> Task[[int], None]:
    from standortkompass.governance.tasks import send_meeting_invitation

    return send_meeting_invitation


def meeting_invite(*, meeting: Meeting, actor: User | None, message: str = "") -> MeetingInvitation:
    """Send the invitation with the agenda and a calendar file to the board's members (in the background)."""
    if meeting.confidentiality == Confidentiality.INTERNAL:
        raise ValidationError(_("An internal meeting is not sent to the board; make it a board meeting first."))
    if not members_to_invite(meeting):
        raise ValidationError(_("No member of this board has an account with an e-mail address."))
    if meeting.event.start < timezone.now():
        raise ValidationError(_("The meeting has already begun; no invitation can be sent for it."))
    with transaction.atomic():
        invitation = MeetingInvitation(meeting=meeting, message=message.strip(), created_by=actor)
        invitation.full_clean()
        invitation.save()
        audit_record(actor=actor, action="governance.meeting.invite", obj=meeting, process=meeting.process)
        # In the same transaction: a database queue stores the task only if the invitation is stored.
        _invitation_task().enqueue(invitation.pk)
    invitation.refresh_from_db()
    return invitation
