"""The statistics upload of the management area: check a file without saving, then import it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from standortkompass.regiondata.services import ImportReport, statistics_import
from standortkompass.standortanalyse.cache import published_analysis_cache_warm

if TYPE_CHECKING:
    from standortkompass.accounts.models import User
    from standortkompass.processes.models import StrategyProcess


def statistics_upload_check(*, data: bytes, file_name: str, format: str, indicator: str) -> ImportReport:
    """What importing the file would do; nothing is saved.

    Raises ``StatisticsImportError`` (with ``problems``: file, line, column, message) when
    the file would be refused.
    """
    return statistics_import(data=data, file_name=file_name, format=format or None, indicator=indicator, dry_run=True)


def statistics_upload_import(
    *, process: StrategyProcess, data: bytes, file_name: str, format: str, indicator: str, actor: User
) -> ImportReport:
    """Import the file all-or-nothing and record it in the process's audit log.

    Raises ``StatisticsImportError`` when the file is refused; then nothing is saved.
    """
    with transaction.atomic():
        report = statistics_import(
            data=data,
            file_name=file_name,
            format=format or None,
            indicator=indicator,
            imported_by=actor,
            process=process,
        )
        # The import changed the data version: compute the published analysis once it is committed.
        transaction.on_commit(published_analysis_cache_warm, robust=True)
    return report
