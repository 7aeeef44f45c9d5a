from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from standortkompass.surveys.models import Questionnaire, QuestionnaireVersion
from standortkompass.surveys.xlsform import export_xlsform


class Command(BaseCommand):
    help = "Export a questionnaire (its newest version, or --questionnaire-version N) as an XLSForm workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("questionnaire", type=int, help="ID of the questionnaire.")
        parser.add_argument("--format", choices=["xlsform"], required=True)
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument(
            "--questionnaire-version", type=int, dest="version_number", help="Version number; newest if left out."
        )

    def handle(
        self,
        *args: Any,
        questionnaire: int,
        format: str,
        output: Path,
        version_number: int | None,
        **options: Any,
    ) -> None:
        try:
            found = Questionnaire.objects.get(pk=questionnaire)
        except Questionnaire.DoesNotExist:
            raise CommandError(f"There is no questionnaire with the ID {questionnaire}.", returncode=2) from None
        versions = found.versions.order_by("-number")
        if version_number is not None:
            versions = versions.filter(number=version_number)
        version: QuestionnaireVersion | None = versions.first()
        if version is None:
            raise CommandError(f"“{found.title}” has no version {version_number}.", returncode=2)
        try:
            output.write_bytes(export_xlsform(version.schema))
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}", returncode=2) from error
        self.stdout.write(f"Wrote version {version.number} of “{found.title}” to {output}.")
