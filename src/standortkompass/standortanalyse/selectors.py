"""Reading the Standortanalyse: which analysis is public, and the figures of its pages.

The numbers come from ``regiondata`` (observations of all regions) and are computed with
the pure ``analysis`` library. Everything expensive is cached in Django's cache under a key
that contains the data version (the newest import batch and the number of observations),
so an import makes the old entries unreachable.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
from django.core.cache import cache
from django.db.models import Max
from django.http import Http404
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from standortkompass import analysis
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.selectors import current_public_process
from standortkompass.regiondata import selectors as regiondata
from standortkompass.regiondata.models import ImportBatch, Observation, Region, SpatialTypology
from standortkompass.standortanalyse.models import AnalysisSettings, Finding, FindingKind

T = TypeVar("T")
CACHE_SECONDS = 24 * 60 * 60
TOTAL = "TOTAL"
BUND = "DG"

# Names of the sectors and aggregates of the official tables (WZ 2008 sections).
SECTOR_NAMES: dict[str, Any] = {
    "A": gettext_lazy("Agriculture, forestry and fishing"),
    "B-E": gettext_lazy("Manufacturing, mining and energy"),
    "B-F": gettext_lazy("Production sector"),
    "C": gettext_lazy("Manufacturing"),
    "F": gettext_lazy("Construction"),
    "G-I": gettext_lazy("Trade, transport and hospitality"),
    "G-J": gettext_lazy("Trade, transport, hospitality, information and communication"),
    "G-U": gettext_lazy("Services"),
    "J": gettext_lazy("Information and communication"),
    "K": gettext_lazy("Financial and insurance services"),
    "K-N": gettext_lazy("Finance, insurance, real estate and business services"),
    "L": gettext_lazy("Real estate"),
    "M-N": gettext_lazy("Professional, scientific and business services"),
    "O-Q": gettext_lazy("Public administration, education and health"),
    "O-T": gettext_lazy("Public and other services"),
    "R-U": gettext_lazy("Arts, entertainment and other services"),
    TOTAL: gettext_lazy("All sectors"),
}


def sector_name(code: str) -> str:
    return str(SECTOR_NAMES.get(code, code))


# --- which analysis is shown ------------------------------------------------------------------


def settings_for(*, process: StrategyProcess) -> AnalysisSettings:
    """The analysis settings of a process (unsaved defaults if it has none yet)."""
    found = AnalysisSettings.objects.filter(process=process).first()
    return found if found is not None else AnalysisSettings(process=process)


def published_process() -> StrategyProcess | None:
    """The current public process if Administration has published its analysis and it has a district."""
    process = current_public_process()
    if process is None or process.region_id is None:
        return None
    if not AnalysisSettings.objects.filter(process=process, is_public=True).exists():
        return None
    return process


@dataclass(frozen=True)
class Scope:
    """The district of the analysis, its Land, the Bund, its peers and the chosen reference region."""

    process_id: int
    region: str
    region_name: str
    land: str
    land_name: str
    bund_name: str
    peers: tuple[str, ...]
    peer_label: str
    reference_key: str  # "land" or "bund"

    @property
    def reference(self) -> str:
        return self.land if self.reference_key == "land" else BUND

    @property
    def reference_name(self) -> str:
        return self.land_name if self.reference_key == "land" else self.bund_name

    @property
    def other_reference_key(self) -> str:
        return "bund" if self.reference_key == "land" else "land"

    def name_of(self, code: str) -> str:
        return {self.region: self.region_name, self.land: self.land_name, BUND: self.bund_name}.get(code, code)


def default_peers(*, region: str) -> tuple[tuple[str, ...], str]:
    """The default comparison districts and a label saying what they are.

    The districts of the same BBSR settlement structure type in the same Land plus the
    districts bordering ``region`` (in any Land), without ``region`` itself, sorted by key.
    Administration can replace them in the analysis settings.
    """
    land = regiondata.region_get(code=region[:2])
    land_name = land.name if land else region[:2]
    settlement = regiondata.spatial_types_of(region=region).get(SpatialTypology.SETTLEMENT_DISTRICT_TYPE)
    same_type: list[str] = []
    if settlement is not None:
        same_type = regiondata.regions_of_spatial_type(
            typology=SpatialTypology.SETTLEMENT_DISTRICT_TYPE, code=settlement[0], within=region[:2]
        )
    neighbours = regiondata.neighbours_of(region=region)
    peers = tuple(sorted({*same_type, *neighbours} - {region}))
    if not peers:
        return (), ""
    if settlement is not None and neighbours:
        label = _("districts of the type “%(type)s” in %(land)s and the neighbouring districts") % {
            "type": settlement[1],
            "land": land_name,
        }
    elif settlement is not None:
        label = _("districts of the type “%(type)s” in %(land)s") % {"type": settlement[1], "land": land_name}
    else:
        label = _("the neighbouring districts")
    return peers, label


def scope_for(*, process: StrategyProcess, reference_key: str) -> Scope:
    region: Region = process.region
    if region is None:
        raise Http404(_("This process has no district."))
    land = regiondata.region_get(code=region.code[:2])
    bund = regiondata.region_get(code=BUND)
    configured = settings_for(process=process).peer_codes
    if configured:
        peers = tuple(code for code in configured if code != region.code)
        label = _("selected comparison districts")
    else:
        peers, label = default_peers(region=region.code)
    return Scope(
        process_id=process.pk,
        region=region.code,
        region_name=region.name,
        land=region.code[:2],
        land_name=land.name if land else region.code[:2],
        bund_name=bund.name if bund else _("Germany"),
        peers=peers,
        peer_label=label,
        reference_key="bund" if reference_key == "bund" else "land",
    )


# --- cache ------------------------------------------------------------------------------------


def data_version() -> str:
    """Changes whenever statistics are imported: the newest import batch and the newest observation."""
    newest_batch = ImportBatch.objects.aggregate(newest=Max("pk"))["newest"] or 0
    newest_observation = Observation.objects.aggregate(newest=Max("pk"))["newest"] or 0
    return f"{newest_batch}-{newest_observation}"


def cached(name: str, parts: Iterable[object], compute: Callable[[], T], *, version: str | None = None) -> T:
    # The language is part of the key: results carry translated labels (sector names, age groups ...).
    language = get_language() or ""
    key = ":".join(["standortanalyse", version or data_version(), language, name, *(str(part) for part in parts)])
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found  # type: ignore[no-any-return]


# --- raw values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One indicator: ``values[region][year]`` (missing and flagged values left out) and its metadata."""

    code: str
    name: str
    unit: str
    source: str
    values: dict[str, dict[int, float]]
    description: str = ""

    def value(self, region: str, year: int) -> float | None:
        return self.values.get(region, {}).get(year)

    def years(self, region: str) -> list[int]:
        return sorted(self.values.get(region, {}))

    def last_year(self, region: str) -> int | None:
        years = self.years(region)
        return years[-1] if years else None

    def districts_in(self, year: int, *, within: str = "") -> dict[str, float]:
        return {
            code: by_year[year]
            for code, by_year in self.values.items()
            if len(code) == 5 and code.startswith(within) and year in by_year
        }


