from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.schema import all_questions
from standortkompass.surveys.services.questionnaires import questionnaire_file_read, questionnaire_import
from standortkompass.surveys.xlsform import XLSFormError

FORMATS = (".xlsx", ".xls", ".csv", ".lss")


def choose_process(process_id: int | None) -> StrategyProcess:
    """The process named by ``--process``, or the only one in the database."""
    if process_id is not None:
        try:
            return StrategyProcess.objects.get(pk=process_id)
        except StrategyProcess.DoesNotExist:
            raise CommandError(f"There is no process with the ID {process_id}.", returncode=2) from None
    processes = list(StrategyProcess.objects.order_by("pk"))
    if len(processes) == 1:
        return processes[0]
    if not processes:
        raise CommandError("There is no process yet; create one first.", returncode=2)
    choices = ", ".join(f"{process.pk} ({process.title})" for process in processes)
    raise CommandError(f"There are several processes; choose one with --process ID: {choices}.", returncode=2)


class Command(BaseCommand):
    help = (
        "Import an XLSForm questionnaire (.xlsx, .xls or .csv with survey, choices and settings sheets) or a "
        "LimeSurvey structure file (.lss) as a new questionnaire with a draft version, and print the validation report "
        "with its warnings (what was left out or changed, and why). Exit status 2 with every error "
        "(sheet, row, column) listed and nothing saved on errors, or on warnings with --strict."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--process", type=int, dest="process_id", help="ID of the process; may be left out if there is only one."
        )
        parser.add_argument(
            "--strict", action="store_true", help="Refuse the file (exit status 2) if it has warnings, too."
        )

    def handle(self, *args: Any, file: Path, process_id: int | None, strict: bool = False, **options: Any) -> None:
        if file.suffix.lower() not in FORMATS:
            raise CommandError(
                f"{file.name}: the file must be an XLSForm (.xlsx, .xls or .csv) "
                "or a LimeSurvey structure file (.lss).",
                returncode=2,
            )
        process = choose_process(process_id)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}", returncode=2) from error
        try:
            read = questionnaire_file_read(data=data, filename=file.name)
        except XLSFormError as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file.name}: {len(error.errors)} problem(s) found; nothing was imported.", returncode=2
            ) from error
        if read.warnings:
            self.stdout.write(f"{file.name}: {len(read.warnings)} warning(s):")
            for warning in read.warnings:
                self.stdout.write(f"- {warning}")
            if strict:
                raise CommandError(
                    f"{file.name}: {len(read.warnings)} warning(s) and --strict; nothing was imported.", returncode=2
                )
        else:
            self.stdout.write(f"{file.name}: no problems found.")
        version = questionnaire_import(process=process, data=data, filename=file.name)
        schema = version.schema
        languages = ", ".join(language["name"] for language in schema["settings"]["languages"]) or "-"
        self.stdout.write(
            f"Imported questionnaire “{version.questionnaire.title}” (ID {version.questionnaire.pk}) "
            f"into process {process.pk} ({process.title}) as version {version.number} (draft)."
        )
        self.stdout.write(
            f"{len(schema['pages'])} page(s), {len(all_questions(schema))} question(s), "
            f"{len(schema['choice_lists'])} choice list(s); languages: {languages}."
        )
