"""The analysis as evidence for the strategy: findings and official figures (kinds of ``processes.evidence``).

A finding is shown with its title and first sentences and links to its place on the SWOT page (for the
public only while it and the analysis are published). An official figure (indicator, region, year or the
latest year) is read from the statistics store when the page is drawn, so it follows new imports.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.core.numbers import format_number
from standortkompass.processes.evidence import EvidenceKind, EvidenceOption, Reference, ResolvedEvidence
from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.catalogue import TOTAL
from standortkompass.regiondata.models import Indicator, Observation, Region
from standortkompass.standortanalyse.models import AnalysisSettings, Finding, FindingKind

SUMMARY_LENGTH = 240
MARKUP = re.compile(r"[*_`#>\[\]]|\(https?://[^)]*\)")


def finding_anchor(finding_pk: int) -> str:
    return f"befund-{finding_pk}"


def _plain(text: str) -> str:
    plain = " ".join(MARKUP.sub("", text).split())
    if len(plain) <= SUMMARY_LENGTH:
        return plain
    return plain[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + " …"


def _analysis_public(process: StrategyProcess) -> bool:
    return process.is_public and AnalysisSettings.objects.filter(process=process, is_public=True).exists()


def finding_options(process: StrategyProcess) -> list[EvidenceOption]:
    labels = dict(FindingKind.choices)
    return [
        EvidenceOption(reference={"finding": finding.pk}, label=finding.title, group=str(labels[finding.kind]))
        for finding in Finding.objects.filter(process=process).order_by("kind", "order", "id")
    ]


def finding_resolve_many(
    process: StrategyProcess, references: list[Reference], *, public: bool
) -> list[ResolvedEvidence | None]:
    ids: list[int | None] = []
    for reference in references:
        try:
            ids.append(int(reference.get("finding", 0)))
        except (TypeError, ValueError):
            ids.append(None)
    findings = Finding.objects.in_bulk([pk for pk in ids if pk is not None])
    analysis_public = _analysis_public(process) if public else False
    kinds = dict(FindingKind.choices)
    answers: list[ResolvedEvidence | None] = []
    for pk in ids:
        finding = findings.get(pk) if pk is not None else None
        if (
            finding is None
            or finding.process_id != process.pk
            or (public and not (finding.is_public and analysis_public))
        ):
            answers.append(None)
            continue
        if public:
            url = reverse("standortanalyse:swot") + "#" + finding_anchor(finding.pk)
        else:
            url = reverse(
                "standortanalyse_manage:finding_edit", kwargs={"process_pk": process.pk, "finding_pk": finding.pk}
            )
        answers.append(
            ResolvedEvidence(
                title=finding.title,
                summary=_plain(finding.text),
                url=url,
                source=_("Location analysis: %(kind)s") % {"kind": kinds[finding.kind]},
            )
        )
    return answers


def finding_resolve(process: StrategyProcess, reference: Reference, *, public: bool) -> ResolvedEvidence | None:
    return finding_resolve_many(process, [reference], public=public)[0]


def _finding_key(reference: Reference) -> str:
    return f"finding:{reference.get('finding')}"


FINDING = EvidenceKind(
    key="finding",
    label=gettext_lazy("Finding of the location analysis"),
    options=finding_options,
    resolve=finding_resolve,
    source_key=_finding_key,
    order=10,
    resolve_many=finding_resolve_many,
)


def figure_options(process: StrategyProcess) -> list[EvidenceOption]:
    """Every official indicator with a value for the process's district, twice: "latest year" (follows new
    imports) and each year with a value, newest first (a figure that stays as cited)."""
    region = process.region
    if region is None:
        return []
    years: dict[str, list[int]] = {}
    for code, year in (
        Observation.objects.filter(region=region, sector__in=("", TOTAL), value__isnull=False)
        .values_list("indicator__code", "year")
        .distinct()
    ):
        years.setdefault(code, []).append(year)
    options = []
    for indicator in Indicator.objects.filter(code__in=years).order_by("name"):
        names = {"indicator": indicator.name, "region": region.name}
        group = _("Official statistics: %(indicator)s") % names
        options.append(
            EvidenceOption(
                reference={"indicator": indicator.code, "region": region.code, "year": None},
                label=_("%(indicator)s, %(region)s, latest year") % names,
                group=group,
            )
        )
        options.extend(
            EvidenceOption(
                reference={"indicator": indicator.code, "region": region.code, "year": year},
                label=_("%(indicator)s, %(region)s, %(year)s") % {**names, "year": year},
                group=group,
            )
            for year in sorted(set(years[indicator.code]), reverse=True)
        )
    return options


def figure_text(value: float, unit: str) -> str:
    """A figure as a page shows it: German number, one decimal unless whole, then the unit."""
    decimals = 0 if float(value).is_integer() or abs(value) >= 1000 else 1
    number = format_number(value, decimals)
    return f"{number}\N{NO-BREAK SPACE}{unit}" if unit else number


def _year(reference: Reference) -> int | bool | None:
    """The reference's year, None for the latest, False when it is no year."""
    year = reference.get("year")
    if year is None:
        return None
    try:
        return int(year)
    except (TypeError, ValueError):
        return False


