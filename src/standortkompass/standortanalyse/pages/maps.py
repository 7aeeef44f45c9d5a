"""The charts of the maps page: an indicator's map of the districts (Land, Germany), the municipalities' map."""

from __future__ import annotations

from django.utils.translation import gettext as _

from standortkompass.standortanalyse import charts as c
from standortkompass.standortanalyse.charts import Chart, Column
from standortkompass.standortanalyse.selectors.maps import map_data, municipality_map
from standortkompass.standortanalyse.selectors.scope import Scope


def map_charts(scope: Scope, *, indicator_key: str) -> list[Chart]:
    result = [
        _district_map(scope, chart_id=chart_id, within=within, area=area, indicator_key=indicator_key)
        for chart_id, within, area in (
            ("karte-land", scope.land, scope.land_name),
            ("karte-deutschland", "", scope.bund_name),
        )
    ]
    municipalities = _municipality_map(scope)
    if municipalities is not None:
        result.append(municipalities)
    return result


def _district_map(scope: Scope, *, chart_id: str, within: str, area: str, indicator_key: str) -> Chart:
    data = map_data(scope, indicator_key=indicator_key, within=within)
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
    return Chart(
        id=chart_id,
        title=title,
        summary=summary,
        columns=(
            Column("name", _("District")),
            Column("code", _("AGS"), "digits"),
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


def _municipality_map(scope: Scope) -> Chart | None:
    towns, features = municipality_map(scope)
    if not towns:
        return None
    title = _("Population density of the municipalities of %(region)s") % {"region": scope.region_name}
    dates = sorted({town["date"] for town in towns if town["date"]})
    return Chart(
        id="karte-gemeinden",
        title=title,
        summary=_("%(count)s municipalities; population per km².") % {"count": len(towns)},
        columns=(
            Column("name", _("Municipality")),
            Column("code", _("AGS"), "digits"),
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
