"""File writers for survey data exports: CSV for German Excel, XLSX with a codebook, SPSS ``.sav`` and Stata ``.dta``.

The caller builds an :class:`ExportTable` (variables with labels, value labels and missing codes, and a
DataFrame with one column per variable, in variable order) and hands it to a writer from :data:`FORMATS`.
What the data frame holds per kind of variable:

* ``string``: text or missing (``None``/NaN).
* ``integer`` and ``decimal``: numbers; the special missing codes of ``missing_values`` (e.g. ``-9``) appear
  as numbers; NaN is "no value" (system missing).
* ``categorical``: integer codes (keys of ``value_labels``) or missing codes or NaN.
* ``date``: ``datetime.date``/``datetime64`` values or missing.

How each format shows them:

* **CSV** (UTF-8 with BOM, ``;``, ``\\r\\n``, decimal comma, ISO dates) and **XLSX** (sheets data, codebook,
  notes): categoricals are written as their labels, special missing codes as their labels, system missing
  as an empty cell. Text that a spreadsheet could run as a formula is neutralised: in CSV a text cell that
  begins with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading apostrophe; in XLSX every text
  is stored as a text cell (never as a formula), characters XML cannot hold are removed and a text is cut at
  Excel's 32,767 characters.
* **SPSS**: codes with value labels (the labels of the missing codes included), missing codes as user-missing
  values (up to three discrete codes, or one range when there are more and no valid value lies inside it),
  measure levels, names made SPSS-safe.
* **Stata** (format 118, "version 15"): codes with value labels; Stata's own missing values ``.a``–``.z``
  are not used: the missing codes stay ordinary values that carry value labels ("-9 = weiß nicht"),
  so a Stata user must exclude them (``mvdecode``) before computing statistics; :func:`format_notes` says so.

A name that is not a valid SPSS or Stata name is changed (see :func:`spss_names`, :func:`stata_names`) and
the variable label then begins with the original name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple

import numpy as np
import pandas as pd
import pyreadstat
import xlsxwriter
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

Kind = Literal["string", "integer", "decimal", "date", "categorical"]
KINDS: tuple[Kind, ...] = ("string", "integer", "decimal", "date", "categorical")
NUMERIC_KINDS = frozenset({"integer", "decimal", "categorical"})

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32_767
SPSS_NAME_BYTES = 64
SPSS_LABEL_BYTES = 256
SPSS_FILE_LABEL_BYTES = 64
SPSS_VALUE_LABEL_BYTES = 120
SPSS_NOTE_LINE_BYTES = 80
SPSS_MISSING_DISCRETE = 3
SPSS_RESERVED = frozenset({"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"})
STATA_NAME_CHARACTERS = 32
STATA_LABEL_CHARACTERS = 80
STATA_RESERVED = frozenset(
    {"byte", "double", "float", "if", "in", "int", "long", "strl", "using", "with", "_all", "_n", "_pi", "_rc"}
)
STATA_STR = re.compile(r"^str\d+$", re.IGNORECASE)
TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
NOT_NAME_CHARACTER = re.compile(r"[^A-Za-z0-9_]")
COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Variable:
    """One column of the export.

    ``value_labels`` map integer codes to labels (categoricals must have them; integer variables may, e.g.
    ``{0: "nicht gewählt", 1: "gewählt"}`` for a multiple-choice column). ``missing_values`` map the special
    missing codes of a numeric or categorical variable to their labels. ``ordinal`` marks ordered codes
    (SPSS measure "ordinal"); ``question`` is the name of the question the column comes from.
    """

    name: str
    label: str
    kind: Kind
    value_labels: Mapping[int, str] = field(default_factory=dict)
    missing_values: Mapping[int, str] = field(default_factory=dict)
    question: str = ""
    ordinal: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: unknown kind {self.kind!r}")
        if self.kind == "categorical" and not self.value_labels:
            raise ValueError(f"{self.name}: a categorical variable needs value labels")
        if self.value_labels and self.kind not in {"integer", "categorical"}:
            raise ValueError(f"{self.name}: value labels are for integer and categorical variables only")
        if self.missing_values and self.kind not in NUMERIC_KINDS:
            raise ValueError(f"{self.name}: missing codes are for numeric and categorical variables only")
        for code in (*self.value_labels, *self.missing_values):
            if isinstance(code, bool) or not isinstance(code, int):
                raise ValueError(f"{self.name}: codes must be integers, not {code!r}")
        if overlap := set(self.value_labels) & set(self.missing_values):
            raise ValueError(f"{self.name}: codes {sorted(overlap)} are both values and missing codes")

    @property
    def all_labels(self) -> dict[int | float, str]:
        """Value labels and the labels of the missing codes together (the key type pyreadstat expects)."""
        labels: dict[int | float, str] = dict(self.value_labels.items())
        labels.update(self.missing_values.items())
        return labels


@dataclass(frozen=True)
class ExportTable:
    """The data of one export: variables in order and a DataFrame with exactly these columns."""

    title: str
    variables: Sequence[Variable]
    rows: pd.DataFrame
    notes: Sequence[str] = ()

    def __post_init__(self) -> None:
        names = [variable.name for variable in self.variables]
        if len(set(names)) != len(names):
            raise ValueError("variable names must be unique")
        if list(self.rows.columns) != names:
            raise ValueError("the columns of rows must be the variable names in variable order")


class ExportFormat(NamedTuple):
    writer: Callable[[ExportTable, BinaryIO], None]
    extension: str
    content_type: str


# Values -----------------------------------------------------------------------------------------


def _numbers(series: pd.Series) -> list[float | None]:
    values = pd.to_numeric(series, errors="raise").astype("float64").tolist()
    return [None if math.isnan(value) else value for value in values]


def _dates(series: pd.Series) -> list[dt.date | None]:
    timestamps = pd.to_datetime(series, errors="raise")
    return [None if pd.isna(value) else value.date() for value in timestamps]


def _texts(series: pd.Series) -> list[str | None]:
    return [value if isinstance(value, str) else None if pd.isna(value) else str(value) for value in series]


def _display_values(variable: Variable, series: pd.Series) -> list[object]:
    """The values as a spreadsheet user should see them: labels for categoricals and missing codes."""
    if variable.kind == "string":
        return list(_texts(series))
    if variable.kind == "date":
        return list(_dates(series))
    numbers = _numbers(series)
    labels: dict[int | float, str] = dict(variable.missing_values.items())
    if variable.kind == "categorical":
        labels = variable.all_labels
    values: list[object] = []
    for number in numbers:
        if number is None:
            values.append(None)
        elif number in labels:
            values.append(labels[number])
        elif variable.kind == "decimal" or not number.is_integer():
            values.append(number)
        else:
            values.append(int(number))
    return values


def _decimal_comma(number: float) -> str:
    text = repr(number)
    if "e" in text or "inf" in text or "nan" in text:
        text = np.format_float_positional(number, trim="-")
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",")


def neutralise_csv_text(text: str) -> str:
    """Prefix an apostrophe to a text a spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@``, tab, CR)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise_csv_text(value)
    if isinstance(value, float):
        return _decimal_comma(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# CSV --------------------------------------------------------------------------------------------


def write_csv(table: ExportTable, target: BinaryIO) -> None:
    """CSV for German Excel: UTF-8 with BOM, ``;``, ``\\r\\n``, decimal comma, ISO dates, labels for categoricals."""
    columns = [
        [_csv_cell(value) for value in _display_values(variable, table.rows[variable.name])]
        for variable in table.variables
    ]
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise_csv_text(variable.name) for variable in table.variables])
    writer.writerows(zip(*columns, strict=True))
    text.flush()
    text.detach()


