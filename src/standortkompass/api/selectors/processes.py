"""Reading a public process, its phases, public dates, published news and public boards for the API.

Only what the public site shows: public processes, events visible to everyone, news with a publication
date in the past, public boards with the names of the members who agreed (the others counted). No e-mail
address, no contact person, no author of a news item.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from standortkompass.processes import selectors as processes
from standortkompass.processes.models import Board, Event, NewsItem, Phase, StrategyProcess

CURRENT = "current"
Absolute = Callable[[str], str]


def public_process(key: str) -> StrategyProcess | None:
    """The public process with the slug ``key``; ``current`` is the one the home page shows."""
    if key == CURRENT:
        return processes.current_public_process()
    return processes.public_processes().filter(slug=key).first()


def process_list() -> QuerySet[StrategyProcess]:
    return processes.public_processes().order_by("-created_at", "-id")


def current_pk() -> int | None:
    """The id of the process the home page shows (``processes.selectors.current_public_process``), in one query."""
    pk: int | None = process_list().values_list("pk", flat=True).first()
    return pk


def process_items(processes_page: list[StrategyProcess], absolute: Absolute) -> list[dict[str, Any]]:
    current = current_pk()
    return [_process(process, absolute, current=current) for process in processes_page]


def _process(process: StrategyProcess, absolute: Absolute, *, current: int | None) -> dict[str, Any]:
    return {
        "slug": process.slug,
        "title": process.title,
        "title_en": process.title_en,
        "short_description": process.short_description,
        "short_description_en": process.short_description_en,
        "status": process.status,
        "region": {"code": process.region.code, "name": process.region.name},
        "agency": process.agency_name,
        "is_current": process.pk == current,
        "url": absolute(reverse("public:process", kwargs={"slug": process.slug})),
        "api_url": absolute(f"/api/v1/processes/{process.slug}/"),
    }


PROCESS_COLUMNS = (
    "slug",
    "title",
    "title_en",
    "short_description",
    "short_description_en",
    "status",
    "region_code",
    "region_name",
    "agency",
    "is_current",
    "url",
)


def process_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**item, "region_code": item["region"]["code"], "region_name": item["region"]["name"]} for item in items]


def phases_of(process: StrategyProcess) -> list[Phase]:
    return list(process.phases.order_by("order", "start_date", "id"))


def phase_items(phases: list[Phase], current: Phase | None) -> list[dict[str, Any]]:
    return [
        {
            "id": phase.pk,
            "order": phase.order,
            "name": phase.name,
            "name_en": phase.name_en,
            "description": phase.description,
            "description_en": phase.description_en,
            "start_date": phase.start_date,
            "end_date": phase.end_date,
            "state": phase.state,
            "is_current": current is not None and phase.pk == current.pk,
        }
        for phase in phases
    ]


PHASE_COLUMNS = (
    "id",
    "order",
    "name",
    "name_en",
    "description",
    "description_en",
    "start_date",
    "end_date",
    "state",
    "is_current",
)


def process_detail(process: StrategyProcess, absolute: Absolute) -> dict[str, Any]:
    current = process.current_phase()
    current_items = phase_items([current], current) if current is not None else []
    return {
        **_process(process, absolute, current=current_pk()),
        "description": process.description,
        "description_en": process.description_en,
        "current_phase": current_items[0] if current_items else None,
    }


def events_of(process: StrategyProcess, *, upcoming: bool = False) -> QuerySet[Event]:
    events = processes.public_events().filter(process=process)
    if upcoming:
        events = processes.upcoming(events)
    return events.order_by("start", "id")


def event_items(events: list[Event], absolute: Absolute) -> list[dict[str, Any]]:
    return [
        {
            "uid": event.uid,
            "title": event.title,
            "title_en": event.title_en,
            "kind": event.kind,
            "start": event.start,
            "end": event.end,
            "location": event.location,
            "online_url": event.online_url,
            "registration_url": event.registration_url,
            "description": event.description,
            "description_en": event.description_en,
            "phase": event.phase_id,
            "url": absolute(reverse("public:event", kwargs={"uid": event.uid})),
            "ical_url": absolute(reverse("feeds:event", kwargs={"uid": event.uid})),
        }
        for event in events
    ]


EVENT_COLUMNS = (
    "uid",
    "title",
    "title_en",
    "kind",
    "start",
    "end",
    "location",
    "online_url",
    "registration_url",
    "description",
    "description_en",
    "phase",
    "url",
    "ical_url",
)


def news_of(process: StrategyProcess) -> QuerySet[NewsItem]:
    return processes.published_news().filter(process=process).order_by("-published_at", "-id")


def news_items(news: list[NewsItem], absolute: Absolute) -> list[dict[str, Any]]:
    return [
        {
            "id": item.pk,
            "slug": item.slug,
            "title": item.title,
            "title_en": item.title_en,
            "teaser": item.teaser,
            "teaser_en": item.teaser_en,
            "body": item.body,
            "body_en": item.body_en,
            "published_at": item.published_at,
            "url": absolute(reverse("public:news_item", kwargs={"pk": item.pk, "slug": item.slug})),
        }
        for item in news
    ]


NEWS_COLUMNS = ("id", "slug", "title", "title_en", "teaser", "teaser_en", "body", "body_en", "published_at", "url")


def boards_of(process: StrategyProcess) -> QuerySet[Board]:
    return processes.public_boards(process=process).order_by("order", "name", "id")


def board_items(boards: list[Board]) -> list[dict[str, Any]]:
    return [
        {
            "id": board.pk,
            "name": board.name,
            "name_en": board.name_en,
            "kind": board.kind,
            "description": board.description,
            "description_en": board.description_en,
            # ``public_boards`` prefetches only the members who agreed; checked again here all the same.
            "members": [
                {
                    "name": member.name,
                    "function": member.function,
                    "organisation": member.organisation.name if member.organisation else "",
                }
                for member in board.members.all()
                if member.name_is_public
            ],
            "unnamed_member_count": getattr(board, "unnamed_member_count", 0),
        }
        for board in boards
    ]


BOARD_COLUMNS = ("id", "name", "name_en", "kind", "description", "description_en", "members", "unnamed_member_count")


def board_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def member(entry: dict[str, str]) -> str:
        details = ", ".join(part for part in (entry["function"], entry["organisation"]) if part)
        return f"{entry['name']} ({details})" if details else entry["name"]

    return [{**item, "members": [member(entry) for entry in item["members"]]} for item in items]
