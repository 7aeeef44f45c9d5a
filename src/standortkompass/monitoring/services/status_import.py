"""The import of project status updates: the check of every row, and saving all of them or none.

A row names a project (short name or title) and gives its status, progress and a text for a reporting round:
the round with the row's reporting date (Stichtag), or, without one, the process's only open round.
``status_import_check`` saves nothing and names the row and column of every problem; ``status_import_apply``
checks again and saves every row as the project's report in its round (``report_submit``, source "import") in
one transaction, or nothing while any row has a problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.monitoring import importer as cols
from standortkompass.monitoring.models import ProjectReport, ReportingRound, ReportSource
from standortkompass.monitoring.services.reports import report_submit
from standortkompass.processes.importers.report import CheckedRow, RowCheck, ignored_columns
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, ProjectStatus

_STATUS_BY_WORD = (
    {word.casefold(): code for word, code in cols.STATUS_WORDS.items()}
    | {code: code for code in ProjectStatus.values}
    | dict(cols.STATUS_ALIASES)
)
_DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d")
TEXT_LIMIT = 2000


@dataclass
class PlannedStatus(CheckedRow):
    """One data row: what it names, the values it gives and what is wrong with it."""

    project: Element | None = None
    reporting_round: ReportingRound | None = None
    status: str = ""
    progress: int | None = None
    text: str = ""
    is_update: bool = False

    @property
    def status_label(self) -> str:
        return str(dict(ProjectStatus.choices).get(self.status, "")) if self.status else ""


@dataclass(frozen=True)
class StatusCheck(RowCheck[PlannedStatus]):
    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if not row.issues and not row.is_update)

    @property
    def update_count(self) -> int:
        return sum(1 for row in self.rows if not row.issues and row.is_update)


class StatusImportRejectedError(Exception):
    """The rows have problems; nothing was saved. ``check`` holds the report."""

    def __init__(self, check: StatusCheck) -> None:
        super().__init__("status import rejected")
        self.check = check


def parse_progress(text: str) -> int:
    compact = text.replace("\u00a0", "").replace(" ", "").removesuffix("%").replace(",", ".")
    if not re.fullmatch(r"\d{1,3}(\.0+)?", compact):
        raise ValueError(_("“%(value)s” is not a whole number from 0 to 100.") % {"value": text})
    value = int(float(compact))
    if value > 100:
        raise ValueError(_("%(value)s is more than 100 percent.") % {"value": value})
    return value


def parse_date(text: str) -> dt.date:
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date. Write it like 31.03.2027.") % {"value": text})


class _Lookups:
    def __init__(self, process: StrategyProcess) -> None:
        projects = list(Element.objects.filter(strategy__process=process, kind=ElementKind.PROJECT).select_related())
        self.by_slug = {project.slug: project for project in projects}
        self.by_title: dict[str, list[Element]] = {}
        for project in projects:
            self.by_title.setdefault(project.title.casefold().strip(), []).append(project)
        self.rounds_by_date: dict[dt.date, list[ReportingRound]] = {}
        for reporting_round in ReportingRound.objects.filter(process=process):
            self.rounds_by_date.setdefault(reporting_round.reporting_date, []).append(reporting_round)


def _read_row(row: PlannedStatus, lookups: _Lookups, default_round: ReportingRound | None) -> None:
    name = row.cell(cols.PROJECT)
    if not name:
        row.problem(cols.PROJECT, _("The project is missing: give its short name or its title."))
    else:
        row.project = lookups.by_slug.get(name)
        if row.project is None:
            found = lookups.by_title.get(name.casefold(), [])
            if len(found) > 1:
                row.problem(
                    cols.PROJECT, _("Several projects are called “%(name)s”; give the short name.") % {"name": name}
                )
            elif found:
                row.project = found[0]
            else:
                row.problem(cols.PROJECT, _("There is no project “%(name)s” in the strategy.") % {"name": name})
    status_text = row.cell(cols.STATUS)
    if status_text:
        status = _STATUS_BY_WORD.get(status_text.casefold())
        if status is None:
            row.problem(
                cols.STATUS,
                _("Unknown status “%(value)s”. Allowed are: %(allowed)s.")
                % {"value": status_text, "allowed": ", ".join(cols.STATUS_WORDS)},
            )
        else:
            row.status = status
    progress_text = row.cell(cols.PROGRESS)
    if progress_text:
        try:
            row.progress = parse_progress(progress_text)
        except ValueError as error:
            row.problem(cols.PROGRESS, str(error))
    row.text = row.cell(cols.TEXT)
    if len(row.text) > TEXT_LIMIT:
        row.problem(cols.TEXT, _("The text is longer than %(max)s characters.") % {"max": TEXT_LIMIT})
    if not (status_text or progress_text or row.text):
        row.problem("", _("The row gives neither status nor progress nor text."))
    date_text = row.cell(cols.REPORTING_DATE)
    if not date_text:
        if default_round is None:
            row.problem(
                cols.REPORTING_DATE,
                _(
                    "The reporting date is missing. Without it, a row belongs to the open reporting round, "
                    "but there is none or more than one."
                ),
            )
        row.reporting_round = default_round
        return
    try:
        day = parse_date(date_text)
    except ValueError as error:
        row.problem(cols.REPORTING_DATE, str(error))
        return
    rounds = lookups.rounds_by_date.get(day, [])
    if default_round is not None and default_round.reporting_date == day:
        row.reporting_round = default_round
    elif len(rounds) == 1:
        row.reporting_round = rounds[0]
    elif rounds:
        row.problem(
            cols.REPORTING_DATE,
            _("Several reporting rounds have the reporting date %(date)s; upload their rows separately.")
            % {"date": date_format(day, "SHORT_DATE_FORMAT")},
        )
    else:
        row.problem(
            cols.REPORTING_DATE,
            _("No reporting round has the reporting date %(date)s. Open the round first.")
            % {"date": date_format(day, "SHORT_DATE_FORMAT")},
        )


def default_round_of(process: StrategyProcess) -> ReportingRound | None:
    """The round of rows without a reporting date: the process's open round, when there is exactly one."""
    rounds = list(ReportingRound.objects.filter(process=process, closed_at__isnull=True)[:2])
    return rounds[0] if len(rounds) == 1 else None


