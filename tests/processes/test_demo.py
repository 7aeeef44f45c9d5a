"""``standortkompass demo``: the demo process of Landkreis Ludwigsburg, its log-ins, idempotence."""

from __future__ import annotations

import base64
import datetime as dt
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from standortkompass.accounts.models import Membership, Role, User
from standortkompass.audit.models import AuditEntry
from standortkompass.processes import selectors
from standortkompass.processes.demo import data, dates_and_news
from standortkompass.processes.demo.site_texts import DEMO_PAGE_SLUGS, demo_page_body
from standortkompass.processes.models import (
    Board,
    BoardMember,
    ContactPerson,
    Event,
    NewsItem,
    Organisation,
    Phase,
    PhaseState,
    SitePage,
    StrategyProcess,
    Visibility,
)
from standortkompass.processes.models.process import DEFAULT_PHASES
from standortkompass.processes.site_texts import placeholders
from standortkompass.regiondata.models import Region
from standortkompass.regiondata.services import regions_load_official

# "Today" for the demo content: late November 2026.
DEMO_NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
COUNTED = (
    StrategyProcess,
    Phase,
    Organisation,
    ContactPerson,
    Board,
    BoardMember,
    Event,
    NewsItem,
    User,
    Membership,
    TOTPDevice,
    SitePage,
)


# The loader reads the whole municipality directory; its result is kept for the next tests.
_loaded_regions: list[dict[str, object]] = []


@pytest.fixture
def official_regions(db: None) -> None:
    """Germany, the Länder, Regierungsbezirke, Kreise and the Gemeinden of Landkreis Ludwigsburg."""
    if _loaded_regions:
        Region.objects.bulk_create([Region(**row) for row in _loaded_regions])
        return
    regions_load_official(directory=settings.OFFICIAL_DATA_DIR, municipalities_of={data.DISTRICT_CODE})
    _loaded_regions.extend(Region.objects.order_by("pk").values())


def run_demo(*args: str) -> str:
    """``standortkompass demo`` on a local installation (DEBUG on), where the published log-ins belong."""
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("demo", *args, stdout=out)
    return out.getvalue()


def run_demo_on_a_real_installation(*args: str) -> str:
    """``standortkompass demo`` with DEBUG off, as the test settings have it."""
    assert not settings.DEBUG
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in COUNTED}


@pytest.fixture
def demo(official_regions: None) -> StrategyProcess:
    run_demo()
    return StrategyProcess.objects.get(slug=data.PROCESS_SLUG)


def test_running_the_demo_twice_creates_no_duplicates_and_changes_nothing(official_regions: None) -> None:
    run_demo()
    first = counts()
    updated = {
        model.__name__: sorted(model._default_manager.values_list("updated_at", flat=True))
        for model in (StrategyProcess, Organisation, Event, NewsItem)
    }
    audit_entries = AuditEntry.objects.count()

    output = run_demo()

    assert counts() == first
    assert "0 records created, 0 updated" in output
    assert updated == {
        model.__name__: sorted(model._default_manager.values_list("updated_at", flat=True))
        for model in (StrategyProcess, Organisation, Event, NewsItem)
    }
    assert AuditEntry.objects.count() == audit_entries


def test_running_the_demo_again_restores_edited_demo_content(demo: StrategyProcess) -> None:
    item = demo.news.get(slug=dates_and_news.NEWS[0].slug)
    item.title = "Von Hand geändert"
    item.save()

    run_demo()

    item.refresh_from_db()
    assert item.title == dates_and_news.NEWS[0].title
    assert demo.news.count() == len(dates_and_news.NEWS)


def test_the_demo_refuses_with_a_clear_message_when_the_regions_are_missing(db: None) -> None:
    with pytest.raises(CommandError, match="standortkompass load_official_data"):
        run_demo()

    assert StrategyProcess.objects.count() == 0
    assert User.objects.count() == 0


