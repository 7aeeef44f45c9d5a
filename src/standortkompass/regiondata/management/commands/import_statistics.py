from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from standortkompass.regiondata.importers import FORMATS, StatisticsImportError
from standortkompass.regiondata.importers.limits import MAX_TEXT_BYTES
from standortkompass.regiondata.services import statistics_import


class Command(BaseCommand):
    help = (
        "Import a statistics file: a Regionaldatenbank/GENESIS table (CSV or XLSX), the long CSV "
        "(region_code,region_name,sector_code,sector_name,year,value) or a Eurostat TSV. All or nothing; "
        "importing the same file again changes nothing. Exit status 2 with the list of problems on errors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=list(FORMATS), help="Recognised from the file when left out.")
        parser.add_argument(
            "--indicator",
            default="",
            help="Indicator code for long CSV files without an indicator column, and for tables not in the catalogue.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report, but save nothing.")

    def handle(self, *args: Any, file: Path, format: str | None, indicator: str, dry_run: bool, **options: Any) -> None:
        try:
            if file.stat().st_size > MAX_TEXT_BYTES:
                raise CommandError(
                    f"{file}: the file is larger than {MAX_TEXT_BYTES // 2**20} MB; split it into several files.",
                    returncode=2,
                )
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}", returncode=2) from error
        try:
            report = statistics_import(
                data=data, file_name=file.name, format=format, indicator=indicator, dry_run=dry_run
            )
        except StatisticsImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file.name}: {error.total} problem(s) found; nothing was imported.", returncode=2
            ) from error
        for line in report.lines():
            self.stdout.write(line)
