"""Background tasks of the surveys app. They take ids and call plain service functions.

The services are imported inside each task, and the services that queue a task import it inside the
function that queues it; the modules a task runs never queue a task themselves, so no two modules
import each other.
"""

from __future__ import annotations

from django_tasks import task


@task()
def send_mail_wave(wave_id: int) -> None:
    """Send the mails of a scheduled wave (see ``wave_send``: safe to run twice)."""
    from standortkompass.surveys.services.wave_sending import wave_send

    wave_send(wave_id=wave_id)


@task()
def run_export(job_id: int, include_partial: bool) -> None:
    """Build and write the file of a queued export (see ``export_run``)."""
    from standortkompass.surveys.services.export_files import export_run

    export_run(job_id=job_id, include_partial=include_partial)


@task()
def warm_results(survey_id: int) -> None:
    """Compute the results overview after new completions, so that readers find it ready."""
    from standortkompass.surveys.services.results_warming import results_warm

    results_warm(survey_id=survey_id)
