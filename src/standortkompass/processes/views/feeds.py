"""iCalendar and Atom feeds of the public dates and news."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from standortkompass.core.templatetags.formatting import render_formatted
from standortkompass.processes import selectors
from standortkompass.processes.models import Event, NewsItem

ICS_HORIZON_DAYS = 400  # past events older than this drop out of the feed


def _calendar(events: Iterable[Event], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Standortkompass//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"{event.uid}@standortkompass")
        entry.add("summary", event.title)
        entry.add("dtstamp", event.updated_at)
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end or event.start + dt.timedelta(hours=1))
        entry.add("last-modified", event.updated_at)
        entry.add("categories", [event.get_kind_display()])
        url = settings.SITE_URL + reverse("public:event", args=[event.uid])
        entry.add("url", url)
        location = ", ".join(part for part in (event.location, event.online_url) if part)
        if location:
            entry.add("location", location)
        description = "\n\n".join(
            part
            for part in (event.description, event.registration_url and f"Anmeldung: {event.registration_url}", url)
            if part
        )
        entry.add("description", description)
        calendar.add_component(entry)
    payload: bytes = calendar.to_ical()
    return payload


def _ics_response(payload: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(payload, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def events_ics(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - dt.timedelta(days=ICS_HORIZON_DAYS)
    events = selectors.public_events().filter(start__gte=since)
    return _ics_response(_calendar(events, str(_("Standortkompass dates"))), "termine.ics")


@require_GET
def event_ics(request: HttpRequest, uid: str) -> HttpResponse:
    event = get_object_or_404(selectors.public_events(), uid=uid)
    return _ics_response(_calendar([event], event.title), f"termin-{event.start:%Y-%m-%d}.ics")


class NewsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = _("Standortkompass – News")
    subtitle = _("News from the strategy process for the business location")

    def link(self) -> str:
        return reverse("public:news")

    def items(self) -> list[NewsItem]:
        return list(selectors.published_news()[:30])

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return render_formatted(item.teaser + "\n\n" + item.body)

    def item_link(self, item: NewsItem) -> str:
        return reverse("public:news_item", args=[item.pk, item.slug])

    def item_pubdate(self, item: NewsItem) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: NewsItem) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: NewsItem) -> str:
        return item.author_name or (str(item.author) if item.author else "")
