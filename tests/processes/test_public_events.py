"""The public dates: list with upcoming and past dates, filter by type, pagination, detail."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone

from standortkompass.processes.models import Event, EventKind, StrategyProcess, Visibility


def _event(process: StrategyProcess, title: str, days: float, **fields: object) -> Event:
    return Event.objects.create(process=process, title=title, start=timezone.now() + dt.timedelta(days=days), **fields)


def _section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by the heading with this id."""
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.DOTALL)
    assert match, f"no section {heading_id}"
    return match.group(1)


def page_text(response) -> str:
    """The HTML of a response with entities resolved, so that translated text compares as written."""
    return unescape(response.content.decode())


def test_dates_page_separates_upcoming_from_past_dates(client, process):
    _event(process, "Zukunftswerkstatt Bietigheim", days=10)
    _event(process, "Auftakt im Landratsamt", days=-10)

    html = client.get("/termine/").content.decode()

    assert "Zukunftswerkstatt Bietigheim" in _section(html, "upcoming-heading")
    assert "Auftakt im Landratsamt" in _section(html, "past-heading")
    assert "Auftakt im Landratsamt" not in _section(html, "upcoming-heading")


def test_a_date_that_has_started_but_not_ended_is_still_upcoming(client, process):
    now = timezone.now()
    Event.objects.create(
        process=process, title="Laufende Messe", start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=5)
    )

    html = client.get("/termine/").content.decode()

    assert "Laufende Messe" in _section(html, "upcoming-heading")


def test_upcoming_dates_come_soonest_first_and_past_dates_latest_first(client, process):
    _event(process, "Später", days=20)
    _event(process, "Bald", days=2)
    _event(process, "Lange her", days=-40)
    _event(process, "Kürzlich", days=-3)

    html = client.get("/termine/").content.decode()

    upcoming = _section(html, "upcoming-heading")
    past = _section(html, "past-heading")
    assert upcoming.index("Bald") < upcoming.index("Später")
    assert past.index("Kürzlich") < past.index("Lange her")


def test_dates_page_says_so_when_nothing_is_scheduled(client, process):
    html = client.get("/termine/").content.decode()

    assert "Zurzeit sind keine Termine geplant." in html
    assert "Keine vergangenen Termine." in html


def test_dates_can_be_filtered_by_type(client, process):
    _event(process, "Unternehmensworkshop Ludwigsburg", days=5, kind=EventKind.WORKSHOP)
    _event(process, "Frist für Projektideen", days=6, kind=EventKind.DEADLINE)

    html = client.get("/termine/", {"art": EventKind.WORKSHOP}).content.decode()

    assert "Unternehmensworkshop Ludwigsburg" in html
    assert "Frist für Projektideen" not in html
    assert f'<option value="{EventKind.WORKSHOP}" selected>' in html


def test_an_unknown_type_in_the_filter_shows_all_dates(client, process):
    _event(process, "Unternehmensworkshop Ludwigsburg", days=5, kind=EventKind.WORKSHOP)
    _event(process, "Frist für Projektideen", days=6, kind=EventKind.DEADLINE)

    html = client.get("/termine/", {"art": "<b>unsinn</b>"}).content.decode()

    assert "Unternehmensworkshop Ludwigsburg" in html
    assert "Frist für Projektideen" in html
    assert "<b>unsinn</b>" not in html


def test_past_dates_are_paginated_twenty_per_page(client, process):
    for number in range(25):
        _event(process, f"Vergangener Termin {number:02d}", days=-(number + 1))

    first = _section(client.get("/termine/").content.decode(), "past-heading")
    second = _section(page_text(client.get("/termine/", {"seite": 2})), "past-heading")

    assert first.count("Vergangener Termin") == 20
    assert second.count("Vergangener Termin") == 5
    assert "Vergangener Termin 00" in first
    assert "Vergangener Termin 24" in second
    assert 'rel="next"' in first
    assert "Seite 2 von 2" in second


def test_pagination_keeps_the_type_filter(client, process):
    for number in range(21):
        _event(process, f"Alter Workshop {number}", days=-(number + 1), kind=EventKind.WORKSHOP)

    html = client.get("/termine/", {"art": EventKind.WORKSHOP}).content.decode()

    assert f'href="?art={EventKind.WORKSHOP}&amp;seite=2"' in html


def test_a_page_number_beyond_the_end_shows_the_last_page(client, process):
    _event(process, "Einziger alter Termin", days=-2)

    response = client.get("/termine/", {"seite": 99})

    assert response.status_code == 200
    assert "Einziger alter Termin" in response.content.decode()


def test_event_detail_shows_time_place_and_calendar_link(client, process):
    start = timezone.make_aware(dt.datetime(timezone.localdate().year + 1, 3, 10, 18, 0))
    event = Event.objects.create(
        process=process,
        title="Sounding Board – 2. Sitzung",
        kind=EventKind.INFORMATION,
        start=start,
        end=start + dt.timedelta(hours=2),
        location="Kreishaus Ludwigsburg, Hindenburgstraße 40",
        description="Wir stellen die **Ergebnisse** vor.",
        registration_url="https://anmeldung.example.org/sb2",
        phase=process.phases.first(),
    )

    html = client.get(f"/termine/{event.uid}/").content.decode()

    assert "Sounding Board – 2. Sitzung" in html
    assert "18:00" in html
    assert "20:00" in html
    assert "Kreishaus Ludwigsburg, Hindenburgstraße 40" in html
    assert "<strong>Ergebnisse</strong>" in html
    assert 'href="https://anmeldung.example.org/sb2"' in html
    assert f'href="/termine/{event.uid}.ics"' in html
    assert "Analysephase" in html


def test_event_detail_of_an_unknown_date_is_not_found(client, process):
    assert client.get("/termine/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_board_only_dates_never_appear_on_public_pages(client, process):
    secret = _event(process, "Vertrauliche Lenkungskreissitzung", days=4, visibility=Visibility.BOARD)
    _event(process, "Vertrauliche Vorbesprechung", days=-4, visibility=Visibility.BOARD)

    for url in ["/", "/termine/", f"/prozesse/{process.slug}/", "/en/termine/"]:
        assert "Vertrauliche" not in client.get(url).content.decode(), url
    assert client.get(f"/termine/{secret.uid}/").status_code == 404


def test_dates_of_a_process_that_is_not_public_never_appear(client, process, regions):
    hidden = StrategyProcess.objects.create(
        slug="intern", title="Intern", region=regions["08118"], short_description="-", agency_name="WF"
    )
    event = _event(hidden, "Termin eines internen Prozesses", days=3)

    assert "Termin eines internen Prozesses" not in client.get("/termine/").content.decode()
    assert client.get(f"/termine/{event.uid}/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_dates_page_only_answers_reading_requests(client, process, method):
    assert getattr(client, method)("/termine/").status_code == 405
