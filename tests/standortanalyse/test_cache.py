"""Warming the Standortanalyse cache after an import: the pages then compute nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from standortkompass.regiondata.models import ImportBatch, Observation
from standortkompass.standortanalyse import pages
from standortkompass.standortanalyse.cache import analysis_cache_warm, published_analysis_cache_warm
from standortkompass.standortanalyse.services.statistics import statistics_upload_import

from .test_pages import PAGE_NAMES, build_statistics, publish

LONG_CSV = (
    b"region_code,region_name,sector_code,sector_name,year,value\n08118,Ludwigsburg,TOTAL,Insgesamt,2021,210000\n"
)


@pytest.fixture
def published(process, regions):
    build_statistics(regions)
    publish(process)
    return process


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """Records every page whose charts are computed (not taken from the cache)."""
    computed: list[str] = []
    original = pages.charts_of

    def charts_of(page: str, *args: Any, **kwargs: Any) -> Any:
        computed.append(page)
        return original(page, *args, **kwargs)

    monkeypatch.setattr(pages, "charts_of", charts_of)
    return computed


def _visit_every_page(client) -> None:
    for name in PAGE_NAMES:
        for reference in ("land", "bund"):
            assert client.get(reverse(f"standortanalyse:{name}"), {"bezug": reference}).status_code == 200
    assert client.get("/en/standortanalyse/wirtschaftsstruktur/").status_code == 200


def test_after_warming_no_page_computes_its_charts(published, client, counted):
    report = analysis_cache_warm(process=published)
    assert report.pages == 5 * 2 * 2  # pages with charts, Land and Bund, German and English
    assert len(counted) == report.pages
    counted.clear()
    _visit_every_page(client)
    assert counted == []


def test_an_import_makes_the_warm_entries_unreachable(published, client, counted):
    analysis_cache_warm(process=published)
    ImportBatch.objects.create(file_name="neu.csv", sha256="0" * 64, format="long")
    counted.clear()
    assert client.get(reverse("standortanalyse:structure")).status_code == 200
    assert counted == ["structure"]


def test_a_statistics_upload_warms_the_published_analysis_once_committed(
    published, users, client, counted, django_capture_on_commit_callbacks
):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        statistics_upload_import(
            process=published,
            data=LONG_CSV,
            file_name="neu.csv",
            format="long",
            indicator="employees_workplace",
            actor=users["editor"],
        )
    assert len(callbacks) == 1
    assert Observation.objects.filter(year=2021, sector="TOTAL", region__code="08118").exists()
    assert len(counted) == 20
    counted.clear()
    _visit_every_page(client)
    assert counted == []


def test_nothing_is_warmed_without_a_published_analysis(process, regions, counted):
    build_statistics(regions)
    assert published_analysis_cache_warm() is None
    assert counted == []


def test_the_command_warms_the_published_analysis(published, counted):
    output = io.StringIO()
    call_command("warm_analysis_cache", stdout=output)
    assert "Standortanalyse cache warmed: 20 pages" in output.getvalue()
    assert len(counted) == 20


def test_the_command_says_when_nothing_is_published(db):
    output = io.StringIO()
    call_command("warm_analysis_cache", stdout=output)
    assert output.getvalue().startswith("No published Standortanalyse")


def test_the_published_analysis_is_among_what_serve_warms_at_start(published, client, counted):
    from standortkompass.core.warmup import warm_all, warmers

    assert "Standortanalyse" in [name for name, _warm in warmers()]
    cache.clear()
    assert "Standortanalyse" in warm_all()
    assert len(counted) == 20
    counted.clear()
    _visit_every_page(client)
    assert counted == []


def test_the_raw_series_are_shared_by_the_languages(published, client, monkeypatch):
    from standortkompass.regiondata import selectors as regiondata

    assert client.get(reverse("standortanalyse:structure")).status_code == 200
    read = []
    for name in ("observation_values", "observations_frame"):
        original = getattr(regiondata, name)
        monkeypatch.setattr(regiondata, name, lambda original=original, **kw: read.append(kw) or original(**kw))
    assert client.get("/en/standortanalyse/wirtschaftsstruktur/").status_code == 200
    assert read == []  # the English page reuses the series the German one read


def test_the_age_structure_is_computed_once_for_all_languages_and_labelled_in_each(process, regions, monkeypatch):
    from django.utils import translation

    from standortkompass.regiondata import selectors as regiondata
    from standortkompass.regiondata.models import Indicator
    from standortkompass.standortanalyse.selectors.labour import AGE_BANDS, age_structure
    from standortkompass.standortanalyse.selectors.scope import scope_for

    for _band, _label, groups in AGE_BANDS:
        for group in groups:
            for sex in ("male", "female"):
                indicator = Indicator.objects.create(code=f"population_{sex}_{group}", name=group)
                for code, value in (("08118", 1000.0), ("08", 20000.0), ("DG", 300000.0)):
                    Observation.objects.create(indicator=indicator, region=regions[code], year=2023, value=value)
    reads = []
    original = regiondata.indicators_values
    monkeypatch.setattr(regiondata, "indicators_values", lambda **kw: reads.append(kw) or original(**kw))
    scope = scope_for(process=process, reference_key="land")
    with translation.override("de"):
        german = age_structure(scope)
    with translation.override("en"):
        english = age_structure(scope)
    assert len(reads) == 1
    assert german is not None
    assert english is not None
    assert german.shares[0]["label"] == "unter 20"
    assert english.shares[0]["label"] == "under 20"
    assert german.shares[0]["region"] == pytest.approx(12 / 34)
    assert german.dependency == english.dependency


def test_every_page_of_the_published_analysis_is_drawn_once_at_start_in_every_language(
    published, client, requests_keep_the_test_transaction
):
    from standortkompass.core.warmup import warm_pages
    from standortkompass.standortanalyse.cache import published_analysis_paths

    paths = published_analysis_paths()
    assert len(paths) == 2 * 6  # German and English; five pages with charts and the SWOT
    assert "/standortanalyse/" in paths
    assert "/en/standortanalyse/swot/" in paths
    assert warm_pages() == len(paths)  # before the test client, which reconnects closing the connection
    assert all(client.get(path).status_code == 200 for path in paths)


def test_nothing_is_drawn_at_start_when_no_analysis_is_published(db):
    from standortkompass.standortanalyse.cache import published_analysis_paths

    assert published_analysis_paths() == []
