"""``standortkompass retention [--dry-run]``: delete the personal data that is due (DSGVO Art. 5(1)e).

Runs every retention rule the apps registered (``accounts.retention``) and prints, per rule, how many
records it deleted or anonymised (with ``--dry-run``: would). Meant to run daily from a systemd timer
or cron (docs/deployment.md, "Retention of personal data").
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from standortkompass.accounts.services.retention import retention_run


class Command(BaseCommand):
    help = "Delete the personal data whose retention period is over; --dry-run only counts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        outcomes = retention_run(now=timezone.now(), dry_run=dry_run)
        verb = "would be deleted or anonymised" if dry_run else "deleted or anonymised"
        for outcome in outcomes:
            self.stdout.write(f"{outcome.rule.label} ({outcome.rule.period()}): {outcome.count} {verb}")
        total = sum(outcome.count for outcome in outcomes)
        self.stdout.write(f"{total} records {verb} in all." if total != 1 else f"1 record {verb} in all.")
