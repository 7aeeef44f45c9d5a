"""``standortkompass report KIND [--process ID] --format pdf|docx|html --output FILE`` (docs/reports.md)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from standortkompass.processes.documents import DocumentUnavailableError, document_kinds
from standortkompass.processes.models import StrategyProcess
from standortkompass.reports.rendering import FORMATS, build_document, render_document


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Generate a document (PDF, DOCX or HTML) of a process: " + ", ".join(kind.key for kind in document_kinds())

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="the kind of document (standortanalyse, …)")
        parser.add_argument("--process", type=int, help="the process's number (may be left out with one process)")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), required=True)
        parser.add_argument("--output", required=True, help="the file to write (replaced when it exists)")
        parser.add_argument("--reference", choices=["land", "bund"], help="standortanalyse: the reference region")
        parser.add_argument("--workshop", type=int, help="werkstatt: the workshop's number")
        parser.add_argument("--language", default="de", choices=["de", "en"])

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = [kind.key for kind in document_kinds()]
        if options["kind"] not in kinds:
            raise _fail(f"Unknown kind of document {options['kind']!r}; known: {', '.join(kinds)}.")
        process = self._process(options["process"])
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise _fail(f"--output: the folder {output.parent} does not exist.")
        kind_options = {name: options[name] for name in ("reference", "workshop") if options[name] is not None}
        with translation.override(options["language"]):
            try:
                document = build_document(options["kind"], process, kind_options)
            except DocumentUnavailableError as unavailable:
                raise _fail(str(unavailable)) from None
            rendered = render_document(document, options["fmt"])
        # Written next to the target and moved into place: a failure leaves no half-written file.
        handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=".report-", suffix=f".{rendered.extension}")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(rendered.content)
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(f"{output}: {document.title} ({options['fmt'].upper()}, {len(rendered.content):,} bytes)")

    def _process(self, number: int | None) -> StrategyProcess:
        if number is not None:
            process = StrategyProcess.objects.filter(pk=number).first()
            if process is None:
                raise _fail(f"--process: there is no process {number}.")
            return process
        processes = list(StrategyProcess.objects.order_by("pk")[:2])
        if len(processes) != 1:
            raise _fail(
                "--process: give the process's number ("
                + ("none exists" if not processes else "there are several")
                + ")."
            )
        return processes[0]
