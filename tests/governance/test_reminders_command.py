"""``standortkompass governance-reminders``: a date cannot be handed to the queue, where it would be ignored."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from standortkompass.governance import tasks


class FakeTask:
    def __init__(self) -> None:
        self.queued: list[tuple[object, ...]] = []

    def enqueue(self, *args: object) -> None:
        self.queued.append(args)


def test_date_and_queue_together_are_refused_with_one_line_naming_both(db, monkeypatch):
    task = FakeTask()
    monkeypatch.setattr(tasks, "send_action_reminders", task)

    with pytest.raises(CommandError) as raised:
        call_command("governance_reminders", "--queue", "--date", "2027-05-10", stdout=StringIO())

    message = str(raised.value)
    assert "--date" in message
    assert "--queue" in message
    assert "\n" not in message
    assert task.queued == []
    assert mail.outbox == []


def test_queue_alone_still_hands_the_reminders_to_the_queue(db, monkeypatch):
    task = FakeTask()
    monkeypatch.setattr(tasks, "send_action_reminders", task)
    out = StringIO()

    call_command("governance_reminders", "--queue", stdout=out)

    assert task.queued == [()]
    assert out.getvalue().strip() == "Reminders handed to the task queue."