# XLSX -------------------------------------------------------------------------------------------


def _xlsx_text(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:EXCEL_CELL_LIMIT]


def _xlsx_writer(sheet: Worksheet, date_format: Format) -> Callable[[int, int, object], None]:
    """A function writing one value: every text as a text cell (never a formula), numbers, dates with a format."""

    cleaned: dict[str, str] = {}  # labels repeat in every row: clean each text once

    def write(row: int, column: int, value: object) -> None:
        if value is None or value == "":
            return
        if isinstance(value, str):
            text = cleaned.get(value)
            if text is None:
                text = cleaned[value] = _xlsx_text(value)
            sheet.write_string(row, column, text)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, column, value, date_format)
        else:
            sheet.write_number(row, column, value)

    return write


def _kind_name(variable: Variable) -> str:
    names = {
        "string": _("Text"),
        "integer": _("Integer"),
        "decimal": _("Decimal number"),
        "date": _("Date"),
        "categorical": _("Categorical (ordered)") if variable.ordinal else _("Categorical"),
    }
    return names[variable.kind]


def _code_lines(labels: Mapping[int, str]) -> str:
    return "\n".join(f"{code} = {label}" for code, label in labels.items())


def codebook_rows(table: ExportTable) -> list[tuple[str, str, str, str, str, str]]:
    """One row per variable: name, question, label, type, codes and values, missing codes (as in the XLSX)."""
    return [
        (
            variable.name,
            variable.question,
            variable.label,
            _kind_name(variable),
            _code_lines(variable.value_labels),
            _code_lines(variable.missing_values),
        )
        for variable in table.variables
    ]


