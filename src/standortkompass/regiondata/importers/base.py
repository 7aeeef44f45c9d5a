"""What every statistics reader produces: records, problems with their place in the file, notes.

Readers only read and validate. Writing (all-or-nothing, idempotent, revisions recorded) is
``observations_import`` in ``regiondata.services``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standortkompass.regiondata.importers.limits import MAX_LISTED_PROBLEMS, grouped, text_problem
from standortkompass.regiondata.models import ValueStatus

AGS_KEY = re.compile(r"^(DG|\d{2}|\d{3}|\d{5}|\d{8})$")
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
STATUS_SYMBOLS: dict[str, str] = {
    ".": ValueStatus.UNKNOWN,
    "-": ValueStatus.NOTHING,
    "–": ValueStatus.NOTHING,
    "x": ValueStatus.LOCKED,
    "/": ValueStatus.UNRELIABLE,
    "...": ValueStatus.LATER,
    "…": ValueStatus.LATER,
}


@dataclass(frozen=True)
class Problem:
    """Something in the file that prevents the import; ``line``/``column`` count from 1."""

    file: str
    line: int | None
    column: int | None
    message: str
    spreadsheet: bool = False

    def location(self) -> str:
        if self.line is None:
            return self.file
        if self.spreadsheet:
            if self.column is None:
                return _("%(file)s, row %(row)d") % {"file": self.file, "row": self.line}
            return _("%(file)s, row %(row)d, column %(column)s") % {
                "file": self.file,
                "row": self.line,
                "column": column_letter(self.column),
            }
        if self.column is None:
            return _("%(file)s, line %(line)d") % {"file": self.file, "line": self.line}
        return _("%(file)s, line %(line)d, column %(column)d") % {
            "file": self.file,
            "line": self.line,
            "column": self.column,
        }

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


def column_letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(slots=True)
class Record:
    """One observation as read from a file (not yet checked against the database)."""

    indicator: str
    region: str
    region_name: str
    sector: str
    year: int
    reference_date: dt.date | None
    value: float | None
    status: str
    source_table: str
    line: int | None
    qualifier: str = ""


@dataclass(frozen=True)
class IndicatorInfo:
    """Name and unit of an indicator that is not in the catalogue, as far as the file tells."""

    name: str
    unit: str = ""
    source: str = ""
    description: str = ""


@dataclass
class ParsedFile:
    file_name: str
    format: str
    source_table: str = ""
    records: list[Record] = field(default_factory=list)
    indicators: dict[str, IndicatorInfo] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    spreadsheet: bool = False
    # Problems beyond MAX_LISTED_PROBLEMS are counted, not kept.
    unlisted_problems: int = 0

    def problem(self, line: int | None, column: int | None, message: str) -> None:
        if len(self.problems) >= MAX_LISTED_PROBLEMS:
            self.unlisted_problems += 1
            return
        self.problems.append(Problem(self.file_name, line, column, message, self.spreadsheet))

    def refusal(self) -> StatisticsImportError:
        """The error that refuses this file: its listed problems and the number of all of them."""
        problems = list(self.problems)
        if self.unlisted_problems:
            problems.append(
                Problem(
                    self.file_name,
                    None,
                    None,
                    ngettext(
                        "… and %(count)s more problem, not listed.",
                        "… and %(count)s more problems, not listed.",
                        self.unlisted_problems,
                    )
                    % {"count": grouped(self.unlisted_problems)},
                )
            )
        return StatisticsImportError(problems, total=len(self.problems) + self.unlisted_problems)


class StatisticsImportError(Exception):
    """The file was refused; ``problems`` says where and why, ``total`` how many there are. Nothing was saved."""

    def __init__(self, problems: list[Problem], *, total: int | None = None) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems
        self.total = len(problems) if total is None else total


def decode_text(data: bytes, parsed: ParsedFile, *, latin1: bool) -> str | None:
    """The text of ``data``: UTF-8 (with or without BOM), or Latin-1 where ``latin1`` allows it.

    Refused, before anything is decoded, when it is over the caps of ``limits``; refused with a
    problem at the first offending line and column: NUL bytes (UTF-16 or a
    binary file), control characters that no Latin-1 text contains, and the traces of a
    UTF-8 file damaged or re-encoded on the way (``Ã¤`` for ``ä``).
    """
    too_large = text_problem(data)
    if too_large:
        parsed.problem(None, None, too_large)
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if not latin1:
            line, column = _position(data, error.start)
            parsed.problem(
                line, column, _("The file is not UTF-8 text (byte 0x%(byte)02X).") % {"byte": data[error.start]}
            )
            return None
        text = data.decode("latin-1")
    mojibake = re.search(r"Ã[\u0080-\u00bf]", text)
    if mojibake:
        line, column = _text_position(text, mojibake.start())
        parsed.problem(
            line,
            column,
            _("The text %(text)s looks like a damaged UTF-8 character: the file mixes encodings.")
            % {"text": repr(mojibake.group())},
        )
        return None
    control = CONTROL_CHARACTERS.search(text)
    if control:
        line, column = _text_position(text, control.start())
        parsed.problem(
            line,
            column,
            _(
                "The file contains the control character U+%(code)04X: it is not a text file in Latin-1 or UTF-8 "
                "(perhaps UTF-16 or a spreadsheet); save it again as CSV."
            )
            % {"code": ord(control.group())},
        )
        return None
    return text


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def region_code_problem(code: str) -> str:
    if code.isdigit() and len(code) in {1, 4, 7}:
        return _(
            "%(code)s is not a region key (AGS); did a spreadsheet drop a leading zero? Region keys have 2, 3, 5 "
            "or 8 digits (e.g. 08118), Germany is DG."
        ) % {"code": repr(code)}
    return _("%(code)s is not a region key (AGS): use 2, 3, 5 or 8 digits (e.g. 08118), or DG for Germany.") % {
        "code": repr(code)
    }


def slug(text: str, *, length: int = 80) -> str:
    replaced = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    normalised = unicodedata.normalize("NFKD", replaced).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", normalised).strip("_")[:length].rstrip("_")
