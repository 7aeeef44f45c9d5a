"""Results as tables: the same cells for the page, the CSV download and the text of a finding.

Only publishable results come in; a hidden figure (``None``) is written as •. Numbers in the
active language (German: decimal comma, thousands dot), shares in percent with one decimal and a
no-break space before "%" (``core/numbers.py``); the CSV has ordinary spaces.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from standortkompass.core import numbers
from standortkompass.surveys.results.types import (
    HIDDEN,
    ChoiceResult,
    CrossTabResult,
    LikertResult,
    NumericResult,
    QuestionResult,
)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[tuple[str, bool]]] = field(default_factory=list)  # (text, is a number); first cell = header
    footer: list[tuple[str, bool]] | None = None


def format_number(value: float | int | None, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return HIDDEN
    return numbers.format_number(value, decimals)


def format_percent(value: float | None) -> str:
    return HIDDEN if value is None else numbers.format_percent(value * 100)


def _interval(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return HIDDEN
    return numbers.format_percent_range(low * 100, high * 100)


def question_table(result: QuestionResult) -> Table:
    """The result as a table; hidden figures are •."""
    if isinstance(result, ChoiceResult):
        share = _("Share (weighted)") if result.weighted else _("Share")
        # xgettext:no-python-format
        interval = _("95 % confidence interval")
        columns = [_("Answer"), _("Number (unweighted)"), share, interval]
        rank = result.variable.kind == "rank"
        if rank:
            columns[0] = _("Ranked first")
            columns.append(_("Mean position"))
        table = Table(columns)
        for row in result.rows:
            cells = [
                (row.label, False),
                (format_number(row.count), True),
                (format_percent(row.share), True),
                (_interval(row.ci_low, row.ci_high), True),
            ]
            if rank:
                cells.append((format_number(row.mean_position, 1), True))
            table.rows.append(cells)
        table.footer = [(_("Respondents"), False), (format_number(result.n), True)]
        return table
    if isinstance(result, LikertResult):
        share = _("(weighted)") if result.weighted else ""
        columns = [_("Item"), *[label for _name, label in result.scale]]
        columns += [label for _name, label in result.dont_know]
        columns += [_("Answers on the scale"), _("All answers"), _("Mean")]
        table = Table([f"{c} {share}".strip() if 0 < i <= len(result.scale) else c for i, c in enumerate(columns)])
        for item in result.items:
            label = item.variable.label
            prefix = f"{result.label} – "
            label = label[len(prefix) :] if label.startswith(prefix) else label
            cells = [(label, False)]
            if item.too_few:
                cells += [(HIDDEN, True)] * (len(columns) - 1)
            else:
                cells += [(_cell(s.count, s.share), True) for s in item.segments]
                cells += [(_cell(r.count, r.share), True) for r in item.dont_know]
                cells += [
                    (format_number(item.n), True),
                    (format_number(item.n_answered), True),
                    (format_number(item.mean, 2), True),
                ]
            table.rows.append(cells)
        return table
    if isinstance(result, NumericResult):
        table = Table([_("Statistic"), _("Value")])
        for label, value, decimals in (
            (_("Respondents"), result.n, 0),
            (_("Mean (weighted)") if result.weighted else _("Mean"), result.mean, 2),
            (_("Median (weighted)") if result.weighted else _("Median"), result.median, 2),
            (_("Standard deviation"), result.std, 2),
            (_("Lower quartile"), result.lower_quartile, 2),
            (_("Upper quartile"), result.upper_quartile, 2),
            (_("Smallest answer"), result.minimum, 2),
            (_("Largest answer"), result.maximum, 2),
        ):
            table.rows.append([(label, False), (format_number(value, decimals), True)])
        return table
    table = Table([_("Statistic"), _("Value")])
    table.rows.append([(_("Answers"), False), (format_number(result.n), True)])
    return table


def _cell(count: int | None, share: float | None) -> str:
    if count is None:
        return HIDDEN
    return f"{format_number(count)} ({format_percent(share)})"


def crosstab_table(result: CrossTabResult) -> Table:
    weighted = _(" (weighted)") if result.weighted else ""
    table = Table([result.row_variable.label, *[label for _key, label in result.columns], _("Total")])
    for label, cells, total in result.body():
        row = [(label, False)]
        for count, share, _hidden in cells:
            if count is None:
                row.append((HIDDEN, True))
            elif share is None:  # a column without respondents, or whose total is hidden
                row.append((format_number(count), True))
            else:
                row.append((f"{format_number(count)} ({format_percent(share)}{weighted})", True))
        row.append((format_number(total), True))
        table.rows.append(row)
    table.footer = [
        (_("Total"), False),
        *[(format_number(total), True) for total in result.column_totals],
        (format_number(result.grand_total), True),
    ]
    return table


def table_csv(table: Table, *, notes: list[str]) -> str:
    """The table as CSV for German Excel: semicolons, UTF-8 with BOM; the notes below it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([numbers.plain_spaces(text) for text, _number in row])
    if table.footer:
        writer.writerow([numbers.plain_spaces(text) for text, _number in table.footer])
    writer.writerow([])
    for note in notes:
        writer.writerow([note])
    return "\ufeff" + buffer.getvalue()
