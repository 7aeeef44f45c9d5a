"""Dates (Termine) in the management area, and the board members' list of dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import Event, Phase, StrategyProcess

BERLIN = ZoneInfo("Europe/Berlin")


def event_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Unternehmensworkshop",
        "kind": "workshop",
        "start": "2026-10-05T18:00",
        "end": "2026-10-05T20:30",
        "location": "Forum am Schlosspark, Ludwigsburg",
        "online_url": "",
        "description": "**Mit** Imbiss.",
        "phase": "",
        "visibility": "public",
        "registration_url": "",
    }
    data.update(overrides)
    return data


def test_editor_creates_a_date_whose_times_are_meant_in_german_time(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    phase = process.phases.get(name="Analysephase")
    response = client_for("editor").post(reverse("manage:event_create", args=[process.pk]), event_form(phase=phase.pk))
    assert response.status_code == 302
    event = Event.objects.get(title="Unternehmensworkshop")
    assert event.start == dt.datetime(2026, 10, 5, 18, 0, tzinfo=BERLIN)
    assert event.start.astimezone(dt.UTC).hour == 16  # summer time: UTC+2
    assert event.phase == phase
    entry = AuditEntry.objects.get(action="event.create")
    assert entry.process == process
    assert entry.changes["title"] == ["", "Unternehmensworkshop"]


def test_winter_dates_are_one_hour_ahead_of_utc(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    client_for("admin").post(
        reverse("manage:event_create", args=[process.pk]), event_form(start="2027-01-20T09:00", end="")
    )
    assert Event.objects.get().start.astimezone(dt.UTC).hour == 8


def test_the_edit_form_shows_the_stored_time_in_german_time(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    event = Event.objects.create(process=process, title="Sitzung", start=dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC))
    html = client_for("admin").get(reverse("manage:event_edit", args=[process.pk, event.pk])).content.decode()
    assert 'type="datetime-local"' in html
    assert 'value="2026-07-01T10:00"' in html


def test_a_date_ending_before_it_starts_shows_the_error_next_to_the_end(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").post(
        reverse("manage:event_create", args=[process.pk]), event_form(end="2026-10-05T17:00")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_end-error"' in html
    assert "Das Ende darf nicht vor dem Beginn liegen." in html
    assert 'aria-invalid="true"' in html
    assert not Event.objects.exists()


def test_a_date_without_start_is_refused(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    response = client_for("admin").post(reverse("manage:event_create", args=[process.pk]), event_form(start=""))
    assert 'id="id_start-error"' in response.content.decode()
    assert not Event.objects.exists()


def test_only_phases_of_this_process_can_be_chosen(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    other = StrategyProcess.objects.create(
        slug="anderer", title="Anderer", region=process.region, short_description="x", agency_name="y"
    )
    foreign = Phase.objects.create(process=other, name="Fremde Phase")
    client = client_for("admin")
    form_page = client.get(reverse("manage:event_create", args=[process.pk])).content.decode()
    assert "Fremde Phase" not in form_page
    response = client.post(reverse("manage:event_create", args=[process.pk]), event_form(phase=foreign.pk))
    assert 'id="id_phase-error"' in response.content.decode()
    assert not Event.objects.exists()


def test_editing_a_date_records_the_changes(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    client = client_for("editor")
    client.post(reverse("manage:event_create", args=[process.pk]), event_form())
    event = Event.objects.get()
    response = client.post(
        reverse("manage:event_edit", args=[process.pk, event.pk]), event_form(location="Online", visibility="board")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.visibility == "board"
    entry = AuditEntry.objects.get(action="event.update")
    assert entry.changes["location"] == ["Forum am Schlosspark, Ludwigsburg", "Online"]
    assert set(entry.changes) == {"location", "visibility"}


def test_deleting_a_date_asks_first(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    event = Event.objects.create(process=process, title="Frist", start=timezone.now())
    client = client_for("editor")
    url = reverse("manage:event_delete", args=[process.pk, event.pk])
    assert "Termin „Frist“ löschen?" in client.get(url).content.decode()
    assert Event.objects.exists()
    assert client.post(url).status_code == 302
    assert not Event.objects.exists()
    assert AuditEntry.objects.filter(action="event.delete", object_repr="Frist").exists()


@pytest.fixture
def many_events(process: StrategyProcess) -> None:
    now = timezone.now()
    for number in range(25):
        Event.objects.create(process=process, title=f"Kommend {number}", start=now + dt.timedelta(days=number + 1))
    for number in range(3):
        Event.objects.create(
            process=process, title=f"Vorbei {number}", start=now - dt.timedelta(days=number + 2), location="Asperg"
        )


@pytest.mark.usefixtures("many_events")
def test_date_list_shows_upcoming_dates_twenty_per_page(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("editor")
    url = reverse("manage:events", args=[process.pk])
    first = client.get(url)
    assert len(first.context["page"].object_list) == 20
    assert first.context["page"].object_list[0].title == "Kommend 0"
    second = client.get(url, {"seite": 2})
    assert [event.title for event in second.context["page"].object_list] == [f"Kommend {n}" for n in range(20, 25)]
    assert "zeitraum=kommend&amp;seite=2" in first.content.decode()


@pytest.mark.usefixtures("many_events")
def test_date_list_filters_past_dates_and_searches_title_and_place(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("editor")
    url = reverse("manage:events", args=[process.pk])
    past = client.get(url, {"zeitraum": "vergangen"}).context["page"].object_list
    assert [event.title for event in past] == ["Vorbei 0", "Vorbei 1", "Vorbei 2"]
    by_place = client.get(url, {"zeitraum": "alle", "q": "asperg"}).context["page"].object_list
    assert len(by_place) == 3
    by_title = client.get(url, {"zeitraum": "alle", "q": "Kommend 2"}).context["page"].object_list
    assert {event.title for event in by_title} == {
        "Kommend 2",
        "Kommend 20",
        "Kommend 21",
        "Kommend 22",
        "Kommend 23",
        "Kommend 24",
    }
    nothing = client.get(url, {"q": "Gibt es nicht"})
    assert "Keine Termine passen zu Ihrer Suche." in nothing.content.decode()


def test_board_members_see_board_only_dates_read_only(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    soon = timezone.now() + dt.timedelta(days=2)
    Event.objects.create(process=process, title="Geheime Sitzung", start=soon, visibility="board")
    Event.objects.create(process=process, title="Offener Workshop", start=soon)
    response = client_for("board").get(reverse("manage:board_events", args=[process.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geheime Sitzung" in html
    assert "Offener Workshop" in html
    assert reverse("manage:event_create", args=[process.pk]) not in html
    assert reverse("manage:board_events", args=[process.pk]) in html  # its entry in the navigation


def test_board_only_dates_stay_off_the_public_list(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client_for("admin").post(
        reverse("manage:event_create", args=[process.pk]),
        event_form(title="Lenkungskreis intern", visibility="board", start="2030-01-10T10:00", end=""),
    )
    assert "Lenkungskreis intern" not in Client().get(reverse("public:events")).content.decode()
