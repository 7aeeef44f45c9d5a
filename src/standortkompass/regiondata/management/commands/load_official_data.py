from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from standortkompass.regiondata.services import regions_load_official


class Command(BaseCommand):
    help = "Load the shipped official reference data (regions with area and population). Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--directory", type=Path, default=settings.OFFICIAL_DATA_DIR)

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        if not directory.is_dir():
            raise CommandError(f"Data folder {directory} does not exist.")
        report = regions_load_official(directory=directory)
        self.stdout.write(f"Regions: {report.created} created, {report.updated} updated.")