def indicator_series(code: str, *, sector: str = "", version: str | None = None) -> Series:
    def compute() -> Series:
        indicator = regiondata.indicator_get(code=code)
        raw = regiondata.observation_values(indicator=code, sectors=[sector])
        values = {
            region: {year: value for year, value in by_sector.get(sector, {}).items() if value is not None}
            for region, by_sector in raw.items()
        }
        return Series(
            code=code,
            name=indicator.name if indicator else code,
            unit=indicator.unit if indicator else "",
            source=indicator.source if indicator else "",
            values=values,
            description=indicator.description if indicator else "",
        )

    return cached("series-v2", [code, sector or "-"], compute, version=version)


@dataclass(frozen=True)
class SectorData:
    """Employment at the workplace by sector: ``matrix[year]`` is a DataFrame region × sector."""

    years: tuple[int, ...]
    matrix: dict[int, pd.DataFrame]
    source: str

    def vector(self, region: str, year: int) -> pd.Series:
        frame = self.matrix[year]
        if region not in frame.index:
            return pd.Series(dtype=float, name=region)
        row = frame.loc[region]
        return pd.Series(row.to_numpy(dtype=float), index=frame.columns, name=region)

    def districts(self, year: int) -> pd.DataFrame:
        frame = self.matrix[year]
        return frame.loc[[code for code in frame.index if len(code) == 5]]


def sector_data(*, version: str | None = None) -> SectorData:
    def compute() -> SectorData:
        frame = regiondata.observations_frame(indicator="employees_workplace")
        frame = frame[frame["sector"] != ""]
        indicator = regiondata.indicator_get(code="employees_workplace")
        # Only years with a breakdown by sector (not just the total).
        per_year = frame[frame["sector"] != TOTAL].groupby("year")["sector"].nunique()
        years = tuple(sorted(int(str(year)) for year, count in per_year.items() if count > 1))
        matrix = {
            year: frame[frame["year"] == year].pivot_table(
                index="region", columns="sector", values="value", aggfunc="first", dropna=False
            )
            for year in years
        }
        return SectorData(years=years, matrix=matrix, source=indicator.source if indicator else "")

    return cached("sectors", [], compute, version=version)


