"""The file format of the import of indicator actual values (CSV or XLSX), its numbers and its template.

The file is read like the status import's (``importer.read_table``: the same caps on size, rows and cells,
CSV in UTF-8 or Windows-1252 with ";" or ",", workbooks in streaming mode), with the columns of ``COLUMNS``.
A row names an indicator by its number (``Kennzahl-Nr.``, as the template lists it) or by the short name of
its element together with its name, and gives a year, a value and a note.

Numbers are read so that no value can be misread (``parse_value``):

- a comma is a decimal comma: ``3,5``; dots before it group thousands: ``1.234,5``;
- without a comma, a dot is a decimal point: ``3.5``, ``0.125``, ``1234.5``; dots grouping by three are thousands
  only with more than one group: ``1.234.567``. A single group of three after one to three digits (``1.234``)
  could be either and is refused;
- ``1,234.5`` (English grouping) is refused; spaces may group thousands (``1 234,5``);
- numeric cells of a workbook are taken as they are stored (exactly, without any reading of separators);
- a value in percent (a cell formatted as percent, or a text ending in ``%``) is taken as shown: a cell
  holding 0.35 shown as 35 % gives 35, and ``35 %`` gives 35. Percent is accepted only for an indicator
  whose unit is percent; for any other unit the row is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.core.numbers import format_number
from standortkompass.monitoring.importer import Column, header_key, read_table
from standortkompass.strategy.models import StrategyIndicator

# Headings as they stand in the file (part of the file format, therefore German).
NUMBER = "Kennzahl-Nr."
ELEMENT = "Element"
ELEMENT_TITLE = "Titel des Elements"
NAME = "Kennzahl"
UNIT = "Einheit"
YEAR = "Jahr"
VALUE = "Wert"
NOTE = "Bemerkung"

COLUMNS: tuple[Column, ...] = (
    Column(
        NUMBER,
        gettext_lazy(
            "The indicator's number, as the template lists it. With it, “Element” and “Kennzahl” are only "
            "compared with the indicator; without it, both are needed."
        ),
        allowed=gettext_lazy("a whole number"),
        aliases=("Kennzahl-ID", "Kennzahlnummer", "Nr.", "ID", "Kennzahl Nr"),
    ),
    Column(
        ELEMENT,
        gettext_lazy(
            "The goal, field of action or project the indicator belongs to: its short name in web addresses "
            "(e.g. azubi-tour-2027) or its title."
        ),
        aliases=("Element-Kurzname", "Kurzname", "Slug"),
    ),
    Column(ELEMENT_TITLE, gettext_lazy("For your orientation only; not read."), aliases=("Elementtitel",)),
    Column(
        NAME,
        gettext_lazy("The indicator's name, as on the element's page."),
        aliases=("Kennzahlname", "Name der Kennzahl", "Indikator"),
    ),
    Column(UNIT, gettext_lazy("For your orientation only; not read.")),
    Column(
        YEAR,
        gettext_lazy("The year the value describes."),
        allowed="1950–2100",
        required=True,
        aliases=("Berichtsjahr",),
    ),
    Column(
        VALUE,
        gettext_lazy(
            "The actual value. A comma is the decimal comma (3,5; 1.234,5); without a comma a dot is the "
            "decimal point (3.5). “1.234” could mean either and is refused: write 1234 or 1,234. Percent "
            "(35 % or a cell formatted as percent) only for indicators measured in percent: 35 % is saved as 35."
        ),
        allowed=gettext_lazy("a number"),
        required=True,
        aliases=("Istwert", "Ist-Wert", "Ist"),
    ),
    Column(
        NOTE,
        gettext_lazy("A short note on the value, e.g. its source or a change of method (at most 300 characters)."),
        aliases=("Anmerkung", "Hinweis", "Notiz", "Quelle"),
    ),
)
HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)
# Columns that are in the template for orientation and are not read.
NOT_READ = frozenset({ELEMENT_TITLE, UNIT})

_HEADER_BY_KEY: dict[str, str] = {
    header_key(name): column.header for column in COLUMNS for name in (column.header, *column.aliases)
}

_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_GERMAN = re.compile(r"[1-9]\d{0,2}(\.\d{3})+,\d+")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_DECIMAL_POINT = re.compile(r"\d+\.\d+")
_ONE_GROUP = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_GROUPS = re.compile(r"[1-9]\d{0,2}(\.\d{3}){2,}")
_SPACE_GROUPS = re.compile(r"\d{1,3}( \d{3})+([.,]\d+)?")


def read_actuals_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """The data rows of the file keyed by heading (``rows[i]`` is line ``i + 2``); see ``importer.read_table``.

    Raises ``importer.StatusFileError`` when the file cannot be read, is over a cap or lacks "Jahr" or "Wert".
    """
    return read_table(data, filename, header_by_key=_HEADER_BY_KEY, required=(YEAR, VALUE), cell_text=cell_text)


def _plain_decimal(number: Decimal) -> str:
    """A decimal as digits with a decimal comma and no grouping: ``Decimal("1234.50")`` → ``"1234,5"``."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def cell_text(cell: object) -> str:
    """The text of a workbook cell; a number as stored, written so that ``parse_value`` reads it back exactly.

    A number formatted as percent becomes the number shown with "%" (0.35 → ``"35 %"``), a date DD.MM.YYYY.
    """
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float):
        number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
        if not number.is_finite():
            return str(value)
        if "%" in str(getattr(cell, "number_format", "") or ""):
            return f"{_plain_decimal(number * 100)} %"
        return _plain_decimal(number)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