def format_notes(format_name: str) -> list[str]:
    """What a user of the file in ``format_name`` must know about how values are written (German UI text)."""
    if format_name in {"csv", "xlsx"}:
        notes = [
            _("Categorical variables are written as their value labels; the codes are listed in the codebook."),
            _("Special missing codes are written as their labels; an empty cell means that no value was recorded."),
        ]
        if format_name == "csv":
            notes.append(
                _(
                    "Text cells beginning with =, +, -, @, a tab or a carriage return begin with an apostrophe "
                    "so that spreadsheet programs do not run them as formulas."
                )
            )
        else:
            notes.append(_("All texts are stored as text cells, never as formulas."))
        return notes
    if format_name == "sav":
        return [_("Special missing codes are defined as user-missing values and carry value labels.")]
    if format_name == "dta":
        return [
            _(
                "Special missing codes (such as -9) are ordinary values with value labels, not Stata missing "
                "values: exclude them (for example with mvdecode) before computing statistics."
            )
        ]
    raise ValueError(f"unknown format {format_name!r}")


def write_xlsx(table: ExportTable, target: BinaryIO) -> None:
    """XLSX (XlsxWriter, one row in memory at a time) with the sheets data, codebook and notes."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,  # rows go to a temporary file as they are written
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    workbook.set_properties({"title": table.title})
    bold = workbook.add_format({"bold": True})
    wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})

    data = workbook.add_worksheet(_("Data"))
    data.freeze_panes(1, 0)
    for column, variable in enumerate(table.variables):
        data.write_string(0, column, _xlsx_text(variable.name), bold)
    columns = [_display_values(variable, table.rows[variable.name]) for variable in table.variables]
    write = _xlsx_writer(data, date_format)
    for row, values in enumerate(zip(*columns, strict=True), start=1):
        for column, value in enumerate(values):
            write(row, column, value)

    codebook = workbook.add_worksheet(_("Codebook"))
    codebook.freeze_panes(1, 0)
    for column, width in enumerate((28, 22, 60, 18, 36, 30)):
        codebook.set_column(column, column, width)
    headings = (_("Variable"), _("Question"), _("Label"), _("Type"), _("Codes and values"), _("Missing values"))
    for column, heading in enumerate(headings):
        codebook.write_string(0, column, heading, bold)
    for row, texts in enumerate(codebook_rows(table), start=1):
        for column, text in enumerate(texts):
            if text:
                codebook.write_string(row, column, _xlsx_text(text), wrapped)

    notes = workbook.add_worksheet(_("Notes"))
    notes.set_column(0, 0, 120)
    notes.write_string(0, 0, _xlsx_text(table.title), bold)
    for row, note in enumerate((*table.notes, *format_notes("xlsx")), start=2):
        notes.write_string(row, 0, _xlsx_text(note), wrapped)

    workbook.close()


# Names ------------------------------------------------------------------------------------------


def _safe_names(
    names: Iterable[str],
    *,
    limit: Callable[[str], int],
    reserved: Callable[[str], bool],
    valid: Callable[[str], bool],
) -> dict[str, str]:
    """Map every name to a unique valid one; valid names keep themselves, names compare case-insensitively.

    A changed name is the original transliterated to ASCII, cut to ``limit(name)`` and, where it would collide
    with a name already taken, ended with ``_2``, ``_3`` …: the result depends only on the names and their order.
    """
    names = list(names)
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:  # valid names first, so that a changed name never takes a valid one
        if valid(name) and name.casefold() not in taken:
            result[name] = name
            taken.add(name.casefold())
    for name in names:
        if name in result:
            continue
        base = unicodedata.normalize("NFKD", name.translate(TRANSLITERATION))
        base = NOT_NAME_CHARACTER.sub("_", "".join(c for c in base if not unicodedata.combining(c)))
        if not base[:1].isalpha():
            base = "v" + base
        if reserved(base):
            base += "_"
        length = limit(name)
        candidate, number = base[:length], 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f"_{number}"
            candidate = base[: length - len(suffix)] + suffix
        result[name] = candidate
        taken.add(candidate.casefold())
    return result


def _plain_name(name: str, limit: int) -> bool:
    return (
        bool(name)
        and name[0].isascii()
        and name[0].isalpha()
        and len(name) <= limit
        and not NOT_NAME_CHARACTER.search(name)
    )


def spss_names(names: Iterable[str]) -> dict[str, str]:
    """SPSS-safe names: ≤ 64 bytes, a letter first, then ASCII letters, digits and ``_``; no reserved word; unique."""
    return _safe_names(
        names,
        limit=lambda name: SPSS_NAME_BYTES,
        reserved=lambda name: name.casefold() in SPSS_RESERVED,
        valid=lambda name: _plain_name(name, SPSS_NAME_BYTES) and name.casefold() not in SPSS_RESERVED,
    )


def _stata_reserved(name: str) -> bool:
    return name.casefold() in STATA_RESERVED or bool(STATA_STR.match(name))


def stata_names(names: Iterable[str], *, labelled: Collection[str] = ()) -> dict[str, str]:
    """Stata-safe names: ≤ 32 characters, a letter first, then ASCII letters, digits and ``_``; no reserved word.

    pyreadstat names the value labels of the n-th labelled variable (``labelled``, counted from 0 in the order
    of ``names``) by the variable name followed by n, and Stata allows 32 characters for that name too: a
    labelled variable's name leaves room for its number.
    """
    names = list(names)
    numbers = {name: number for number, name in enumerate(name for name in names if name in labelled)}

    def limit(name: str) -> int:
        return STATA_NAME_CHARACTERS - (len(str(numbers[name])) if name in numbers else 0)

    return _safe_names(
        names,
        limit=limit,
        reserved=_stata_reserved,
        valid=lambda name: _plain_name(name, limit(name)) and not _stata_reserved(name),
    )


def _cut_bytes(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def _wrap_bytes(text: str, limit: int) -> list[str]:
    """Lines of at most ``limit`` UTF-8 bytes, broken between words where possible."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        joined = f"{line} {word}" if line else word
        if len(joined.encode("utf-8")) <= limit:
            line = joined
            continue
        if line:
            lines.append(line)
        while len(word.encode("utf-8")) > limit:
            head = _cut_bytes(word, limit)
            lines.append(head)
            word = word[len(head) :]
        line = word
    if line:
        lines.append(line)
    return lines