def _finite(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return float(value)


# --- overview: key figures ------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigureSpec:
    code: str
    label: Any
    sector: str = ""
    kind: str = "int"  # how to format: int, decimal1, rate (already in per cent)
    higher_is_better: bool = True
    scale: float = 1.0
    unit: Any = ""


KEY_FIGURES: tuple[KeyFigureSpec, ...] = (
    KeyFigureSpec("employees_workplace", gettext_lazy("Employees at the workplace"), sector=TOTAL, unit=""),
    KeyFigureSpec("gdp", gettext_lazy("Gross domestic product"), kind="decimal1", scale=1 / 1000, unit="Mio. €"),
    KeyFigureSpec("gdp_per_employed", gettext_lazy("GDP per person in employment (productivity)"), unit="€"),
    KeyFigureSpec("population", gettext_lazy("Population"), unit=""),
    KeyFigureSpec(
        "unemployment_rate", gettext_lazy("Unemployment rate"), kind="rate", higher_is_better=False, unit="%"
    ),
    KeyFigureSpec("local_units", gettext_lazy("Local units (establishments)"), unit=""),
)


@dataclass(frozen=True)
class KeyFigure:
    code: str
    label: str
    kind: str
    unit: str
    year: int
    value: float
    first_year: int | None
    change: float | None  # relative change since first_year, or percentage points for rates
    land: float | None
    bund: float | None
    peers: float | None
    rank: int | None
    rank_count: int
    land_rank: int | None
    land_count: int
    source: str
    reference: str = ""  # reference date or period, e.g. "Stichtag 30.06." (from the indicator's description)


REFERENCE_PERIOD = re.compile(r"^(Stichtag \d\d\.\d\d\.|Jahres\w+)")


def reference_period(description: str) -> str:
    """The reference date or period at the start of an indicator's description ("Stichtag 30.06.", "Jahressumme")."""
    match = REFERENCE_PERIOD.match(description)
    return match.group(1) if match else ""


def key_figures(scope: Scope) -> list[KeyFigure]:
    version = data_version()

    def compute() -> list[KeyFigure]:
        figures: list[KeyFigure] = []
        for spec in KEY_FIGURES:
            series = indicator_series(spec.code, sector=spec.sector, version=version)
            year = series.last_year(scope.region)
            if year is None:
                continue
            value = series.value(scope.region, year)
            if value is None:
                continue
            years = series.years(scope.region)
            first = years[0] if len(years) > 1 else None
            change = None
            if first is not None:
                start = series.value(scope.region, first)
                if start:
                    change = value - start if spec.kind == "rate" else value / start - 1
            districts = series.districts_in(year)
            peer_values = [districts[code] for code in scope.peers if code in districts]
            rank = land_rank = None
            land_count = rank_count = 0
            if scope.region in districts:
                values = pd.Series(districts, dtype=float)
                overall = analysis.benchmark(values, scope.region, higher_is_better=spec.higher_is_better)
                rank, rank_count = overall.rank, overall.count
                in_land = [code for code in districts if code.startswith(scope.land)]
                within = analysis.benchmark(values, scope.region, higher_is_better=spec.higher_is_better, among=in_land)
                land_rank, land_count = within.rank, within.count

            def scaled(number: float | None, factor: float = spec.scale) -> float | None:
                return None if number is None else number * factor

            figures.append(
                KeyFigure(
                    code=spec.code,
                    label=str(spec.label),
                    kind=spec.kind,
                    unit=str(spec.unit),
                    year=year,
                    value=value * spec.scale,
                    first_year=first,
                    change=change,
                    land=scaled(series.value(scope.land, year)),
                    bund=scaled(series.value(BUND, year)),
                    peers=scaled(statistics.median(peer_values)) if peer_values else None,
                    rank=rank,
                    rank_count=rank_count,
                    land_rank=land_rank,
                    land_count=land_count,
                    source=series.source,
                    reference=reference_period(series.description),
                )
            )
        return figures

    return cached("key-figures-v2", [scope.region, *scope.peers], compute, version=version)


def index_lines(scope: Scope, code: str, *, sector: str = "") -> tuple[list[dict[str, Any]], int | None]:
    """Index (first common year = 100) of an indicator for the district, Land, Bund and the peers' median."""
    series = indicator_series(code, sector=sector)
    years = series.years(scope.region)
    if not years:
        return [], None
    base = years[0]
    rows: list[dict[str, Any]] = []
    lines = [(scope.region_name, scope.region), (scope.land_name, scope.land), (scope.bund_name, BUND)]
    for name, region in lines:
        start = series.value(region, base)
        for year in years:
            value = series.value(region, year)
            if start and value is not None:
                rows.append({"year": year, "series": name, "value": round(value / start * 100, 2)})
    if scope.peers:
        for year in years:
            ratios = [
                value / start
                for peer in scope.peers
                if (start := series.value(peer, base)) and (value := series.value(peer, year)) is not None
            ]
            if ratios:
                rows.append(
                    {
                        "year": year,
                        "series": _("Comparison districts (median)"),
                        "value": round(statistics.median(ratios) * 100, 2),
                    }
                )
    return rows, base


def level_lines(scope: Scope, code: str, *, sector: str = "", scale: float = 1.0) -> list[dict[str, Any]]:
    """An indicator over the years for the district, its Land and the Bund."""
    series = indicator_series(code, sector=sector)
    rows = []
    for name, region in [(scope.region_name, scope.region), (scope.land_name, scope.land), (scope.bund_name, BUND)]:
        for year in series.years(region):
            value = series.value(region, year)
            if value is not None:
                rows.append({"year": year, "series": name, "value": value * scale})
    return rows


# --- economic structure -----------------------------------------------------------------------


@dataclass(frozen=True)
class SectorRow:
    code: str
    name: str
    employees: float | None
    share: float | None
    land_share: float | None
    bund_share: float | None
    lq_land: float | None
    lq_bund: float | None


@dataclass(frozen=True)
class IndexRow:
    code: str
    name: str
    value: float | None
    rank: int | None
    count: int
    land_rank: int | None
    land_count: int
    explanation: str


@dataclass(frozen=True)
class Structure:
    year: int
    start_year: int
    sectors: list[SectorRow]
    portfolio: list[dict[str, Any]]
    indices: list[IndexRow]
    source: str


INDEX_TEXTS = {
    "krugman": (
        gettext_lazy("Krugman index"),
        gettext_lazy("Sum of the absolute share differences: 0 = same structure as the reference, 2 = none in common."),
        False,
    ),
    "hachman": (
        gettext_lazy("Hachman index"),
        gettext_lazy("1 = structure like the reference; the lower, the more specialised."),
        True,
    ),
    "herfindahl": (
        gettext_lazy("Herfindahl-Hirschman index"),
        gettext_lazy("Concentration on few sectors: the higher, the more concentrated."),
        False,
    ),
    "theil": (
        gettext_lazy("Relative Theil index"),
        gettext_lazy("0 = structure like the reference; the higher, the more specialised."),
        False,
    ),
    "entropy_normalised": (
        gettext_lazy("Diversity (normalised entropy)"),
        gettext_lazy("1 = employment spread evenly over all sectors; the lower, the less diverse."),
        True,
    ),
}


def structure(scope: Scope) -> Structure | None:
    version = data_version()

    def compute() -> Structure | None:
        data = sector_data(version=version)
        years = [year for year in data.years if scope.region in data.matrix[year].index]
        if not years:
            return None
        start, end = years[0], years[-1]
        region = data.vector(scope.region, end)
        land = data.vector(scope.land, end)
        bund = data.vector(BUND, end)
        partition = analysis.select_partition([code for code in region.index if pd.notna(region[code])]).sectors
        shown = [*partition]
        if "C" in region.index and "C" not in shown:
            shown.insert(shown.index("B-E") + 1 if "B-E" in shown else 0, "C")
        shares = {
            code: analysis.sector_shares(vector).values for code, vector in (("r", region), ("l", land), ("b", bund))
        }
        lq_land = analysis.location_quotients(region, land).values
        lq_bund = analysis.location_quotients(region, bund).values
        rows = [
            SectorRow(
                code=code,
                name=sector_name(code),
                employees=_finite(region.get(code)),
                share=_finite(shares["r"].get(code)),
                land_share=_finite(shares["l"].get(code)),
                bund_share=_finite(shares["b"].get(code)),
                lq_land=_finite(lq_land.get(code)),
                lq_bund=_finite(lq_bund.get(code)),
            )
            for code in shown
        ]
        reference_start = data.vector(scope.reference, start)
        reference_end = data.vector(scope.reference, end)
        portfolio = analysis.portfolio_matrix(data.vector(scope.region, start), region, reference_start, reference_end)
        bubbles = [
            {
                "code": code,
                "sector": sector_name(str(code)),
                "location_quotient": _finite(row["location_quotient"]),
                "region_growth": _finite(row["region_growth"]),
                "reference_growth": _finite(row["reference_growth"]),
                "relative_growth": _finite(row["relative_growth"]),
                "employment": _finite(row["employment"]),
            }
            for code, row in portfolio.table.iterrows()
        ]
        bubbles = [bubble for bubble in bubbles if bubble["location_quotient"] is not None]
        districts = data.districts(end)
        table = analysis.specialisation_by_region(districts, bund).values
        own = analysis.specialisation_indices(region, data.vector(scope.reference, end))
        indices = []
        for key, (label, explanation, higher_is_better) in INDEX_TEXTS.items():
            column = table[key].astype(float)
            rank = land_rank = None
            count = land_count = 0
            if scope.region in column.index and pd.notna(column[scope.region]):
                overall = analysis.benchmark(column, scope.region, higher_is_better=not higher_is_better)
                in_land = [code for code in column.index if code.startswith(scope.land)]
                within = analysis.benchmark(column, scope.region, higher_is_better=not higher_is_better, among=in_land)
                rank, count, land_rank, land_count = overall.rank, overall.count, within.rank, within.count
            indices.append(
                IndexRow(
                    code=key,
                    name=str(label),
                    value=_finite(getattr(own, key)),
                    rank=rank,
                    count=count,
                    land_rank=land_rank,
                    land_count=land_count,
                    explanation=str(explanation),
                )
            )
        return Structure(
            year=end, start_year=start, sectors=rows, portfolio=bubbles, indices=indices, source=data.source
        )

    return cached("structure", [scope.region, scope.reference], compute, version=version)


# --- dynamics: shift-share --------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftShare:
    start: int
    end: int
    actual_change: float
    national: float
    industry_mix: float
    regional: float
    net_total_shift: float
    reference_growth: float
    competitive: float
    allocation: float
    em_industry_mix: float
    regional_factor: float
    structural_factor: float
    locational_factor: float
    dynamic_national: float
    dynamic_industry_mix: float
    dynamic_regional: float
    dynamic_net_total_shift: float
    steps: list[dict[str, Any]]
    sectors: list[dict[str, Any]]
    start_total: float
    excluded: list[str]


def shift_share(scope: Scope) -> ShiftShare | None:
    version = data_version()

    def compute() -> ShiftShare | None:
        data = sector_data(version=version)
        years = [
            year
            for year in data.years
            if scope.region in data.matrix[year].index and scope.reference in data.matrix[year].index
        ]
        if len(years) < 2:
            return None
        start, end = years[0], years[-1]
        args = (
            data.vector(scope.region, start),
            data.vector(scope.region, end),
            data.vector(scope.reference, start),
            data.vector(scope.reference, end),
        )
        dunn = analysis.dunn_shift_share(*args)
        em = analysis.esteban_marquillas_shift_share(*args)
        gerfin = analysis.gerfin_shift_share(*args)
        region_panel = pd.DataFrame({year: data.vector(scope.region, year) for year in years}).T
        reference_panel = pd.DataFrame({year: data.vector(scope.reference, year) for year in years}).T
        dynamic = analysis.dynamic_shift_share(
            region_panel, reference_panel, region_code=scope.region, reference_code=scope.reference
        )
        steps = [
            {
                "year": int(str(year)),
                "start_year": int(row["start_year"]),
                "national": _finite(row["national"]),
                "industry_mix": _finite(row["industry_mix"]),
                "regional": _finite(row["regional"]),
                "actual_change": _finite(row["actual_change"]),
            }
            for year, row in dynamic.steps.iterrows()
        ]
        sectors = [
            {
                "code": code,
                "sector": sector_name(str(code)),
                "actual_change": _finite(row["actual_change"]),
                "national": _finite(row["national"]),
                "industry_mix": _finite(row["industry_mix"]),
                "regional": _finite(row["regional"]),
            }
            for code, row in dunn.sectors.iterrows()
        ]
        start_total = float(pd.Series(args[0]).reindex(dunn.sectors.index).sum())
        return ShiftShare(
            start=start,
            end=end,
            actual_change=dunn.actual_change,
            national=dunn.national,
            industry_mix=dunn.industry_mix,
            regional=dunn.regional,
            net_total_shift=dunn.net_total_shift,
            reference_growth=dunn.reference_growth,
            competitive=em.competitive,
            allocation=em.allocation,
            em_industry_mix=em.industry_mix,
            regional_factor=gerfin.regional_factor,
            structural_factor=gerfin.structural_factor,
            locational_factor=gerfin.locational_factor,
            dynamic_national=dynamic.national,
            dynamic_industry_mix=dynamic.industry_mix,
            dynamic_regional=dynamic.regional,
            dynamic_net_total_shift=dynamic.net_total_shift,
            steps=steps,
            sectors=sectors,
            start_total=start_total,
            excluded=[str(exclusion) for exclusion in dunn.excluded],
        )

    return cached("shift-share", [scope.region, scope.reference], compute, version=version)


# --- labour market, demography, productivity, commuting ----------------------------------------


AGE_BANDS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("0-20", gettext_lazy("under 20"), ("under_3", "3_to_6", "6_to_10", "10_to_15", "15_to_18", "18_to_20")),
    ("20-40", gettext_lazy("20 to 39"), ("20_to_25", "25_to_30", "30_to_35", "35_to_40")),
    ("40-65", gettext_lazy("40 to 64"), ("40_to_45", "45_to_50", "50_to_55", "55_to_60", "60_to_65")),
    ("65-75", gettext_lazy("65 to 74"), ("65_to_75",)),
    ("75+", gettext_lazy("75 and older"), ("75_plus",)),
)


