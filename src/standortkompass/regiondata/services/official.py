"""Loading everything shipped in regiondata/official, skipping what is already loaded.

Each file (or pair of files) is recorded as an ``ImportBatch`` of format ``official`` with
its SHA-256 and the version of its reader; a later run skips it while both match. So the
first start loads everything, every further start only hashes the files, and a value an
agency imported itself is not overwritten by the shipped file on the next start.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from standortkompass.regiondata.catalogue import OFFICIAL_FILES, OfficialFile
from standortkompass.regiondata.importers.official import read_official_csv
from standortkompass.regiondata.models import ImportBatch, ImportFormat, SpatialTypology
from standortkompass.regiondata.services.observations import observations_import
from standortkompass.regiondata.services.regions import (
    DIRECTORY_FILE,
    GEMEINDE_TYPOLOGIES,
    KREIS_TYPOLOGIES,
    NUTS_FILE,
    boundaries_load,
    regions_apply_territorial_changes,
    regions_load_official,
    spatial_types_load,
)

SPATIAL_FILES = (
    (Path("municipalities/bbsr_raumgliederung_kreise_2019-12-31.csv"), KREIS_TYPOLOGIES),
    (Path("municipalities/bbsr_raumgliederung_gemeinden_lk_ludwigsburg_2019-12-31.csv"), GEMEINDE_TYPOLOGIES),
)
BOUNDARY_FILES = (
    Path("geo/laender_vg5000_2021.geojson"),
    Path("geo/kreise_vg5000_2021.geojson"),
    Path("geo/gemeinden_lk_ludwigsburg_vg5000_2021.geojson"),
)
REGIONS_LOADER = "regions@1"
SPATIAL_LOADER = "bbsr@1"
BOUNDARY_LOADER = "boundaries@1"


@dataclass(frozen=True)
class LoadStep:
    """One step of ``official_data_load``: what was loaded, or that it was skipped."""

    name: str
    skipped: bool
    detail: str
    seconds: float

    def __str__(self) -> str:
        state = "already loaded, skipped" if self.skipped and not self.detail else self.detail
        return f"{self.name}: {state} ({self.seconds:.2f} s)"


def _sha256(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _loaded(file_name: str, sha256: str, loader: str) -> bool:
    return ImportBatch.objects.filter(
        format=ImportFormat.OFFICIAL, file_name=file_name, sha256=sha256, loader=loader
    ).exists()


def _record(
    file_name: str, sha256: str, loader: str, *, created: int, updated: int, unchanged: int, notes: str
) -> None:
    batch = ImportBatch(
        file_name=file_name,
        sha256=sha256,
        format=ImportFormat.OFFICIAL,
        loader=loader,
        rows=created + updated + unchanged,
        created=created,
        updated=updated,
        unchanged=unchanged,
        notes=notes,
    )
    batch.full_clean()
    batch.save()


def _step(
    name: str, paths: list[Path], directory: Path, loader: str, force: bool, load: Callable[[str], str]
) -> LoadStep:
    started = time.perf_counter()
    file_name = " + ".join(str(path) for path in paths)
    sha256 = _sha256(*(directory / path for path in paths))
    if not force and _loaded(file_name, sha256, loader):
        return LoadStep(name, True, "", time.perf_counter() - started)
    detail = load(sha256)
    return LoadStep(name, False, detail, time.perf_counter() - started)


def official_data_load(*, directory: Path, force: bool = False) -> list[LoadStep]:
    """Load regions, statistics, territorial changes, BBSR space types and boundaries from ``directory``."""
    steps = [
        _step("Regions", [DIRECTORY_FILE, NUTS_FILE], directory, REGIONS_LOADER, force, _regions_loader(directory))
    ]
    for spec in OFFICIAL_FILES:
        steps.append(
            _step(
                spec.table,
                [Path(spec.path)],
                directory,
                f"statistics:{spec.table}@{spec.version}",
                force,
                _statistics_loader(directory, spec),
            )
        )
    steps.append(_territorial_changes())
    for path, typologies in SPATIAL_FILES:
        loader = _spatial_loader(directory, path, typologies)
        steps.append(_step(f"BBSR {path.name}", [path], directory, SPATIAL_LOADER, force, loader))
    for path in BOUNDARY_FILES:
        loader = _boundary_loader(directory, path)
        steps.append(_step(f"Boundaries {path.name}", [path], directory, BOUNDARY_LOADER, force, loader))
    return steps


def _regions_loader(directory: Path) -> Callable[[str], str]:
    def load(sha256: str) -> str:
        with transaction.atomic():
            report = regions_load_official(directory=directory)
            _record(
                f"{DIRECTORY_FILE} + {NUTS_FILE}",
                sha256,
                REGIONS_LOADER,
                created=report.created,
                updated=report.updated,
                unchanged=0,
                notes="",
            )
        return f"{report.created} regions created, {report.updated} updated"

    return load


def _territorial_changes() -> LoadStep:
    """Apply the territorial changes of the Kreise (always; it changes nothing when they are up to date)."""
    started = time.perf_counter()
    changes = regions_apply_territorial_changes()
    unchanged = not (changes.created or changes.updated)
    return LoadStep(
        "Territorial changes",
        unchanged,
        "up to date" if unchanged else f"{changes.created} created, {changes.updated} updated",
        time.perf_counter() - started,
    )


def _spatial_loader(directory: Path, path: Path, typologies: dict[str, SpatialTypology]) -> Callable[[str], str]:
    def load(sha256: str) -> str:
        with transaction.atomic():
            report = spatial_types_load(path=directory / path, typologies=typologies)
            _record(
                str(path),
                sha256,
                SPATIAL_LOADER,
                created=report.created,
                updated=report.updated,
                unchanged=report.unchanged,
                notes=f"Regions not in the database: {', '.join(report.missing)}" if report.missing else "",
            )
        missing = f", {len(report.missing)} regions unknown" if report.missing else ""
        return f"{report.created} space types created, {report.updated} updated{missing}"

    return load


def _boundary_loader(directory: Path, path: Path) -> Callable[[str], str]:
    def load(sha256: str) -> str:
        with transaction.atomic():
            report = boundaries_load(path=directory / path)
            _record(
                str(path),
                sha256,
                BOUNDARY_LOADER,
                created=report.created,
                updated=report.updated,
                unchanged=report.unchanged,
                notes="",
            )
        return f"{report.created} boundaries created, {report.updated} updated"

    return load


def _statistics_loader(directory: Path, spec: OfficialFile) -> Callable[[str], str]:
    def load(sha256: str) -> str:
        parsed = read_official_csv((directory / spec.path).read_bytes(), spec=spec)
        report = observations_import(
            parsed=parsed, sha256=sha256, loader=f"statistics:{spec.table}@{spec.version}", always_record=True
        )
        regions = f", {len(report.regions_created)} regions created" if report.regions_created else ""
        return f"{report.created} values created, {report.updated} revised, {report.unchanged} unchanged{regions}"

    return load
