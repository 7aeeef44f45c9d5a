"""The accessibility statement's status and known limitations come from the maintained list in the package."""

from __future__ import annotations

import importlib
import re
from importlib import resources
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from standortkompass.core.templatetags.formatting import render_formatted
from standortkompass.processes import site_texts
from standortkompass.processes.models import SitePage
from standortkompass.processes.services.pages import site_pages_ensure_defaults
from standortkompass.processes.site_texts import (
    KnownLimitation,
    accessibility_statement,
    known_limitations,
    limitations_markdown,
)

MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"


def statement_html(client: Client) -> str:
    return client.get("/barrierefreiheit/").content.decode()


def test_the_list_is_a_data_file_of_the_package() -> None:
    assert resources.files("standortkompass.processes.site_texts").joinpath("known_limitations.toml").is_file()
    assert [limitation.key for limitation in known_limitations()] == [
        "gebaerdensprache-video",
        "dokumente-anderer-anbieter",
    ]


def test_what_is_fixed_is_no_longer_in_the_list() -> None:
    text = " ".join(f"{limitation.title} {limitation.text}" for limitation in known_limitations())

    for fixed in ("Diagramm", "Karte", "Textalternative", "Fokus", "Zoom", "Fehlerseite", "englischen Seiten"):
        assert fixed not in text


def test_every_entry_has_a_title_a_reason_and_an_alternative_and_its_links_lead_into_the_site() -> None:
    for limitation in known_limitations():
        assert limitation.title
        assert limitation.text
        assert limitation.alternative
        assert "§ " not in limitation.text
        for href in re.findall(r'href="([^"]+)"', render_formatted(limitation.alternative)):
            assert href.startswith("/")


def test_the_statement_page_renders_the_list_from_the_file(client: Client, db: None) -> None:
    site_pages_ensure_defaults()

    html = statement_html(client)

    assert "&lt;!--" not in html
    assert "fügt die Website selbst ein" not in html
    assert "<strong>teilweise</strong>" in html
    for limitation in known_limitations():
        assert f"<strong>{limitation.title}:</strong>" in html
    assert "Diagramme und Karten" not in html


def test_an_entry_added_to_the_list_appears_on_the_statement_page(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_pages_ensure_defaults()
    entry = KnownLimitation("neu", "Neue Einschränkung", "Ein Grund.", "Eine Alternative.")
    monkeypatch.setattr(site_texts, "known_limitations", lambda: (entry,))

    html = statement_html(client)

    assert "<strong>Neue Einschränkung:</strong> Ein Grund." in html
    assert "<em>Alternative:</em> Eine Alternative." in html
    assert "Video in Deutscher Gebärdensprache" not in html


def test_with_nothing_left_in_the_list_the_statement_says_fully_compliant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_texts, "known_limitations", lambda: ())

    text = limitations_markdown()

    assert "**vollständig**" in text
    assert "Nicht barrierefreie Inhalte" not in text


def test_the_sign_language_entry_is_left_out_once_the_video_is_uploaded(
    client: Client, db: None, settings: pytest.FixtureRequest, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    site_pages_ensure_defaults()
    assert "Video in Deutscher Gebärdensprache:" in statement_html(client)
    page = SitePage.objects.get(slug=SitePage.SIGN_LANGUAGE)
    page.video = SimpleUploadedFile("gebaerdensprache.mp4", MP4_HEAD, content_type="video/mp4")
    page.save()

    html = statement_html(client)

    assert "Video in Deutscher Gebärdensprache:" not in html
    assert "<strong>Dokumente anderer Anbieter:</strong>" in html


def test_a_statement_without_the_marker_is_shown_as_administration_wrote_it() -> None:
    assert accessibility_statement("## Eigener Text\n\nOhne Liste.") == "## Eigener Text\n\nOhne Liste."


def test_an_unknown_condition_in_the_file_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "known_limitations.toml").write_text(
        '[[limitation]]\nkey = "x"\ntitle = "X"\ntext = "Y"\nalternative = "Z"\nunless = "gibt_es_nicht"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(site_texts.resources, "files", lambda _name: tmp_path)
    site_texts.known_limitations.cache_clear()
    try:
        with pytest.raises(ValueError, match="gibt_es_nicht"):
            site_texts.known_limitations()
    finally:
        monkeypatch.undo()
        site_texts.known_limitations.cache_clear()


def test_the_marker_line_is_found_in_a_text_written_in_the_browser_with_crlf_line_ends() -> None:
    body = f"Einleitung.\r\n\r\n{site_texts.LIMITATIONS_MARKER}\r\n\r\n## Rückmeldung\r\n"

    assert "Nicht barrierefreie Inhalte" in accessibility_statement(body)


def test_the_migration_puts_the_line_in_place_of_the_old_hand_written_section() -> None:
    migration = importlib.import_module("standortkompass.processes.migrations.0004_statement_known_limitations_line")
    old_statement = f"Einleitung.\n\n{migration.OLD_SECTION}### Unverhältnismäßige Belastung\n"

    for body in (old_statement, old_statement.replace("\n", "\r\n")):
        new = migration.replace_old_section(body)

        assert "Diagramme und Karten" not in new
        assert site_texts.has_limitations_marker(new)
        assert "Einleitung." in new
        assert "### Unverhältnismäßige Belastung" in new
    assert migration.replace_old_section("## Eigener Text\r\n") == "## Eigener Text\r\n"
