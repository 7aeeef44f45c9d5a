import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from standortkompass.regiondata.services import official_data_load


class Command(BaseCommand):
    help = (
        "Load the shipped official data (regions, statistics, territorial changes, BBSR space types, boundaries). "
        "Idempotent: files already loaded with the same content are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--directory", type=Path, default=settings.OFFICIAL_DATA_DIR)
        parser.add_argument("--force", action="store_true", help="Read every file again, even if already loaded.")

    def handle(self, *args: Any, directory: Path, force: bool, **options: Any) -> None:
        if not directory.is_dir():
            raise CommandError(f"Data folder {directory} does not exist.")
        started = time.perf_counter()
        steps = official_data_load(directory=directory, force=force)
        for step in steps:
            self.stdout.write(str(step))
        loaded = sum(not step.skipped for step in steps)
        self.stdout.write(
            f"Official data: {loaded} of {len(steps)} steps did something, "
            f"{len(steps) - loaded} already up to date ({time.perf_counter() - started:.2f} s)."
        )
