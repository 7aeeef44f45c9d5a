"""Findings and official figures as evidence of the strategy: options, what a page shows, public or not."""

from __future__ import annotations

from standortkompass.processes import evidence
from standortkompass.regiondata.models import Indicator, Observation
from standortkompass.standortanalyse.models import AnalysisSettings, Finding, FindingKind


def _kind(key):
    kind = evidence.kind(key)
    assert kind is not None
    return kind


def test_a_finding_is_offered_by_quadrant_and_shown_with_its_first_sentences(process):
    finding = Finding.objects.create(
        process=process, kind=FindingKind.WEAKNESS, title="Flächenknappheit", text="Kaum **freie** Flächen. " * 30
    )
    kind = _kind("finding")
    options = kind.options(process)
    assert [(o.reference, o.label, o.group) for o in options] == [
        ({"finding": finding.pk}, "Flächenknappheit", "Schwäche")
    ]
    shown = kind.resolve(process, {"finding": finding.pk}, public=False)
    assert shown.title == "Flächenknappheit"
    assert "**" not in shown.summary
    assert shown.summary.endswith(" …")
    assert len(shown.summary) <= 240
    assert shown.url.endswith(f"/befunde/{finding.pk}/")
    assert kind.source_key({"finding": finding.pk}) == f"finding:{finding.pk}"


def test_the_public_sees_a_finding_only_while_it_and_the_analysis_are_published(process):
    finding = Finding.objects.create(process=process, kind=FindingKind.STRENGTH, title="Industrie", is_public=True)
    kind = _kind("finding")
    assert kind.resolve(process, {"finding": finding.pk}, public=True) is None
    AnalysisSettings.objects.create(process=process, is_public=True)
    shown = kind.resolve(process, {"finding": finding.pk}, public=True)
    assert shown.url == f"/standortanalyse/swot/#befund-{finding.pk}"
    finding.is_public = False
    finding.save()
    assert kind.resolve(process, {"finding": finding.pk}, public=True) is None
    assert kind.resolve(process, {"finding": 999999}, public=False) is None
    assert kind.resolve(process, {"finding": "x"}, public=False) is None


def test_an_official_figure_is_read_when_shown_and_follows_a_new_import(process, regions):
    indicator = Indicator.objects.create(code="arbeitslosenquote", name="Arbeitslosenquote", unit="%", source="BA")
    Observation.objects.create(indicator=indicator, region=regions["08118"], year=2022, value=3.4)
    kind = _kind("analysis_figure")
    option, fixed = kind.options(process)
    assert option.reference == {"indicator": "arbeitslosenquote", "region": "08118", "year": None}
    assert fixed.reference == {"indicator": "arbeitslosenquote", "region": "08118", "year": 2022}
    assert option.group == fixed.group
    shown = kind.resolve(process, option.reference, public=True)
    assert shown.figure == "3,4\N{NO-BREAK SPACE}% (2022)"
    assert shown.source == "BA"
    Observation.objects.create(indicator=indicator, region=regions["08118"], year=2023, value=3.9)
    assert kind.resolve(process, option.reference, public=True).figure == "3,9\N{NO-BREAK SPACE}% (2023)"
    fixed = {**option.reference, "year": 2022}
    assert kind.resolve(process, fixed, public=True).figure == "3,4\N{NO-BREAK SPACE}% (2022)"
    assert kind.source_key(option.reference) == "figure:arbeitslosenquote:08118:latest"
    assert kind.source_key(fixed) == "figure:arbeitslosenquote:08118:2022"
    assert kind.resolve(process, {**option.reference, "indicator": "nix"}, public=True) is None


def test_the_figure_of_an_indicator_broken_down_by_sector_is_its_total(process, regions):
    indicator = Indicator.objects.create(code="beschaeftigte", name="Beschäftigte", has_sectors=True)
    Observation.objects.create(indicator=indicator, region=regions["08118"], sector="TOTAL", year=2023, value=240500)
    Observation.objects.create(indicator=indicator, region=regions["08118"], sector="C", year=2023, value=70000)
    kind = _kind("analysis_figure")
    option = kind.options(process)[0]
    assert kind.resolve(process, option.reference, public=True).figure == "240.500 (2023)"