def test_the_demo_process_is_a_public_running_demo_of_landkreis_ludwigsburg(demo: StrategyProcess) -> None:
    assert demo.title == "Zukunftsstrategie Landkreis Ludwigsburg"
    assert demo.region.code == "08118"
    assert demo.is_demo
    assert demo.is_public
    assert demo.status == "running"
    assert demo.agency_name == "Wirtschaftsförderung Landkreis Ludwigsburg"
    assert "Demonstration" in demo.short_description
    assert selectors.current_public_process() == demo


def test_the_demo_has_the_five_default_phases_with_the_analysis_phase_active(demo: StrategyProcess) -> None:
    phases = list(demo.phases.all())

    assert [phase.name for phase in phases] == [name for name, _ in DEFAULT_PHASES]
    assert [phase.description for phase in phases] == [description for _, description in DEFAULT_PHASES]
    assert demo.current_phase(DEMO_NOW.date()).name == "Analysephase"
    assert [phase.state for phase in phases].count(PhaseState.ACTIVE) == 1
    starts = [phase.start_date for phase in phases]
    assert starts == sorted(starts)
    assert phases[0].start_date <= DEMO_NOW.date() <= phases[0].end_date
    assert phases[-1].start_date >= dt.date(2027, 10, 1)


def test_the_demo_registers_the_39_municipalities_from_the_official_data(demo: StrategyProcess) -> None:
    municipalities = demo.organisations.filter(type="municipality")

    assert municipalities.count() == 39
    assert not municipalities.filter(municipality__isnull=True).exists()
    assert all(org.municipality.code.startswith("08118") for org in municipalities)
    names = set(municipalities.values_list("name", flat=True))
    assert {"Stadt Ludwigsburg", "Stadt Bietigheim-Bissingen", "Gemeinde Affalterbach", "Gemeinde Murr"} <= names
    ludwigsburg = municipalities.get(name="Stadt Ludwigsburg")
    assert ludwigsburg.external_id == "08118048"
    assert ludwigsburg.description == (
        "Große Kreisstadt im Landkreis Ludwigsburg mit 93.584 Einwohnerinnen und Einwohnern (31.12.2019)"
    )


def test_the_demo_registers_institutions_sponsors_and_the_consultancy(demo: StrategyProcess) -> None:
    types = dict(demo.organisations.exclude(type="municipality").values_list("name", "type"))

    assert types["Landratsamt Ludwigsburg"] == "administration"
    assert types["IHK Region Stuttgart – Bezirkskammer Ludwigsburg"] == "chamber"
    assert types["Handwerkskammer Region Stuttgart"] == "chamber"
    assert types["Agentur für Arbeit Ludwigsburg"] == "labour_market"
    assert types["Wirtschaftsregion Stuttgart (WRS)"] == "association"
    assert types["Kreishandwerkerschaft Ludwigsburg"] == "association"
    assert types["Hochschule für öffentliche Verwaltung und Finanzen Ludwigsburg"] == "education"
    assert types["VDI/VDE Innovation + Technik GmbH"] == "consultancy"
    assert {org.name for org in selectors.sponsors(process=demo)} == {
        "Kreissparkasse Ludwigsburg",
        "Wüstenrot Bausparkasse AG",
        "Gebr. Lotter KG",
    }


def test_the_demo_companies_are_fictitious_and_fully_described(demo: StrategyProcess) -> None:
    companies = list(demo.organisations.filter(type="company"))

    assert 8 <= len(companies) <= 12
    for company in companies:
        assert company.name.endswith("(Demo)")
        assert company.sector_section
        assert company.sector_division
        assert company.size_class
        assert company.employee_count is not None
        assert company.municipality is not None
        assert company.municipality.code.startswith("08118")
        assert not company.is_public


