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


def finding_resolve(process: StrategyProcess, reference: Reference, *, public: bool) -> ResolvedEvidence | None:
    try:
        finding = Finding.objects.get(process=process, pk=int(reference.get("finding", 0)))
    except (Finding.DoesNotExist, TypeError, ValueError):
        return None
    if public and not (finding.is_public and _analysis_public(process)):
        return None
    if public:
        url = reverse("standortanalyse:swot") + "#" + finding_anchor(finding.pk)
    else:
        url = reverse(
            "standortanalyse_manage:finding_edit", kwargs={"process_pk": process.pk, "finding_pk": finding.pk}
        )
    kind = dict(FindingKind.choices)[finding.kind]
    return ResolvedEvidence(
        title=finding.title,
        summary=_plain(finding.text),
        url=url,
        source=_("Location analysis: %(kind)s") % {"kind": kind},
    )


def _finding_key(reference: Reference) -> str:
    return f"finding:{reference.get('finding')}"


FINDING = EvidenceKind(
    key="finding",
    label=gettext_lazy("Finding of the location analysis"),
    options=finding_options,
    resolve=finding_resolve,
    source_key=_finding_key,
    order=10,
)


def figure_options(process: StrategyProcess) -> list[EvidenceOption]:
    """Every official indicator with a value for the process's district (its latest year)."""
    if process.region_id is None:
        return []
    codes = set(
        Observation.objects.filter(region_id=process.region_id, sector__in=("", TOTAL), value__isnull=False)
        .values_list("indicator__code", flat=True)
        .distinct()
    )
    indicators = Indicator.objects.filter(code__in=codes).order_by("name")
    region = process.region
    return [
        EvidenceOption(
            reference={"indicator": indicator.code, "region": region.code, "year": None},
            label=_("%(indicator)s, %(region)s, latest year") % {"indicator": indicator.name, "region": region.name},
            group=_("Official statistics"),
        )
        for indicator in indicators
        if region is not None
    ]


def figure_text(value: float, unit: str) -> str:
    """A figure as a page shows it: German number, one decimal unless whole, then the unit."""
    decimals = 0 if float(value).is_integer() or abs(value) >= 1000 else 1
    number = format_number(value, decimals)
    return f"{number}\N{NO-BREAK SPACE}{unit}" if unit else number


def figure_resolve(process: StrategyProcess, reference: Reference, *, public: bool) -> ResolvedEvidence | None:
    indicator = Indicator.objects.filter(code=str(reference.get("indicator", ""))).first()
    region = Region.objects.filter(code=str(reference.get("region", ""))).first()
    if indicator is None or region is None:
        return None
    # The total of an indicator broken down by sector carries the sector code TOTAL.
    total = TOTAL if indicator.has_sectors else ""
    observations = Observation.objects.filter(indicator=indicator, region=region, sector=total, value__isnull=False)
    year = reference.get("year")
    if year is not None:
        try:
            observations = observations.filter(year=int(year))
        except (TypeError, ValueError):
            return None
    observation = observations.order_by("-year").first()
    title = _("%(indicator)s, %(region)s") % {"indicator": indicator.name, "region": region.name}
    if observation is None or observation.value is None:
        return ResolvedEvidence(title=title, summary=_("No value in the official statistics."), source=indicator.source)
    url = reverse("standortanalyse:overview") if _analysis_public(process) else ""
    return ResolvedEvidence(
        title=title,
        figure=_("%(value)s (%(year)s)")
        % {"value": figure_text(observation.value, indicator.unit), "year": observation.year},
        url=url if public or url else "",
        source=indicator.source,
    )


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
)
