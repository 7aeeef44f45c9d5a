"""The import of indicator actual values: the check of every row, and saving all of them or none.

A row names an indicator of the draft (by its number, or by its element's short name or title and its name)
and gives a year, a value and a note. Indicators bound to an official statistic are refused: their values
follow the statistics imports. ``actuals_import_check`` saves nothing and names the row and column of every
problem; ``actuals_import_apply`` checks again and saves every row through the strategy's ``actual_save``
(origin "imported"; a value of the same year is replaced) in one transaction, or nothing while any row has a
problem. Rows that give neither year nor value nor note (the template's rows left empty) are skipped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.monitoring import actuals_file as cols
from standortkompass.processes.importers.report import CheckedRow, RowCheck, ignored_columns
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import ActualOrigin, Element, ElementKind, IndicatorActual, StrategyIndicator
from standortkompass.strategy.services.indicators import actual_save

NOTE_LIMIT = IndicatorActual._meta.get_field("note").max_length or 300
YEAR_RANGE = (1950, 2100)
_FORMULA_START = ("=", "+", "-", "@")


@dataclass
class PlannedActual(CheckedRow):
    """One data row: the indicator it names, the value it gives, the value it replaces and what is wrong."""

    indicator: StrategyIndicator | None = None
    year: int | None = None
    value: float | None = None
    note: str = ""
    previous: IndicatorActual | None = None
    skipped: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The indicator as named in the file, while it is not found."""
        if self.indicator is not None:
            return self.indicator.name
        number = self.cell(cols.NUMBER)
        return self.cell(cols.NAME) or (f"{cols.NUMBER} {number}" if number else "")

    @property
    def value_text(self) -> str:
        return cols.value_text(self.value) if self.value is not None else ""

    @property
    def previous_text(self) -> str:
        return cols.value_text(self.previous.value) if self.previous is not None else ""

    @property
    def unit(self) -> str:
        return self.indicator.unit if self.indicator is not None else ""

    @property
    def previous_origin(self) -> str:
        if self.previous is None:
            return ""
        return str(dict(ActualOrigin.choices).get(self.previous.origin, self.previous.origin))


@dataclass(frozen=True)
class ActualsCheck(RowCheck[PlannedActual]):
    @property
    def saved_rows(self) -> tuple[PlannedActual, ...]:
        return tuple(row for row in self.rows if not row.issues and not row.skipped)

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.saved_rows if row.previous is None)

    @property
    def replace_count(self) -> int:
        return sum(1 for row in self.saved_rows if row.previous is not None)

    @property
    def skipped_count(self) -> int:
        return sum(1 for row in self.rows if row.skipped)


class ActualsImportRejectedError(Exception):
    """The rows have problems (or none gives a value); nothing was saved. ``check`` holds the report."""

    def __init__(self, check: ActualsCheck) -> None:
        super().__init__("actuals import rejected")
        self.check = check


def draft_indicators(process: StrategyProcess) -> list[StrategyIndicator]:
    """The indicators of the process's draft (bound ones included): goals', fields', then projects', each in order."""
    kinds = list(ElementKind.values)
    indicators = StrategyIndicator.objects.filter(element__strategy__process=process).select_related(
        "element", "statistic", "region"
    )
    return sorted(
        indicators,
        key=lambda indicator: (
            kinds.index(indicator.element.kind),
            indicator.element.order,
            indicator.element_id,
            indicator.order,
            indicator.pk,
        ),
    )


def unbound_indicators(process: StrategyProcess) -> list[StrategyIndicator]:
    """The indicators whose actual values are entered or imported (no official statistic), for the template."""
    return [indicator for indicator in draft_indicators(process) if indicator.statistic_id is None]


def _same_text(given: str, stored: str) -> bool:
    # The template writes a text a spreadsheet would run as a formula with a leading apostrophe.
    if given.startswith("'") and given[1:2] in _FORMULA_START:
        given = given[1:]
    return given.casefold().strip() == stored.casefold().strip()


