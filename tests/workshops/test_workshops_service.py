"""Workshops and live sessions: creating and changing them audited, links within the process, join codes and
templates of new sessions, starting and ending (the open phase closes with its snapshot); the management lists."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import Event, EventKind, Phase, StrategyProcess
from standortkompass.workshops.models import (
    Item,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionPhase,
    SessionState,
    Table,
    Workshop,
    WorkshopKind,
    WorkshopMode,
)
from standortkompass.workshops.selectors.workshops import (
    earlier_phases,
    live_sessions,
    phases_of,
    session_of,
    tables_of,
    workshop_events,
    workshop_of,
    workshops_of,
)
from standortkompass.workshops.services.codes import JOIN_CODE_ALPHABET
from standortkompass.workshops.services.phases import phase_add, phase_open
from standortkompass.workshops.services.templates import TEMPLATES
from standortkompass.workshops.services.workshops import (
    session_create,
    session_delete,
    session_end,
    session_start,
    session_update,
    workshop_create,
    workshop_delete,
    workshop_update,
)


@pytest.fixture
def editor(users):
    return users["editor"]


def _event(process, kind=EventKind.WORKSHOP, title="Strategiewerkstatt"):
    return Event.objects.create(process=process, title=title, kind=kind, start=timezone.now())


def _other_process(regions):
    return StrategyProcess.objects.create(
        slug="anderer-prozess", title="Anderer Prozess", region=regions["08118"], agency_name="Andere"
    )


def test_a_workshop_is_created_with_its_date_and_phase_audited(process, editor):
    event = _event(process)
    phase = Phase.objects.filter(process=process).first()

    workshop = workshop_create(
        process=process,
        actor=editor,
        data={
            "title": "Strategiewerkstatt 2027",
            "kind": WorkshopKind.STRATEGY,
            "mode": WorkshopMode.HYBRID,
            "event": event,
            "phase": phase,
            "programme": "9:00 Ankommen",
        },
    )

    assert (workshop.event, workshop.phase, workshop.created_by) == (event, phase, editor)
    entry = AuditEntry.objects.get(action="workshops.workshop.create")
    assert (entry.process, entry.object_id) == (process, str(workshop.pk))
    assert entry.changes["event"] == ["", "Strategiewerkstatt"]
    assert entry.changes["mode"] == ["", "hybrid"]


def test_a_workshop_links_only_to_workshop_dates_and_phases_of_its_process(process, regions, editor):
    other = _other_process(regions)
    foreign_phase = Phase.objects.create(process=other, name="Fremd", order=1)
    cases = [
        ({"event": _event(other)}, {"event": [_("The date belongs to another process.")]}),
        (
            {"event": _event(process, kind=EventKind.BOARD_MEETING)},
            {"event": [_("Choose a date of the type “Workshop”.")]},
        ),
        ({"phase": foreign_phase}, {"phase": [_("The phase belongs to another process.")]}),
    ]
    for data, errors in cases:
        with pytest.raises(ValidationError) as refused:
            workshop_create(process=process, actor=editor, data={"title": "Falsch", **data})
        assert refused.value.message_dict == errors

    with pytest.raises(ValidationError) as no_title:
        workshop_create(process=process, actor=editor, data={"title": ""})
    assert list(no_title.value.message_dict) == ["title"]
    assert not Workshop.objects.exists()


def test_changing_a_workshop_records_what_changed(process, editor, workshop):
    workshop_update(workshop=workshop, actor=editor, data={"title": "Strategiewerkstatt (Test)"})
    assert not AuditEntry.objects.filter(action="workshops.workshop.update").exists()

    changed = workshop_update(workshop=workshop, actor=editor, data={"mode": WorkshopMode.ONLINE, "event": None})

    assert changed.mode == WorkshopMode.ONLINE
    assert AuditEntry.objects.get(action="workshops.workshop.update").changes == {"mode": ["on_site", "online"]}


def test_a_workshop_with_a_live_session_is_not_deleted(live_session, workshop, editor):
    with pytest.raises(ValidationError, match=_("End the live session before deleting the workshop.")):
        workshop_delete(workshop=workshop, actor=editor)
    session_end(session=live_session, actor=editor)

    workshop_delete(workshop=workshop, actor=editor)

    assert not Workshop.objects.filter(pk=workshop.pk).exists()
    assert not LiveSession.objects.exists()
    assert AuditEntry.objects.filter(action="workshops.workshop.delete", object_id=str(workshop.pk)).exists()


def test_a_new_session_is_prepared_with_a_join_code_and_a_projector_key(workshop, editor):
    session = session_create(workshop=workshop, actor=editor, title=" Vormittag ")

    assert (session.title, session.state, session.template) == ("Vormittag", SessionState.PREPARED, "")
    assert len(session.join_code) == 6
    assert set(session.join_code) <= set(JOIN_CODE_ALPHABET)
    assert len(session.projector_key) >= 40
    assert not session.phases.exists()
    entry = AuditEntry.objects.get(action="workshops.session.create")
    assert entry.changes["join_code"] == ["", session.join_code]


def test_a_session_from_a_template_gets_its_phases(workshop, editor):
    session = session_create(workshop=workshop, actor=editor, title="Strategiewerkstatt", template="strategy")

    assert session.template == "strategy"
    assert session.phases.count() == len(TEMPLATES["strategy"].phases)
    assert AuditEntry.objects.filter(action="workshops.session.template", object_id=str(session.pk)).exists()


def test_a_session_needs_a_title_and_a_known_template(workshop, editor):
    with pytest.raises(ValidationError) as no_title:
        session_create(workshop=workshop, actor=editor, title="  ")
    with pytest.raises(ValidationError) as unknown:
        session_create(workshop=workshop, actor=editor, title="X", template="barcamp")

    assert list(no_title.value.message_dict) == ["title"]
    assert unknown.value.message_dict == {"template": [_("Choose one of the templates.")]}
    assert not LiveSession.objects.exists()


def test_a_session_starts_once_and_ends_closing_its_open_phase_with_the_snapshot(workshop, editor):
    session = session_create(workshop=workshop, actor=editor, title="Vormittag")
    phase = phase_add(session=session, actor=editor, data={"kind": PhaseKind.COLLECT, "title": "Sammeln"})

    started = session_start(session=session, actor=editor)
    with pytest.raises(ValidationError, match=_("The live session is already running.")):
        session_start(session=session, actor=editor)
    phase_open(phase=phase, actor=editor)
    Item.objects.create(phase=phase, text="Fachkräfte")
    sequence = LiveSession.objects.get(pk=session.pk).sequence
    ended = session_end(session=session, actor=editor)

    phase.refresh_from_db()
    assert (started.state, started.started_at is not None) == (SessionState.LIVE, True)
    assert (ended.state, ended.ended_at is not None, ended.sequence) == (SessionState.ENDED, True, sequence + 1)
    assert phase.state == PhaseState.CLOSED
    assert [item["text"] for item in phase.snapshot["items"]] == ["Fachkräfte"]
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True))[-3:] == [
        "workshops.phase.open",
        "workshops.phase.close",
        "workshops.session.end",
    ]
    with pytest.raises(ValidationError) as restart:
        session_start(session=session, actor=editor)
    assert restart.value.messages == [_("The live session has ended; create a new session to continue.")]
    with pytest.raises(ValidationError, match=_("The live session is not running.")):
        session_end(session=session, actor=editor)


def test_a_session_is_renamed_audited_and_deleted_only_when_not_live(live_session, editor):
    session_update(session=live_session, actor=editor, title="Nachmittag")
    with pytest.raises(ValidationError, match=_("End the live session before deleting it.")):
        session_delete(session=live_session, actor=editor)
    session_end(session=live_session, actor=editor)
    session_delete(session=live_session, actor=editor)

    assert AuditEntry.objects.get(action="workshops.session.update").changes == {"title": ["Sitzung 1", "Nachmittag"]}
    assert AuditEntry.objects.filter(action="workshops.session.delete").exists()
    assert not LiveSession.objects.exists()


# --- selectors ------------------------------------------------------------------------------------


def test_the_management_lists_hold_the_process_s_workshops_sessions_phases_and_tables(
    process, regions, workshop, live_session, editor
):
    other = Workshop.objects.create(process=_other_process(regions), title="Fremd")
    foreign = LiveSession.objects.create(workshop=other, title="Fremd", join_code="FREM34", projector_key="f")
    cards = phase_add(session=live_session, actor=editor, data={"kind": PhaseKind.COLLECT, "title": "Sammeln"})
    vote = phase_add(
        session=live_session,
        actor=editor,
        data={"kind": PhaseKind.DOT_VOTE, "title": "Punkten", "input_mode": "all", "input_phase": cards},
    )
    Item.objects.create(phase=cards, text="A")
    Item.objects.create(phase=cards, text="B", hidden=True)
    Table.objects.create(session=live_session, name="Tisch 1")
    event = _event(process)
    _event(process, kind=EventKind.DEADLINE, title="Frist")

    assert list(workshops_of(process)) == [workshop]
    assert list(workshops_of(process)[0].sessions.all()) == [live_session]
    assert workshop_of(process, other.pk) is None
    assert session_of(process, live_session.pk) == live_session
    assert session_of(process, foreign.pk) is None
    assert list(live_sessions(process)) == [live_session]
    listed = phases_of(live_session)
    assert [(phase.title, phase.item_count) for phase in listed] == [("Sammeln", 1), ("Punkten", 0)]
    assert earlier_phases(vote) == [cards]
    assert [(table.name, table.seated) for table in tables_of(live_session)] == [("Tisch 1", 0)]
    assert list(workshop_events(process)) == [event]
    assert SessionPhase.objects.count() == 2
