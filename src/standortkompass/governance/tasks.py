"""Background tasks of the boards' work. They take ids and call plain service functions.

The services are imported inside each task, and the services that queue a task import it inside the function
that queues it; the modules a task runs never queue a task themselves, so no two modules import each other.
"""

from __future__ import annotations

from django_tasks import task


@task()
def send_meeting_invitation(invitation_id: int) -> None:
    """Send the mails of a meeting's invitation (see ``invitation_send``: safe to run twice)."""
    from standortkompass.governance.services.invitations import invitation_send

    invitation_send(invitation_id=invitation_id)


@task()
def send_action_reminders() -> None:
    """Remind the owners of the follow-up actions due today or earlier (see ``reminders_send``: once per due date)."""
    from standortkompass.governance.services.reminders import reminders_send

    reminders_send()