class _Lookups:
    def __init__(self, process: StrategyProcess) -> None:
        indicators = draft_indicators(process)
        self.by_pk = {indicator.pk: indicator for indicator in indicators}
        self.by_element: dict[int, list[StrategyIndicator]] = {}
        for indicator in indicators:
            self.by_element.setdefault(indicator.element_id, []).append(indicator)
        elements = list(Element.objects.filter(strategy__process=process))
        self.by_slug = {element.slug: element for element in elements}
        self.by_title: dict[str, list[Element]] = {}
        for element in elements:
            self.by_title.setdefault(element.title.casefold().strip(), []).append(element)

    def element(self, row: PlannedActual, name: str) -> Element | None:
        found = self.by_slug.get(name.lower())
        if found is not None:
            return found
        titled = [element for key, elements in self.by_title.items() if _same_text(name, key) for element in elements]
        if len(titled) > 1:
            row.problem(
                cols.ELEMENT, _("Several elements are called “%(name)s”; give the short name.") % {"name": name}
            )
        elif not titled:
            row.problem(cols.ELEMENT, _("There is no element “%(name)s” in the strategy.") % {"name": name})
        return titled[0] if len(titled) == 1 else None


def _by_number(row: PlannedActual, lookups: _Lookups, text: str) -> StrategyIndicator | None:
    if not text.isdigit():
        row.problem(cols.NUMBER, _("“%(value)s” is not an indicator number (a whole number).") % {"value": text})
        return None
    indicator = lookups.by_pk.get(int(text))
    if indicator is None:
        row.problem(cols.NUMBER, _("The strategy has no indicator number %(number)s.") % {"number": text})
        return None
    element_text = row.cell(cols.ELEMENT)
    element = indicator.element
    if element_text and element_text != element.slug and not _same_text(element_text, element.title):
        row.problem(
            cols.ELEMENT,
            _("Indicator number %(number)s belongs to “%(element)s”, not to “%(given)s”.")
            % {"number": text, "element": element.slug, "given": element_text},
        )
    name_text = row.cell(cols.NAME)
    if name_text and not _same_text(name_text, indicator.name):
        row.problem(
            cols.NAME,
            _("Indicator number %(number)s is “%(name)s”, not “%(given)s”.")
            % {"number": text, "name": indicator.name, "given": name_text},
        )
    return indicator


def _by_names(row: PlannedActual, lookups: _Lookups) -> StrategyIndicator | None:
    element_text, name_text = row.cell(cols.ELEMENT), row.cell(cols.NAME)
    if not element_text or not name_text:
        missing = cols.ELEMENT if not element_text else cols.NAME
        row.problem(
            missing,
            _("Name the indicator: give its number (“%(number)s”) or both “%(element)s” and “%(name)s”.")
            % {"number": cols.NUMBER, "element": cols.ELEMENT, "name": cols.NAME},
        )
        return None
    element = lookups.element(row, element_text)
    if element is None:
        return None
    candidates = lookups.by_element.get(element.pk, [])
    found = [indicator for indicator in candidates if _same_text(name_text, indicator.name)]
    if len(found) > 1:
        row.problem(
            cols.NAME,
            _("“%(element)s” has several indicators called “%(name)s”; give the indicator number.")
            % {"element": element.title, "name": name_text},
        )
        return None
    if not found:
        known = ", ".join(f"„{indicator.name}“" for indicator in candidates) or "–"
        row.problem(
            cols.NAME,
            _("“%(element)s” has no indicator “%(name)s”. Its indicators: %(known)s.")
            % {"element": element.title, "name": name_text, "known": known},
        )
        return None
    return found[0]


def _read_indicator(row: PlannedActual, lookups: _Lookups) -> None:
    number_text = row.cell(cols.NUMBER)
    indicator = _by_number(row, lookups, number_text) if number_text else _by_names(row, lookups)
    if indicator is None:
        return
    if indicator.statistic_id is not None:
        column = cols.NUMBER if number_text else cols.NAME
        row.problem(
            column,
            _(
                "“%(name)s” follows the official statistic “%(statistic)s” (%(region)s): its values come from "
                "the statistics imports and cannot be imported here."
            )
            % {"name": indicator.name, "statistic": indicator.statistic, "region": indicator.region},
        )
        return
    row.indicator = indicator


def _read_year(row: PlannedActual) -> None:
    text = row.cell(cols.YEAR)
    if not text:
        row.problem(cols.YEAR, _("The year is missing."))
        return
    low, high = YEAR_RANGE
    if not (text.isdigit() and low <= int(text) <= high):
        row.problem(
            cols.YEAR,
            _("“%(value)s” is not a year from %(low)s to %(high)s (four digits, e.g. 2027).")
            % {"value": text, "low": low, "high": high},
        )
        return
    row.year = int(text)


