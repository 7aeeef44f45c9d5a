"""Reading processes, dates and news, organisations and site pages for the public site and the management area."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

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
from standortkompass.processes.site_texts import (
    DEFAULT_PAGES,
    LIMITATIONS_MARKER,
    accessibility_statement,
    has_demo_values,
    has_limitations_marker,
    has_template_note,
    placeholders,
)
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
    """The public boards; ``members`` holds only the members who agreed to their names being published, and
    ``unnamed_member_count`` counts the others."""
    members = BoardMember.objects.filter(name_is_public=True).select_related("organisation").order_by("order", "name")
    return (
        process.boards.filter(is_public=True)
        .annotate(unnamed_member_count=Count("members", filter=Q(members__name_is_public=False)))
        .prefetch_related(Prefetch("members", queryset=members))
    )


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


def site_conditions() -> frozenset[str]:
    """What is true of this installation for the known limitations' ``unless`` (``processes.site_texts``)."""
    conditions = set()
    if SitePage.objects.filter(slug=SitePage.SIGN_LANGUAGE).exclude(video="").exists():
        conditions.add("sign_language_video")
    return frozenset(conditions)


def site_page_for_display(slug: str) -> SitePage:
    """The page as the public site shows it: the accessibility statement with its status and known limitations.

    The returned page is for display only and never saved.
    """
    page = site_page_for(slug)
    if slug == SitePage.ACCESSIBILITY:
        page.body = accessibility_statement(page.body, conditions=site_conditions())
    return page


# The go-live checklist ---------------------------------------------------------------------------


class CheckState(StrEnum):
    DONE = "done"
    DEMO = "demo"  # present with demo values: counts as done only for the demo process
    MISSING = "missing"


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    state: CheckState
    problems: tuple[str, ...]
    fix_url: str  # where to fix it in the management area; empty for a setting of the server
    fix_hint: str
    fix_page: str = ""  # the title of the site page behind ``fix_url``

    def blocks(self, process: StrategyProcess) -> bool:
        """Whether this item keeps ``process`` from being published."""
        return self.state == CheckState.MISSING or (self.state == CheckState.DEMO and not process.is_demo)


