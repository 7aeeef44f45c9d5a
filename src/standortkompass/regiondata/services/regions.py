"""Loading the shipped official reference data into the region table."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from standortkompass.regiondata.models import (
    Region,
    RegionBoundary,
    RegionLevel,
    RegionSuccession,
    SpatialType,
    SpatialTypology,
    level_for_code,
)
from standortkompass.regiondata.territory import TERRITORIAL_CHANGES, TerritorialChange

DIRECTORY_FILE = Path("municipalities/gemeindeverzeichnis_gv-isys_2019-12-31.csv")
NUTS_FILE = Path("geo/kreise_ags_nuts3_2021-01-01.csv")
DIRECTORY_DATE = dt.date(2019, 12, 31)
DIRECTORY_SOURCE = "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2019"

DISTRICT_KINDS = {
    "41": "Kreisfreie Stadt",
    "42": "Stadtkreis",
    "43": "Kreis",
    "44": "Landkreis",
    "45": "Regionalverband",
}
MUNICIPALITY_KINDS = {
    "60": "Markt",
    "61": "Kreisfreie Stadt",
    "62": "Stadtkreis",
    "63": "Stadt",
    "64": "Gemeinde",
    "65": "Gemeindefreies Gebiet",
    "66": "Gemeindefreies Gebiet",
    "67": "Große Kreisstadt",
}
# Record types of the directory that are regions of ours (30 = BW Regionalverband, 50 = Gemeindeverband are not).
RECORD_LEVELS = {
    "10": RegionLevel.STATE,
    "20": RegionLevel.GOVERNMENT_DISTRICT,
    "40": RegionLevel.DISTRICT,
    "60": RegionLevel.MUNICIPALITY,
}


@dataclass
class _Row:
    code: str
    name: str
    level: str
    kind: str = ""
    nuts3: str = ""
    area: Decimal = Decimal(0)
    population: int = 0
    children: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


def _read_directory(path: Path) -> dict[str, _Row]:
    rows: dict[str, _Row] = {"DG": _Row(code="DG", name="Deutschland", level=RegionLevel.COUNTRY)}
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            level = RECORD_LEVELS.get(record["satzart"])
            if level is None:
                continue
            code = record["ags"]
            if level == RegionLevel.DISTRICT:
                kind = DISTRICT_KINDS.get(record["textkennzeichen"], "")
            elif level == RegionLevel.MUNICIPALITY:
                kind = MUNICIPALITY_KINDS.get(record["textkennzeichen"], "")
            elif level == RegionLevel.STATE:
                kind = "Land"
            else:
                kind = "Regierungsbezirk"
            row = _Row(code=code, name=record["name"], level=level, kind=kind)
            if level == RegionLevel.MUNICIPALITY:
                row.area = Decimal(record["flaeche_km2"] or 0)
                row.population = int(record["bevoelkerung_insgesamt"] or 0)
            rows[code] = row
    return rows


def _parent_code(code: str, rows: dict[str, _Row]) -> str | None:
    level = level_for_code(code)
    if level == RegionLevel.COUNTRY:
        return None
    if level == RegionLevel.STATE:
        return "DG"
    if level == RegionLevel.GOVERNMENT_DISTRICT:
        return code[:2]
    if level == RegionLevel.DISTRICT:
        return code[:3] if code[:3] in rows else code[:2]
    return code[:5]


def regions_load_official(*, directory: Path, municipalities_of: set[str] | None = None) -> LoadReport:
    """Create or update Germany, Länder, Regierungsbezirke, Kreise and Gemeinden from the directory.

    Area and population of the higher levels are the sums over their Gemeinden (31.12.2019).
    ``municipalities_of`` limits the Gemeinden stored to those of the given Kreise (all when None).
    Running it again changes nothing; it only adds what is missing and updates what differs.
    """
    rows = _read_directory(directory / DIRECTORY_FILE)
    with (directory / NUTS_FILE).open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if record["ags"] in rows:
                rows[record["ags"]].nuts3 = record["nuts3"]
    totals: dict[str, list[Decimal | int]] = defaultdict(lambda: [Decimal(0), 0])
    for row in rows.values():
        if row.level == RegionLevel.MUNICIPALITY:
            for prefix in {row.code[:5], row.code[:3], row.code[:2], "DG"}:
                totals[prefix][0] += row.area
                totals[prefix][1] += row.population
    wanted = [
        row
        for row in rows.values()
        if row.level != RegionLevel.MUNICIPALITY or municipalities_of is None or row.code[:5] in municipalities_of
    ]
    ordered = sorted(wanted, key=lambda row: (len(row.code) if row.code != "DG" else 0, row.code))
    with transaction.atomic():
        existing = {region.code: region for region in Region.objects.all()}
        created = updated = 0
        for row in ordered:
            area, population = totals[row.code] if row.level != RegionLevel.MUNICIPALITY else (row.area, row.population)
            parent_code = _parent_code(row.code, rows)
            values = {
                "name": row.name,
                "level": row.level,
                "kind": row.kind,
                "nuts3": row.nuts3,
                "area_km2": Decimal(area).quantize(Decimal("0.01")) if population else None,
                "population": int(population) or None,
                "population_date": DIRECTORY_DATE if population else None,
                "source": DIRECTORY_SOURCE,
                "parent": existing.get(parent_code) if parent_code else None,
            }
            region = existing.get(row.code)
            if region is None:
                region = Region.objects.create(code=row.code, **values)
                existing[row.code] = region
                created += 1
            elif any(getattr(region, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(region, key, value)
                region.save()
                updated += 1
    return LoadReport(created=created, updated=updated)


# --- Territorial changes, BBSR space types, boundaries ---------------------------------------

KREIS_TYPOLOGIES: dict[str, SpatialTypology] = {
    "Arbeitsmarktregionen": SpatialTypology.LABOUR_MARKET_REGION,
    "Braunkohlerevier": SpatialTypology.LIGNITE_REGION,
    "Kreisregionen": SpatialTypology.DISTRICT_REGION,
    "Raumordnungsregionen": SpatialTypology.SPATIAL_PLANNING_REGION,
    "West-Ost": SpatialTypology.WEST_EAST,
    "Raumtyp Bezug Lage (Kreise)": SpatialTypology.LOCATION_TYPE,
    "Siedlungsstrukturelle Kreistyp": SpatialTypology.SETTLEMENT_DISTRICT_TYPE,
    "Siedlungsstruktureller Regionstyp": SpatialTypology.SETTLEMENT_REGION_TYPE,
    "Städtischer-Ländlicher Raum": SpatialTypology.URBAN_RURAL,
    "Wachsend-Schrumpfend (Kreise)": SpatialTypology.GROWTH,
}
GEMEINDE_TYPOLOGIES: dict[str, SpatialTypology] = {
    "Zentrale Orte (ja/nein)": SpatialTypology.CENTRAL_PLACE,
    "Zentralörtliche Einstufung (zusammengefasst)": SpatialTypology.CENTRAL_PLACE_LEVEL,
    "Gemeindeverbände": SpatialTypology.MUNICIPAL_ASSOCIATION,
    "BBSR-Mittelbereiche": SpatialTypology.MIDDLE_ORDER_AREA,
    "Großstadtregionen": SpatialTypology.METROPOLITAN_REGION,
    "Großstadtregionaler Einzugsbereich": SpatialTypology.METROPOLITAN_CATCHMENT,
    "IHK-Bezirke": SpatialTypology.CHAMBER_DISTRICT,
    "Raumtyp Bezug: Lage (Gemeindeverbände)": SpatialTypology.LOCATION_TYPE,
    "RegioStaR17": SpatialTypology.REGIOSTAR_17,
    "RegioStaR7": SpatialTypology.REGIOSTAR_7,
    "RegioStaR2": SpatialTypology.REGIOSTAR_2,
    "RegioStaRGem5": SpatialTypology.REGIOSTAR_GEM_5,
    "Stadt- und Gemeindetyp": SpatialTypology.MUNICIPALITY_TYPE,
    "Stadt- und Gemeindetyp differenziert": SpatialTypology.MUNICIPALITY_TYPE_DETAILED,
    "Wachsend-Schrumpfend Gemeinden": SpatialTypology.GROWTH,
}
BBSR_SOURCE = "BBSR Bonn, INKAR Referenz Gemeinden, Kreise, NUTS, Gebietsstand 31.12.2019"
BBSR_DATE = dt.date(2019, 12, 31)
BOUNDARY_SOURCE = "© GeoBasis-DE / BKG 2021 (Daten verändert), VG5000 Stand 01.01.2021"
BOUNDARY_DATE = dt.date(2021, 1, 1)


@dataclass(frozen=True)
class ChangeReport:
    created: int
    updated: int
    unchanged: int
    missing: tuple[str, ...] = ()


def _region_for(code: str, name: str, *, source: str, kind: str = "") -> tuple[Region, bool]:
    """The region with ``code``, created from key and name when the database does not know it."""
    region = Region.objects.filter(code=code).first()
    if region is not None:
        return region, False
    candidates = [code[:length] for length in (5, 3, 2) if length < len(code)]
    parent = Region.objects.filter(code__in=candidates).order_by("-code").first()
    if parent is None and code != "DG":
        parent = Region.objects.filter(code="DG").first()
    region = Region(code=code, name=name, level=level_for_code(code), kind=kind, parent=parent, source=source)
    region.full_clean()
    region.save()
    return region, True


def regions_apply_territorial_changes(*, changes: Iterable[TerritorialChange] = TERRITORIAL_CHANGES) -> ChangeReport:
    """Record the validity of merged Kreise and their successor (idempotent)."""
    created = updated = unchanged = 0
    with transaction.atomic():
        for change in changes:
            successor, was_created = _region_for(*change.successor, source=change.description)
            created += was_created
            if change.new_successor and successor.valid_from != change.date:
                successor.valid_from = change.date
                successor.full_clean()
                successor.save(update_fields=["valid_from"])
                updated += 1
            last_day = change.date - dt.timedelta(days=1)
            for code, name in change.predecessors:
                predecessor, was_created = _region_for(code, name, source=change.description)
                created += was_created
                if predecessor.valid_to != last_day:
                    predecessor.valid_to = last_day
                    predecessor.full_clean()
                    predecessor.save(update_fields=["valid_to"])
                    updated += 1
                succession, was_created = RegionSuccession.objects.get_or_create(
                    predecessor=predecessor,
                    successor=successor,
                    defaults={"date": change.date, "description": change.description},
                )
                if was_created:
                    created += 1
                elif (succession.date, succession.description) != (change.date, change.description):
                    succession.date, succession.description = change.date, change.description
                    succession.full_clean()
                    succession.save()
                    updated += 1
                else:
                    unchanged += 1
    return ChangeReport(created=created, updated=updated, unchanged=unchanged)


def spatial_types_load(
    *,
    path: Path,
    typologies: dict[str, SpatialTypology],
    reference_date: dt.date = BBSR_DATE,
    source: str = BBSR_SOURCE,
) -> ChangeReport:
    """Store the BBSR classes of the regions in a reference CSV (pairs of ``… Kennziffer``/``… Name`` columns).

    Regions the database does not know are left out and listed in the report.
    """
    wanted: dict[tuple[str, str], tuple[str, str]] = {}  # (region, typology) → (class code, class name)
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            for label, typology in typologies.items():
                wanted[(record["ags"], typology)] = (record[f"{label} Kennziffer"], record[f"{label} Name"])
    regions = dict(Region.objects.filter(code__in={code for code, _t in wanted}).values_list("code", "pk"))
    missing = tuple(sorted({code for code, _t in wanted if code not in regions}))
    created = updated = unchanged = 0
    with transaction.atomic():
        existing: dict[tuple[str, str], SpatialType] = {
            (spatial.region.code, spatial.typology): spatial
            for spatial in SpatialType.objects.filter(region__code__in=regions).select_related("region")
        }
        new: list[SpatialType] = []
        for (code, kind), (class_code, class_name) in wanted.items():
            if code not in regions:
                continue
            values = {"code": class_code, "name": class_name, "reference_date": reference_date, "source": source}
            spatial = existing.get((code, kind))
            if spatial is None:
                spatial = SpatialType(region_id=regions[code], typology=kind, **values)
                spatial.full_clean(exclude=["region"], validate_unique=False, validate_constraints=False)
                new.append(spatial)
            elif any(getattr(spatial, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(spatial, name, value)
                spatial.full_clean(exclude=["region"])
                spatial.save()
                updated += 1
            else:
                unchanged += 1
        SpatialType.objects.bulk_create(new, batch_size=1000)
        created = len(new)
    return ChangeReport(created=created, updated=updated, unchanged=unchanged, missing=missing)


def boundaries_load(
    *, path: Path, reference_date: dt.date = BOUNDARY_DATE, source: str = BOUNDARY_SOURCE
) -> ChangeReport:
    """Store the geometry of every feature of a GeoJSON file for the region with its ``AGS`` property.

    A region the database does not know is created from ``AGS``, ``GEN`` (name) and ``BEZ`` (type).
    """
    with path.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    created = updated = unchanged = 0
    with transaction.atomic():
        codes = [feature["properties"]["AGS"] for feature in collection["features"]]
        regions = {region.code: region for region in Region.objects.filter(code__in=codes)}
        existing = {boundary.region_id: boundary for boundary in RegionBoundary.objects.filter(region__code__in=codes)}
        for feature in collection["features"]:
            properties = feature["properties"]
            region = regions.get(properties["AGS"])
            if region is None:
                region, _was_created = _region_for(
                    properties["AGS"], properties["GEN"], source=source, kind=properties.get("BEZ", "")
                )
            geometry = json.dumps(feature["geometry"], separators=(",", ":"), ensure_ascii=False)
            boundary = existing.get(region.pk)
            if boundary is None:
                boundary = RegionBoundary(
                    region=region, geometry=geometry, reference_date=reference_date, source=source
                )
                created += 1
            elif (boundary.geometry, boundary.reference_date, boundary.source) == (geometry, reference_date, source):
                unchanged += 1
                continue
            else:
                boundary.geometry, boundary.reference_date, boundary.source = geometry, reference_date, source
                updated += 1
            boundary.full_clean(exclude=["region"], validate_unique=False)
            boundary.save()
    return ChangeReport(created=created, updated=updated, unchanged=unchanged)