@dataclass(frozen=True)
class AgeStructure:
    year: int
    shares: list[dict[str, Any]]  # band, label, region, land, bund
    dependency: dict[str, float | None]  # region code -> old-age dependency ratio


def age_structure(scope: Scope) -> AgeStructure | None:
    version = data_version()

    def compute() -> AgeStructure | None:
        codes = (scope.region, scope.land, BUND)
        totals: dict[str, dict[str, float]] = {code: {} for code in codes}
        year: int | None = None
        for _band, _label, groups in AGE_BANDS:
            for group in groups:
                for sex in ("male", "female"):
                    series = indicator_series(f"population_{sex}_{group}", version=version)
                    candidate = series.last_year(scope.region)
                    if candidate is None:
                        return None
                    year = candidate if year is None else min(year, candidate)
        if year is None:
            return None
        for band, _label, groups in AGE_BANDS:
            for code in codes:
                values = [
                    indicator_series(f"population_{sex}_{group}", version=version).value(code, year)
                    for group in groups
                    for sex in ("male", "female")
                ]
                if any(value is None for value in values):
                    values = [
                        _sum_of_districts(f"population_{sex}_{group}", code, year, version)
                        for group in groups
                        for sex in ("male", "female")
                    ]
                totals[code][band] = math.nan if any(value is None for value in values) else float(sum(values))  # type: ignore[arg-type]
        shares = []
        for band, label, _groups in AGE_BANDS:
            row: dict[str, Any] = {"band": band, "label": str(label)}
            for key, code in (("region", scope.region), ("land", scope.land), ("bund", BUND)):
                whole = sum(totals[code].values())
                row[key] = _finite(totals[code][band] / whole) if whole else None
            shares.append(row)
        dependency = {}
        for code in codes:
            working = totals[code]["20-40"] + totals[code]["40-65"]
            old = totals[code]["65-75"] + totals[code]["75+"]
            dependency[code] = _finite(old / working) if working else None
        return AgeStructure(year=year, shares=shares, dependency=dependency)

    return cached("age", [scope.region], compute, version=version)


