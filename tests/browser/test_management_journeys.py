"""Journeys of the agency's staff through the management area, as a person would do them."""

from __future__ import annotations

import datetime as dt

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from icalendar import Calendar
from playwright.sync_api import Page, expect

from standortkompass.processes.models import Event, Organisation

from .conftest import BROWSER_PASSWORD


def log_in_with_second_factor(page: Page, user) -> None:
    """Log in through the form and answer the TOTP step with the code an authenticator app would show."""
    user.set_password(BROWSER_PASSWORD)
    user.save()
    device = TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    page.goto("/konto/anmelden/")
    page.locator('input[name="username"]').fill(user.email)
    page.locator('input[name="password"]').fill(BROWSER_PASSWORD)
    page.locator("main form button.kern-btn--primary").first.click()
    page.wait_for_url("**/konto/zweiter-faktor/**")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.locator('input[name="code"]').fill(f"{code:06d}")
    page.locator("main form button.kern-btn--primary").first.click()
    page.wait_for_load_state()
    assert "/konto/" not in page.url, f"log-in with second factor failed: {page.url}"


def test_administration_creates_a_date_that_appears_in_the_list_and_the_calendar_feed(
    page, public_site, users, axe_check, screenshot, live_server
):
    process = public_site.process
    log_in_with_second_factor(page, users["admin"])

    page.goto(f"/verwaltung/{process.pk}/termine/neu/")
    axe_check(page)
    page.locator('input[name="title"]').fill("Strategiewerkstatt Fachkräfte")
    page.locator('select[name="kind"]').select_option("workshop")
    start = (dt.date.today() + dt.timedelta(days=21)).isoformat()
    page.locator('input[name="start"]').fill(f"{start}T09:30")
    page.locator('input[name="end"]').fill(f"{start}T13:00")
    page.locator('input[name="location"]').fill("Kreishaus Ludwigsburg, Großer Sitzungssaal")
    page.locator('select[name="visibility"]').select_option("public")
    screenshot(page, "manage-event-form")
    page.locator("main form button.kern-btn--primary").first.click()
    page.wait_for_load_state()

    event = Event.objects.get(title="Strategiewerkstatt Fachkräfte")
    assert (event.start.astimezone(dt.UTC).hour, event.start.astimezone(dt.UTC).minute) in {(7, 30), (8, 30)}
    page.goto("/termine/")
    expect(page.get_by_role("link", name="Strategiewerkstatt Fachkräfte")).to_be_visible()
    feed = page.request.get(f"{live_server.url}/termine.ics")
    assert feed.ok
    titles = [str(entry.get("summary")) for entry in Calendar.from_ical(feed.body()).walk("VEVENT")]
    assert "Strategiewerkstatt Fachkräfte" in titles


def test_a_date_ending_before_it_starts_is_refused_with_a_message_at_the_field(page, public_site, users, axe_check):
    process = public_site.process
    log_in_with_second_factor(page, users["editor"])
    page.goto(f"/verwaltung/{process.pk}/termine/neu/")
    page.locator('input[name="title"]').fill("Falsch herum")
    page.locator('input[name="start"]').fill("2027-03-10T15:00")
    page.locator('input[name="end"]').fill("2027-03-10T14:00")
    page.locator("main form button.kern-btn--primary").first.click()
    page.wait_for_load_state()

    expect(page.locator("#id_end-error")).to_be_visible()
    axe_check(page)
    assert not Event.objects.filter(title="Falsch herum").exists()


CSV_WITH_ONE_BAD_ROW = (
    "Externe ID;Name;Typ;PLZ;Ort;Gemeindeschlüssel;WZ-Abschnitt;Größenklasse;Beschäftigte\n"
    "IHK-1;Alpha Maschinenbau GmbH;Unternehmen;71634;Ludwigsburg;08118048;C;50-249;120\n"
    "IHK-2;Beta Logistik GmbH;Unternehmen;71679;Asperg;08118003;Z;10-49;25\n"
    "IHK-3;Gamma Software GmbH;Unternehmen;71672;Affalterbach;08118001;J;0-9;4\n"
)


def test_an_organisation_import_with_one_bad_row_shows_that_row_and_saves_nothing(
    page, public_site, users, axe_check, screenshot, tmp_path
):
    process = public_site.process
    before = Organisation.objects.filter(process=process).count()
    upload = tmp_path / "kammerliste.csv"
    upload.write_text(CSV_WITH_ONE_BAD_ROW, encoding="utf-8")
    log_in_with_second_factor(page, users["admin"])

    page.goto(f"/verwaltung/{process.pk}/akteure/import/")
    axe_check(page)
    page.locator("#id_file").set_input_files(str(upload))
    page.locator("main form button.kern-btn--primary").first.click()
    page.wait_for_load_state()

    errors = page.locator("#import-errors")
    expect(errors).to_be_visible()
    expect(errors).to_contain_text("3")  # the bad row is the third line of the file (row 2 of the data)
    expect(page.locator("#zeile-3")).to_contain_text("Beta Logistik GmbH")
    expect(page.locator('button[name="confirm"], button[value="confirm"]')).to_have_count(0)
    screenshot(page, "manage-import-with-error")
    axe_check(page)
    assert Organisation.objects.filter(process=process).count() == before


@pytest.mark.parametrize(
    "address",
    [
        "/verwaltung/",
        "/verwaltung/{pk}/",
        "/verwaltung/{pk}/einstellungen/",
        "/verwaltung/{pk}/phasen/",
        "/verwaltung/{pk}/gremien/",
        "/verwaltung/{pk}/termine/",
        "/verwaltung/{pk}/aktuelles/",
        "/verwaltung/{pk}/aktuelles/neu/",
        "/verwaltung/{pk}/akteure/",
        "/verwaltung/{pk}/akteure/neu/",
        "/verwaltung/{pk}/mitglieder/",
        "/verwaltung/{pk}/mitglieder/einladen/",
        "/verwaltung/{pk}/protokoll/",
        "/verwaltung/seiten/",
        "/verwaltung/seiten/impressum/",
        "/verwaltung/rueckmeldungen/",
        "/konto/",
    ],
)
def test_main_management_pages_have_no_serious_accessibility_violation(
    logged_in_page, public_site, axe_check, screenshot, address
):
    page = logged_in_page("admin")
    page.goto(address.format(pk=public_site.process.pk))
    assert page.locator("h1").count() == 1
    axe_check(page)
    screenshot(page, "a11y-manage-" + address.strip("/").replace("/", "-").replace("{pk}", "process"))
