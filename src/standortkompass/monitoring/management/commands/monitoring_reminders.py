"""``standortkompass monitoring-reminders [--date YYYY-MM-DD]``: remind the project leads whose report is due.

For every open reporting round whose reminder dates include the day (a week before the due date, the due date,
then weekly while the round is open), every lead who has not reported gets one mail listing their projects —
once per round and day, also when the command runs twice or beside the button of Administration. Meant to run
daily from a systemd timer or cron (docs/deployment.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from standortkompass.monitoring.services.reminders import reminders_due_send


class Command(BaseCommand):
    help = "Send the reminders of the open reporting rounds that are due today (or on --date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The day to act for (YYYY-MM-DD); default: today.")

    def handle(self, *args: Any, date: str | None, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date {date!r} is not a date like 2027-04-15.") from error
        outcomes = reminders_due_send(day=day)
        if not outcomes:
            self.stdout.write(f"{day.isoformat()}: no reporting round has a reminder date today.")
        for reporting_round, outcome in outcomes.items():
            self.stdout.write(
                f"{reporting_round.process.title} – {reporting_round.title}: {outcome.sent} sent, "
                f"{outcome.failed} failed, {outcome.skipped} already reminded today."
            )
