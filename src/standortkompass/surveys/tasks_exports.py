"""Background task of survey exports (kept apart from tasks.py of the distribution)."""

from __future__ import annotations

from django_tasks import task

from standortkompass.surveys.services.exports import export_run


@task()
def run_export(job_id: int, include_partial: bool) -> None:
    """Build and write the file of a queued export (see ``export_run``)."""
    export_run(job_id=job_id, include_partial=include_partial)