def _labelled_name(variable: Variable, name: str) -> str:
    return variable.label if name == variable.name else f"{variable.name}: {variable.label}"


# SPSS and Stata ---------------------------------------------------------------------------------


def _statistics_frame(table: ExportTable, names: Mapping[str, str]) -> pd.DataFrame:
    columns: dict[str, object] = {}
    for variable in table.variables:
        series = table.rows[variable.name]
        if variable.kind == "string":
            columns[names[variable.name]] = pd.Series([text or "" for text in _texts(series)], dtype=object)
        elif variable.kind == "date":
            columns[names[variable.name]] = pd.Series(_dates(series), dtype=object)
        else:
            columns[names[variable.name]] = pd.to_numeric(series, errors="raise").astype("float64").to_numpy()
    return pd.DataFrame(columns)


def _spss_missing(variable: Variable, values: pd.Series) -> list[float | dict[str, float]]:
    codes = sorted(variable.missing_values)
    if len(codes) <= SPSS_MISSING_DISCRETE:
        return [float(code) for code in codes]
    low, high = codes[0], codes[-1]
    valid = values[~values.isin(codes)]
    if ((valid >= low) & (valid <= high)).any() or any(low <= code <= high for code in variable.value_labels):
        raise ValueError(
            f"{variable.name}: more than three missing codes need a range from {low} to {high} without valid values"
        )
    return [{"lo": float(low), "hi": float(high)}]


