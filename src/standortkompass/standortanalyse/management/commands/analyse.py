import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from standortkompass.standortanalyse.services import (
    AnalysisError,
    employment_from_long_csv,
    region_analysis,
)


class Command(BaseCommand):
    help = (
        "Location analysis of one region on employment at the workplace by sector: location quotients (end year), "
        "specialisation indices and the four shift-share forms against a reference region that contains it. "
        "Reads the database, or with --data the long CSV region_code,region_name,sector_code,sector_name,year,value. "
        "Exit status 2 on errors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="AGS key of the region, e.g. 08118.")
        parser.add_argument(
            "--reference", required=True, help="AGS key of a region that contains it: DG, the Land (08) ..."
        )
        parser.add_argument("--start", type=int, required=True, help="First year of the period.")
        parser.add_argument("--end", type=int, required=True, help="Last year of the period.")
        parser.add_argument("--data", type=Path, help="Long CSV to read instead of the database.")
        parser.add_argument(
            "--format",
            choices=["json", "csv"],
            default="json",
            help="json (default) or csv: a tidy table measure,component,sector,value.",
        )

    def handle(
        self,
        *args: Any,
        region: str,
        reference: str,
        start: int,
        end: int,
        data: Path | None,
        format: str,
        **options: Any,
    ) -> None:
        try:
            observations = None
            if data is not None:
                try:
                    content = data.read_bytes()
                except OSError as error:
                    raise CommandError(f"{data}: {error.strerror}", returncode=2) from error
                observations = employment_from_long_csv(content, file_name=data.name)
            result = region_analysis(
                region=region, reference=reference, start=start, end=end, observations=observations
            )
        except AnalysisError as error:
            raise CommandError(str(error), returncode=2) from error
        if format == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(["measure", "component", "sector", "value"])
            for measure, component, sector, value in result.as_rows():
                writer.writerow([measure, component, sector, "" if value is None else repr(value)])
        else:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
