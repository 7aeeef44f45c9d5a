"""The demo step of the boards' work: meetings with agendas, attendance and approved minutes, two recommendations
and the decision on the demo strategy's version 1; idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from standortkompass.governance.demo import governance_demo_load
from standortkompass.governance.models import Meeting, RegisterEntry
from standortkompass.processes.demo.builder import event_uid
from standortkompass.processes.models import Board, BoardKind, BoardMember, Event
from standortkompass.strategy.models import VersionState
from standortkompass.strategy.services.versions import version_decide, version_freeze, version_submit
from strategy.conftest import build_small_strategy

KEYS = {
    "sounding-board-2": 0,
    "sounding-board-3": 280,
    "lenkungskreis-1": -50,
    "lenkungskreis-beschluss": 310,
}


@pytest.fixture
def demo_setting(process, users):
    sounding = Board.objects.create(process=process, name="Sounding Board", kind=BoardKind.SOUNDING_BOARD)
    steering = Board.objects.create(process=process, name="Lenkungskreis", kind=BoardKind.STEERING_COMMITTEE)
    for board in (sounding, steering):
        for name in ("Erika Beispiel (fiktiv)", "Thomas Muster (fiktiv)"):
            BoardMember.objects.create(board=board, name=name)
    start = timezone.make_aware(dt.datetime(2026, 12, 9, 17, 0))
    for key, days in KEYS.items():
        Event.objects.create(
            process=process, uid=event_uid(key), title=key, kind="board_meeting", start=start + dt.timedelta(days=days)
        )
    small = build_small_strategy(process, users["editor"])
    version = version_freeze(strategy=small.strategy, actor=users["editor"], label="Entwurf")
    return version_submit(version=version, actor=users["admin"])


def test_the_demo_records_meetings_minutes_recommendations_and_the_decision(process, demo_setting):
    governance_demo_load(process=process)

    meetings = Meeting.objects.filter(board__process=process)
    assert meetings.count() == 4
    assert all(meeting.is_demo and meeting.agenda_items.count() == 3 for meeting in meetings)
    assert all(meeting.attendance.exists() and meeting.minutes for meeting in meetings)
    approved = meetings.filter(minutes_approved_on__isnull=False)
    assert {meeting.event.uid for meeting in approved} == {event_uid("sounding-board-2"), event_uid("lenkungskreis-1")}
    recommendations = RegisterEntry.objects.filter(board__kind=BoardKind.SOUNDING_BOARD, kind="recommendation")
    assert recommendations.count() == 2
    assert all("(Demo)" in entry.subject for entry in recommendations)
    decision = RegisterEntry.objects.get(kind="decision")
    assert decision.strategy_version == demo_setting
    demo_setting.refresh_from_db()
    assert demo_setting.state == VersionState.APPROVED


def test_a_version_decided_before_is_left_as_it_is_and_named(process, users, demo_setting):
    version_decide(
        version=demo_setting, actor=users["admin"], approved=True, decided_on=dt.date(2027, 10, 13), summary="Demo"
    )

    governance_demo_load(process=process)

    demo_setting.refresh_from_db()
    assert demo_setting.decision_summary == "Demo"
    decision = RegisterEntry.objects.get(kind="decision")
    assert decision.strategy_version == demo_setting
    assert decision.version_approved is True


def test_running_the_demo_again_changes_nothing(process, demo_setting):
    governance_demo_load(process=process)
    counts = (Meeting.objects.count(), RegisterEntry.objects.count())

    governance_demo_load(process=process)

    assert (Meeting.objects.count(), RegisterEntry.objects.count()) == counts
