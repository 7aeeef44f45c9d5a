"""``standortkompass survey-export SURVEY --format csv|xlsx|sav|dta|xlsform --output FILE``.

SURVEY is a survey's short name (slug) or ID. The data formats export the survey's responses as the operator,
that is as Administration: without suppression of small groups unless ``--suppressed`` is given; CSV without
``--output`` goes to standard output. ``--format xlsform`` writes the survey's questionnaire; for this format
SURVEY may also be the ID of a questionnaire (when no survey has that ID).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from standortkompass.surveys.export_formats import FORMATS
from standortkompass.surveys.export_table import export_table
from standortkompass.surveys.models import Questionnaire, QuestionnaireVersion, Survey
from standortkompass.surveys.xlsform import export_xlsform

CHOICES = [*FORMATS, "xlsform"]


def _survey(reference: str) -> Survey | None:
    found = Survey.objects.filter(slug=reference).first()
    if found is None and reference.isdigit():
        found = Survey.objects.filter(pk=int(reference)).first()
    return found


class Command(BaseCommand):
    help = (
        "Export a survey's responses (csv, xlsx, sav, dta; unsuppressed unless --suppressed) or its questionnaire "
        "as an XLSForm workbook."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("survey", help="Short name or ID of the survey (for xlsform also a questionnaire ID).")
        parser.add_argument("--format", required=True, help=f"One of: {', '.join(CHOICES)}.")
        parser.add_argument("--output", type=Path, help="File to write; CSV goes to standard output without it.")
        parser.add_argument("--suppressed", action="store_true", help="Suppress small groups as below Administration.")
        parser.add_argument("--partial", action="store_true", help="Include responses that are not completed.")
        parser.add_argument(
            "--questionnaire-version", type=int, dest="version_number", help="Version number; newest if left out."
        )

    def handle(
        self,
        *args: Any,
        survey: str,
        format: str,
        output: Path | None,
        suppressed: bool,
        partial: bool,
        version_number: int | None,
        **options: Any,
    ) -> None:
        if format not in CHOICES:
            raise CommandError(f"Unknown format {format!r}; choose one of: {', '.join(CHOICES)}.", returncode=2)
        if output is None and format != "csv":
            raise CommandError(f"--output is required for the format {format}.", returncode=2)
        found = _survey(survey)
        if format == "xlsform":
            self._xlsform(survey, found, output, version_number)
            return
        if found is None:
            raise CommandError(f"There is no survey with the short name or ID {survey!r}.", returncode=2)
        table = export_table(survey=found, suppressed=suppressed, include_partial=partial)
        buffer = io.BytesIO()
        FORMATS[format].writer(table, buffer)
        if output is None:
            self.stdout.write(buffer.getvalue().decode("utf-8-sig"), ending="")
            return
        self._write(output, buffer.getvalue())
        kind = "suppressed" if suppressed else "unsuppressed"
        self.stdout.write(f"Wrote {len(table.rows)} responses of “{found.title}” ({kind}) to {output}.")

    def _xlsform(self, reference: str, found: Survey | None, output: Path | None, version_number: int | None) -> None:
        questionnaire = found.questionnaire if found is not None else None
        if questionnaire is None and reference.isdigit():
            questionnaire = Questionnaire.objects.filter(pk=int(reference)).first()
        if questionnaire is None or output is None:
            raise CommandError(f"There is no survey or questionnaire {reference!r}.", returncode=2)
        versions = questionnaire.versions.order_by("-number")
        if version_number is not None:
            versions = versions.filter(number=version_number)
        version: QuestionnaireVersion | None = versions.first()
        if version is None:
            raise CommandError(f"“{questionnaire.title}” has no version {version_number}.", returncode=2)
        self._write(output, export_xlsform(version.schema))
        self.stdout.write(f"Wrote version {version.number} of “{questionnaire.title}” to {output}.")

    def _write(self, output: Path, data: bytes) -> None:
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}", returncode=2) from error