_GERMAN_DATE = re.compile(
    r"\b\d{1,2}\.\s?(?:\d{1,2}\.\s?|(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
    r"November|Dezember)\s)\d{4}\b"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _text_problems(page: SitePage) -> list[str]:
    problems = []
    if not page.body.strip():
        problems.append(gettext("The page has no text."))
    found = placeholders(page.body)
    if found:
        problems.append(
            ngettext(
                "%(count)d field in square brackets is still to be filled in: %(fields)s.",
                "%(count)d fields in square brackets are still to be filled in, e.g. %(fields)s.",
                len(found),
            )
            % {"count": len(found), "fields": ", ".join(found[:3])}
        )
    if has_template_note(page.body):
        problems.append(gettext("The template's note for Administration is still at the top."))
    return problems


def _item(
    key: str, label: str, problems: list[str], *, demo: bool, slug: str = "", fix_hint: str = ""
) -> ChecklistItem:
    if problems:
        state = CheckState.MISSING
    elif demo:
        state = CheckState.DEMO
        problems = [gettext("Contains the demo's invented values (marked “Demo”); replace them with your own.")]
    else:
        state = CheckState.DONE
    return ChecklistItem(
        key=key,
        label=label,
        state=state,
        problems=tuple(problems),
        fix_url=reverse("manage:site_page_edit", args=[slug]) if slug else "",
        fix_hint=fix_hint,
        fix_page=site_page_for(slug).title if slug else "",
    )


def go_live_checklist() -> list[ChecklistItem]:
    """The mandatory texts and settings of a real installation, each done, demo values or missing.

    Impressum (§ 5 DDG), Datenschutzerklärung (Art. 13 DSGVO), Erklärung zur Barrierefreiheit with
    its date, its feedback address and the Schlichtungsstelle (§ 10 L-BGG, BITV 2.0 § 7), and the
    information in Leichter Sprache and Deutscher Gebärdensprache (BITV 2.0 § 4).
    """
    pages = {slug: site_page_for(slug) for slug in SitePage.SLUGS}
    imprint, privacy, statement = pages[SitePage.IMPRINT], pages[SitePage.PRIVACY], pages[SitePage.ACCESSIBILITY]
    statement_demo = has_demo_values(statement.body)
    items = [
        _item(
            "impressum",
            gettext("Impressum"),
            _text_problems(imprint),
            demo=has_demo_values(imprint.body),
            slug=SitePage.IMPRINT,
        ),
        _item(
            "datenschutz",
            gettext("Privacy statement"),
            _text_problems(privacy),
            demo=has_demo_values(privacy.body),
            slug=SitePage.PRIVACY,
        ),
    ]

    problems = _text_problems(statement)
    if not has_limitations_marker(statement.body):
        problems.append(
            gettext(
                "The line “%(marker)s” is missing: the website puts the status and the maintained list of known "
                "limitations there."
            )
            % {"marker": LIMITATIONS_MARKER}
        )
    items.append(
        _item(
            "barrierefreiheit",
            gettext("Accessibility statement"),
            problems,
            demo=statement_demo,
            slug=SitePage.ACCESSIBILITY,
        )
    )

    date_problems = (
        []
        if _GERMAN_DATE.search(statement.body)
        else [
            gettext("The statement gives no date on which it was written or last reviewed (e.g. “7. Dezember 2026”).")
        ]
    )
    items.append(
        _item(
            "barrierefreiheit-datum",
            gettext("Accessibility statement: date of writing and last review"),
            date_problems,
            demo=statement_demo,
            slug=SitePage.ACCESSIBILITY,
        )
    )

    body = statement.body
    position = body.find("Schlichtungsstelle")
    arbitration_problems = (
        []
        if position >= 0 and "https://" in body[position:]
        else [
            gettext(
                "The statement names no Schlichtungsstelle with its web address (in Baden-Württemberg the "
                "Schlichtungsstelle at the Landeszentrum Barrierefreiheit, for federal bodies the "
                "Schlichtungsstelle BGG)."
            )
        ]
    )
    items.append(
        _item(
            "schlichtungsstelle",
            gettext("Accessibility statement: Schlichtungsstelle"),
            arbitration_problems,
            demo=statement_demo,
            slug=SitePage.ACCESSIBILITY,
        )
    )

    address = settings.FEEDBACK_EMAIL
    addresses = set(_EMAIL.findall(body))
    feedback_problems = []
    feedback_demo = False
    if address and address not in addresses:
        feedback_problems.append(
            gettext("The statement does not name the feedback address %(address)s (FEEDBACK_EMAIL).")
            % {"address": address}
        )
    elif not address:
        if statement_demo and addresses:
            feedback_demo = True
        else:
            feedback_problems.append(
                gettext(
                    "The server setting FEEDBACK_EMAIL is empty: no address receives the reports besides the "
                    "accounts of Administration."
                )
            )
    items.append(
        ChecklistItem(
            key="rueckmeldeadresse",
            label=gettext("Feedback address"),
            state=CheckState.MISSING if feedback_problems else CheckState.DEMO if feedback_demo else CheckState.DONE,
            problems=tuple(
                feedback_problems
                or (
                    [gettext("The demo's invented address; set FEEDBACK_EMAIL and name it in the statement.")]
                    if feedback_demo
                    else []
                )
            ),
            fix_url=reverse("manage:site_page_edit", args=[SitePage.ACCESSIBILITY]),
            fix_hint=gettext("Set FEEDBACK_EMAIL in the server's environment (operator) and name it in the statement."),
            fix_page=statement.title,
        )
    )

    easy = pages[SitePage.EASY_LANGUAGE]
    items.append(
        _item(
            "leichte-sprache",
            gettext("Information in easy-to-read German"),
            _text_problems(easy),
            demo=False,
            slug=SitePage.EASY_LANGUAGE,
        )
    )

    sign = pages[SitePage.SIGN_LANGUAGE]
    sign_problems = _text_problems(sign)
    if sign.video:
        if not sign.video_transcript.strip():
            sign_problems.append(gettext("The video has no description in text."))
    elif not has_limitations_marker(statement.body):
        sign_problems.append(
            gettext("There is no video, and the accessibility statement does not list it as a known limitation.")
        )
    items.append(
        _item(
            "gebaerdensprache",
            gettext("Sign-language video or its explanation"),
            sign_problems,
            demo=False,
            slug=SitePage.SIGN_LANGUAGE,
        )
    )
    return items


def go_live_missing(*, process: StrategyProcess) -> list[ChecklistItem]:
    """The checklist's items that keep ``process`` from being published (demo values only count for the demo)."""
    return [item for item in go_live_checklist() if item.blocks(process)]


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
