"""The workshops' management pages: workshops, sessions from templates, phases with their settings, the pick,
tables, start and end. Who may do it is in the permission matrix (tests/workshops/permission_access.py); here
what the pages do, what they refuse and that they escape what people typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import Event, EventKind, StrategyProcess
from standortkompass.workshops.models import (
    InputMode,
    Item,
    ItemOrigin,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionPhase,
    SessionState,
    Table,
    Workshop,
    WorkshopKind,
)
from standortkompass.workshops.services.participation import participant_join
from standortkompass.workshops.services.phases import phase_add
from standortkompass.workshops.services.workshops import session_create


def url(name: str, *args: object) -> str:
    return reverse(f"workshops_manage:{name}", args=list(args))


@pytest.fixture
def editor(client_for) -> Client:
    return client_for("editor")


@pytest.fixture
def prepared(workshop: Workshop, users) -> LiveSession:
    return session_create(workshop=workshop, actor=users["editor"], title="Vormittag")


def add_phase(session: LiveSession, users, kind: str, title: str, **data: object) -> SessionPhase:
    return phase_add(session=session, actor=users["editor"], data={"kind": kind, "title": title, **data})  # type: ignore[typeddict-item]


# --- workshops -------------------------------------------------------------------------------------------------


def test_the_list_shows_the_workshops_with_their_sessions(editor, process, prepared):
    response = editor.get(url("workshops", process.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Strategiewerkstatt (Test)" in text
    assert "Vormittag" in text
    assert url("workshop_create", process.pk) in text


def test_a_board_member_reads_the_list_without_the_management_links(client_for, process, prepared):
    response = client_for("board").get(url("workshops", process.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Strategiewerkstatt (Test)" in text
    assert url("workshop_create", process.pk) not in text
    assert url("session", process.pk, prepared.pk) not in text


def test_a_workshop_is_created_with_its_date_of_kind_workshop(editor, process):
    event = Event.objects.create(
        process=process,
        title="Strategiewerkstatt",
        kind=EventKind.WORKSHOP,
        start=timezone.now() + dt.timedelta(days=7),
    )
    phase = process.phases.order_by("order").last()
    response = editor.post(
        url("workshop_create", process.pk),
        {
            "title": "Strategiewerkstatt Nord",
            "kind": "strategy",
            "mode": "hybrid",
            "event": event.pk,
            "phase": phase.pk,
            "description": "Wir priorisieren.",
            "programme": "",
        },
    )
    created = Workshop.objects.get(title="Strategiewerkstatt Nord")
    assert response.status_code == 302
    assert response["Location"] == url("workshop", process.pk, created.pk)
    assert (created.kind, created.mode, created.event, created.phase) == ("strategy", "hybrid", event, phase)
    assert AuditEntry.objects.filter(action="workshops.workshop.create").exists()


def test_a_workshop_cannot_be_linked_to_a_date_of_another_kind(editor, process):
    meeting = Event.objects.create(
        process=process, title="Sitzung", kind=EventKind.BOARD_MEETING, start=timezone.now() + dt.timedelta(days=7)
    )
    response = editor.post(
        url("workshop_create", process.pk),
        {"title": "Werkstatt", "kind": "free", "mode": "on_site", "event": meeting.pk},
    )
    assert response.status_code == 200
    assert 'id="id_event-error"' in response.content.decode()
    assert not Workshop.objects.filter(title="Werkstatt").exists()


def test_a_workshop_without_a_title_is_refused_with_a_message_at_the_field(editor, process):
    response = editor.post(url("workshop_create", process.pk), {"title": "", "kind": "free", "mode": "online"})
    assert response.status_code == 200
    assert 'id="id_title-error"' in response.content.decode()
    assert not Workshop.objects.exists()


def test_a_workshop_is_changed_and_deleted(editor, process, workshop):
    response = editor.post(
        url("workshop_edit", process.pk, workshop.pk),
        {"title": "Zukunftswerkstatt", "kind": "future", "mode": "online", "description": "", "programme": ""},
    )
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.title, workshop.kind) == ("Zukunftswerkstatt", "future")
    assert editor.get(url("workshop_delete", process.pk, workshop.pk)).status_code == 200
    response = editor.post(url("workshop_delete", process.pk, workshop.pk))
    assert response["Location"] == url("workshops", process.pk)
    assert not Workshop.objects.filter(pk=workshop.pk).exists()


def test_a_workshop_with_a_live_session_is_not_deleted(editor, process, workshop, live_session):
    response = editor.post(url("workshop_delete", process.pk, workshop.pk), follow=True)
    assert Workshop.objects.filter(pk=workshop.pk).exists()
    assert "Beenden Sie" in response.content.decode() or "End the live session" in response.content.decode()


def test_what_people_typed_is_escaped(editor, process):
    Workshop.objects.create(process=process, title="<script>alert(1)</script>", kind=WorkshopKind.FREE)
    text = editor.get(url("workshops", process.pk)).content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_a_workshop_of_another_process_is_not_found(editor, process, regions):
    other = StrategyProcess.objects.create(title="Anderer Prozess", slug="anderer", region=regions["08118"])
    foreign = Workshop.objects.create(process=other, title="Fremd")
    assert editor.get(url("workshop", process.pk, foreign.pk)).status_code == 404


# --- sessions --------------------------------------------------------------------------------------------------


def test_a_session_from_the_strategy_template_gets_its_phases(editor, process, workshop):
    response = editor.post(url("session_create", process.pk, workshop.pk), {"title": "Tag 1", "template": "strategy"})
    session = LiveSession.objects.get(title="Tag 1")
    assert response["Location"] == url("session", process.pk, session.pk)
    assert session.phases.count() >= 5
    page = editor.get(response["Location"])
    text = page.content.decode()
    for phase in session.phases.all():
        assert phase.title in text
    assert session.join_code in text
    assert "<svg" in text
    assert 'role="img"' in text
    assert reverse("workshops:session", kwargs={"code": session.join_code}) in text
    assert session.projector_key in text  # the projector's address with its key, for the facilitator


def test_the_session_form_offers_the_template_of_the_workshop_s_kind(editor, process, workshop):
    text = editor.get(url("session_create", process.pk, workshop.pk)).content.decode()
    assert (
        'value="strategy" id="id_template_0" checked' in text or 'value="strategy" id="id_template_1" checked' in text
    )


def test_an_empty_session_has_no_phases(editor, process, workshop):
    editor.post(url("session_create", process.pk, workshop.pk), {"title": "Leer", "template": ""})
    assert LiveSession.objects.get(title="Leer").phases.count() == 0


def test_a_session_is_started_and_ended(editor, process, prepared):
    response = editor.post(url("session_start", process.pk, prepared.pk))
    assert response["Location"] == url("console", process.pk, prepared.pk)
    prepared.refresh_from_db()
    assert prepared.state == SessionState.LIVE
    assert editor.get(url("session_end", process.pk, prepared.pk)).status_code == 200
    editor.post(url("session_end", process.pk, prepared.pk))
    prepared.refresh_from_db()
    assert prepared.state == SessionState.ENDED


def test_starting_a_session_twice_says_so(editor, process, live_session):
    response = editor.post(url("session_start", process.pk, live_session.pk), follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages


def test_a_session_s_title_is_changed_and_the_session_deleted(editor, process, prepared, workshop):
    editor.post(url("session_edit", process.pk, prepared.pk), {"title": "Nachmittag"})
    prepared.refresh_from_db()
    assert prepared.title == "Nachmittag"
    response = editor.post(url("session_delete", process.pk, prepared.pk))
    assert response["Location"] == url("workshop", process.pk, workshop.pk)
    assert not LiveSession.objects.filter(pk=prepared.pk).exists()


# --- phases ----------------------------------------------------------------------------------------------------


def test_a_new_phase_starts_with_the_choice_of_its_kind(editor, process, prepared):
    text = editor.get(url("phase_create", process.pk, prepared.pk)).content.decode()
    assert 'name="art"' in text
    assert 'value="dot_vote"' in text


def test_a_dot_vote_asks_for_budget_cap_and_self_voting(editor, process, prepared):
    text = editor.get(url("phase_create", process.pk, prepared.pk) + "?art=dot_vote").content.decode()
    assert 'name="budget"' in text
    assert 'name="cap_per_item"' in text
    assert 'name="self_voting"' in text
    assert 'name="criterion_x"' not in text


def test_a_dot_vote_is_added_with_its_settings(editor, process, prepared, users):
    collect = add_phase(prepared, users, PhaseKind.COLLECT, "Sammeln")
    response = editor.post(
        url("phase_create", process.pk, prepared.pk) + "?art=dot_vote",
        {
            "title": "Punkten",
            "prompt": "Wo zuerst?",
            "scope": "plenary",
            "input_mode": "all",
            "input_phase": collect.pk,
            "timer_minutes": "5",
            "reveal": "manual",
            "budget": "3",
            "cap_per_item": "2",
            "self_voting": "",
        },
    )
    assert response.status_code == 302
    phase = prepared.phases.get(title="Punkten")
    assert phase.kind == PhaseKind.DOT_VOTE
    assert (phase.input_mode, phase.input_phase) == (InputMode.ALL, collect)
    assert phase.setting("budget") == 3
    assert phase.setting("cap_per_item") == 2
    assert phase.setting("self_voting") is False
    assert phase.setting("timer_seconds") == 300
    assert phase.setting("reveal") == "manual"


def test_a_budget_outside_the_range_is_refused_at_the_field(editor, process, prepared):
    response = editor.post(
        url("phase_create", process.pk, prepared.pk) + "?art=dot_vote",
        {"title": "Punkten", "scope": "plenary", "input_mode": "none", "reveal": "on_close", "budget": "500"},
    )
    assert response.status_code == 200
    assert 'id="id_budget-error"' in response.content.decode()
    assert not prepared.phases.filter(title="Punkten").exists()


def test_a_top_n_input_needs_its_earlier_phase_and_n(editor, process, prepared):
    response = editor.post(
        url("phase_create", process.pk, prepared.pk) + "?art=pairwise",
        {"title": "Paarvergleich", "scope": "plenary", "input_mode": "top", "reveal": "on_close"},
    )
    text = response.content.decode()
    assert 'id="id_input_phase-error"' in text
    assert 'id="id_input_top_n-error"' in text


def test_a_matrix_keeps_its_criteria_keys_when_the_labels_change(editor, process, prepared):
    data = {
        "title": "Matrix",
        "scope": "plenary",
        "input_mode": "none",
        "reveal": "on_close",
        "criterion_x": "Wirkung",
        "criterion_y": "Umsetzbarkeit",
        "scale_min": "1",
        "scale_max": "5",
        "allow_cannot_judge": "on",
    }
    editor.post(url("phase_create", process.pk, prepared.pk) + "?art=matrix", data)
    phase = prepared.phases.get(title="Matrix")
    keys = [criterion["key"] for criterion in phase.setting("criteria")]
    assert keys == ["wirkung", "umsetzbarkeit"]
    editor.post(url("phase_edit", process.pk, prepared.pk, phase.pk), {**data, "criterion_x": "Nutzen für die Region"})
    phase.refresh_from_db()
    assert phase.setting("criteria")[0] == {"key": "wirkung", "label": "Nutzen für die Region"}


def test_a_matrix_needs_two_criteria(editor, process, prepared):
    response = editor.post(
        url("phase_create", process.pk, prepared.pk) + "?art=matrix",
        {"title": "Matrix", "scope": "plenary", "input_mode": "none", "reveal": "on_close", "criterion_x": "Wirkung"},
    )
    assert 'id="id_criterion_y-error"' in response.content.decode()


def test_a_phase_is_edited_moved_and_deleted(editor, process, prepared, users):
    first = add_phase(prepared, users, PhaseKind.INFORMATION, "Begrüßung")
    second = add_phase(prepared, users, PhaseKind.CHECK_IN, "Check-in")
    response = editor.post(
        url("phase_edit", process.pk, prepared.pk, second.pk),
        {
            "title": "Ankommen",
            "prompt": "Wie geht es Ihnen?",
            "scope": "plenary",
            "reveal": "live",
            "input_mode": "none",
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.title, second.setting("reveal")) == ("Ankommen", "live")
    editor.post(url("phase_move", process.pk, prepared.pk, second.pk), {"richtung": "hoch"})
    assert [phase.pk for phase in prepared.phases.order_by("position")] == [second.pk, first.pk]
    editor.post(url("phase_move", process.pk, prepared.pk, second.pk), {"richtung": "runter"})
    assert [phase.pk for phase in prepared.phases.order_by("position")] == [first.pk, second.pk]
    editor.post(url("phase_delete", process.pk, prepared.pk, first.pk))
    assert list(prepared.phases.all()) == [second]


def test_a_phase_cannot_move_before_the_phase_it_takes_its_items_from(editor, process, prepared, users):
    collect = add_phase(prepared, users, PhaseKind.COLLECT, "Sammeln")
    vote = add_phase(prepared, users, PhaseKind.DOT_VOTE, "Punkten", input_mode="all", input_phase=collect)
    response = editor.post(url("phase_move", process.pk, prepared.pk, vote.pk), {"richtung": "hoch"}, follow=True)
    assert [phase.pk for phase in prepared.phases.order_by("position")] == [collect.pk, vote.pk]
    assert response.context["messages"]


def test_the_pick_page_lists_the_input_phase_s_items_and_saves_the_pick(editor, process, prepared, users):
    collect = add_phase(prepared, users, PhaseKind.COLLECT, "Sammeln")
    items = [Item.objects.create(phase=collect, text=text, origin=ItemOrigin.FACILITATOR) for text in "ABC"]
    vote = add_phase(prepared, users, PhaseKind.DOT_VOTE, "Punkten", input_mode="pick", input_phase=collect)
    page = editor.get(url("phase_pick", process.pk, prepared.pk, vote.pk))
    text = page.content.decode()
    assert all(f'value="{item.pk}"' in text for item in items)
    response = editor.post(url("phase_pick", process.pk, prepared.pk, vote.pk), {"items": [items[2].pk, items[0].pk]})
    assert response.status_code == 302
    vote.refresh_from_db()
    assert sorted(vote.picked) == sorted([items[2].pk, items[0].pk])
    assert vote.input_mode == InputMode.PICK


def test_a_pairwise_pick_of_more_than_seven_is_refused(editor, process, prepared, users):
    collect = add_phase(prepared, users, PhaseKind.COLLECT, "Sammeln")
    items = [Item.objects.create(phase=collect, text=f"Idee {n}") for n in range(8)]
    pairwise = add_phase(prepared, users, PhaseKind.PAIRWISE, "Vergleich", input_mode="pick", input_phase=collect)
    response = editor.post(
        url("phase_pick", process.pk, prepared.pk, pairwise.pk), {"items": [item.pk for item in items]}
    )
    assert response.status_code == 200
    assert "7" in response.content.decode()
    pairwise.refresh_from_db()
    assert pairwise.picked == []


# --- tables ----------------------------------------------------------------------------------------------------


def test_tables_are_added_hosted_renamed_and_deleted(editor, process, live_session):
    editor.post(url("table_create", process.pk, live_session.pk), {"name": "Tisch 1", "topic": "Fachkräfte"})
    table = Table.objects.get(session=live_session, name="Tisch 1")
    host, _token = participant_join(session=live_session, display_name="Kim", group="company")
    response = editor.post(
        url("table_edit", process.pk, live_session.pk, table.pk), {"name": "Tisch A", "topic": "", "host": host.pk}
    )
    assert response.status_code == 302
    table.refresh_from_db()
    assert (table.name, table.host_id) == ("Tisch A", host.pk)
    editor.post(url("table_delete", process.pk, live_session.pk, table.pk))
    assert not Table.objects.filter(pk=table.pk).exists()


def test_participants_are_seated_and_the_tables_rotate(editor, process, live_session):
    tables = [Table.objects.create(session=live_session, name=f"Tisch {n}", position=n) for n in (1, 2)]
    people = [participant_join(session=live_session, display_name=f"P{n}")[0] for n in range(4)]
    response = editor.post(url("tables_distribute", process.pk, live_session.pk))
    assert response["Location"].endswith("#tische")
    seated = {person.pk: person.table_id for person in type(people[0]).objects.filter(session=live_session)}
    assert set(seated.values()) == {table.pk for table in tables}
    response = editor.post(url("tables_rotate", process.pk, live_session.pk), {"von": "moderation"})
    assert response["Location"] == url("console", process.pk, live_session.pk)
    live_session.refresh_from_db()
    assert live_session.round == 2


def test_seating_without_tables_says_what_to_do(editor, process, live_session):
    response = editor.post(url("tables_distribute", process.pk, live_session.pk), follow=True)
    assert [str(message) for message in response.context["messages"]]


# --- CSRF ------------------------------------------------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused(editor, process, workshop):
    editor.handler.enforce_csrf_checks = True
    response = editor.post(url("session_create", process.pk, workshop.pk), {"title": "Ohne Token", "template": ""})
    assert response.status_code == 403
    assert not LiveSession.objects.filter(title="Ohne Token").exists()


def test_the_phase_list_shows_the_states(editor, process, live_session, users):
    phase = add_phase(live_session, users, PhaseKind.COLLECT, "Sammeln")
    SessionPhase.objects.filter(pk=phase.pk).update(state=PhaseState.CLOSED)
    text = editor.get(url("session", process.pk, live_session.pk)).content.decode()
    assert "Sammeln" in text


def test_a_board_member_reads_a_workshop_s_page_with_the_documentation_links_only(client_for, process, live_session):
    text = client_for("board").get(url("workshop", process.pk, live_session.workshop_id)).content.decode()
    assert live_session.title in text
    assert url("documentation", process.pk, live_session.pk) in text
    assert url("console", process.pk, live_session.pk) not in text
    assert url("workshop_edit", process.pk, live_session.workshop_id) not in text
