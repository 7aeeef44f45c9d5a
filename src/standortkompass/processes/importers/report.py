"""The validation report of an organisation import: per row what importing it would do, and what is wrong.

``plan_rows`` in ``checking`` makes it; the check page of the upload flow shows it, and
``organisation_import_apply`` refuses to save while it has errors.
"""

from __future__ import annotations

from dataclasses import dataclass

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