def _spss_measure(variable: Variable) -> str:
    if variable.ordinal:
        return "ordinal"
    if variable.kind in {"string", "categorical"} or variable.value_labels:
        return "nominal"
    return "scale"


def _copy_into(path: Path, target: BinaryIO) -> None:
    with path.open("rb") as source:
        shutil.copyfileobj(source, target, COPY_CHUNK)


def write_sav(table: ExportTable, target: BinaryIO) -> None:
    """SPSS ``.sav`` with variable labels, value labels, user-missing codes and measure levels."""
    names = spss_names(variable.name for variable in table.variables)
    frame = _statistics_frame(table, names)
    labels: dict[str, str | None] = {}
    value_labels: dict[str, dict[int | float, str]] = {}
    missing: dict[str, list[float | dict[str, float]]] = {}
    measures: dict[str, str] = {}
    formats: dict[str, str] = {}
    for variable in table.variables:
        name = names[variable.name]
        labels[name] = _cut_bytes(_labelled_name(variable, name), SPSS_LABEL_BYTES)
        measures[name] = _spss_measure(variable)
        if variable.all_labels:
            value_labels[name] = {
                code: _cut_bytes(label, SPSS_VALUE_LABEL_BYTES) for code, label in variable.all_labels.items()
            }
        if variable.missing_values:
            missing[name] = _spss_missing(variable, frame[name])
        if variable.kind in {"integer", "categorical"}:
            formats[name] = "F8.0"
    notes = [line for note in (table.title, *table.notes) for line in _wrap_bytes(note, SPSS_NOTE_LINE_BYTES)]
    with tempfile.TemporaryDirectory(prefix="standortkompass-export-") as directory:
        path = Path(directory) / "export.sav"
        pyreadstat.write_sav(
            frame,
            path,
            file_label=_cut_bytes(table.title, SPSS_FILE_LABEL_BYTES),
            column_labels=labels,
            note=notes or None,
            variable_value_labels=value_labels,
            missing_ranges=missing,  # type: ignore[arg-type]  # pyreadstat's hint omits the {"lo", "hi"} form it documents
            variable_measure=measures,
            variable_format=formats,
        )
        _copy_into(path, target)


def write_dta(table: ExportTable, target: BinaryIO) -> None:
    """Stata ``.dta`` (version 15) with variable labels and value labels; missing codes stay labelled values."""
    names = stata_names(
        (variable.name for variable in table.variables),
        labelled={variable.name for variable in table.variables if variable.all_labels},
    )
    frame = _statistics_frame(table, names)
    labels: dict[str, str | None] = {}
    value_labels: dict[str, dict[int | float, str]] = {}
    for variable in table.variables:
        name = names[variable.name]
        labels[name] = _labelled_name(variable, name)[:STATA_LABEL_CHARACTERS]
        if variable.all_labels:
            value_labels[name] = variable.all_labels
    with tempfile.TemporaryDirectory(prefix="standortkompass-export-") as directory:
        path = Path(directory) / "export.dta"
        pyreadstat.write_dta(
            frame,
            path,
            file_label=table.title[:STATA_LABEL_CHARACTERS],
            column_labels=labels,
            version=15,
            variable_value_labels=value_labels,
        )
        _copy_into(path, target)


FORMATS: Mapping[str, ExportFormat] = {
    "csv": ExportFormat(write_csv, "csv", "text/csv; charset=utf-8"),
    "xlsx": ExportFormat(write_xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "sav": ExportFormat(write_sav, "sav", "application/x-spss-sav"),
    "dta": ExportFormat(write_dta, "dta", "application/x-stata-dta"),
}
