"""Loading the demo process and creating the default site pages.

``demo_load`` writes the content of ``processes.demo.data`` in one transaction. Every row is
found by its natural key (slug, name, AGS, e-mail, the event's fixed UID) and written only when
it differs, so running it again creates nothing twice and changes nothing; it restores demo
content that was edited in the meantime. The apps on top add their parts (the analysis findings,
the demo survey) through the steps they register in ``processes.demo.steps``.
``site_pages_write_demo_texts`` gives the Impressum, Datenschutz and Barrierefreiheit pages their
demo texts (marked as demo values) unless Administration has finished them;
``site_pages_ensure_defaults`` creates the other site pages that do not exist yet and never touches
pages that do.

The demo log-ins have published passwords and second-factor keys (``processes.demo.data``); on a
real installation (``DEBUG`` off) ``demo_load`` gives them random ones instead, which the caller
shows once. Demo accounts are never superusers or staff.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import models, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from standortkompass.accounts.models import Membership, Role, User
from standortkompass.accounts.services import demo_totp_device
from standortkompass.audit.services import audit_record
from standortkompass.processes.demo import builder, data
from standortkompass.processes.demo.steps import demo_steps
from standortkompass.processes.models import (
    Board,
    BoardMember,
    ContactPerson,
    Event,
    NewsItem,
    Organisation,
    Phase,
    StrategyProcess,
)
from standortkompass.processes.services.pages import site_pages_ensure_defaults, site_pages_write_demo_texts
from standortkompass.regiondata.models import Region, RegionLevel

ModelT = TypeVar("ModelT", bound=models.Model)


class DemoRegionsMissingError(Exception):
    """The official regions (the district and its municipalities) have not been loaded."""


class DemoPublishedCredentialsError(Exception):
    """The published demo passwords were asked for on a real installation (``DEBUG`` off)."""


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    role: str
    totp_key_hex: str = ""
    totp_uri: str = ""

    @property
    def totp_secret(self) -> str:
        """The key in base32, as authenticator apps expect it when typed in."""
        return base64.b32encode(bytes.fromhex(self.totp_key_hex)).decode() if self.totp_key_hex else ""


@dataclass
class DemoReport:
    process: StrategyProcess | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    municipalities: int = 0
    logins: list[DemoLogin] = field(default_factory=list)
    site_pages_created: list[str] = field(default_factory=list)
    site_pages_demo_texts: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


def _stored(obj: models.Model, names: Iterable[str]) -> dict[str, object]:
    """Field values as stored (foreign keys by id), for comparing before and after."""
    values: dict[str, object] = {}
    for name in names:
        field = obj._meta.get_field(name)
        values[name] = getattr(obj, field.attname if isinstance(field, models.Field) else name)
    return values


def _upsert(model: type[ModelT], *, spec: builder.Spec, report: DemoReport) -> ModelT:
    """Find the row by its natural key; create it, or update it only where it differs."""
    lookup, values = spec
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.count("created")
        return obj
    before = _stored(obj, values)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    if _stored(obj, values) != before:
        obj.save()
        report.count("updated")
    else:
        report.count("unchanged")
    return obj


def _district_and_municipalities() -> tuple[Region, list[Region]]:
    district = Region.objects.filter(code=data.DISTRICT_CODE, level=RegionLevel.DISTRICT).first()
    municipalities = list(
        Region.objects.filter(level=RegionLevel.MUNICIPALITY, code__startswith=data.DISTRICT_CODE).order_by("code")
    )
    if district is None or not municipalities:
        raise DemoRegionsMissingError(
            f"The official regions are not loaded (district {data.DISTRICT_CODE} and its municipalities are "
            "missing). Run `standortkompass load_official_data` first, then `standortkompass demo` again."
        )
    return district, municipalities


def _demo_user(user_data: data.UserData, *, process: StrategyProcess, report: DemoReport) -> User:
    """The demo log-in with its documented password, its role and (for staff roles) its TOTP device."""
    user = User.objects.filter(email__iexact=user_data.email).first()
    if user is None:
        validate_password(user_data.password, User(email=user_data.email, full_name=user_data.full_name))
        user = User.objects.create_user(user_data.email, user_data.password, full_name=user_data.full_name)
        report.count("created")
    else:
        changed = user.full_name != user_data.full_name or not user.is_active or user.is_superuser or user.is_staff
        user.full_name = user_data.full_name
        user.is_active = True
        user.is_superuser = False
        user.is_staff = False
        if not user.check_password(user_data.password):
            user.set_password(user_data.password)
            changed = True
        if changed:
            user.full_clean(exclude=["password"])
            user.save()
        report.count("updated" if changed else "unchanged")
    _upsert(Membership, spec=({"user": user, "process": process}, {"role": user_data.role}), report=report)
    if user_data.totp_key:
        has_device = TOTPDevice.objects.filter(
            user=user, name=data.TOTP_DEVICE_NAME, key=user_data.totp_key, confirmed=True
        ).exists()
        if has_device and TOTPDevice.objects.filter(user=user).count() == 1:
            report.count("unchanged")
        else:
            had_device = TOTPDevice.objects.filter(user=user).exists()
            demo_totp_device(user=user, key_hex=user_data.totp_key)
            report.count("updated" if had_device else "created")
    return user


def _login(user_data: data.UserData, user: User) -> DemoLogin:
    uri = ""
    if user_data.totp_key:
        device = TOTPDevice.objects.get(user=user, name=data.TOTP_DEVICE_NAME)
        uri = str(device.config_url)
    return DemoLogin(
        email=user_data.email,
        password=user_data.password,
        role=str(Role(user_data.role).label),
        totp_key_hex=user_data.totp_key,
        totp_uri=uri,
    )


def _with_random_credentials(user_data: data.UserData) -> data.UserData:
    """The log-in with a random password and, where it has one, a random TOTP key (20 bytes, as the published ones)."""
    return user_data._replace(
        password=secrets.token_urlsafe(18), totp_key=secrets.token_hex(20) if user_data.totp_key else ""
    )


def demo_load(*, random_credentials: bool = False) -> DemoReport:
    """Load (or restore) the demo process "Zukunftsstrategie Landkreis Ludwigsburg" and the site pages.

    With ``random_credentials`` the demo log-ins get new random passwords and TOTP keys on every run
    (only the report holds them); without it they get the published ones, which only a local
    installation (``DEBUG`` on) may use. Raises ``DemoPublishedCredentialsError`` when the published
    ones are asked for with ``DEBUG`` off and ``DemoRegionsMissingError`` when the official regions
    have not been loaded.
    """
    if not random_credentials and not settings.DEBUG:
        raise DemoPublishedCredentialsError(
            "The demo log-ins have published passwords; with DEBUG off they get random ones only."
        )
    report = DemoReport()
    district, municipalities = _district_and_municipalities()
    regions_by_code = {region.code: region for region in municipalities}
    with transaction.atomic():
        process = _upsert(StrategyProcess, spec=builder.process_spec(district=district), report=report)
        report.process = process
        phases = [_upsert(Phase, spec=spec, report=report) for spec in builder.phase_specs(process=process)]

        organisations: list[Organisation] = []
        for spec in builder.municipality_organisation_specs(process=process, municipalities=municipalities):
            organisations.append(_upsert(Organisation, spec=spec, report=report))
        report.municipalities = len(organisations)
        for spec in builder.organisation_specs(process=process, regions_by_code=regions_by_code):
            organisations.append(_upsert(Organisation, spec=spec, report=report))
        companies = [
            _upsert(Organisation, spec=spec, report=report)
            for spec in builder.company_specs(process=process, regions_by_code=regions_by_code)
        ]
        for spec in builder.contact_specs(companies_by_name={company.name: company for company in companies}):
            _upsert(ContactPerson, spec=spec, report=report)

        boards = [_upsert(Board, spec=spec, report=report) for spec in builder.board_specs(process=process)]
        members = [
            _upsert(BoardMember, spec=spec, report=report)
            for spec in builder.member_specs(
                boards_by_name={board.name: board for board in boards},
                organisations_by_name={org.name: org for org in (*organisations, *companies)},
            )
        ]
        for spec in builder.event_specs(process=process, phases_by_name={phase.name: phase for phase in phases}):
            _upsert(Event, spec=spec, report=report)

        author: User | None = None
        for published in data.USERS:
            user_data = _with_random_credentials(published) if random_credentials else published
            user = _demo_user(user_data, process=process, report=report)
            report.logins.append(_login(user_data, user))
            if user_data.email == data.NEWS_AUTHOR_EMAIL:
                author = user
            member = builder.board_member_for(user_data, members=members)
            if member is not None:
                _upsert(BoardMember, spec=({"pk": member.pk}, {"user": user}), report=report)
        for spec in builder.news_specs(process=process, author=author):
            _upsert(NewsItem, spec=spec, report=report)

        report.site_pages_demo_texts = [page.slug for page in site_pages_write_demo_texts()]
        report.site_pages_created = [page.slug for page in site_pages_ensure_defaults()]
        for step in demo_steps():
            step(process=process)
        if report.created or report.updated:
            audit_record(
                actor=None,
                action="demo.load",
                obj=process,
                process=process,
                changes={"created": report.created, "updated": report.updated},
            )
    return report