def _sum_of_districts(code: str, region: str, year: int, version: str) -> float | None:
    """A Land's or the Bund's value as the sum of its districts (for tables published for districts only)."""
    districts = indicator_series(code, version=version).districts_in(year, within="" if region == BUND else region)
    return float(sum(districts.values())) if districts else None


def commuting_lines(scope: Scope) -> list[dict[str, Any]]:
    """Job centrality (employees at the workplace per employee resident) by year for district, Land and Bund."""
    workplace = indicator_series("employees_workplace", sector=TOTAL)
    residence = indicator_series("employees_residence", sector=TOTAL)
    rows = []
    for name, code in [(scope.region_name, scope.region), (scope.land_name, scope.land), (scope.bund_name, BUND)]:
        for year in residence.years(code):
            at_work, at_home = workplace.value(code, year), residence.value(code, year)
            if at_work is not None and at_home:
                rows.append(
                    {
                        "year": year,
                        "series": name,
                        "value": round(at_work / at_home, 4),
                        "workplace": at_work,
                        "residence": at_home,
                        "balance": at_work - at_home,
                    }
                )
    return rows


SIZE_CLASSES: tuple[tuple[str, Any], ...] = (
    ("local_units_0_to_10", gettext_lazy("0 to 9 employees")),
    ("local_units_10_to_50", gettext_lazy("10 to 49 employees")),
    ("local_units_50_to_250", gettext_lazy("50 to 249 employees")),
    ("local_units_250_plus", gettext_lazy("250 and more employees")),
)


