"""Reminding the project leads who have not reported yet: one mail per lead, round and reminder date.

The ``ReminderSent`` row of a lead is written and committed *before* the mail goes out; its unique triple
(round, address, day) is what makes a lead reminded at most once per round and day, also when the daily
timer and the button of Administration run at the same time, or a task is retried. The price: a worker
that dies between the row and the mail leaves one lead without that reminder (at most once).
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from standortkompass.monitoring.models import ReminderSent, ReportingRound
from standortkompass.monitoring.selectors.rounds import LeadDue, is_reminder_date, leads_due


@dataclass
class ReminderOutcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # leads who had this round's reminder of this day already


def _mail(reporting_round: ReportingRound, lead: LeadDue, site_url: str) -> EmailMessage:
    """The reminder, in the site's default language (German)."""
    process = reporting_round.process
    with translation.override(settings.LANGUAGE_CODE):
        links = [
            (
                project.title,
                site_url
                + reverse(
                    "monitoring_manage:report",
                    kwargs={"process_pk": process.pk, "round_pk": reporting_round.pk, "project_pk": project.pk},
                ),
            )
            for project in lead.projects
        ]
        context = {
            "reporting_round": reporting_round,
            "process": process,
            "name": lead.user.full_name,
            "links": links,
            "my_area": site_url + reverse("manage:home"),
        }
        subject = " ".join(render_to_string("monitoring/mail/reminder_subject.txt", context).split())
        body = render_to_string("monitoring/mail/reminder.txt", context)
    return EmailMessage(subject=subject, body=body, to=[lead.email], headers={"Auto-Submitted": "auto-generated"})


def reminders_send(*, round_id: int, day: dt.date, site_url: str | None = None) -> ReminderOutcome:
    """Remind every lead of the round who still has a report to give (the body of the background task).

    Nothing for a closed or unknown round. Safe to run twice or in parallel: nobody gets the reminder of a
    round and day twice.
    """
    outcome = ReminderOutcome()
    reporting_round = ReportingRound.objects.select_related("process").filter(pk=round_id).first()
    if reporting_round is None or not reporting_round.is_open:
        return outcome
    site_url = (site_url or settings.SITE_URL).rstrip("/")
    for lead in leads_due(reporting_round):
        try:
            with transaction.atomic():
                reminder = ReminderSent.objects.create(
                    round=reporting_round,
                    email=lead.email,
                    user=lead.user,
                    reminder_date=day,
                    projects=[project.pk for project in lead.projects],
                )
        except IntegrityError:
            outcome.skipped += 1
            continue
        try:
            _mail(reporting_round, lead, site_url).send()
        except (smtplib.SMTPException, OSError):
            ReminderSent.objects.filter(pk=reminder.pk).update(failed=True)
            outcome.failed += 1
            continue
        outcome.sent += 1
    return outcome


def reminders_due_send(*, day: dt.date, site_url: str | None = None) -> dict[ReportingRound, ReminderOutcome]:
    """The reminders of every open round for which ``day`` is a reminder date (the daily timer)."""
    outcomes: dict[ReportingRound, ReminderOutcome] = {}
    for reporting_round in ReportingRound.objects.filter(closed_at__isnull=True).select_related("process"):
        if is_reminder_date(reporting_round, day):
            outcomes[reporting_round] = reminders_send(round_id=reporting_round.pk, day=day, site_url=site_url)
    return outcomes
