"""The charts of the labour market page: unemployment, age structure, productivity, commuting, company sizes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from standortkompass.standortanalyse import charts as c
from standortkompass.standortanalyse.charts import Chart, Column
from standortkompass.standortanalyse.pages.common import three, three_lines
from standortkompass.standortanalyse.selectors.common import BUND
from standortkompass.standortanalyse.selectors.labour import age_structure, commuting_lines, company_sizes, level_lines
from standortkompass.standortanalyse.selectors.scope import Scope


def labour_charts(scope: Scope) -> list[Chart]:
    charts = [
        _unemployment_chart(scope),
        _age_chart(scope),
        _productivity_chart(scope),
        _commuting_chart(scope),
        _company_sizes_chart(scope),
    ]
    return [chart for chart in charts if chart is not None]


def _line(
    scope: Scope,
    *,
    chart_id: str,
    title: str,
    rows: list[dict[str, Any]],
    y_title: str,
    y_format: str,
    kind: str,
    note: str = "",
) -> Chart:
    names, colours = three_lines(scope)
    summary_rows = [row for row in rows if row["series"] == scope.region_name]
    summary = (
        _("%(region)s in %(year)s: %(value)s.")
        % {
            "region": scope.region_name,
            "year": summary_rows[-1]["year"],
            "value": c.format_value(summary_rows[-1]["value"], kind),
        }
        if summary_rows
        else _("No data.")
    )
    return Chart(
        id=chart_id,
        title=title,
        summary=summary,
        columns=(Column("series", _("Region")), Column("year", _("Year"), "digits"), Column("value", y_title, kind)),
        rows=tuple(rows),
        spec=c.line_chart(
            title=title,
            description=_("Line chart: %(title)s for %(region)s, %(land)s and %(bund)s.")
            % {"title": title, "region": scope.region_name, "land": scope.land_name, "bund": scope.bund_name},
            values=rows,
            series=names,
            colours=colours,
            y_title=y_title,
            y_format=y_format,
        )
        if rows
        else None,
        note=note,
    )


def _unemployment_chart(scope: Scope) -> Chart:
    return _line(
        scope,
        chart_id="arbeitslosenquote",
        title=_("Unemployment rate (annual average, percent of the civilian labour force)"),
        rows=level_lines(scope, "unemployment_rate"),
        y_title=_("Unemployment rate (%)"),
        y_format=".1f",
        kind="decimal1",
    )


def _age_chart(scope: Scope) -> Chart | None:
    ages = age_structure(scope)
    if ages is None:
        return None
    names, colours = three(scope)
    values = [
        {"category": row["label"], "series": name, "value": row[key]}
        for row in ages.shares
        for name, key in zip(names, ("region", "land", "bund"), strict=True)
        if row[key] is not None
    ]
    title = _("Age structure of the population, %(year)s") % {"year": ages.year}
    ratio = ages.dependency.get(scope.region)
    return Chart(
        id="altersstruktur",
        title=title,
        summary=_(
            "Old-age dependency ratio (65+ per person aged 20–64): %(region)s %(value)s, "
            "%(land)s %(land_value)s, %(bund)s %(bund_value)s."
        )
        % {
            "region": scope.region_name,
            "value": c.format_value(ratio, "decimal2"),
            "land": scope.land_name,
            "land_value": c.format_value(ages.dependency.get(scope.land), "decimal2"),
            "bund": scope.bund_name,
            "bund_value": c.format_value(ages.dependency.get(BUND), "decimal2"),
        },
        columns=(
            Column("label", _("Age")),
            Column("region", scope.region_name, "percent"),
            Column("land", scope.land_name, "percent"),
            Column("bund", scope.bund_name, "percent"),
        ),
        rows=tuple(ages.shares),
        spec=c.grouped_bar_chart(
            title=title,
            description=_("Bar chart of the age groups' shares of the population."),
            values=values,
            categories=[row["label"] for row in ages.shares],
            series=names,
            colours=colours,
            x_title=_("Share of the population"),
        ),
        note=_("Population on 31 December; Land and Germany as the sum of their districts."),
    )


def _productivity_chart(scope: Scope) -> Chart:
    return _line(
        scope,
        chart_id="produktivitaet",
        title=_("GDP per person in employment (€)"),
        rows=level_lines(scope, "gdp_per_employed"),
        y_title=_("Euro per person in employment"),
        y_format=",.0f",
        kind="int",
        note=_("Gross domestic product at current prices per person in employment (national accounts of the Länder)."),
    )


def _commuting_chart(scope: Scope) -> Chart:
    """Job centrality as a line chart; its table also has the employees at both places and their balance."""
    pendler = _line(
        scope,
        chart_id="pendler",
        title=_("Job centrality: employees at the workplace per employee living in the region"),
        rows=commuting_lines(scope),
        y_title=_("Job centrality"),
        y_format=".2f",
        kind="decimal2",
        note=_("Above 1: more jobs than employed residents (net in-commuting); below 1: net out-commuting."),
    )
    return Chart(
        id=pendler.id,
        title=pendler.title,
        summary=pendler.summary,
        columns=(
            *pendler.columns,
            Column("workplace", _("Employees at the workplace"), "int"),
            Column("residence", _("Employees at the place of residence"), "int"),
            Column("balance", _("Commuter balance"), "int"),
        ),
        rows=pendler.rows,
        spec=pendler.spec,
        note=pendler.note,
    )


def _company_sizes_chart(scope: Scope) -> Chart | None:
    year, sizes = company_sizes(scope)
    if year is None or not sizes:
        return None
    names, colours = three(scope)
    values = [
        {"category": row["label"], "series": name, "value": row[key]}
        for row in sizes
        for name, key in zip(names, ("region", "land", "bund"), strict=True)
        if row[key] is not None
    ]
    title = _("Local units by number of employees, %(year)s") % {"year": year}
    return Chart(
        id="betriebsgroessen",
        title=title,
        summary=_("Share of the local units by size class in %(region)s, %(land)s and %(bund)s.")
        % {"region": scope.region_name, "land": scope.land_name, "bund": scope.bund_name},
        columns=(
            Column("label", _("Size class")),
            Column("count", _("Local units in %(region)s") % {"region": scope.region_name}, "int"),
            Column("region", scope.region_name, "percent"),
            Column("land", scope.land_name, "percent"),
            Column("bund", scope.bund_name, "percent"),
        ),
        rows=tuple(sizes),
        spec=c.grouped_bar_chart(
            title=title,
            description=_("Bar chart of the shares of the size classes."),
            values=values,
            categories=[row["label"] for row in sizes],
            series=names,
            colours=colours,
            x_title=_("Share of local units"),
            x_format=".1%",
        ),
    )
