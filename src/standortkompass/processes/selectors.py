"""Reading processes, dates and news, organisations and site pages for the public site and the management area."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, Prefetch, Q, QuerySet, When
from django.utils import timezone

from standortkompass.processes.models import (
    Board,
    BoardMember,
    Event,
    NewsItem,
    Organisation,
    OrganisationType,
    SitePage,
    StrategyProcess,
    Visibility,
)
from standortkompass.processes.site_texts import DEFAULT_PAGES
from standortkompass.regiondata.models import Region, RegionLevel


def public_processes() -> QuerySet[StrategyProcess]:
    return StrategyProcess.objects.filter(is_public=True).select_related("region")


def current_public_process() -> StrategyProcess | None:
    """The process the public home page shows: the newest public one."""
    return public_processes().prefetch_related("phases").order_by("-created_at", "-id").first()


def public_events() -> QuerySet[Event]:
    return (
        Event.objects.filter(visibility=Visibility.PUBLIC, process__is_public=True)
        .select_related("process", "phase")
        .order_by("start", "id")
    )


def events_for_board_members(*, process: StrategyProcess) -> QuerySet[Event]:
    return Event.objects.filter(process=process).select_related("phase").order_by("start", "id")


def upcoming(events: QuerySet[Event], *, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Events that have not ended yet (an event without end counts until its start day is over)."""
    now = now or timezone.now()
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return events.filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=start_of_today))


def past(events: QuerySet[Event], *, now: dt.datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return events.filter(Q(end__lt=now) | Q(end__isnull=True, start__lt=start_of_today)).order_by("-start", "-id")


def published_news(*, now: dt.datetime | None = None) -> QuerySet[NewsItem]:
    now = now or timezone.now()
    return (
        NewsItem.objects.filter(process__is_public=True, published_at__isnull=False, published_at__lte=now)
        .select_related("process", "author")
        .order_by("-published_at", "-id")
    )


def public_organisations(*, process: StrategyProcess) -> QuerySet[Organisation]:
    return (
        process.organisations.filter(is_public=True)
        .select_related("municipality")
        # Municipalities by the town's name, so that "Gemeinde …" and "Stadt …" interleave.
        .order_by(
            "type",
            Case(When(type=OrganisationType.MUNICIPALITY, then=F("municipality__name")), default=F("name")),
            "name",
        )
    )


def sponsors(*, process: StrategyProcess) -> QuerySet[Organisation]:
    return public_organisations(process=process).filter(type=OrganisationType.SPONSOR)


def public_boards(*, process: StrategyProcess) -> QuerySet[Board]:
    members = BoardMember.objects.select_related("organisation").order_by("order", "name")
    return process.boards.filter(is_public=True).prefetch_related(Prefetch("members", queryset=members))


# Organisations and municipalities ------------------------------------------------------------


def process_municipalities(*, process: StrategyProcess) -> QuerySet[Region]:
    """The Gemeinden in the region of the process (its AGS is their key's prefix), by name."""
    return Region.objects.filter(level=RegionLevel.MUNICIPALITY, code__startswith=process.region.code).order_by(
        "name", "code"
    )


def organisation_search(
    *,
    process: StrategyProcess,
    text: str = "",
    organisation_type: str = "",
    municipality: Region | None = None,
    sector_section: str = "",
    size_class: str = "",
) -> QuerySet[Organisation]:
    """The organisations of the process whose name, town or external ID contains ``text``, filtered."""
    organisations = Organisation.objects.filter(process=process).select_related("municipality")
    if text:
        organisations = organisations.filter(
            Q(name__icontains=text) | Q(city__icontains=text) | Q(external_id__icontains=text)
        )
    if organisation_type:
        organisations = organisations.filter(type=organisation_type)
    if municipality is not None:
        organisations = organisations.filter(municipality=municipality)
    if sector_section:
        organisations = organisations.filter(sector_section=sector_section)
    if size_class:
        organisations = organisations.filter(size_class=size_class)
    return organisations.order_by("name", "pk")


# Site pages ----------------------------------------------------------------------------------


def site_page_for(slug: str) -> SitePage:
    """The stored page, or an unsaved one with the default title and text (not edited yet)."""
    if slug not in SitePage.SLUGS:
        raise ValueError(f"{slug!r} is not a site page")
    page = SitePage.objects.filter(slug=slug).first()
    if page is None:
        default = next(default for default in DEFAULT_PAGES if default.slug == slug)
        page = SitePage(slug=slug, title=default.title, body=default.body)
    return page
