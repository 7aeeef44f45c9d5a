"""The pages of the Standortanalyse and their charts; each page's charts are built in its own module.

``PAGES`` lists the pages in navigation order; ``CHARTS`` maps each chart id to its page, so
that a CSV download, a map's spec URL or a finding's reference can find its chart;
``charts_of`` builds the charts of a page (``overview``, ``structure``, ``dynamics``,
``labour``, ``maps``; ``common`` holds what they share).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from standortkompass.standortanalyse.charts import Chart
from standortkompass.standortanalyse.pages.dynamics import dynamics_charts
from standortkompass.standortanalyse.pages.labour import labour_charts
from standortkompass.standortanalyse.pages.maps import map_charts
from standortkompass.standortanalyse.pages.overview import overview_charts
from standortkompass.standortanalyse.pages.structure import structure_charts
from standortkompass.standortanalyse.selectors.scope import Scope

__all__ = ["BUILDERS", "CHARTS", "PAGES", "Page", "chart_choices", "chart_url", "charts_of"]


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


BUILDERS: dict[str, Callable[..., list[Chart]]] = {
    "overview": overview_charts,
    "structure": structure_charts,
    "dynamics": dynamics_charts,
    "labour": labour_charts,
}


def charts_of(page: str, scope: Scope, *, indicator_key: str = "") -> list[Chart]:
    if page == "maps":
        return map_charts(scope, indicator_key=indicator_key)
    return BUILDERS[page](scope)
