"""Helpers for the statistics tests: the shipped files, excerpts of them, and small official folders.

Excerpts keep the tests fast: a GENESIS download cut down to a few regions keeps its title,
header and footer lines byte for byte, so it is still "the file as downloaded".
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from standortkompass.regiondata.importers.base import AGS_KEY
from standortkompass.regiondata.models import Observation

OFFICIAL = Path(settings.OFFICIAL_DATA_DIR)
RAW = OFFICIAL / "raw"
FIXTURES = Path(__file__).parent / "fixtures"


def genesis_excerpt(path: Path, codes: Iterable[str], *, code_column: int = 0) -> bytes:
    """The GENESIS CSV at ``path`` with only the data rows of the regions ``codes`` (Latin-1 bytes as downloaded)."""
    wanted = set(codes)
    kept: list[str] = []
    footer = False
    for line in path.read_bytes().decode("latin-1").splitlines(keepends=True):
        footer = footer or line.startswith("___")
        fields = line.split(";")
        key = fields[code_column].strip() if len(fields) > code_column else ""
        if not footer and AGS_KEY.match(key) and key not in wanted:
            continue
        kept.append(line)
    return "".join(kept).encode("latin-1")


def stored(indicator: str, region: str, sector: str, year: int) -> Observation:
    return Observation.objects.get(indicator__code=indicator, region__code=region, sector=sector, year=year)


def clean_rows(relative: str, **where: str) -> list[dict[str, str]]:
    """Rows of a shipped clean CSV whose columns equal ``where``."""
    with (OFFICIAL / relative).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if all(row[key] == value for key, value in where.items())]


def filtered_csv(source: Path, target: Path, keep: set[str], *, column: str = "ags") -> None:
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader if row[column] in keep]
        fieldnames = reader.fieldnames or []
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_text(buffer.getvalue(), encoding="utf-8")


# The regions of the small official folder: Ludwigsburg and its parents, the city states, and
# the Kreise of the territorial changes (Göttingen/Osterode, Eisenach/Wartburgkreis).
SMALL_REGIONS = {
    "DG",
    "08",
    "081",
    "08118",
    "02",
    "02000",
    "11",
    "11000",
    "03",
    "031",
    "03152",
    "03156",
    "03159",
    "16",
    "16056",
    "16063",
}


def small_official_folder(target: Path) -> Path:
    """A copy of regiondata/official restricted to ``SMALL_REGIONS`` (and the Gemeinden of Ludwigsburg)."""
    for source in OFFICIAL.rglob("*.csv"):
        relative = source.relative_to(OFFICIAL)
        if relative.parts[0] in {"raw", "reference"}:
            continue
        destination = target / relative
        if relative.name.startswith("gemeindeverzeichnis"):
            with source.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                keep = {
                    row["ags"]
                    for row in reader
                    if row["ags"] in SMALL_REGIONS or (row["satzart"] == "60" and row["ags"].startswith("08118"))
                }
            filtered_csv(source, destination, keep)
        elif relative.name.startswith(("gemeinden_lk", "bbsr_raumgliederung_gemeinden")):
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
        else:
            filtered_csv(source, destination, SMALL_REGIONS)
    for source in (OFFICIAL / "geo").glob("*.geojson"):
        collection = json.loads(source.read_text(encoding="utf-8"))
        collection["features"] = [
            feature
            for feature in collection["features"]
            if feature["properties"]["AGS"] in SMALL_REGIONS or feature["properties"]["AGS"].startswith("08118")
        ]
        (target / "geo" / source.name).write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return target
