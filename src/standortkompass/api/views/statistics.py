"""The official statistics of a process's published Standortanalyse."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from ninja import Field, Query, Router

from standortkompass.api.responses import Listing, ListQuery, listing, statistics_meta
from standortkompass.api.schemas.common import Page
from standortkompass.api.schemas.statistics import ObservationOut
from standortkompass.api.selectors import statistics as selectors
from standortkompass.api.views.common import (
    ERRORS,
    LIST_EXTRA,
    NotFoundError,
    ProcessKey,
    process_or_404,
)

router = Router(tags=["statistics"])


class ObservationQuery(ListQuery):
    indicator: str | None = Field(None, max_length=100, description="Only this indicator (its code).")
    region: str | None = Field(None, max_length=12, description="Only this region (its AGS code; DG: Germany).")
    sector: str | None = Field(None, max_length=10, description="Only this sector (WZ 2008 code or aggregate).")
    year: int | None = Field(None, ge=1900, le=2100, description="Only this year.")


@router.get(
    "processes/{process}/indicators/",
    response={200: Page[ObservationOut], **ERRORS},
    url_name="statistics",
    openapi_extra=LIST_EXTRA,
)
def statistics(request: HttpRequest, process: ProcessKey, query: Query[ObservationQuery]) -> HttpResponseBase:
    """The official figures of the published Standortanalyse: every indicator for the process's district, its Land,
    Germany and the comparison districts, by indicator, region, sector and year (only while the analysis is
    published)."""
    found = process_or_404(process)
    analysis = selectors.published_analysis(found)
    if analysis is None:
        raise NotFoundError("The location analysis of this process is not published.")
    roles = selectors.region_roles(found, analysis)
    filters = selectors.StatisticsFilters(
        indicator=query.indicator or "", region=query.region or "", sector=query.sector, year=query.year
    )
    return listing(
        request,
        Page[ObservationOut],
        Listing(
            items=selectors.observations_of(roles, filters),
            to_json=lambda page: selectors.observation_items(page, roles),
            columns=selectors.OBSERVATION_COLUMNS,
            to_rows=lambda rows: selectors.observation_items(rows, roles),
            name="kennzahlen",
        ),
        query,
        statistics_meta(),
    )
