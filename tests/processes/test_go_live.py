"""The go-live checklist of the mandatory site texts and settings, and publishing only when nothing is missing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from go_live import FEEDBACK_ADDRESS, finish_site_texts, finished_text
from standortkompass.accounts.models import User
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.demo.site_texts import DEMO_PAGE_SLUGS, demo_page_body
from standortkompass.processes.models import SitePage, StrategyProcess
from standortkompass.processes.selectors import ChecklistItem, CheckState, go_live_checklist, go_live_missing
from standortkompass.processes.services.pages import site_pages_ensure_defaults, site_pages_write_demo_texts
from standortkompass.processes.services.process import process_set_public
from standortkompass.processes.site_texts import LIMITATIONS_MARKER

MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"


def by_key() -> dict[str, ChecklistItem]:
    return {item.key: item for item in go_live_checklist()}


def states() -> dict[str, CheckState]:
    return {item.key: item.state for item in go_live_checklist()}


def set_body(slug: str, body: str) -> None:
    SitePage.objects.filter(slug=slug).update(body=body)


@pytest.fixture
def unpublished(process: StrategyProcess) -> StrategyProcess:
    StrategyProcess.objects.filter(pk=process.pk).update(is_public=False)
    process.refresh_from_db()
    return process


# --- the checklist ----------------------------------------------------------------------------------


def test_a_fresh_installation_misses_the_texts_only_it_can_write(db: None) -> None:
    site_pages_ensure_defaults()

    assert states() == {
        "impressum": CheckState.MISSING,
        "datenschutz": CheckState.MISSING,
        "barrierefreiheit": CheckState.MISSING,
        "barrierefreiheit-datum": CheckState.MISSING,
        "schlichtungsstelle": CheckState.DONE,
        "rueckmeldeadresse": CheckState.MISSING,
        "leichte-sprache": CheckState.DONE,
        "gebaerdensprache": CheckState.DONE,
    }
    imprint = by_key()["impressum"]
    assert any("[Name des Landkreises eintragen]" in problem for problem in imprint.problems)
    assert "Der Hinweis der Vorlage für die Administration steht noch oben auf der Seite." in imprint.problems
    assert imprint.fix_url == reverse("manage:site_page_edit", args=["impressum"])


def test_pages_not_written_yet_are_checked_with_their_template(db: None) -> None:
    assert states()["datenschutz"] == CheckState.MISSING
    assert SitePage.objects.count() == 0


def test_finished_texts_and_the_feedback_address_make_every_item_done(db: None, settings: Any) -> None:
    finish_site_texts(settings)

    assert set(states().values()) == {CheckState.DONE}


def test_the_demo_texts_are_recognised_as_demo_values(db: None) -> None:
    site_pages_write_demo_texts()
    site_pages_ensure_defaults()

    current = states()
    for key in ("impressum", "datenschutz", "barrierefreiheit", "barrierefreiheit-datum", "rueckmeldeadresse"):
        assert current[key] == CheckState.DEMO, key
    assert by_key()["impressum"].problems == (
        "Enthält die erfundenen Angaben der Demo (gekennzeichnet mit „Demo“); ersetzen Sie sie durch Ihre eigenen.",
    )


def test_demo_values_left_in_a_real_text_are_flagged_even_without_the_demo_note(db: None, settings: Any) -> None:
    finish_site_texts(settings)
    set_body("impressum", finished_text("impressum") + "\nTelefon: 07141 000000 (Demo)\n")

    assert states()["impressum"] == CheckState.DEMO


def test_a_placeholder_left_in_a_text_is_named(db: None, settings: Any) -> None:
    finish_site_texts(settings)
    set_body("datenschutz", finished_text("datenschutz") + "\nSpeicherdauer: [Frist eintragen]\n")

    item = by_key()["datenschutz"]

    assert item.state == CheckState.MISSING
    assert item.problems == ("1 Feld in eckigen Klammern ist noch auszufüllen: [Frist eintragen].",)


def test_markdown_links_are_no_placeholders(db: None, settings: Any) -> None:
    finish_site_texts(settings)
    set_body("impressum", finished_text("impressum") + "\n[Barriere melden](/barriere-melden/)\n")

    assert states()["impressum"] == CheckState.DONE


def test_a_statement_without_date_schlichtungsstelle_or_the_limitations_line_is_missing_each(
    db: None, settings: Any
) -> None:
    finish_site_texts(settings)
    set_body("barrierefreiheit", f"Wir sind bemüht. E-Mail: {FEEDBACK_ADDRESS}\n")

    current = by_key()

    assert current["barrierefreiheit-datum"].state == CheckState.MISSING
    assert current["schlichtungsstelle"].state == CheckState.MISSING
    assert current["barrierefreiheit"].state == CheckState.MISSING
    assert LIMITATIONS_MARKER in current["barrierefreiheit"].problems[0]
    # Without the line the missing sign-language video is not listed as a limitation either.
    assert current["gebaerdensprache"].state == CheckState.MISSING


def test_a_sign_language_video_without_its_description_is_missing(db: None, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    finish_site_texts(settings)
    page = SitePage.objects.get(slug=SitePage.SIGN_LANGUAGE)
    page.video = SimpleUploadedFile("gebaerdensprache.mp4", MP4_HEAD, content_type="video/mp4")
    page.video_transcript = ""
    page.save()

    assert by_key()["gebaerdensprache"].problems == ("Das Video hat keine Beschreibung in Textform.",)
    page.video_transcript = "Im Video erklärt eine Dolmetscherin die Website."
    page.save()
    assert states()["gebaerdensprache"] == CheckState.DONE


def test_the_feedback_address_must_be_set_and_named_in_the_statement(db: None, settings: Any) -> None:
    finish_site_texts(settings)
    settings.FEEDBACK_EMAIL = "andere@landkreis.example"

    assert by_key()["rueckmeldeadresse"].problems == (
        "Die Erklärung nennt die Rückmeldeadresse andere@landkreis.example (FEEDBACK_EMAIL) nicht.",
    )
    settings.FEEDBACK_EMAIL = ""
    assert by_key()["rueckmeldeadresse"].state == CheckState.MISSING


# --- publishing -----------------------------------------------------------------------------------


def test_publishing_is_refused_with_a_german_message_naming_what_is_missing(
    unpublished: StrategyProcess, users: dict[str, User], settings: Any
) -> None:
    settings.LANGUAGE_CODE = "de"
    site_pages_ensure_defaults()

    with pytest.raises(ValidationError) as error:
        process_set_public(process=unpublished, actor=users["admin"], is_public=True)

    message = error.value.message_dict["is_public"][0]
    assert message.startswith("Der Prozess kann noch nicht veröffentlicht werden.")
    for label in ("Impressum", "Datenschutzerklärung", "Erklärung zur Barrierefreiheit", "Rückmeldeadresse"):
        assert label in message
    unpublished.refresh_from_db()
    assert not unpublished.is_public
    assert not AuditEntry.objects.filter(action="process.publish").exists()


def test_a_real_process_cannot_be_published_with_the_demo_texts_but_the_demo_process_can(
    unpublished: StrategyProcess, users: dict[str, User]
) -> None:
    site_pages_write_demo_texts()
    site_pages_ensure_defaults()

    assert [item.key for item in go_live_missing(process=unpublished)] == [
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "barrierefreiheit-datum",
        "schlichtungsstelle",
        "rueckmeldeadresse",
    ]
    with pytest.raises(ValidationError):
        process_set_public(process=unpublished, actor=users["admin"], is_public=True)

    StrategyProcess.objects.filter(pk=unpublished.pk).update(is_demo=True)
    unpublished.refresh_from_db()
    process_set_public(process=unpublished, actor=users["admin"], is_public=True)
    assert unpublished.is_public


def test_with_every_item_done_the_process_is_published(
    unpublished: StrategyProcess, users: dict[str, User], settings: Any
) -> None:
    finish_site_texts(settings)

    process_set_public(process=unpublished, actor=users["admin"], is_public=True)

    unpublished.refresh_from_db()
    assert unpublished.is_public


def test_withdrawing_is_always_possible(process: StrategyProcess, users: dict[str, User]) -> None:
    assert go_live_missing(process=process)

    process_set_public(process=process, actor=users["admin"], is_public=False)

    process.refresh_from_db()
    assert not process.is_public


def test_the_publish_button_shows_the_refusal_and_leaves_the_process_unpublished(
    unpublished: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("admin")

    response = client.post(reverse("manage:process_publish", args=[unpublished.pk]), {"oeffentlich": "1"}, follow=True)

    html = response.content.decode()
    assert "Der Prozess kann noch nicht veröffentlicht werden." in html
    assert "Der Prozess wird jetzt auf der öffentlichen Website angezeigt." not in html
    unpublished.refresh_from_db()
    assert not unpublished.is_public


def test_the_settings_form_shows_the_refusal_at_the_switch_and_saves_nothing(
    unpublished: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").post(
        reverse("manage:process_edit", args=[unpublished.pk]),
        {
            "title": "Neuer Titel",
            "short_description": unpublished.short_description,
            "status": "running",
            "is_public": "on",
            "agency_name": unpublished.agency_name,
        },
    )

    assert response.status_code == 200
    assert 'id="id_is_public-error"' in response.content.decode()
    unpublished.refresh_from_db()
    assert unpublished.title == "Zukunftsstrategie Test"
    assert not unpublished.is_public


def test_the_overview_tells_administration_what_keeps_the_process_from_being_published(
    unpublished: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    html = client_for("admin").get(reverse("manage:overview", args=[unpublished.pk])).content.decode()

    assert "Bevor der Prozess veröffentlicht werden kann" in html
    assert reverse("manage:go_live") in html
    editor_html = client_for("editor").get(reverse("manage:overview", args=[unpublished.pk])).content.decode()
    assert "Bevor der Prozess veröffentlicht werden kann" not in editor_html


# --- the checklist page ----------------------------------------------------------------------------


def test_the_checklist_page_shows_each_item_with_its_state_and_a_link_to_fix_it(
    client_for: Callable[[str], Client],
) -> None:
    site_pages_ensure_defaults()

    response = client_for("admin").get(reverse("manage:go_live"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Checkliste vor dem Start" in html
    assert "5 Punkte fehlen oder sind nicht fertig." in html
    for item in go_live_checklist():
        assert item.label in html
    assert f'href="{reverse("manage:site_page_edit", args=["impressum"])}"' in html
    assert "FEEDBACK_EMAIL" in html


def test_the_checklist_page_says_when_only_demo_values_are_left(client_for: Callable[[str], Client]) -> None:
    site_pages_write_demo_texts()

    html = client_for("admin").get(reverse("manage:go_live")).content.decode()

    assert "Demo-Angaben" in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("editor", 404), ("board", 404), ("partner", 404), ("company", 404), ("outsider", 404)],
)
def test_the_checklist_is_for_administration_only(
    role: str, expected: int, client_for: Callable[[str], Client]
) -> None:
    assert client_for(role).get(reverse("manage:go_live")).status_code == expected


def test_the_checklist_sends_anonymous_visitors_to_the_log_in(client_for: Callable[[str], Client]) -> None:
    response = client_for("anonymous").get(reverse("manage:go_live"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_management_menu_links_the_checklist_for_administration(client_for: Callable[[str], Client]) -> None:
    assert reverse("manage:go_live") in client_for("admin").get(reverse("manage:home")).content.decode()


# --- the demo's texts -----------------------------------------------------------------------------


def test_the_demo_texts_replace_templates_and_earlier_demo_texts(db: None) -> None:
    site_pages_ensure_defaults()
    set_body("datenschutz", demo_page_body("datenschutz").replace("7 Tage", "8 Tage"))

    written = site_pages_write_demo_texts()

    assert sorted(page.slug for page in written) == sorted(DEMO_PAGE_SLUGS)
    for slug in DEMO_PAGE_SLUGS:
        assert SitePage.objects.get(slug=slug).body == demo_page_body(slug)
    assert site_pages_write_demo_texts() == []


def test_the_demo_texts_never_replace_a_finished_text(db: None, settings: Any) -> None:
    finish_site_texts(settings)

    assert site_pages_write_demo_texts() == []
    assert SitePage.objects.get(slug="impressum").body == finished_text("impressum")
