"""The validation report of an organisation import: per row what importing it would do, and what is wrong.

``plan_rows`` in ``checking`` makes it; the check page of the upload flow shows it, and
``organisation_import_apply`` refuses to save while it has errors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class RowStatus(models.TextChoices):
    NEW = "new", gettext_lazy("new")
    UPDATED = "updated", gettext_lazy("updated")
    UNCHANGED = "unchanged", gettext_lazy("unchanged")
    ERROR = "error", gettext_lazy("error")


@dataclass(frozen=True)
class RowIssue:
    """What is wrong in one cell (``column``) or, with an empty column, in the row as a whole."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class CheckedRow:
    """One data row of a checked file (line ``number``, ``cells`` by heading) and what is wrong with it.

    The imports of other apps (e.g. monitoring's status and indicator values) extend it with what the row names.
    """

    number: int
    cells: Mapping[str, str]
    issues: list[RowIssue] = field(default_factory=list)

    def cell(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def problem(self, column: str, message: str) -> None:
        self.issues.append(RowIssue(self.number, column, message))


RowT = TypeVar("RowT", bound=CheckedRow)


@dataclass(frozen=True)
class RowCheck(Generic[RowT]):
    """The validation report of a file of ``CheckedRow``: every row, and the columns that were not known."""

    rows: tuple[RowT, ...]
    ignored_columns: tuple[str, ...] = ()

    @property
    def issues(self) -> tuple[RowIssue, ...]:
        return tuple(issue for row in self.rows for issue in row.issues)

    @property
    def has_errors(self) -> bool:
        return any(row.issues for row in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.issues)


def ignored_columns(rows: Sequence[Mapping[str, str]], known: Sequence[str]) -> tuple[str, ...]:
    """The headings of the file (the keys of its first row) that are not among ``known``, in their order."""
    return tuple(dict.fromkeys(name for cells in rows[:1] for name in cells if name not in known))


@dataclass(frozen=True)
class PreviewRow:
    number: int
    status: RowStatus
    name: str
    municipality: str = ""
    contact: str = ""
    changed_columns: tuple[str, ...] = ()
    issues: tuple[RowIssue, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def status_label(self) -> str:
        return str(self.status.label)


@dataclass(frozen=True)
class ImportPreview:
    rows: tuple[PreviewRow, ...]
    ignored_columns: tuple[str, ...] = ()

    @property
    def issues(self) -> tuple[RowIssue, ...]:
        return tuple(issue for row in self.rows for issue in row.issues)

    @property
    def has_errors(self) -> bool:
        return any(row.status == RowStatus.ERROR for row in self.rows)

    def count(self, status: RowStatus) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new_count(self) -> int:
        return self.count(RowStatus.NEW)

    @property
    def updated_count(self) -> int:
        return self.count(RowStatus.UPDATED)

    @property
    def unchanged_count(self) -> int:
        return self.count(RowStatus.UNCHANGED)

    @property
    def error_count(self) -> int:
        return self.count(RowStatus.ERROR)
