"""Background tasks of the surveys app. They take ids and call plain service functions."""

from __future__ import annotations

from django_tasks import task

from standortkompass.surveys.services.distribution import wave_send
from standortkompass.surveys.services.exports import export_run


@task()
def send_mail_wave(wave_id: int) -> None:
    """Send the mails of a scheduled wave (see ``wave_send``: safe to run twice)."""
    wave_send(wave_id=wave_id)


@task()
def run_export(job_id: int, include_partial: bool) -> None:
    """Build and write the file of a queued export (see ``export_run``)."""
    export_run(job_id=job_id, include_partial=include_partial)


@task()
def warm_results(survey_id: int) -> None:
    """Compute the results overview after new completions, so that readers find it ready."""
    from standortkompass.surveys.models import Survey
    from standortkompass.surveys.results.selectors import results_warm

    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is not None:
        results_warm(survey=survey)
