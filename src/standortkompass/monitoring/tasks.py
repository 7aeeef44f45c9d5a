"""Background tasks of monitoring. They take ids and call plain service functions.

The service is imported inside the task, and the service that queues the task imports it inside the
function that queues it, so no two modules import each other.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def send_round_reminders(round_id: int, day: str) -> None:
    """Remind the leads of a round who have not reported yet (see ``reminders_send``: safe to run twice)."""
    from standortkompass.monitoring.services.reminders import reminders_send

    reminders_send(round_id=round_id, day=dt.date.fromisoformat(day))
