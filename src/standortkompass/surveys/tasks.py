"""Background tasks of the surveys app. They take ids and call plain service functions."""

from __future__ import annotations

from django_tasks import task

from standortkompass.surveys.services.distribution import wave_send


@task()
def send_mail_wave(wave_id: int) -> None:
    """Send the mails of a scheduled wave (see ``wave_send``: safe to run twice)."""
    wave_send(wave_id=wave_id)