def test_every_demo_contact_person_has_recorded_consent(demo: StrategyProcess) -> None:
    contacts = ContactPerson.objects.filter(organisation__process=demo)

    # The companies' contacts, and the demo's Partner log-in as contact of a project's lead organisation.
    partner = next(user.email for user in data.USERS if user.role == "partner")
    assert contacts.count() == len(data.COMPANIES) + 1
    for contact in contacts:
        assert "(fiktiv)" in contact.name
        assert contact.email.endswith("@example.org") or contact.email == partner
        assert contact.may_be_contacted
        assert contact.consent_scope
        assert contact.consent_method
        assert contact.consent_given_at is not None
        assert contact.consent_given_at < DEMO_NOW


def test_both_boards_have_public_descriptions_and_fictitious_members(demo: StrategyProcess) -> None:
    boards = {board.kind: board for board in demo.boards.all()}

    assert boards["sounding_board"].name == "Sounding Board"
    assert boards["steering_committee"].name == "Lenkungskreis"
    for board in boards.values():
        assert board.is_public
        assert board.description
        members = list(board.members.all())
        assert [member.function for member in members].count("Vorsitz") == 1
        assert [member.function for member in members].count("stellv. Vorsitz") == 1
        assert all("(fiktiv)" in member.name and member.organisation is not None for member in members)
    lenkungskreis = {member.organisation.type for member in boards["steering_committee"].members.all()}
    assert {"administration", "municipality", "chamber", "sponsor"} <= lenkungskreis


def test_the_demo_events_span_the_phases_with_one_for_board_members_only(demo: StrategyProcess) -> None:
    events = list(demo.events.all())

    assert 6 <= len(events) <= 10
    assert all(event.phase is not None for event in events)
    assert [event.visibility for event in events].count(Visibility.BOARD) == 1
    assert {event.kind for event in events} >= {"workshop", "board_meeting", "deadline", "information"}
    past = [event for event in events if event.start < DEMO_NOW]
    assert 1 <= len(past) < len(events) - len(past)
    assert {"Unternehmensworkshop", "Strategiewerkstatt", "Zukunftswerkstatt"} <= {event.title for event in events}


def test_the_demo_news_are_published_with_teaser_and_text(demo: StrategyProcess) -> None:
    published = list(selectors.published_news(now=DEMO_NOW).filter(process=demo))

    assert 4 <= len(published) <= 6
    assert len(published) == demo.news.count()
    for item in published:
        assert item.teaser
        assert item.body
        assert item.author is not None
        assert item.author.email == data.NEWS_AUTHOR_EMAIL


def test_the_demo_gives_some_texts_an_english_version_and_leaves_others_german(demo: StrategyProcess) -> None:
    assert demo.title_en == data.PROCESS_TITLE_EN
    assert demo.description_en == ""
    assert demo.phases.exclude(name_en="").count() == 2
    assert demo.phases.filter(name_en="").exists()
    assert Board.objects.get(process=demo, name="Lenkungskreis").name_en == "Steering committee"
    assert demo.events.exclude(title_en="").count() == 1
    item = demo.news.exclude(title_en="").get()
    assert item.teaser_en
    assert item.body_en == ""


def test_the_english_demo_news_item_shows_its_english_title_and_marks_its_german_text(
    demo: StrategyProcess, client
) -> None:
    item = demo.news.exclude(title_en="").get()

    html = client.get(f"/en/aktuelles/{item.pk}/{item.slug}/").content.decode()

    assert f'<h1 class="kern-heading-x-large">{item.title_en}</h1>' in html
    assert '<div class="kern-body formatted" lang="de">' in html
    assert html.count("Some content on this page is only available in German.") == 1


