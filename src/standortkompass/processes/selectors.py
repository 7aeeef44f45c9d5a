"""Reading processes, dates and news, organisations and site pages for the public site and the management area."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, Prefetch, Q, QuerySet, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from standortkompass.accounts.models import Role, User
from standortkompass.processes.member_tasks import MemberTask
from standortkompass.processes.models import (
    Board,
    BoardMember,
    ContactPerson,
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


# --- tasks of a member on "My area" (processes.member_tasks) --------------------------------------------

NEXT_DATES = 3


def organisation_member_tasks(user: User, process: StrategyProcess, role: Role) -> list[MemberTask]:
    """Partner and Unternehmen: what the process holds about their organisation, to check."""
    if role not in {Role.PARTNER, Role.COMPANY}:
        return []
    contacts = (
        ContactPerson.objects.filter(organisation__process=process, email__iexact=user.email)
        .select_related("organisation", "organisation__municipality")
        .order_by("organisation__name")
    )
    tasks = []
    for contact in contacts:
        organisation = contact.organisation
        address = " ".join(part for part in (organisation.street, organisation.postal_code, organisation.city) if part)
        details = [
            (gettext("Type"), organisation.get_type_display()),
            (gettext("Address"), address or "–"),
            (gettext("Municipality"), organisation.municipality.name if organisation.municipality else "–"),
            (gettext("Sector (WZ 2008)"), organisation.get_sector_section_display() or "–"),
            (gettext("On the public actors page"), gettext("yes") if organisation.is_public else gettext("no")),
            (gettext("You as contact person"), f"{contact.name}, {contact.email}"),
            (
                gettext("May be contacted"),
                gettext("yes (%(scope)s)") % {"scope": contact.consent_scope}
                if contact.consent_to_contact and contact.opted_out_at is None
                else gettext("no"),
            ),
        ]
        write_to = process.contact_email or gettext("the agency")
        tasks.append(
            MemberTask(
                title=gettext("Check what the process holds about %(name)s") % {"name": organisation.name},
                text=gettext("If something is wrong or missing, write to %(contact)s.") % {"contact": write_to},
                url=f"mailto:{process.contact_email}" if process.contact_email else "",
                link_text=gettext("Write to the agency") if process.contact_email else "",
                details=tuple(details),
                order=20,
            )
        )
    return tasks


def date_member_tasks(user: User, process: StrategyProcess, role: Role) -> list[MemberTask]:
    """Every member: the next dates of the process it may see (board dates for the boards and the agency)."""
    board_matters = role in {Role.ADMIN, Role.EDITOR, Role.BOARD}
    events = (
        events_for_board_members(process=process)
        if board_matters
        else Event.objects.filter(process=process, visibility=Visibility.PUBLIC).order_by("start", "id")
    )
    next_events = list(upcoming(events)[:NEXT_DATES])
    if not next_events:
        return []
    if board_matters:
        url = reverse("manage:board_events", args=[process.pk])
    elif process.is_public:
        url = reverse("public:events")
    else:
        url = ""
    return [
        MemberTask(
            title=gettext("The next dates"),
            url=url,
            link_text=gettext("All dates") if url else "",
            details=tuple(
                (date_format(timezone.localtime(event.start), "j. F Y, H:i"), event.title) for event in next_events
            ),
            order=30,
        )
    ]
