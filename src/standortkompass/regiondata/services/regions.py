"""Loading the shipped official reference data into the region table."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from standortkompass.regiondata.models import Region, RegionLevel, level_for_code

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
RECORD_LEVELS = {"10": RegionLevel.STATE, "20": RegionLevel.GOVERNMENT_DISTRICT, "40": RegionLevel.DISTRICT, "60": RegionLevel.MUNICIPALITY}


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
