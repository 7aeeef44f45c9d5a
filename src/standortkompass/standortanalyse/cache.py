"""The cached parts of the Standortanalyse pages, and warming them after an import.

Every figure of the pages is cached under a key with the data version (see
``selectors.common.cached``), so an import makes all entries unreachable and the first visitor of
each page after it would pay for computing them again. ``analysis_cache_warm`` computes
them right after the import instead: the charts of every page for both reference regions
(Land and Bund) and every language, the key figures and the shift-share reading. With a
cache shared by all server processes (Redis in production) the pages are warm for
everyone; with the local-memory cache of a development server only the process that ran
the import is warmed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from standortkompass.processes.models import StrategyProcess
from standortkompass.standortanalyse import pages
from standortkompass.standortanalyse.charts import Chart
from standortkompass.standortanalyse.selectors.common import cached
from standortkompass.standortanalyse.selectors.dynamics import shift_share
from standortkompass.standortanalyse.selectors.maps import MAP_INDICATORS
from standortkompass.standortanalyse.selectors.overview import key_figures
from standortkompass.standortanalyse.selectors.scope import Scope, published_process, scope_for

REFERENCE_KEYS = ("land", "bund")


def page_charts(page_key: str, scope: Scope, indicator: str) -> list[Chart]:
    """The charts of a page, cached per data version, district, reference, peers, indicator and language."""
    parts = [page_key, scope.region, scope.reference_key, ",".join(scope.peers), indicator, get_language() or ""]
    return cached(
        "charts", parts, lambda: [chart.frozen() for chart in pages.charts_of(page_key, scope, indicator_key=indicator)]
    )


def default_map_indicator() -> str:
    return next(iter(MAP_INDICATORS))


@dataclass(frozen=True)
class WarmReport:
    pages: int
    seconds: float


def analysis_cache_warm(*, process: StrategyProcess) -> WarmReport:
    """Compute and cache what the analysis pages of ``process`` show, for the current data version.

    Covers every page (with the default map indicator), both reference regions and every
    language of the site. A process without a district has nothing to warm.
    """
    started = time.perf_counter()
    warmed = 0
    if process.region_id is not None:
        indicator = default_map_indicator()
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for reference_key in REFERENCE_KEYS:
                    scope = scope_for(process=process, reference_key=reference_key)
                    key_figures(scope)
                    shift_share(scope)
                    for page in pages.PAGES:
                        page_charts(page.key, scope, indicator)
                        warmed += 1
    return WarmReport(pages=warmed, seconds=time.perf_counter() - started)


def published_analysis_cache_warm() -> WarmReport | None:
    """Warm the cache of the published analysis (the only one with public pages); None when none is published."""
    process = published_process()
    if process is None:
        return None
    return analysis_cache_warm(process=process)


def published_analysis_paths() -> list[str]:
    """The addresses of the published analysis's pages (SWOT too) in every language; none when none is published."""
    if published_process() is None:
        return []
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths += [reverse(page.url_name) for page in pages.PAGES]
            paths.append(reverse("standortanalyse:swot"))
    return paths