def company_sizes(scope: Scope) -> tuple[int | None, list[dict[str, Any]]]:
    total = indicator_series("local_units")
    year = total.last_year(scope.region)
    if year is None:
        return None, []
    rows = []
    for code, label in SIZE_CLASSES:
        series = indicator_series(code)
        row: dict[str, Any] = {"code": code, "label": str(label), "count": series.value(scope.region, year)}
        for key, region in (("region", scope.region), ("land", scope.land), ("bund", BUND)):
            part, whole = series.value(region, year), total.value(region, year)
            row[key] = part / whole if part is not None and whole else None
        rows.append(row)
    return year, rows


# --- maps -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapIndicator:
    key: str
    label: Any
    format: str
    kind: str
    compute: Callable[[str | None], tuple[int | None, dict[str, float]]]
    higher_is_better: bool = True


def _latest(
    code: str, *, sector: str = "", scale: float = 1.0
) -> Callable[[str | None], tuple[int | None, dict[str, float]]]:
    def compute(version: str | None) -> tuple[int | None, dict[str, float]]:
        series = indicator_series(code, sector=sector, version=version)
        year = series.last_year(BUND)
        if year is None:
            return None, {}
        return year, {region: value * scale for region, value in series.districts_in(year).items()}

    return compute


def _employment_growth(version: str | None) -> tuple[int | None, dict[str, float]]:
    series = indicator_series("employees_workplace", sector=TOTAL, version=version)
    years = series.years(BUND)
    if len(years) < 2:
        return None, {}
    start, end = years[-6] if len(years) >= 6 else years[0], years[-1]
    first, last = series.districts_in(start), series.districts_in(end)
    return end, {code: last[code] / first[code] - 1 for code in last if first.get(code)}


