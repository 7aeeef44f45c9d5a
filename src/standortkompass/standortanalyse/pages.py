"""The charts of each Standortanalyse page, built from the selectors' figures.

``PAGES`` lists the pages in navigation order; ``CHARTS`` maps each chart id to its page, so
that a CSV download, a map's spec URL or a finding's reference can find its chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.standortanalyse import charts as c
from standortkompass.standortanalyse import selectors as s
from standortkompass.standortanalyse.charts import Chart, Column


@dataclass(frozen=True)
class Page:
    key: str
    url_name: str
    title: Any


PAGES: tuple[Page, ...] = (
    Page("overview", "standortanalyse:overview", gettext_lazy("Overview")),
    Page("structure", "standortanalyse:structure", gettext_lazy("Economic structure")),
    Page("dynamics", "standortanalyse:dynamics", gettext_lazy("Dynamics (shift-share)")),
    Page("labour", "standortanalyse:labour", gettext_lazy("Labour market and demography")),
    Page("maps", "standortanalyse:maps", gettext_lazy("Maps")),
)

# chart id -> (page key, title)
CHARTS: dict[str, tuple[str, Any]] = {
    "kennzahlen": ("overview", gettext_lazy("Key figures")),
    "beschaeftigung": ("overview", gettext_lazy("Development of employment")),
    "branchenstruktur": ("structure", gettext_lazy("Sector structure of employment")),
    "standortquotienten": ("structure", gettext_lazy("Location quotients")),
    "portfolio": ("structure", gettext_lazy("Portfolio of the sectors")),
    "spezialisierung": ("structure", gettext_lazy("Specialisation indices")),
    "shift-share": ("dynamics", gettext_lazy("Shift-share analysis of employment")),
    "shift-share-branchen": ("dynamics", gettext_lazy("Shift-share components by sector")),
    "shift-share-methoden": ("dynamics", gettext_lazy("Shift-share: the four methods")),
    "shift-share-jahre": ("dynamics", gettext_lazy("Dynamic shift-share by year")),
    "arbeitslosenquote": ("labour", gettext_lazy("Unemployment rate")),
    "altersstruktur": ("labour", gettext_lazy("Age structure of the population")),
    "produktivitaet": ("labour", gettext_lazy("Productivity")),
    "pendler": ("labour", gettext_lazy("Commuting: job centrality")),
    "betriebsgroessen": ("labour", gettext_lazy("Local units by size")),
    "karte-land": ("maps", gettext_lazy("Map of the districts of the Land")),
    "karte-deutschland": ("maps", gettext_lazy("Map of the districts of Germany")),
    "karte-gemeinden": ("maps", gettext_lazy("Map of the municipalities")),
}


def chart_choices() -> list[tuple[str, str]]:
    return [(chart_id, str(title)) for chart_id, (_page, title) in CHARTS.items()]


def chart_url(chart_id: str) -> str:
    page = CHARTS[chart_id][0]
    url_name = next(p.url_name for p in PAGES if p.key == page)
    return f"{reverse(url_name)}#{chart_id}"


def _three(scope: s.Scope) -> tuple[list[str], list[str]]:
    """District, Land and Bund with their bar colours."""
    return [scope.region_name, scope.land_name, scope.bund_name], [c.REGION_COLOUR, c.LAND_COLOUR, c.BUND_COLOUR]


def _three_lines(scope: s.Scope) -> tuple[list[str], list[str]]:
    """District, Land and Bund with their line colours."""
    return [scope.region_name, scope.land_name, scope.bund_name], [
        c.REGION_COLOUR,
        c.LAND_COLOUR,
        c.BUND_LINE_COLOUR,
    ]


def _percent(value: float | None) -> str:
    return "–" if value is None else c.format_value(value, "percent")


# --- overview ---------------------------------------------------------------------------------


def overview_charts(scope: s.Scope) -> list[Chart]:
    figures = s.key_figures(scope)
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
    table = Chart(
        id="kennzahlen",
        title=_("Key figures"),
        summary=_("The key figures of %(region)s compared with %(land)s, %(bund)s and the comparison districts.")
        % {"region": scope.region_name, "land": scope.land_name, "bund": scope.bund_name},
        columns=(
            Column("label", _("Indicator")),
            Column("unit", _("Unit")),
            Column("year", _("Year")),
            Column("value", scope.region_name, "row"),
            Column("land", scope.land_name, "row"),
            Column("bund", scope.bund_name, "row"),
            Column("peers", _("Comparison districts (median)"), "row"),
            Column("rank", _("Rank among all districts"), "int"),
        ),
        rows=rows,
        note="; ".join(sorted({figure.source for figure in figures})),
    )
    lines, base = s.index_lines(scope, "employees_workplace", sector=s.TOTAL)
    names, colours = _three_lines(scope)
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
    employment = Chart(
        id="beschaeftigung",
        title=title,
        summary=_development_summary(scope, lines),
        columns=(Column("series", _("Region")), Column("year", _("Year")), Column("value", _("Index"), "decimal1")),
        rows=tuple(lines),
        spec=spec if lines else None,
        note=_("Employees subject to social insurance contributions at their place of work, 30 June."),
    )
    return [table, employment]


def _development_summary(scope: s.Scope, lines: list[dict[str, Any]]) -> str:
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


# --- structure --------------------------------------------------------------------------------


def structure_charts(scope: s.Scope) -> list[Chart]:
    data = s.structure(scope)
    if data is None:
        return []
    names, colours = _three(scope)
    categories = [row.name for row in data.sectors]
    share_values = []
    lq_values = []
    for row in data.sectors:
        for name, value in zip(names, (row.share, row.land_share, row.bund_share), strict=True):
            if value is not None:
                share_values.append({"category": row.name, "series": name, "value": value})
        for name, value in (
            (_("vs. %(land)s") % {"land": scope.land_name}, row.lq_land),
            (_("vs. %(bund)s") % {"bund": scope.bund_name}, row.lq_bund),
        ):
            if value is not None:
                lq_values.append({"category": row.name, "series": name, "value": value})
    share_title = _("Share of the sectors in employment, %(year)s") % {"year": data.year}
    shares = Chart(
        id="branchenstruktur",
        title=share_title,
        summary=_largest_sector_summary(scope, data),
        columns=(
            Column("name", _("Sector")),
            Column("employees", _("Employees in %(region)s") % {"region": scope.region_name}, "int"),
            Column("share", scope.region_name, "percent"),
            Column("land_share", scope.land_name, "percent"),
            Column("bund_share", scope.bund_name, "percent"),
        ),
        rows=tuple(vars(row) for row in data.sectors),
        spec=c.grouped_bar_chart(
            title=share_title,
            description=_("Bar chart of the sector shares in %(region)s, %(land)s and %(bund)s.")
            % {"region": scope.region_name, "land": scope.land_name, "bund": scope.bund_name},
            values=share_values,
            categories=categories,
            series=names,
            colours=colours,
            x_title=_("Share of employees"),
            x_format=".1%",
        ),
        note=_("Manufacturing (C) is part of section B-E and is shown for information."),
    )
    lq_series = [_("vs. %(land)s") % {"land": scope.land_name}, _("vs. %(bund)s") % {"bund": scope.bund_name}]
    lq_title = _("Location quotients of %(region)s, %(year)s") % {"region": scope.region_name, "year": data.year}
    specialised = [row.name for row in data.sectors if row.lq_bund is not None and row.lq_bund > 1.2]
    quotients = Chart(
        id="standortquotienten",
        title=lq_title,
        summary=(
            _("Sectors clearly over-represented compared with Germany (LQ above 1.2): %(sectors)s.")
            % {"sectors": ", ".join(specialised)}
            if specialised
            else _("No sector is clearly over-represented compared with Germany (LQ above 1.2).")
        ),
        columns=(
            Column("name", _("Sector")),
            Column("lq_land", lq_series[0], "decimal2"),
            Column("lq_bund", lq_series[1], "decimal2"),
        ),
        rows=tuple(vars(row) for row in data.sectors),
        spec=c.grouped_bar_chart(
            title=lq_title,
            description=_(
                "Bar chart of the location quotients; the dashed line marks 1 (same share as the reference)."
            ),
            values=lq_values,
            categories=categories,
            series=lq_series,
            colours=[c.LAND_COLOUR, c.BUND_COLOUR],
            x_title=_("Location quotient (1 = same share as the reference)"),
            x_format=".2f",
            rule_at=1.0,
        ),
        note=_("LQ = share of the sector in the district ÷ share of the sector in the reference region."),
    )
    portfolio_title = _("Portfolio: specialisation and growth against %(reference)s, %(start)s–%(end)s") % {
        "reference": scope.reference_name,
        "start": data.start_year,
        "end": data.year,
    }
    stars = [
        row["sector"] for row in data.portfolio if row["location_quotient"] > 1 and (row["relative_growth"] or 0) > 0
    ]
    portfolio = Chart(
        id="portfolio",
        title=portfolio_title,
        summary=(
            _("Specialised sectors growing faster than in %(reference)s: %(sectors)s.")
            % {"reference": scope.reference_name, "sectors": ", ".join(stars)}
            if stars
            else _("No specialised sector grows faster than in %(reference)s.") % {"reference": scope.reference_name}
        ),
        columns=(
            Column("sector", _("Sector")),
            Column("location_quotient", _("Location quotient"), "decimal2"),
            Column("region_growth", _("Growth in %(region)s") % {"region": scope.region_name}, "percent"),
            Column("reference_growth", _("Growth in %(reference)s") % {"reference": scope.reference_name}, "percent"),
            Column("relative_growth", _("Difference (percentage points)"), "pp"),
            Column("employment", _("Employees"), "int"),
        ),
        rows=tuple(data.portfolio),
        spec=c.bubble_chart(
            title=portfolio_title,
            description=_(
                "Bubble chart: location quotient to the right, growth difference upwards, bubble size = employees."
            ),
            values=data.portfolio,
            x_title=_("Location quotient"),
            y_title=_("Growth difference to the reference"),
            size_title=_("Employees"),
        ),
        note=_(
            "Top right: specialised and growing faster than the reference; bottom right: specialised but "
            "falling behind; top left: catching up; bottom left: under-represented and falling behind."
        ),
    )
    indices = Chart(
        id="spezialisierung",
        title=_("Specialisation indices against %(reference)s, %(year)s")
        % {"reference": scope.reference_name, "year": data.year},
        summary=_(
            "Ranks: 1 = most specialised (most concentrated, least diverse) of all districts, measured against Germany."
        ),
        columns=(
            Column("name", _("Index")),
            Column("value", _("Value"), "decimal3"),
            Column("rank", _("Rank among all districts"), "int"),
            Column("count", _("Number of districts"), "int"),
            Column("land_rank", _("Rank in %(land)s") % {"land": scope.land_name}, "int"),
            Column("explanation", _("Reading")),
        ),
        rows=tuple(vars(row) for row in data.indices),
    )
    return [shares, quotients, portfolio, indices]


def _largest_sector_summary(scope: s.Scope, data: s.Structure) -> str:
    candidates = [row for row in data.sectors if row.share is not None and row.code != "C"]
    if not candidates:
        return _("No data.")
    largest = max(candidates, key=lambda row: row.share or 0)
    return _(
        "The largest sector in %(region)s is “%(sector)s” with %(share)s of employees (%(land)s: %(land_share)s)."
    ) % {
        "region": scope.region_name,
        "sector": largest.name,
        "share": _percent(largest.share),
        "land": scope.land_name,
        "land_share": _percent(largest.land_share),
    }


# --- dynamics ---------------------------------------------------------------------------------


def dynamics_charts(scope: s.Scope) -> list[Chart]:
    data = s.shift_share(scope)
    if data is None:
        return []
    period = {"start": data.start, "end": data.end, "reference": scope.reference_name}
    components = [
        (_("Actual change"), data.actual_change),
        (_("National component"), data.national),
        (_("Industry-mix component"), data.industry_mix),
        (_("Regional (locational) component"), data.regional),
    ]
    title = _("Shift-share of employment against %(reference)s, %(start)s–%(end)s") % period
    main = Chart(
        id="shift-share",
        title=title,
        summary=_(
            "Employment changed by %(actual)s persons; growth like %(reference)s would have meant %(national)s, "
            "the sector mix contributed %(mix)s and local factors %(regional)s."
        )
        % {
            "actual": c.format_value(data.actual_change, "int"),
            "reference": scope.reference_name,
            "national": c.format_value(data.national, "int"),
            "mix": c.format_value(data.industry_mix, "int"),
            "regional": c.format_value(data.regional, "int"),
        },
        columns=(Column("category", _("Component")), Column("value", _("Employees"), "int")),
        rows=tuple({"category": str(name), "value": value} for name, value in components),
        spec=c.diverging_bar_chart(
            title=title,
            description=_("Bar chart of the shift-share components in persons employed."),
            values=[{"category": str(name), "value": round(value)} for name, value in components],
            categories=[str(name) for name, _value in components],
            x_title=_("Employees"),
        ),
    )
    sector_values = []
    categories = [row["sector"] for row in data.sectors]
    mix, regional = _("Industry-mix component"), _("Regional (locational) component")
    for row in data.sectors:
        for name, key in ((mix, "industry_mix"), (regional, "regional")):
            if row[key] is not None:
                sector_values.append({"category": row["sector"], "series": name, "value": round(row[key])})
    sector_title = _("Shift-share components by sector against %(reference)s, %(start)s–%(end)s") % period
    by_sector = Chart(
        id="shift-share-branchen",
        title=sector_title,
        summary=_(
            "Per sector: what the sector's national trend (industry mix) and local conditions (regional) added or cost."
        ),
        columns=(
            Column("sector", _("Sector")),
            Column("actual_change", _("Actual change"), "int"),
            Column("national", _("National component"), "int"),
            Column("industry_mix", _("Industry-mix component"), "int"),
            Column("regional", _("Regional (locational) component"), "int"),
        ),
        rows=tuple(data.sectors),
        spec=c.grouped_bar_chart(
            title=sector_title,
            description=_("Bar chart of the industry-mix and regional components per sector."),
            values=sector_values,
            categories=categories,
            series=[mix, regional],
            colours=[c.LAND_COLOUR, c.REGION_COLOUR],
            x_title=_("Employees"),
            x_format=",.0f",
            rule_at=0.0,
        ),
    )
    methods = Chart(
        id="shift-share-methoden",
        title=_("Shift-share: the four methods against %(reference)s, %(start)s–%(end)s") % period,
        summary=_("The results of the classic, Esteban-Marquillas, Gerfin and dynamic shift-share analysis."),
        columns=(
            Column("method", _("Method")),
            Column("component", _("Component")),
            Column("value", _("Value"), "row"),
            Column("unit", _("Unit")),
        ),
        rows=tuple(
            {
                "method": method,
                "component": component,
                "value": value,
                "kind": "decimal4" if factor else "int",
                "unit": _("factor") if factor else _("employees"),
            }
            for method, component, value, factor in (
                (_("Classic (Dunn)"), _("National component"), data.national, False),
                (_("Classic (Dunn)"), _("Industry-mix component"), data.industry_mix, False),
                (_("Classic (Dunn)"), _("Regional component"), data.regional, False),
                (_("Classic (Dunn)"), _("Net total shift"), data.net_total_shift, False),
                (_("Esteban-Marquillas"), _("Industry-mix component"), data.em_industry_mix, False),
                (_("Esteban-Marquillas"), _("Competitive effect"), data.competitive, False),
                (_("Esteban-Marquillas"), _("Allocation effect"), data.allocation, False),
                (_("Gerfin"), _("Regional factor"), data.regional_factor, True),
                (_("Gerfin"), _("Structural factor"), data.structural_factor, True),
                (_("Gerfin"), _("Locational factor"), data.locational_factor, True),
                (_("Dynamic"), _("National component"), data.dynamic_national, False),
                (_("Dynamic"), _("Industry-mix component"), data.dynamic_industry_mix, False),
                (_("Dynamic"), _("Regional component"), data.dynamic_regional, False),
                (_("Dynamic"), _("Net total shift"), data.dynamic_net_total_shift, False),
            )
        ),
    )
    step_values = []
    for step in data.steps:
        for name, key in ((mix, "industry_mix"), (regional, "regional")):
            if step[key] is not None:
                step_values.append({"category": str(step["year"]), "series": name, "value": round(step[key])})
    step_title = _("Dynamic shift-share: net shifts year by year against %(reference)s") % period
    steps = Chart(
        id="shift-share-jahre",
        title=step_title,
        summary=_("The annual steps of the dynamic shift-share; their sums are the dynamic components."),
        columns=(
            Column("year", _("Year"), "text"),
            Column("actual_change", _("Actual change"), "int"),
            Column("national", _("National component"), "int"),
            Column("industry_mix", _("Industry-mix component"), "int"),
            Column("regional", _("Regional (locational) component"), "int"),
        ),
        rows=tuple({**step, "year": f"{step['start_year']}–{step['year']}"} for step in data.steps),
        spec=c.grouped_bar_chart(
            title=step_title,
            description=_("Bar chart of the annual industry-mix and regional components."),
            values=step_values,
            categories=[str(step["year"]) for step in data.steps],
            series=[mix, regional],
            colours=[c.LAND_COLOUR, c.REGION_COLOUR],
            x_title=_("Employees"),
            x_format=",.0f",
            rule_at=0.0,
        ),
    )
    return [main, by_sector, methods, steps]


# --- labour market and demography -------------------------------------------------------------


def _line(
    scope: s.Scope,
    *,
    chart_id: str,
    title: str,
    rows: list[dict[str, Any]],
    y_title: str,
    y_format: str,
    kind: str,
    note: str = "",
) -> Chart:
    names, colours = _three_lines(scope)
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
        columns=(Column("series", _("Region")), Column("year", _("Year")), Column("value", y_title, kind)),
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


def labour_charts(scope: s.Scope) -> list[Chart]:
    result = [
        _line(
            scope,
            chart_id="arbeitslosenquote",
            title=_("Unemployment rate (annual average, percent of the civilian labour force)"),
            rows=s.level_lines(scope, "unemployment_rate"),
            y_title=_("Unemployment rate (%)"),
            y_format=".1f",
            kind="decimal1",
        )
    ]
    names, colours = _three(scope)
    ages = s.age_structure(scope)
    if ages is not None:
        values = [
            {"category": row["label"], "series": name, "value": row[key]}
            for row in ages.shares
            for name, key in zip(names, ("region", "land", "bund"), strict=True)
            if row[key] is not None
        ]
        title = _("Age structure of the population, %(year)s") % {"year": ages.year}
        ratio = ages.dependency.get(scope.region)
        result.append(
            Chart(
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
                    "bund_value": c.format_value(ages.dependency.get(s.BUND), "decimal2"),
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
        )
    result.append(
        _line(
            scope,
            chart_id="produktivitaet",
            title=_("GDP per person in employment (€)"),
            rows=s.level_lines(scope, "gdp_per_employed"),
            y_title=_("Euro per person in employment"),
            y_format=",.0f",
            kind="int",
            note=_(
                "Gross domestic product at current prices per person in employment (national accounts of the Länder)."
            ),
        )
    )
    commuting = s.commuting_lines(scope)
    result.append(
        _line(
            scope,
            chart_id="pendler",
            title=_("Job centrality: employees at the workplace per employee living in the region"),
            rows=commuting,
            y_title=_("Job centrality"),
            y_format=".2f",
            kind="decimal2",
            note=_("Above 1: more jobs than employed residents (net in-commuting); below 1: net out-commuting."),
        )
    )
    pendler = result[-1]
    result[-1] = Chart(
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
    year, sizes = s.company_sizes(scope)
    if year is not None and sizes:
        values = [
            {"category": row["label"], "series": name, "value": row[key]}
            for row in sizes
            for name, key in zip(names, ("region", "land", "bund"), strict=True)
            if row[key] is not None
        ]
        title = _("Local units by number of employees, %(year)s") % {"year": year}
        result.append(
            Chart(
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
        )
    return result


# --- maps -------------------------------------------------------------------------------------


def map_charts(scope: s.Scope, *, indicator_key: str) -> list[Chart]:
    result = []
    for chart_id, within, area in (
        ("karte-land", scope.land, scope.land_name),
        ("karte-deutschland", "", scope.bund_name),
    ):
        data = s.map_data(scope, indicator_key=indicator_key, within=within)
        indicator = data.indicator
        title = _("%(indicator)s, districts of %(area)s, %(year)s") % {
            "indicator": indicator.label,
            "area": area,
            "year": data.year or "–",
        }
        own = next((row for row in data.rows if row["code"] == scope.region), None)
        summary = (
            _("%(region)s: %(value)s, rank %(rank)s of %(count)s districts (outlined in black).")
            % {
                "region": scope.region_name,
                "value": c.format_value(own["value"], indicator.kind),
                "rank": own["rank"] or "–",
                "count": sum(1 for row in data.rows if row["value"] is not None),
            }
            if own
            else _("No data.")
        )
        result.append(
            Chart(
                id=chart_id,
                title=title,
                summary=summary,
                columns=(
                    Column("name", _("District")),
                    Column("code", _("AGS")),
                    Column("value", str(indicator.label), indicator.kind),
                    Column("rank", _("Rank"), "int"),
                ),
                rows=tuple(data.rows),
                spec=c.choropleth(
                    title=title,
                    description=_("Map of the districts of %(area)s coloured by %(indicator)s.")
                    % {"area": area, "indicator": indicator.label},
                    features=data.features,
                    value_title=str(indicator.label),
                    value_format=indicator.format,
                    highlight=scope.region,
                    height=460 if within else 640,
                )
                if data.features
                else None,
                extra_sources=(c.MAP_SOURCE,),
            )
        )
    towns, features = s.municipality_map(scope)
    if towns:
        title = _("Population density of the municipalities of %(region)s") % {"region": scope.region_name}
        dates = sorted({town["date"] for town in towns if town["date"]})
        result.append(
            Chart(
                id="karte-gemeinden",
                title=title,
                summary=_("%(count)s municipalities; population per km².") % {"count": len(towns)},
                columns=(
                    Column("name", _("Municipality")),
                    Column("code", _("AGS")),
                    Column("population", _("Population"), "int"),
                    Column("area", _("Area (km²)"), "decimal2"),
                    Column("density", _("Inhabitants per km²"), "int"),
                ),
                rows=tuple(towns),
                spec=c.choropleth(
                    title=title,
                    description=_("Map of the municipalities coloured by population density."),
                    features=features,
                    value_title=_("Inhabitants per km²"),
                    value_format=",.0f",
                    highlight="",
                    height=520,
                )
                if features
                else None,
                note=_("Population as of %(date)s (municipality directory).") % {"date": dates[-1].strftime("%d.%m.%Y")}
                if dates
                else "",
                extra_sources=(c.MAP_SOURCE,),
            )
        )
    return result


BUILDERS: dict[str, Callable[..., list[Chart]]] = {
    "overview": overview_charts,
    "structure": structure_charts,
    "dynamics": dynamics_charts,
    "labour": labour_charts,
}


def charts_of(page: str, scope: s.Scope, *, indicator_key: str = "") -> list[Chart]:
    if page == "maps":
        return map_charts(scope, indicator_key=indicator_key)
    return BUILDERS[page](scope)


def shift_share_reading(scope: s.Scope, data: s.ShiftShare | None) -> list[str]:
    """Plain sentences on what the shift-share result means for the district."""
    if data is None:
        return []
    values = {
        "region": scope.region_name,
        "reference": scope.reference_name,
        "start": data.start,
        "end": data.end,
        "actual": c.format_value(abs(data.actual_change), "int"),
        "mix": c.format_value(abs(data.industry_mix), "int"),
        "regional": c.format_value(abs(data.regional), "int"),
        "growth": c.format_value(data.reference_growth, "percent"),
    }
    sentences = [
        (
            _("From %(start)s to %(end)s employment in %(region)s grew by %(actual)s persons.")
            if data.actual_change >= 0
            else _("From %(start)s to %(end)s employment in %(region)s fell by %(actual)s persons.")
        )
        % values,
        _("Employment in %(reference)s changed by %(growth)s over the same period.") % values,
        (
            _("The sector mix helped: sectors that are strong in %(region)s grew faster overall (+%(mix)s).")
            if data.industry_mix >= 0
            else _(
                "The sector mix held the district back: sectors that are strong in %(region)s grew more slowly "
                "overall (−%(mix)s)."
            )
        )
        % values,
        (
            _(
                "Local conditions were favourable: the district's sectors did better than the same sectors in "
                "%(reference)s (+%(regional)s)."
            )
            if data.regional >= 0
            else _(
                "Local conditions were unfavourable: the district's sectors did worse than the same sectors in "
                "%(reference)s (−%(regional)s)."
            )
        )
        % values,
    ]
    if data.allocation > 0 and data.competitive > 0:
        sentences.append(
            _("The district is specialised in sectors where it is competitive (positive allocation effect).")
        )
    elif data.allocation < 0 < data.competitive:
        sentences.append(
            _(
                "Its competitive sectors are not those it is specialised in (negative allocation effect): "
                "growth potential lies in sectors that are still small."
            )
        )
    return sentences