def _read_value(row: PlannedActual) -> None:
    text = row.cell(cols.VALUE)
    if not text:
        row.problem(cols.VALUE, _("The value is missing."))
        return
    try:
        parsed = cols.parse_value(text)
    except ValueError as error:
        row.problem(cols.VALUE, str(error))
        return
    if not math.isfinite(parsed.value):
        row.problem(cols.VALUE, _("“%(value)s” is not a number.") % {"value": text})
        return
    if row.indicator is not None:
        unit = row.indicator.unit
        if parsed.percent and not cols.is_percent_unit(unit):
            row.problem(
                cols.VALUE,
                _(
                    "“%(value)s” is given in percent, but “%(name)s” is measured in “%(unit)s”. Give the number "
                    "without percent sign and without percent format."
                )
                % {"value": text, "name": row.indicator.name, "unit": unit or "–"},
            )
            return
        if not parsed.percent and cols.is_percent_unit(unit) and 0 < abs(parsed.value) < 1:
            row.notes.append(
                _("“%(name)s” is measured in percent: %(value)s will be saved as %(value)s %%, not as a share of 1.")
                % {"name": row.indicator.name, "value": text}
            )
    row.value = parsed.value


def _read_row(row: PlannedActual, lookups: _Lookups) -> None:
    if not (row.cell(cols.YEAR) or row.cell(cols.VALUE) or row.cell(cols.NOTE)):
        row.skipped = True  # a row of the template left empty
        return
    _read_indicator(row, lookups)
    _read_year(row)
    _read_value(row)
    row.note = row.cell(cols.NOTE)
    if len(row.note) > NOTE_LIMIT:
        row.problem(cols.NOTE, _("The note is longer than %(max)s characters.") % {"max": NOTE_LIMIT})


def actuals_import_check(*, process: StrategyProcess, rows: Sequence[Mapping[str, str]]) -> ActualsCheck:
    """Every non-empty row with what importing it would do and what is wrong with it; saves nothing."""
    lookups = _Lookups(process)
    planned = [PlannedActual(number=index + 2, cells=cells) for index, cells in enumerate(rows) if any(cells.values())]
    first_of: dict[tuple[int, int], int] = {}
    for row in planned:
        _read_row(row, lookups)
        if row.indicator is None or row.year is None:
            continue
        first = first_of.setdefault((row.indicator.pk, row.year), row.number)
        if first != row.number:
            row.problem(
                cols.YEAR, _("Row %(row)s already gives this indicator's value for this year.") % {"row": first}
            )
    wanted = {row.indicator.pk for row in planned if row.indicator is not None}
    existing = {
        (actual.indicator_id, actual.year): actual for actual in IndicatorActual.objects.filter(indicator_id__in=wanted)
    }
    for row in planned:
        if row.indicator is not None and row.year is not None:
            row.previous = existing.get((row.indicator.pk, row.year))
    return ActualsCheck(rows=tuple(planned), ignored_columns=ignored_columns(rows, cols.HEADERS))


@dataclass(frozen=True)
class ActualsImportResult:
    created: int
    replaced: int


def actuals_import_apply(
    *,
    process: StrategyProcess,
    rows: Sequence[Mapping[str, str]],
    actor: User,
    filename: str,
) -> ActualsImportResult:
    """Save every row's value through ``actual_save`` (origin "imported"), all or nothing.

    Raises ``ActualsImportRejectedError`` (nothing saved) when a row has a problem, also one that arose since
    the check, or when no row gives a value; a ``ValidationError`` of the service rolls everything back too.
    """
    with transaction.atomic():
        check = actuals_import_check(process=process, rows=rows)
        if check.has_errors or not check.saved_rows:
            raise ActualsImportRejectedError(check)
        created = replaced = 0
        for row in check.saved_rows:
            assert row.indicator is not None
            assert row.year is not None
            assert row.value is not None
            actual_save(
                indicator=row.indicator,
                actor=actor,
                data={"year": row.year, "value": row.value, "note": row.note},
                origin=ActualOrigin.IMPORTED,
            )
            replaced += row.previous is not None
            created += row.previous is None
        audit_record(
            actor=actor,
            action="monitoring.actuals_import",
            obj=process,
            process=process,
            changes={"file": filename, "created": created, "replaced": replaced},
        )
    return ActualsImportResult(created=created, replaced=replaced)
