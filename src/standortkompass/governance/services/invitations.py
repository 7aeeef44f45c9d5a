"""Sending a meeting's invitation: the body of the background task ``governance.tasks.send_meeting_invitation``.

Each mail carries the agenda (the items the board may see, never internal ones) and the meeting as an
iCalendar file. The ``InvitationDelivery`` row of an address is written and committed before its mail goes out;
its unique pair (invitation, address) makes an invitation reach nobody twice, also when the task runs twice.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from standortkompass.governance.models import Confidentiality, InvitationDelivery, Meeting, MeetingInvitation
from standortkompass.governance.selectors.meetings import members_to_invite

BOARD_VISIBLE = (Confidentiality.BOARD, Confidentiality.PUBLIC)


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse(
        "governance_manage:meeting", kwargs={"process_pk": meeting.board.process_id, "meeting_pk": meeting.pk}
    )


def agenda_lines(meeting: Meeting) -> list[str]:
    """The agenda as the board sees it: numbered titles of the items that are not internal."""
    items = meeting.agenda_items.filter(confidentiality__in=BOARD_VISIBLE).order_by("order", "id")
    return [f"{number}. {item.title}" for number, item in enumerate(items, start=1)]


def meeting_calendar(meeting: Meeting) -> bytes:
    """The meeting as an iCalendar file (one event, the UID of its date, so calendars update it)."""
    event = meeting.event
    calendar = Calendar()
    calendar.add("prodid", "-//Standortkompass//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"{event.uid}@standortkompass")
    entry.add("summary", event.title)
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.start)
    entry.add("dtend", event.end or event.start + dt.timedelta(hours=2))
    entry.add("last-modified", event.updated_at)
    location = ", ".join(part for part in (event.location, event.online_url) if part)
    if location:
        entry.add("location", location)
    url = meeting_url(meeting)
    entry.add("url", url)
    lines = agenda_lines(meeting)
    entry.add("description", "\n".join([*(["Tagesordnung:", *lines, ""] if lines else []), url]))
    calendar.add_component(entry)
    payload: bytes = calendar.to_ical()
    return payload


def invitation_mail(invitation: MeetingInvitation, *, name: str, email: str) -> EmailMessage:
    meeting = invitation.meeting
    event = meeting.event
    with translation.override(settings.LANGUAGE_CODE):
        start = timezone.localtime(event.start)
        context = {
            "name": name,
            "meeting": meeting,
            "event": event,
            "board": meeting.board,
            "start": date_format(start, "DATETIME_FORMAT"),
            "agenda": agenda_lines(meeting),
            "message": invitation.message,
            "url": meeting_url(meeting),
            "update": meeting.invitations.filter(created_at__lt=invitation.created_at).exists(),
        }
        subject = render_to_string("governance/mail/invitation_subject.txt", context).strip()
        body = render_to_string("governance/mail/invitation.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[email], headers={"Auto-Submitted": "auto-generated"}
    )
    message.attach(
        f"sitzung-{start:%Y-%m-%d}.ics", meeting_calendar(meeting), "text/calendar; method=PUBLISH; charset=utf-8"
    )
    return message


def invitation_send(*, invitation_id: int) -> int:
    """Send the invitation to every member who has not had it; returns how many mails went out now."""
    invitation = (
        MeetingInvitation.objects.select_related("meeting__board__process", "meeting__event")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return 0
    sent = 0
    connection = get_connection()
    for member, email in members_to_invite(invitation.meeting):
        try:
            with transaction.atomic():
                delivery = InvitationDelivery.objects.create(invitation=invitation, member=member, email=email)
        except IntegrityError:
            continue  # another run of the task had this address
        try:
            connection.send_messages([invitation_mail(invitation, name=member.name, email=email)])
            sent += 1
        except (smtplib.SMTPException, OSError):
            InvitationDelivery.objects.filter(pk=delivery.pk).update(failed=True)
    MeetingInvitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return sent
