"""The iCalendar feed of the public dates and the Atom feed of the news."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from standortkompass.processes.models import Event, EventKind, NewsItem, StrategyProcess, Visibility

BERLIN = ZoneInfo("Europe/Berlin")
ATOM = "{http://www.w3.org/2005/Atom}"


def _berlin(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A wall-clock time in Ludwigsburg next year (so the date is always ahead)."""
    return dt.datetime(timezone.localdate().year + 1, month, day, hour, minute, tzinfo=BERLIN)


def _calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def winter_workshop(process: StrategyProcess) -> Event:
    return Event.objects.create(
        process=process,
        title="Unternehmensworkshop",
        kind=EventKind.WORKSHOP,
        start=_berlin(2, 12, 17, 30),
        end=_berlin(2, 12, 20, 0),
        location="Forum am Schlosspark, Ludwigsburg",
        description="Bitte melden Sie sich an.",
        registration_url="https://anmeldung.example.org/ws",
    )


@pytest.fixture
def summer_meeting(process: StrategyProcess) -> Event:
    return Event.objects.create(process=process, title="Sommersitzung", start=_berlin(7, 1, 9, 0))


def test_calendar_feed_is_valid_icalendar_with_one_entry_per_public_date(client, winter_workshop, summer_meeting):
    calendar = _calendar(client.get("/termine.ics"))

    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    assert {str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")} == {"Unternehmensworkshop", "Sommersitzung"}


def test_calendar_entries_carry_uid_start_summary_and_url(client, winter_workshop):
    (entry,) = _calendar(client.get("/termine.ics")).walk("VEVENT")

    assert str(entry["UID"]) == f"{winter_workshop.uid}@standortkompass"
    assert str(entry["SUMMARY"]) == "Unternehmensworkshop"
    assert str(entry["URL"]).endswith(f"/termine/{winter_workshop.uid}/")
    assert str(entry["URL"]).startswith("http")
    assert str(entry["LOCATION"]) == "Forum am Schlosspark, Ludwigsburg"
    assert "https://anmeldung.example.org/ws" in str(entry["DESCRIPTION"])
    assert entry["DTSTAMP"]


def test_calendar_times_are_the_wall_clock_times_in_ludwigsburg(client, winter_workshop, summer_meeting):
    entries = {str(entry["SUMMARY"]): entry for entry in _calendar(client.get("/termine.ics")).walk("VEVENT")}

    winter_start = entries["Unternehmensworkshop"].decoded("DTSTART")
    winter_end = entries["Unternehmensworkshop"].decoded("DTEND")
    summer_start = entries["Sommersitzung"].decoded("DTSTART")
    assert winter_start.tzinfo is not None
    assert winter_start.astimezone(BERLIN).timetuple()[3:5] == (17, 30)
    assert winter_end.astimezone(BERLIN).timetuple()[3:5] == (20, 0)
    # 09:00 in summer time is 07:00 UTC, in winter time 17:30 is 16:30 UTC.
    assert summer_start.astimezone(BERLIN).hour == 9
    assert summer_start.astimezone(dt.UTC).hour == 7
    assert winter_start.astimezone(dt.UTC).hour == 16


def test_a_date_without_end_lasts_one_hour_in_the_calendar(client, summer_meeting):
    (entry,) = _calendar(client.get("/termine.ics")).walk("VEVENT")

    assert entry.decoded("DTEND") - entry.decoded("DTSTART") == dt.timedelta(hours=1)


def test_calendar_feed_leaves_out_board_only_and_non_public_dates(client, process, regions, winter_workshop):
    Event.objects.create(process=process, title="Vertraulich", start=_berlin(3, 1, 10), visibility=Visibility.BOARD)
    hidden = StrategyProcess.objects.create(
        slug="intern", title="Intern", region=regions["08118"], short_description="-", agency_name="WF"
    )
    Event.objects.create(process=hidden, title="Interner Prozess", start=_berlin(3, 2, 10))

    summaries = [str(entry["SUMMARY"]) for entry in _calendar(client.get("/termine.ics")).walk("VEVENT")]

    assert summaries == ["Unternehmensworkshop"]


def test_calendar_feed_leaves_out_dates_older_than_the_horizon(client, process):
    Event.objects.create(process=process, title="Vor zwei Jahren", start=timezone.now() - dt.timedelta(days=730))
    Event.objects.create(process=process, title="Letzten Monat", start=timezone.now() - dt.timedelta(days=30))

    summaries = [str(entry["SUMMARY"]) for entry in _calendar(client.get("/termine.ics")).walk("VEVENT")]

    assert summaries == ["Letzten Monat"]


def test_single_date_calendar_file_holds_just_that_date(client, winter_workshop, summer_meeting):
    response = client.get(f"/termine/{winter_workshop.uid}.ics")

    (entry,) = _calendar(response).walk("VEVENT")
    assert str(entry["UID"]) == f"{winter_workshop.uid}@standortkompass"
    assert entry.decoded("DTSTART").astimezone(BERLIN).hour == 17
    assert (
        f'filename="termin-{winter_workshop.start.astimezone(BERLIN):%Y-%m-%d}.ics"' in response["Content-Disposition"]
    )


def test_single_date_calendar_file_of_a_board_only_date_is_not_found(client, process):
    event = Event.objects.create(
        process=process, title="Vertraulich", start=_berlin(3, 1, 10), visibility=Visibility.BOARD
    )

    assert client.get(f"/termine/{event.uid}.ics").status_code == 404


def test_english_calendar_is_not_a_separate_address(client, winter_workshop):
    assert client.get("/en/termine.ics").status_code == 404


def _atom(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - our own feed, produced by the code under test


def _news(process: StrategyProcess, title: str, published: dt.datetime | None, **fields: object) -> NewsItem:
    return NewsItem.objects.create(
        process=process,
        title=title,
        slug=title.lower().replace(" ", "-"),
        teaser=f"Anreißer {title}",
        body=fields.pop("body", "Text"),
        published_at=published,
        **fields,
    )


def test_news_feed_is_valid_atom_with_the_published_news(client, process):
    now = timezone.now()
    _news(process, "Erste Meldung", now - dt.timedelta(days=3), author_name="Redaktion")
    _news(process, "Zweite Meldung", now - dt.timedelta(days=1), body="Mit **Fettdruck**.")
    _news(process, "Entwurf", None)
    _news(process, "Morgen", now + dt.timedelta(days=1))

    response = client.get("/aktuelles/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = _atom(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Zweite Meldung", "Erste Meldung"]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}published")
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    assert "<strong>Fettdruck</strong>" in entries[0].findtext(f"{ATOM}summary")
    assert entries[1].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Redaktion"


def test_news_feed_removes_scripts_from_the_text(client, process):
    _news(process, "Gefahr", timezone.now() - dt.timedelta(hours=1), body="<script>alert(1)</script>ok")

    feed = _atom(client.get("/aktuelles/feed/").content)

    assert "<script" not in feed.find(f"{ATOM}entry").findtext(f"{ATOM}summary")


def test_news_feed_is_empty_but_valid_without_news(client, process):
    feed = _atom(client.get("/aktuelles/feed/").content)

    assert feed.findall(f"{ATOM}entry") == []


def test_pages_announce_both_feeds(client, process):
    html = client.get("/").content.decode()

    assert 'type="application/atom+xml"' in html
    assert 'href="/aktuelles/feed/"' in html
    assert 'type="text/calendar"' in html
    assert 'href="/termine.ics"' in html