def _manufacturing_share(version: str | None) -> tuple[int | None, dict[str, float]]:
    part = indicator_series("employees_workplace", sector="C", version=version)
    total = indicator_series("employees_workplace", sector=TOTAL, version=version)
    year = part.last_year(BUND)
    if year is None:
        return None, {}
    parts, totals = part.districts_in(year), total.districts_in(year)
    return year, {code: parts[code] / totals[code] for code in parts if totals.get(code)}


def _job_centrality(version: str | None) -> tuple[int | None, dict[str, float]]:
    workplace = indicator_series("employees_workplace", sector=TOTAL, version=version)
    residence = indicator_series("employees_residence", sector=TOTAL, version=version)
    year = residence.last_year(BUND)
    if year is None:
        return None, {}
    at_work, at_home = workplace.districts_in(year), residence.districts_in(year)
    return year, {code: at_work[code] / at_home[code] for code in at_work if at_home.get(code)}


MAP_INDICATORS: dict[str, MapIndicator] = {
    indicator.key: indicator
    for indicator in (
        MapIndicator(
            "arbeitslosenquote",
            gettext_lazy("Unemployment rate (%)"),
            ".1f",
            "decimal1",
            _latest("unemployment_rate"),
            False,
        ),
        MapIndicator(
            "produktivitaet",
            gettext_lazy("GDP per person in employment (€)"),
            ",.0f",
            "int",
            _latest("gdp_per_employed"),
        ),
        MapIndicator(
            "bip-je-einwohner", gettext_lazy("GDP per inhabitant (€)"), ",.0f", "int", _latest("gdp_per_capita")
        ),
        MapIndicator(
            "einkommen",
            gettext_lazy("Disposable income per inhabitant (€)"),
            ",.0f",
            "int",
            _latest("disposable_income_per_capita"),
        ),
        MapIndicator(
            "beschaeftigungswachstum",
            gettext_lazy("Growth of employment over five years"),
            "+.1%",
            "percent",
            _employment_growth,
        ),
        MapIndicator(
            "industrieanteil",
            gettext_lazy("Share of manufacturing in employment"),
            ".0%",
            "percent",
            _manufacturing_share,
        ),
        MapIndicator(
            "arbeitsplatzzentralitaet",
            gettext_lazy("Job centrality (workplace per residence)"),
            ".2f",
            "decimal2",
            _job_centrality,
        ),
    )
}


@dataclass(frozen=True)
class MapData:
    indicator_key: str
    year: int | None
    rows: list[dict[str, Any]]  # code, name, value, rank
    features: list[dict[str, Any]]

    @property
    def indicator(self) -> MapIndicator:
        return MAP_INDICATORS[self.indicator_key]


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_a), (x1, y1, *_b) in itertools.pairwise(ring)) / 2


