"""The board member's tasks in "My area" and the register's entries as evidence of the strategy."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from standortkompass.accounts.models import Role
from standortkompass.governance.services.register import action_create
from standortkompass.processes import evidence
from standortkompass.processes.member_tasks import member_tasks


def test_a_board_member_sees_the_next_meeting_of_their_board_with_its_agenda(gov, process, users):
    tasks = member_tasks(users["board"], process, Role.BOARD)

    meeting_tasks = [task for task in tasks if task.url.endswith(f"/sitzungen/{gov.meeting.pk}/")]
    assert len(meeting_tasks) == 1
    assert "Sounding Board" in meeting_tasks[0].title
    assert "1" in meeting_tasks[0].text  # one item the board may see


def test_a_board_member_sees_their_open_follow_up_actions(gov, process, users):
    action_create(
        entry=gov.board_entry,
        actor=users["editor"],
        data={"text": "Stellungnahme schreiben", "owner_user": users["board"], "due_on": dt.date(2027, 6, 1)},
    )
    action_create(
        entry=gov.entry,
        actor=users["editor"],
        data={
            "text": "Erledigt",
            "owner_user": users["board"],
            "due_on": dt.date(2027, 6, 1),
            "done_on": dt.date(2027, 5, 1),
        },
    )

    tasks = [task for task in member_tasks(users["board"], process, Role.BOARD) if "Stellungnahme" in task.title]

    assert len(tasks) == 1
    assert tasks[0].url == ""  # the entry is one of another board's, not visible to the member
    assert not any("Erledigt" in task.title for task in member_tasks(users["board"], process, Role.BOARD))


def test_the_other_roles_get_no_board_tasks(gov, process, users):
    assert not any("/gremienarbeit/" in task.url for task in member_tasks(users["partner"], process, Role.PARTNER))


def test_a_register_entry_is_a_kind_of_evidence(gov, process):
    kind = evidence.kind("board_entry")
    assert kind is not None

    options = kind.options(process)
    public = evidence.resolve(process, "board_entry", {"entry": gov.entry.pk}, public=True)
    inside = evidence.resolve(process, "board_entry", {"entry": gov.board_entry.pk}, public=False)

    assert {option.reference["entry"] for option in options} == {gov.entry.pk, gov.board_entry.pk}
    assert kind.source_key({"entry": gov.entry.pk}) == f"board:{gov.entry.pk}"
    assert public is not None
    assert public.url == reverse("governance:entry", args=[gov.entry.pk])
    assert "Fachkräfte zuerst" in public.title
    assert inside is not None
    assert inside.url == reverse("governance_manage:entry", args=[process.pk, gov.board_entry.pk])


def test_a_board_level_entry_is_no_public_evidence(gov, process):
    assert evidence.resolve(process, "board_entry", {"entry": gov.board_entry.pk}, public=True) is None
    assert evidence.resolve(process, "board_entry", {"entry": 999999}, public=False) is None
    assert evidence.resolve(process, "board_entry", {"entry": "kaputt"}, public=False) is None
