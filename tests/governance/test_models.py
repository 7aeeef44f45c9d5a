"""The rules the governance models hold themselves (``clean``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from standortkompass.governance.models import FollowUpAction, Meeting, RegisterEntry
from standortkompass.processes.models import Event, StrategyProcess


def test_a_meeting_needs_a_date_of_the_kind_board_meeting(gov, process):
    workshop = Event.objects.create(process=process, title="Workshop", kind="workshop", start=timezone.now())
    meeting = Meeting(board=gov.sounding, event=workshop)

    with pytest.raises(ValidationError) as error:
        meeting.full_clean()

    assert "event" in error.value.message_dict


def test_a_meeting_cannot_take_a_date_of_another_process(gov, regions):
    other = StrategyProcess.objects.create(slug="anderer", title="Anderer Prozess", region=regions["08118"])
    event = Event.objects.create(process=other, title="Sitzung", kind="board_meeting", start=timezone.now())

    with pytest.raises(ValidationError) as error:
        Meeting(board=gov.sounding, event=event).full_clean()

    assert "event" in error.value.message_dict


def test_minutes_are_approved_only_at_a_later_meeting_of_the_same_board(gov):
    gov.meeting.minutes_approved_at = gov.steering_meeting
    with pytest.raises(ValidationError) as other_board:
        gov.meeting.full_clean()

    gov.meeting.minutes_approved_at = gov.internal_meeting  # the day before
    with pytest.raises(ValidationError) as earlier:
        gov.meeting.full_clean()

    assert "minutes_approved_at" in other_board.value.message_dict
    assert "minutes_approved_at" in earlier.value.message_dict


def test_votes_and_a_strategy_version_belong_to_decisions_only(gov):
    entry = RegisterEntry(
        board=gov.sounding, kind="recommendation", subject="S", text="T", decided_on=dt.date(2027, 1, 1), votes_yes=3
    )

    with pytest.raises(ValidationError) as error:
        entry.full_clean()

    assert "votes_yes" in error.value.message_dict


def test_an_entry_names_a_meeting_of_its_own_board(gov):
    entry = RegisterEntry(
        board=gov.sounding, subject="S", text="T", decided_on=dt.date(2027, 1, 1), meeting=gov.steering_meeting
    )

    with pytest.raises(ValidationError) as error:
        entry.full_clean()

    assert "meeting" in error.value.message_dict


def test_a_follow_up_action_names_who_is_responsible(gov):
    action = FollowUpAction(entry=gov.entry, text="Einladen", due_on=dt.date(2027, 5, 1))

    with pytest.raises(ValidationError) as error:
        action.full_clean()

    assert "owner_name" in error.value.message_dict
