"""Administration answers a person's request (DSGVO Art. 15, 17) in the browser: find, download, erase."""

from __future__ import annotations

import json
import zipfile

from playwright.sync_api import expect

from standortkompass.accounts.models import User
from standortkompass.processes.models import AccessibilityFeedback


def test_administration_finds_downloads_and_erases_a_persons_data(
    logged_in_page, public_site, users, axe_check, screenshot, tmp_path
):
    AccessibilityFeedback.objects.create(
        page_url="/termine/", message="Der Kalender ist schwer zu bedienen.", email="partner@example.org"
    )
    page = logged_in_page("admin")
    page.goto("/verwaltung/personendaten/")
    axe_check(page)

    page.get_by_label("E-Mail-Adresse").fill("partner@example.org")
    page.get_by_role("button", name="Daten der Person finden").click()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main table")).to_contain_text("Rückmeldung")
    screenshot(page, "manage-personal-data-summary")
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Daten herunterladen (ZIP)").click()
    archive = tmp_path / "personendaten.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as opened:
        assert "Der Kalender ist schwer zu bedienen." in json.dumps(json.loads(opened.read("personendaten.json")))

    page.get_by_role("button", name="Daten löschen").click()  # without the date and the confirmation
    expect(page.locator("#error-summary")).to_be_focused()
    axe_check(page)
    page.get_by_label("Anfrage eingegangen am").fill("2026-12-01")
    page.locator("input[name=confirm]").check()
    page.get_by_role("button", name="Daten löschen").click()

    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_be_visible()
    axe_check(page)
    assert not User.objects.filter(email="partner@example.org").exists()
    assert not AccessibilityFeedback.objects.filter(email="partner@example.org").exists()
