"""The charts of the dynamics page: the shift-share components, by sector, by method and by year; their reading."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from standortkompass.standortanalyse import charts as c
from standortkompass.standortanalyse.charts import Chart, Column
from standortkompass.standortanalyse.selectors.dynamics import ShiftShare, shift_share
from standortkompass.standortanalyse.selectors.scope import Scope


def dynamics_charts(scope: Scope) -> list[Chart]:
    data = shift_share(scope)
    if data is None:
        return []
    period = {"start": data.start, "end": data.end, "reference": scope.reference_name}
    return [
        _components_chart(scope, data, period),
        _sectors_chart(data, period),
        _methods_chart(data, period),
        _steps_chart(data, period),
    ]


def _components_chart(scope: Scope, data: ShiftShare, period: dict[str, Any]) -> Chart:
    components = [
        (_("Actual change"), data.actual_change),
        (_("National component"), data.national),
        (_("Industry-mix component"), data.industry_mix),
        (_("Regional (locational) component"), data.regional),
    ]
    title = _("Shift-share of employment against %(reference)s, %(start)s–%(end)s") % period
    return Chart(
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


def _sectors_chart(data: ShiftShare, period: dict[str, Any]) -> Chart:
    sector_values = []
    categories = [row["sector"] for row in data.sectors]
    mix, regional = _("Industry-mix component"), _("Regional (locational) component")
    for row in data.sectors:
        for name, key in ((mix, "industry_mix"), (regional, "regional")):
            if row[key] is not None:
                sector_values.append({"category": row["sector"], "series": name, "value": round(row[key])})
    sector_title = _("Shift-share components by sector against %(reference)s, %(start)s–%(end)s") % period
    return Chart(
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


def _methods_chart(data: ShiftShare, period: dict[str, Any]) -> Chart:
    return Chart(
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


def _steps_chart(data: ShiftShare, period: dict[str, Any]) -> Chart:
    mix, regional = _("Industry-mix component"), _("Regional (locational) component")
    step_values = []
    for step in data.steps:
        for name, key in ((mix, "industry_mix"), (regional, "regional")):
            if step[key] is not None:
                step_values.append({"category": str(step["year"]), "series": name, "value": round(step[key])})
    step_title = _("Dynamic shift-share: net shifts year by year against %(reference)s") % period
    return Chart(
        id="shift-share-jahre",
        title=step_title,
        summary=_("The annual steps of the dynamic shift-share; their sums are the dynamic components."),
        columns=(
            Column("year", _("Year"), "digits"),
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


def shift_share_reading(scope: Scope, data: ShiftShare | None) -> list[str]:
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