@pytest.mark.parametrize(
    ("email", "role", "second_factor"),
    [
        ("admin@demo.standortkompass.de", Role.ADMIN, True),
        ("redaktion@demo.standortkompass.de", Role.EDITOR, True),
        ("gremium@demo.standortkompass.de", Role.BOARD, True),
        ("partner@demo.standortkompass.de", Role.PARTNER, False),
        ("unternehmen@demo.standortkompass.de", Role.COMPANY, False),
    ],
)
def test_each_role_has_a_demo_log_in_with_the_documented_password(
    demo: StrategyProcess, email: str, role: Role, second_factor: bool
) -> None:
    user_data = next(user for user in data.USERS if user.email == email)
    user = User.objects.get(email=email)

    assert user.check_password(user_data.password)
    assert Membership.objects.get(user=user, process=demo).role == role
    devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    assert devices.exists() == second_factor


def test_the_demo_totp_keys_give_codes_the_devices_accept(demo: StrategyProcess) -> None:
    for user_data in data.USERS:
        if not user_data.totp_key:
            continue
        device = TOTPDevice.objects.get(user__email=user_data.email, name="Demo")
        code = TOTP(bytes.fromhex(user_data.totp_key), device.step, device.t0, device.digits).token()

        assert device.verify_token(code)


def test_the_board_member_log_in_is_linked_to_a_sounding_board_seat(demo: StrategyProcess) -> None:
    seat = BoardMember.objects.get(user__email="gremium@demo.standortkompass.de")

    assert seat.board.name == "Sounding Board"
    assert seat.function == "Vorsitz"


def test_the_demo_prints_the_log_ins_and_how_to_get_the_second_factor(official_regions: None) -> None:
    output = run_demo()

    for user_data in data.USERS:
        assert user_data.email in output
        assert user_data.password in output
    assert "standortkompass demo_totp_code EMAIL" in output
    assert output.count("otpauth://totp/") == 3


def test_the_demo_creates_the_default_site_pages(demo: StrategyProcess) -> None:
    assert set(SitePage.objects.values_list("slug", flat=True)) == set(SitePage.SLUGS)


def test_the_apps_on_top_contribute_their_demo_steps_in_the_order_they_are_installed():
    from standortkompass.processes.demo.steps import demo_steps
    from standortkompass.standortanalyse.services.findings import analysis_demo_load
    from standortkompass.strategy.demo import strategy_demo_load
    from standortkompass.surveys.demo import survey_demo_load

    assert demo_steps()[:3] == (analysis_demo_load, survey_demo_load, strategy_demo_load)


def test_the_demo_refuses_to_run_on_a_real_installation_without_force(official_regions: None) -> None:
    with pytest.raises(CommandError, match="--force") as error:
        run_demo_on_a_real_installation()

    assert error.value.returncode == 2
    assert StrategyProcess.objects.count() == 0
    assert User.objects.count() == 0


def test_the_service_never_gives_the_published_passwords_with_debug_off(official_regions: None) -> None:
    from standortkompass.processes.services.demo import DemoPublishedCredentialsError, demo_load

    with pytest.raises(DemoPublishedCredentialsError):
        demo_load()

    assert User.objects.count() == 0


def test_the_forced_demo_gives_random_passwords_and_totp_secrets_and_prints_them(official_regions: None) -> None:
    output = run_demo_on_a_real_installation("--force")

    printed = {
        words[0]: words[1]
        for words in (line.split() for line in output.splitlines())
        if len(words) > 2 and "@demo." in words[0]
    }
    assert set(printed) == {user_data.email for user_data in data.USERS}
    for user_data in data.USERS:
        user = User.objects.get(email=user_data.email)
        assert printed[user.email] != user_data.password
        assert not user.check_password(user_data.password)
        assert user.check_password(printed[user.email])
    for user_data in data.USERS:
        if user_data.totp_key:
            device = TOTPDevice.objects.get(user__email=user_data.email, confirmed=True)
            assert device.key != user_data.totp_key
            assert f"secret: {base64.b32encode(bytes.fromhex(device.key)).decode()}" in output
    assert "shown only this once" in output


