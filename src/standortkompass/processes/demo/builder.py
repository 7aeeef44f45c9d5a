"""Turn the demo constants (and the official regions) into field values for the models.

Each function returns ``(lookup, values)`` pairs: ``lookup`` is the natural key the writing
service finds an existing row by, ``values`` the fields it sets. Nothing here touches the
database; the related objects (process, phases, organisations) are passed in.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from standortkompass.accounts.models import User
from standortkompass.processes.demo import data, dates_and_news
from standortkompass.processes.models import (
    Board,
    BoardMember,
    Organisation,
    Phase,
    StrategyProcess,
)
from standortkompass.processes.models.process import DEFAULT_PHASES
from standortkompass.regiondata.models import Region

Fields = dict[str, object]
Spec = tuple[Fields, Fields]

BERLIN = ZoneInfo("Europe/Berlin")
# Fixed namespace: the same demo event always gets the same UID (stable in subscribed calendars).
EVENT_UID_NAMESPACE = uuid.UUID("7d0e3a5c-6b1f-4c52-9a43-5f0c2b8e9d17")
TOWN_KINDS = {"Stadt", "Große Kreisstadt", "Stadtkreis", "Kreisfreie Stadt"}


def local(value: dt.datetime) -> dt.datetime:
    """A naive local time from the constants as an aware datetime in Europe/Berlin."""
    return value.replace(tzinfo=BERLIN)


def event_uid(key: str) -> uuid.UUID:
    return uuid.uuid5(EVENT_UID_NAMESPACE, f"{data.PROCESS_SLUG}/{key}")


def municipality_name(region: Region) -> str:
    """ "Stadt Ludwigsburg", "Gemeinde Affalterbach" from the directory's name and type.

    The directory writes towns as "Ludwigsburg, Stadt"; its type says Stadt, Große Kreisstadt
    or Gemeinde.
    """
    base, _, suffix = region.name.partition(", ")
    if region.kind in TOWN_KINDS or suffix == "Stadt":
        return f"Stadt {base}"
    if region.kind == "Markt":
        return f"Markt {base}"
    if region.kind in {"Gemeinde", ""} and not suffix:
        return f"Gemeinde {base}"
    return region.name


def municipality_description(region: Region, *, district: Region) -> str:
    """ "Große Kreisstadt im Landkreis Ludwigsburg mit 93.584 Einwohnerinnen und Einwohnern (31.12.2019)"."""
    where = f"im {district.kind} {district.name}" if district.kind else f"im Kreis {district.name}"
    text = f"{region.kind or 'Gemeinde'} {where}"
    if region.population and region.population_date:
        population = f"{region.population:,}".replace(",", ".")
        text += f" mit {population} Einwohnerinnen und Einwohnern ({region.population_date:%d.%m.%Y})"
    return text


def process_spec(*, district: Region) -> Spec:
    return (
        {"slug": data.PROCESS_SLUG},
        {
            "title": data.PROCESS_TITLE,
            "title_en": data.PROCESS_TITLE_EN,
            "region": district,
            "short_description": data.SHORT_DESCRIPTION,
            "short_description_en": data.SHORT_DESCRIPTION_EN,
            "description": data.DESCRIPTION,
            "status": data.PROCESS_STATUS,
            "is_public": True,
            "is_demo": True,
            "agency_name": data.AGENCY_NAME,
        },
    )


def phase_specs(*, process: StrategyProcess) -> list[Spec]:
    descriptions = dict(DEFAULT_PHASES)
    return [
        (
            {"process": process, "name": phase.name},
            {
                "order": order,
                "description": descriptions.get(phase.name, ""),
                "name_en": phase.name_en,
                "description_en": phase.description_en,
                "start_date": phase.start,
                "end_date": phase.end,
                "state": phase.state,
            },
        )
        for order, phase in enumerate(data.PHASES)
    ]


def municipality_organisation_specs(*, process: StrategyProcess, municipalities: Iterable[Region]) -> list[Spec]:
    """One public organisation of type municipality per Gemeinde of the district, keyed by its AGS."""
    specs: list[Spec] = []
    for region in municipalities:
        specs.append(
            (
                {"process": process, "external_id": region.code},
                {
                    "name": municipality_name(region),
                    "type": "municipality",
                    "municipality": region,
                    "city": region.name.partition(", ")[0],
                    "description": municipality_description(region, district=process.region),
                    "is_public": True,
                },
            )
        )
    return specs


def organisation_specs(*, process: StrategyProcess, regions_by_code: Mapping[str, Region]) -> list[Spec]:
    """Institutions, sponsors and the consultancy: public, keyed by name."""
    specs: list[Spec] = []
    for organisation in (*data.INSTITUTIONS, *data.SPONSORS, data.CONSULTANCY):
        specs.append(
            (
                {"process": process, "name": organisation.name},
                {
                    "type": organisation.type,
                    "description": organisation.description,
                    "website": organisation.website,
                    "city": organisation.city,
                    "municipality": regions_by_code.get(organisation.municipality_code),
                    "is_public": True,
                },
            )
        )
    return specs


def company_specs(*, process: StrategyProcess, regions_by_code: Mapping[str, Region]) -> list[Spec]:
    """The fictitious companies: not public (companies are listed in the management area only)."""
    specs: list[Spec] = []
    for company in data.COMPANIES:
        municipality = regions_by_code.get(company.municipality_code)
        specs.append(
            (
                {"process": process, "name": company.name},
                {
                    "type": "company",
                    "sector_section": "",
                    "sector_division": company.sector_division,
                    "employee_count": company.employee_count,
                    "size_class": "",
                    "municipality": municipality,
                    "city": municipality.name.partition(", ")[0] if municipality else "",
                    "is_public": False,
                },
            )
        )
    return specs


def contact_specs(*, companies_by_name: Mapping[str, Organisation]) -> list[Spec]:
    specs: list[Spec] = []
    for company in data.COMPANIES:
        organisation = companies_by_name.get(company.name)
        if organisation is None:
            continue
        contact = company.contact
        specs.append(
            (
                {"organisation": organisation, "name": contact.name},
                {
                    "role": contact.role,
                    "email": contact.email,
                    "consent_to_contact": True,
                    "consent_scope": data.CONSENT_SCOPE,
                    "consent_given_at": local(contact.consent_given_at),
                    "consent_method": contact.consent_method,
                },
            )
        )
    return specs


def board_specs(*, process: StrategyProcess) -> list[Spec]:
    return [
        (
            {"process": process, "name": board.name},
            {
                "name_en": board.name_en,
                "kind": board.kind,
                "description": board.description,
                "description_en": board.description_en,
                "order": order,
                "is_public": True,
            },
        )
        for order, board in enumerate(data.BOARDS, start=1)
    ]


def member_specs(
    *, boards_by_name: Mapping[str, Board], organisations_by_name: Mapping[str, Organisation]
) -> list[Spec]:
    specs: list[Spec] = []
    for board_data in data.BOARDS:
        board = boards_by_name[board_data.name]
        for order, member in enumerate(board_data.members, start=1):
            specs.append(
                (
                    {"board": board, "name": member.name},
                    {
                        "function": member.function,
                        "organisation": organisations_by_name.get(member.organisation),
                        "order": order,
                        # The demo's members are made up; their names are shown as if they had agreed.
                        "name_is_public": True,
                        "name_consent_on": dt.date(2026, 9, 1),
                    },
                )
            )
    return specs


def event_specs(*, process: StrategyProcess, phases_by_name: Mapping[str, Phase]) -> list[Spec]:
    return [
        (
            {"uid": event_uid(event.key)},
            {
                "process": process,
                "title": event.title,
                "title_en": event.title_en,
                "kind": event.kind,
                "start": local(event.start),
                "end": local(event.end) if event.end else None,
                "location": event.location,
                "description": event.description,
                "description_en": event.description_en,
                "phase": phases_by_name.get(event.phase),
                "visibility": event.visibility,
            },
        )
        for event in dates_and_news.EVENTS
    ]


def news_specs(*, process: StrategyProcess, author: User | None) -> list[Spec]:
    return [
        (
            {"process": process, "slug": item.slug},
            {
                "title": item.title,
                "title_en": item.title_en,
                "teaser": item.teaser,
                "teaser_en": item.teaser_en,
                "body": item.body,
                "published_at": local(item.published_at),
                "author": author,
                "author_name": dates_and_news.NEWS_AUTHOR_NAME,
            },
        )
        for item in dates_and_news.NEWS
    ]


def board_member_for(user: data.UserData, *, members: Iterable[BoardMember]) -> BoardMember | None:
    """The board seat a demo log-in belongs to, if any."""
    if user.board_member is None:
        return None
    board_name, member_name = user.board_member
    return next((member for member in members if member.board.name == board_name and member.name == member_name), None)