def figure_resolve_many(
    process: StrategyProcess, references: list[Reference], *, public: bool
) -> list[ResolvedEvidence | None]:
    """The figures of many references from one read of their indicators, regions and observations."""
    codes = {str(reference.get("indicator", "")) for reference in references}
    region_codes = {str(reference.get("region", "")) for reference in references}
    indicators = {indicator.code: indicator for indicator in Indicator.objects.filter(code__in=codes)}
    regions = {region.code: region for region in Region.objects.filter(code__in=region_codes)}
    values: dict[tuple[str, str], dict[int, float]] = {}
    rows = Observation.objects.filter(
        indicator__code__in=indicators.keys(),
        region__code__in=regions.keys(),
        sector__in=("", TOTAL),
        value__isnull=False,
    ).values_list("indicator__code", "region__code", "sector", "year", "value")
    for code, region_code, sector, observed_year, value in rows:
        # The total of an indicator broken down by sector carries the sector code TOTAL.
        if value is not None and sector == (TOTAL if indicators[code].has_sectors else ""):
            values.setdefault((code, region_code), {})[observed_year] = value
    url = reverse("standortanalyse:overview") if _analysis_public(process) else ""
    answers: list[ResolvedEvidence | None] = []
    for reference in references:
        indicator = indicators.get(str(reference.get("indicator", "")))
        region = regions.get(str(reference.get("region", "")))
        wanted = _year(reference)
        if indicator is None or region is None or wanted is False:
            answers.append(None)
            continue
        title = _("%(indicator)s, %(region)s") % {"indicator": indicator.name, "region": region.name}
        series = values.get((indicator.code, region.code), {})
        shown_year = (max(series) if series else None) if wanted is None else int(wanted)
        if shown_year is None or shown_year not in series:
            answers.append(
                ResolvedEvidence(
                    title=title, summary=_("No value in the official statistics."), source=indicator.source
                )
            )
            continue
        figure = _("%(value)s (%(year)s)") % {
            "value": figure_text(series[shown_year], indicator.unit),
            "year": shown_year,
        }
        answers.append(ResolvedEvidence(title=title, figure=figure, url=url, source=indicator.source))
    return answers


def figure_resolve(process: StrategyProcess, reference: Reference, *, public: bool) -> ResolvedEvidence | None:
    return figure_resolve_many(process, [reference], public=public)[0]


def _figure_key(reference: Reference) -> str:
    year = reference.get("year")
    return f"figure:{reference.get('indicator')}:{reference.get('region')}:{year if year is not None else 'latest'}"


ANALYSIS_FIGURE = EvidenceKind(
    key="analysis_figure",
    label=gettext_lazy("Figure of the official statistics"),
    options=figure_options,
    resolve=figure_resolve,
    source_key=_figure_key,
    order=20,
    resolve_many=figure_resolve_many,
)