def test_running_the_forced_demo_again_replaces_the_random_passwords(official_regions: None) -> None:
    run_demo_on_a_real_installation("--force")
    first = dict(User.objects.values_list("email", "password"))
    first_keys = set(TOTPDevice.objects.values_list("key", flat=True))

    run_demo_on_a_real_installation("--force")

    assert all(password != first[email] for email, password in User.objects.values_list("email", "password"))
    assert set(TOTPDevice.objects.values_list("key", flat=True)).isdisjoint(first_keys)


def test_demo_accounts_are_never_superusers_or_staff(official_regions: None) -> None:
    run_demo_on_a_real_installation("--force")
    User.objects.filter(email=data.USERS[0].email).update(is_superuser=True, is_staff=True)

    run_demo_on_a_real_installation("--force")

    assert not User.objects.filter(email__endswith="@demo.standortkompass.de", is_superuser=True).exists()
    assert not User.objects.filter(email__endswith="@demo.standortkompass.de", is_staff=True).exists()


INSTALLATION_WIDE = ("processes.create_process", "processes.edit_site_pages", "processes.view_feedback")


def test_the_demo_administration_has_no_installation_wide_rights_on_a_real_installation(
    official_regions: None,
) -> None:
    run_demo_on_a_real_installation("--force")
    admin = User.objects.get(email="admin@demo.standortkompass.de")

    assert Membership.objects.get(user=admin).role == Role.ADMIN
    assert [perm for perm in INSTALLATION_WIDE if admin.has_perm(perm)] == []


def test_the_demo_administration_has_installation_wide_rights_on_a_local_installation(demo: StrategyProcess) -> None:
    with override_settings(DEBUG=True):
        admin = User.objects.get(email="admin@demo.standortkompass.de")

        assert all(admin.has_perm(perm) for perm in INSTALLATION_WIDE)


def test_accessibility_feedback_is_not_mailed_to_the_demo_administration_on_a_real_installation(
    official_regions: None, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    from standortkompass.processes.services.site import feedback_submit

    run_demo_on_a_real_installation("--force")
    with django_capture_on_commit_callbacks(execute=True):
        feedback_submit(message="Der Kontrast ist zu schwach.")

    assert all("admin@demo.standortkompass.de" not in mail.to for mail in mailoutbox)


@pytest.mark.parametrize("slug", SitePage.SLUGS)
def test_after_the_demo_no_site_page_shows_a_placeholder_in_square_brackets(demo: StrategyProcess, slug: str) -> None:
    html = Client().get(f"/{slug}/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]

    assert placeholders(re.sub(r"<[^>]+>", "", main)) == []
    assert "eintragen" not in main


@pytest.mark.parametrize("slug", DEMO_PAGE_SLUGS)
def test_the_demo_fills_the_legal_pages_with_marked_demo_values(demo: StrategyProcess, slug: str) -> None:
    page = SitePage.objects.get(slug=slug)

    assert page.body == demo_page_body(slug)
    assert page.body.startswith("**Demo:**")
    assert "Landkreis Ludwigsburg" in page.body or "Landkreises Ludwigsburg" in page.body


def test_the_demo_on_a_real_installation_keeps_the_legal_texts_administration_finished(
    official_regions: None,
) -> None:
    SitePage.objects.create(slug="impressum", title="Impressum", body="## Anbieter\n\nLandratsamt, fertig geschrieben.")

    run_demo_on_a_real_installation("--force")

    assert SitePage.objects.get(slug="impressum").body == "## Anbieter\n\nLandratsamt, fertig geschrieben."
    assert SitePage.objects.get(slug="datenschutz").body == demo_page_body("datenschutz")


def test_the_demo_says_which_site_pages_got_its_texts(official_regions: None) -> None:
    output = run_demo()

    assert (
        "Site pages given the demo's texts (marked as demo values): impressum, datenschutz, barrierefreiheit." in output
    )
    assert "Site pages created with default texts: leichte-sprache, gebaerdensprache." in output
    assert "Site pages given the demo's texts" not in run_demo()
