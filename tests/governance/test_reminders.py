"""Follow-up actions are reminded by e-mail when due: once per action and due date, also in parallel runs."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections

from standortkompass.governance.models import ActionReminder
from standortkompass.governance.services.register import action_create, action_update
from standortkompass.governance.services.reminders import reminders_send

PARALLEL = 6
TODAY = dt.date(2027, 5, 10)


def _action(gov, users, *, owner="board", due=TODAY, **extra):
    return action_create(
        entry=gov.entry,
        actor=users["editor"],
        data={"text": f"Aufgabe für {owner}", "owner_user": users[owner], "due_on": due, **extra},
    )


def test_an_action_due_today_reminds_its_owner_once(gov, users):
    action = _action(gov, users)

    first = reminders_send(today=TODAY)
    second = reminders_send(today=TODAY + dt.timedelta(days=1))

    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [["board@example.org"]]
    assert "Aufgabe für board" in mail.outbox[0].body
    assert "Fachkräfte zuerst" in mail.outbox[0].body
    assert ActionReminder.objects.filter(action=action, due_on=TODAY).count() == 1


def test_actions_not_due_done_or_without_an_account_are_not_reminded(gov, users):
    _action(gov, users, due=TODAY + dt.timedelta(days=1))
    _action(gov, users, owner="editor", done_on=TODAY)
    action_create(
        entry=gov.entry, actor=users["editor"], data={"text": "Ohne Konto", "owner_name": "IHK", "due_on": TODAY}
    )

    assert reminders_send(today=TODAY) == 0
    assert mail.outbox == []


def test_a_new_due_date_is_reminded_again(gov, users):
    action = _action(gov, users)
    reminders_send(today=TODAY)

    action_update(action=action, actor=users["editor"], data={"due_on": TODAY + dt.timedelta(days=7)})

    assert reminders_send(today=TODAY + dt.timedelta(days=6)) == 0
    assert reminders_send(today=TODAY + dt.timedelta(days=7)) == 1
    assert len(mail.outbox) == 2


def test_the_reminder_links_the_entry_only_for_owners_who_may_see_it(gov, users):
    _action(gov, users, owner="board")
    _action(gov, users, owner="partner")

    reminders_send(today=TODAY)

    bodies = {message.to[0]: message.body for message in mail.outbox}
    entry_path = f"/verwaltung/{gov.entry.board.process_id}/gremienarbeit/register/{gov.entry.pk}/"
    assert entry_path in bodies["board@example.org"]
    assert entry_path not in bodies["partner@example.org"]


def test_the_command_sends_the_due_reminders(gov, users):
    _action(gov, users)
    out = StringIO()

    call_command("governance_reminders", "--date", TODAY.isoformat(), stdout=out)
    call_command("governance_reminders", "--date", TODAY.isoformat(), stdout=out)

    assert out.getvalue().splitlines() == ["1 reminder(s) sent.", "0 reminder(s) sent."]
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_runs_remind_each_action_once(gov, users):
    actions = [_action(gov, users, owner=owner) for owner in ("board", "editor", "admin")]
    barrier = threading.Barrier(PARALLEL)

    def run() -> int:
        try:
            barrier.wait()
            return reminders_send(today=TODAY)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(PARALLEL) as pool:
        counts = list(pool.map(lambda _: run(), range(PARALLEL)))

    assert sum(counts) == len(actions)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "admin@example.org",
        "board@example.org",
        "editor@example.org",
    ]
    assert ActionReminder.objects.count() == len(actions)