@dataclass(frozen=True)
class ParsedValue:
    value: float
    percent: bool  # given in percent (35 % or a cell formatted as percent)


def parse_value(text: str) -> ParsedValue:
    """The number of a cell by the rules of the module's description; ``ValueError`` with a message if none."""
    compact = text.strip().replace("\u2212", "-")
    percent = compact.endswith("%")
    compact = compact.removesuffix("%").strip()
    sign = ""
    if compact[:1] in {"-", "+"}:
        sign, compact = compact[0].replace("+", ""), compact[1:].strip()
    if _SPACES.search(compact):
        spaced = _SPACES.sub(" ", compact)
        if not _SPACE_GROUPS.fullmatch(spaced):
            raise ValueError(_("“%(value)s” is not a number.") % {"value": text})
        compact = spaced.replace(" ", "")
    if _GERMAN.fullmatch(compact):
        digits = compact.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(compact):
        digits = compact.replace(",", ".")
    elif _ONE_GROUP.fullmatch(compact):
        raise ValueError(
            _(
                "“%(value)s” could be a whole number with a thousands dot or a decimal number. Write it without "
                "the dot (e.g. 1234) or with a decimal comma (e.g. 1,234)."
            )
            % {"value": text}
        )
    elif _GROUPS.fullmatch(compact):
        digits = compact.replace(".", "")
    elif _DECIMAL_POINT.fullmatch(compact) or compact.isdigit():
        digits = compact
    elif "," in compact and "." in compact:
        raise ValueError(
            _("“%(value)s” is not a number as written in German. Write it like 1.234,5 or 1234,5.") % {"value": text}
        )
    else:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text})
    try:
        number = Decimal(sign + digits)
    except InvalidOperation as error:  # pragma: no cover - the patterns above let only digits through
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from error
    return ParsedValue(float(number), percent)


def value_text(value: float, max_decimals: int = 6) -> str:
    """A value as the check page shows it: German format, with its decimals up to ``max_decimals``."""
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    decimals = min(max_decimals, max(0, -exponent)) if isinstance(exponent, int) else 0
    return format_number(value, decimals)


def is_percent_unit(unit: str) -> bool:
    folded = unit.casefold()
    return "%" in folded or "prozent" in folded or "percent" in folded


def template_csv(indicators: Iterable[StrategyIndicator]) -> bytes:
    """The CSV template: one row per given indicator, the year, value and note to fill in.

    UTF-8 with byte order mark and ";" (as Excel in Germany opens it). A text that a spreadsheet would run
    as a formula gets a leading apostrophe.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for indicator in indicators:
        element = indicator.element
        writer.writerow(
            [
                indicator.pk,
                element.slug,
                _spreadsheet_text(element.title),
                _spreadsheet_text(indicator.name),
                _spreadsheet_text(indicator.unit),
                "",
                "",
                "",
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def _spreadsheet_text(text: str) -> str:
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text
