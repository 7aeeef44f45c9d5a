"""Reminding the owners of follow-up actions when they are due (daily: ``standortkompass governance-reminders``,
or the background task ``governance.tasks.send_action_reminders``).

Each action is reminded once per due date: the ``ActionReminder`` row (unique per action and due date) is written
and committed before the mail goes out, so parallel runs and retries send it once. A new due date is reminded
again when it comes.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from standortkompass.audit.services import audit_record
from standortkompass.governance.models import ActionReminder, FollowUpAction
from standortkompass.governance.selectors.access import viewer_of
from standortkompass.governance.selectors.register import due_actions


def _entry_url(action: FollowUpAction) -> str:
    owner = action.owner_user
    process = action.entry.board.process
    if owner is None or not owner.has_perm("governance.view", process):
        return ""
    if not viewer_of(owner, process).sees_entry(action.entry):
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("governance_manage:entry", kwargs={"process_pk": process.pk, "entry_pk": action.entry_id})
    return settings.SITE_URL + path


def reminder_mail(action: FollowUpAction, email: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "action": action,
            "entry": action.entry,
            "board": action.entry.board,
            "due_on": date_format(action.due_on, "DATE_FORMAT"),
            "name": action.owner_label,
            "url": _entry_url(action),
        }
        subject = render_to_string("governance/mail/reminder_subject.txt", context)
        body = render_to_string("governance/mail/reminder.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[email], headers={"Auto-Submitted": "auto-generated"}
    )


def reminders_send(*, today: dt.date | None = None) -> int:
    """Send the reminders of the actions due on ``today`` (default: today) or earlier; returns how many."""
    day = today or timezone.localdate()
    sent = 0
    connection = get_connection()
    for action in due_actions(day).exclude(reminders__due_on=F("due_on")):
        owner = action.owner_user
        if owner is None:
            continue
        try:
            with transaction.atomic():
                ActionReminder.objects.create(action=action, due_on=action.due_on, email=owner.email)
                audit_record(
                    actor=None,
                    action="governance.action.remind",
                    obj=action,
                    process=action.entry.board.process,
                    changes={"due_on": action.due_on.isoformat()},
                )
        except IntegrityError:
            continue  # another run reminded this action for this due date
        try:
            connection.send_messages([reminder_mail(action, owner.email)])
            sent += 1
        except (smtplib.SMTPException, OSError):
            continue
    return sent
