"""``standortkompass governance-reminders``: remind the owners of the follow-up actions that are due (daily timer).

Each action is reminded once per due date, also when the command runs twice or in parallel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Send e-mail reminders for the boards' follow-up actions that are due (once per action and due date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Remind as on this day (YYYY-MM-DD) instead of today.")
        parser.add_argument(
            "--queue", action="store_true", help="Hand the reminders to the background task queue instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"] and options["date"]:
            # The queued task reminds as on the day it runs; a date would be silently ignored.
            raise CommandError("--date and --queue cannot be combined: a queued run reminds as on the day it runs.")
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {options['date']!r} is no date in the form YYYY-MM-DD.") from error
        if options["queue"]:
            from standortkompass.governance.tasks import send_action_reminders

            send_action_reminders.enqueue()
            self.stdout.write("Reminders handed to the task queue.")
            return
        from standortkompass.governance.services.reminders import reminders_send

        count = reminders_send(today=today)
        self.stdout.write(f"{count} reminder(s) sent.")
