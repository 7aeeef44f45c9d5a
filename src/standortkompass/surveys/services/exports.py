"""Requesting an export of a survey's responses: the job is stored and handed to the task queue.

The table (codes, missing values, suppression) is built in ``surveys/export_table.py``; the file is
written by the background task ``surveys.tasks.run_export`` (``services.export_files.export_run``).
When a new export is requested, exports older than :data:`KEEP_DAYS` days are deleted with their files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.surveys.export_formats import FORMATS
from standortkompass.surveys.models import ExportJob, Survey
from standortkompass.surveys.services.export_files import exports_directory

KEEP_DAYS = 7


def _delete_old_exports(now: dt.datetime) -> None:
    cutoff = now - dt.timedelta(days=KEEP_DAYS)
    directory = exports_directory()
    for job in ExportJob.objects.filter(created_at__lt=cutoff):
        if job.file_name:
            (directory / Path(job.file_name).name).unlink(missing_ok=True)
        job.delete()
    for path in directory.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff.timestamp():
            path.unlink(missing_ok=True)


def export_request(
    *, survey: Survey, format: str, actor: User, unsuppressed: bool = False, include_partial: bool = False
) -> ExportJob:
    """Queue an export of the survey's responses. Only Administration (``surveys.view_unsuppressed``) can
    have it without suppression; for everyone else ``unsuppressed`` is ignored. Old exports are deleted."""
    from standortkompass.surveys.tasks import run_export

    if format not in FORMATS:
        raise ValidationError({"format": _("Please choose one of the offered formats.")})
    allowed = bool(actor.has_perm("surveys.view_unsuppressed", survey.process))
    with transaction.atomic():
        _delete_old_exports(timezone.now())
        job = ExportJob(survey=survey, format=format, suppressed=not (unsuppressed and allowed), requested_by=actor)
        job.full_clean()
        job.save()
        audit_record(
            actor=actor,
            action="survey_export.request",
            obj=job,
            process=survey.process,
            changes={"format": format, "suppressed": job.suppressed, "include_partial": include_partial},
        )
        # In the same transaction: a database queue stores the task only if the job is stored.
        run_export.enqueue(job.pk, include_partial)
    job.refresh_from_db()
    return job
