"""The files of survey exports: where they are kept, and writing one (the body of the background task).

Files are stored under ``VAR_DIR/exports`` (mode 0700, outside the public media directory) with a random
name. An export is queued by ``services.exports.export_request``; the task ``surveys.tasks.run_export``
calls :func:`export_run`.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from standortkompass.surveys.export_formats import FORMATS
from standortkompass.surveys.export_table import export_table
from standortkompass.surveys.models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)


def exports_directory() -> Path:
    """``VAR_DIR/exports``, created readable for the server's user only."""
    directory = Path(settings.VAR_DIR) / "exports"
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def export_path(job: ExportJob) -> Path | None:
    """The file of a finished export, or None when there is none (any more)."""
    if not job.file_name or job.status != ExportStatus.DONE:
        return None
    path = exports_directory() / Path(job.file_name).name
    return path if path.is_file() else None


def _progress(job: ExportJob, **fields: object) -> None:
    ExportJob.objects.filter(pk=job.pk).update(**fields)


def export_run(*, job_id: int, include_partial: bool = False) -> None:
    """Build and write the file of a queued export (called by the background task; a finished job is left)."""
    job = ExportJob.objects.select_related("survey").filter(pk=job_id).first()
    if job is None or job.status in {ExportStatus.DONE, ExportStatus.FAILED}:
        return
    _progress(job, status=ExportStatus.RUNNING, progress=5)
    export_format = FORMATS[job.format]
    name = f"{secrets.token_urlsafe(24)}.{export_format.extension}"
    path = exports_directory() / name
    try:
        table = export_table(survey=job.survey, suppressed=job.suppressed, include_partial=include_partial)
        _progress(job, progress=50, row_count=len(table.rows))
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as target:
            export_format.writer(table, target)
    except Exception as error:
        logger.exception("export %s failed", job.pk)
        path.unlink(missing_ok=True)
        _progress(
            job, status=ExportStatus.FAILED, error=str(error)[:500] or type(error).__name__, finished_at=timezone.now()
        )
        return
    _progress(job, status=ExportStatus.DONE, progress=100, file_name=name, finished_at=timezone.now())
