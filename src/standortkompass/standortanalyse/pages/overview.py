"""The charts of the overview page: the table of key figures and the employment index."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from standortkompass.standortanalyse import charts as c
from standortkompass.standortanalyse.charts import Chart, Column
from standortkompass.standortanalyse.pages.common import three_lines
from standortkompass.standortanalyse.selectors.common import TOTAL
from standortkompass.standortanalyse.selectors.overview import index_lines, key_figures
from standortkompass.standortanalyse.selectors.scope import Scope


def overview_charts(scope: Scope) -> list[Chart]:
    return [_key_figures_table(scope), _employment_chart(scope)]


def _key_figures_table(scope: Scope) -> Chart:
    figures = key_figures(scope)
    rows = tuple(
        {
            "label": figure.label,
            "year": str(figure.year),
            "value": figure.value,
            "land": figure.land,
            "bund": figure.bund,
            "peers": figure.peers,
            "change": figure.change,
            "since": str(figure.first_year or ""),
            "rank": figure.rank,
            "rank_count": figure.rank_count,
            "unit": figure.unit,
            "kind": "decimal1" if figure.kind == "rate" else "int",
        }
        for figure in figures
    )
    return Chart(
        id="kennzahlen",
        title=_("Key figures"),
        summary=_("The key figures of %(region)s compared with %(land)s, %(bund)s and the comparison districts.")
        % {"region": scope.region_name, "land": scope.land_name, "bund": scope.bund_name},
        columns=(
            Column("label", _("Indicator")),
            Column("unit", _("Unit")),
            Column("year", _("Year"), "digits"),
            Column("value", scope.region_name, "row"),
            Column("land", scope.land_name, "row"),
            Column("bund", scope.bund_name, "row"),
            Column("peers", _("Comparison districts (median)"), "row"),
            Column("rank", _("Rank among all districts"), "int"),
        ),
        rows=rows,
        note="; ".join(sorted({figure.source for figure in figures})),
    )


def _employment_chart(scope: Scope) -> Chart:
    lines, base = index_lines(scope, "employees_workplace", sector=TOTAL)
    names, colours = three_lines(scope)
    if scope.peers:
        names.append(_("Comparison districts (median)"))
        colours.append(c.PEER_COLOUR)
    title = _("Employees at the workplace, index %(year)s = 100") % {"year": base}
    spec = c.line_chart(
        title=title,
        description=_(
            "Line chart: employment in %(region)s compared with %(land)s, %(bund)s and the comparison districts."
        )
        % {"region": scope.region_name, "land": scope.land_name, "bund": scope.bund_name},
        values=lines,
        series=names,
        colours=colours,
        y_title=_("Index (%(year)s = 100)") % {"year": base},
        y_format=".0f",
    )
    return Chart(
        id="beschaeftigung",
        title=title,
        summary=_development_summary(scope, lines),
        columns=(
            Column("series", _("Region")),
            Column("year", _("Year"), "digits"),
            Column("value", _("Index"), "decimal1"),
        ),
        rows=tuple(lines),
        spec=spec if lines else None,
        note=_("Employees subject to social insurance contributions at their place of work, 30 June."),
    )


def _development_summary(scope: Scope, lines: list[dict[str, Any]]) -> str:
    last: dict[str, dict[str, Any]] = {}
    for row in lines:
        last[row["series"]] = row
    if scope.region_name not in last:
        return _("No data.")
    region = last[scope.region_name]
    parts = [
        _("In %(year)s the index of %(region)s stood at %(value)s")
        % {"year": region["year"], "region": scope.region_name, "value": c.format_value(region["value"], "decimal1")}
    ]
    for name in (scope.land_name, scope.bund_name):
        if name in last:
            parts.append(
                _("%(name)s: %(value)s") % {"name": name, "value": c.format_value(last[name]["value"], "decimal1")}
            )
    return "; ".join(parts) + "."