def status_import_check(*, process: StrategyProcess, rows: Sequence[Mapping[str, str]]) -> StatusCheck:
    """Every non-empty row with what importing it would do and what is wrong with it; saves nothing."""
    lookups = _Lookups(process)
    default_round = default_round_of(process)
    planned = [PlannedStatus(number=index + 2, cells=cells) for index, cells in enumerate(rows) if any(cells.values())]
    first_of: dict[tuple[int, int], int] = {}
    for row in planned:
        _read_row(row, lookups, default_round)
        if row.project is None or row.reporting_round is None:
            continue
        key = (row.reporting_round.pk, row.project.pk)
        first = first_of.setdefault(key, row.number)
        if first != row.number:
            row.problem(cols.PROJECT, _("Row %(row)s already reports on this project in this round.") % {"row": first})
    existing = set(ProjectReport.objects.filter(round__process=process).values_list("round_id", "project_id"))
    for row in planned:
        if row.project is not None and row.reporting_round is not None:
            row.is_update = (row.reporting_round.pk, row.project.pk) in existing
    return StatusCheck(rows=tuple(planned), ignored_columns=ignored_columns(rows, cols.HEADERS))


@dataclass(frozen=True)
class StatusImportResult:
    created: int
    updated: int


def status_import_apply(
    *,
    process: StrategyProcess,
    rows: Sequence[Mapping[str, str]],
    actor: User,
    filename: str,
) -> StatusImportResult:
    """Save every row as the report of its project in its round, all or nothing.

    Raises ``StatusImportRejectedError`` (nothing saved) when a row has a problem, also one that arose since
    the check; a ``ValidationError`` of a service rolls everything back as well.
    """
    with transaction.atomic():
        check = status_import_check(process=process, rows=rows)
        if check.has_errors:
            raise StatusImportRejectedError(check)
        created = updated = 0
        for row in check.rows:
            assert row.project is not None
            assert row.reporting_round is not None
            sheet = getattr(row.project, "sheet", None)
            previous = ProjectReport.objects.filter(round=row.reporting_round, project=row.project).first()
            data: dict[str, object] = {
                "status": row.status or (previous.status if previous else getattr(sheet, "status", "idea")),
                "progress": row.progress
                if row.progress is not None
                else (previous.progress if previous else getattr(sheet, "progress", 0)),
            }
            if row.text:
                data["achieved"] = row.text
            report_submit(
                reporting_round=row.reporting_round,
                project=row.project,
                actor=actor,
                data=data,
                source=ReportSource.IMPORT,
                allow_closed=True,
            )
            updated += previous is not None
            created += previous is None
        audit_record(
            actor=actor,
            action="monitoring.import",
            obj=process,
            process=process,
            changes={"file": filename, "created": created, "updated": updated},
        )
    return StatusImportResult(created=created, updated=updated)
