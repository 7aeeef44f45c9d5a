"""The charts of the economic structure page: sector shares, location quotients, portfolio, specialisation indices."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from standortkompass.standortanalyse import charts as c
from standortkompass.standortanalyse.charts import Chart, Column
from standortkompass.standortanalyse.pages.common import percent, three
from standortkompass.standortanalyse.selectors.scope import Scope
from standortkompass.standortanalyse.selectors.structure import Structure, structure


def structure_charts(scope: Scope) -> list[Chart]:
    data = structure(scope)
    if data is None:
        return []
    return [
        _shares_chart(scope, data),
        _quotients_chart(scope, data),
        _portfolio_chart(scope, data),
        _indices_chart(scope, data),
    ]


def _shares_chart(scope: Scope, data: Structure) -> Chart:
    names, colours = three(scope)
    share_values: list[dict[str, Any]] = []
    for row in data.sectors:
        for name, value in zip(names, (row.share, row.land_share, row.bund_share), strict=True):
            if value is not None:
                share_values.append({"category": row.name, "series": name, "value": value})
    share_title = _("Share of the sectors in employment, %(year)s") % {"year": data.year}
    return Chart(
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
            categories=[row.name for row in data.sectors],
            series=names,
            colours=colours,
            x_title=_("Share of employees"),
            x_format=".1%",
        ),
        note=f"{_('Manufacturing (C) is part of section B-E and is shown for information.')} {_totals_note(data)}",
    )


def _quotients_chart(scope: Scope, data: Structure) -> Chart:
    lq_series = [_("vs. %(land)s") % {"land": scope.land_name}, _("vs. %(bund)s") % {"bund": scope.bund_name}]
    lq_values: list[dict[str, Any]] = []
    for row in data.sectors:
        for name, value in ((lq_series[0], row.lq_land), (lq_series[1], row.lq_bund)):
            if value is not None:
                lq_values.append({"category": row.name, "series": name, "value": value})
    lq_title = _("Location quotients of %(region)s, %(year)s") % {"region": scope.region_name, "year": data.year}
    specialised = [row.name for row in data.sectors if row.lq_bund is not None and row.lq_bund > 1.2]
    return Chart(
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
            categories=[row.name for row in data.sectors],
            series=lq_series,
            colours=[c.LAND_COLOUR, c.BUND_COLOUR],
            x_title=_("Location quotient (1 = same share as the reference)"),
            x_format=".2f",
            rule_at=1.0,
        ),
        note=_quotients_note(data),
    )


def _quotients_note(data: Structure) -> str:
    formula = _("LQ = share of the sector in the district ÷ share of the sector in the reference region.")
    return f"{formula} {_totals_note(data)}"


def _totals_note(data: Structure) -> str:
    """Which total the shares and location quotients are taken of (the totals convention of analysis.totals)."""
    if data.official_totals:
        return _(
            "Shares and location quotients are taken of the official total of employees, which includes employees "
            "without a sector assignment, not of the sum of the sectors shown."
        )
    return _("The data has no official total: shares and location quotients are taken of the sum of the sectors shown.")


def _portfolio_chart(scope: Scope, data: Structure) -> Chart:
    portfolio_title = _("Portfolio: specialisation and growth against %(reference)s, %(start)s–%(end)s") % {
        "reference": scope.reference_name,
        "start": data.start_year,
        "end": data.year,
    }
    stars = [
        row["sector"] for row in data.portfolio if row["location_quotient"] > 1 and (row["relative_growth"] or 0) > 0
    ]
    return Chart(
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
        note=" ".join(
            [
                _(
                    "Top right: specialised and growing faster than the reference; bottom right: specialised but "
                    "falling behind; top left: catching up; bottom left: under-represented and falling behind."
                ),
                _totals_note(data),
            ]
        ),
    )


def _indices_chart(scope: Scope, data: Structure) -> Chart:
    return Chart(
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


def _largest_sector_summary(scope: Scope, data: Structure) -> str:
    candidates = [row for row in data.sectors if row.share is not None and row.code != "C"]
    if not candidates:
        return _("No data.")
    largest = max(candidates, key=lambda row: row.share or 0)
    return _(
        "The largest sector in %(region)s is “%(sector)s” with %(share)s of employees (%(land)s: %(land_share)s)."
    ) % {
        "region": scope.region_name,
        "sector": largest.name,
        "share": percent(largest.share),
        "land": scope.land_name,
        "land_share": percent(largest.land_share),
    }