def _ring(ring: list[list[float]], *, clockwise: bool) -> list[list[float]]:
    rounded = [[round(x, 3), round(y, 3)] for x, y, *_rest in ring]
    if (_signed_area(rounded) < 0) != clockwise:
        rounded.reverse()
    return rounded


def _polygon(rings: list[list[list[float]]]) -> list[list[list[float]]]:
    return [_ring(ring, clockwise=index == 0) for index, ring in enumerate(rings)]


def for_map(geometry: dict[str, Any]) -> dict[str, Any]:
    """A boundary for Vega's map projection: coordinates rounded to about 100 m, rings wound as d3-geo expects.

    d3-geo works on the sphere and reads a ring's winding order: an outer ring must run
    clockwise, a hole anticlockwise. GeoJSON (RFC 7946) prescribes the opposite, and a ring
    the wrong way round would cover the whole globe except the region.
    """
    if geometry.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [_polygon(polygon) for polygon in geometry["coordinates"]]}
    return geometry


def _boundaries(codes: list[str], version: str) -> dict[str, Any]:
    return cached(
        "boundaries-v2",
        [len(codes), codes[0] if codes else "", codes[-1] if codes else ""],
        lambda: {code: for_map(geometry) for code, geometry in regiondata.region_boundaries(codes=codes).items()},
        version=version,
    )


def map_data(scope: Scope, *, indicator_key: str, within: str) -> MapData:
    """District values of an indicator in the Land (``within`` = Land code) or all of Germany (``within`` = "")."""
    indicator = MAP_INDICATORS.get(indicator_key) or next(iter(MAP_INDICATORS.values()))
    version = data_version()

    def compute() -> MapData:
        year, values = indicator.compute(version)
        districts = Region.objects.filter(level="district", code__startswith=within, boundary__isnull=False)
        names = dict(districts.order_by("code").values_list("code", "name"))
        codes = sorted(names)
        geometries = _boundaries(codes, version)
        present = pd.Series({code: values[code] for code in codes if code in values}, dtype=float)
        ranks = (
            analysis.rank_regions(present, higher_is_better=indicator.higher_is_better).values if len(present) else None
        )
        rows = []
        features = []
        for code in codes:
            value = _finite(values.get(code))
            rank = None
            if ranks is not None and code in ranks.index and pd.notna(ranks.loc[code, "rank"]):
                rank = int(float(ranks.loc[code, "rank"]))  # type: ignore[arg-type]
            rows.append({"code": code, "name": names[code], "value": value, "rank": rank})
            if code in geometries:
                features.append(
                    {
                        "type": "Feature",
                        "geometry": geometries[code],
                        "properties": {"code": code, "name": names[code], "value": value},
                    }
                )
        rows.sort(key=lambda row: (row["rank"] is None, row["rank"] or 0, row["name"]))
        return MapData(indicator_key=indicator.key, year=year, rows=rows, features=features)

    return cached("map", [indicator.key, within or "DG"], compute, version=version)


def municipality_map(scope: Scope) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Population, area and density of the district's municipalities (rows) and their map features."""
    version = data_version()

    def compute() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        towns = list(
            Region.objects.filter(level="municipality", parent__code=scope.region)
            .order_by("name")
            .values("code", "name", "population", "area_km2", "population_date")
        )
        geometries = _boundaries([town["code"] for town in towns], version) if towns else {}
        rows = []
        features = []
        for town in towns:
            area = float(town["area_km2"]) if town["area_km2"] is not None else None
            population = town["population"]
            density = population / area if population is not None and area else None
            rows.append(
                {
                    "code": town["code"],
                    "name": town["name"],
                    "population": population,
                    "area": area,
                    "density": density,
                    "date": town["population_date"],
                }
            )
            if town["code"] in geometries:
                features.append(
                    {
                        "type": "Feature",
                        "geometry": geometries[town["code"]],
                        "properties": {"code": town["code"], "name": town["name"], "value": density},
                    }
                )
        return rows, features

    return cached("municipalities", [scope.region], compute, version=version)


# --- findings ---------------------------------------------------------------------------------


def findings_for_management(*, process: StrategyProcess) -> Any:
    return Finding.objects.filter(process=process).select_related("created_by").order_by("kind", "order", "id")


def public_findings_by_kind(*, process: StrategyProcess) -> list[tuple[str, str, list[Finding]]]:
    """The public findings in the four SWOT quadrants: (kind, label, findings)."""
    findings = list(Finding.objects.filter(process=process, is_public=True).order_by("order", "id"))
    return [
        (kind.value, str(kind.label), [finding for finding in findings if finding.kind == kind.value])
        for kind in FindingKind
    ]
