"""Write operations of regiondata: regions, territorial changes, space types, boundaries, observations."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from standortkompass.regiondata.importers import read_statistics_file
from standortkompass.regiondata.services.observations import ImportReport, RevisionNote, observations_import
from standortkompass.regiondata.services.official import LoadStep, official_data_load
from standortkompass.regiondata.services.regions import (
    ChangeReport,
    LoadReport,
    boundaries_load,
    regions_apply_territorial_changes,
    regions_load_official,
    spatial_types_load,
)

if TYPE_CHECKING:
    from standortkompass.accounts.models import User
    from standortkompass.processes.models import StrategyProcess

__all__ = [
    "ChangeReport",
    "ImportReport",
    "LoadReport",
    "LoadStep",
    "RevisionNote",
    "boundaries_load",
    "observations_import",
    "official_data_load",
    "regions_apply_territorial_changes",
    "regions_load_official",
    "spatial_types_load",
    "statistics_import",
]


def statistics_import(
    *,
    data: bytes,
    file_name: str,
    format: str | None = None,
    indicator: str = "",
    imported_by: User | None = None,
    dry_run: bool = False,
    process: StrategyProcess | None = None,
) -> ImportReport:
    """Read a statistics file (format detected when not given) and store it all-or-nothing.

    ``process`` is the strategy process whose audit log records the import (if any).
    Raises ``StatisticsImportError`` listing every problem (file, line, column); then nothing is saved.
    """
    parsed = read_statistics_file(data, file_name=file_name, format=format, indicator=indicator)
    return observations_import(
        parsed=parsed,
        sha256=hashlib.sha256(data).hexdigest(),
        imported_by=imported_by,
        dry_run=dry_run,
        process=process,
    )
