"""The German catalogue is complete, compiled, and shown: German at unprefixed addresses, English under /en/."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "de" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"
MO_FILE = CATALOGUE / "django.mo"

# Fixed labels that other texts (the Leichte Sprache page, the glossary) rely on.
GLOSSARY = {
    "Home": "Start",
    "Dates": "Termine",
    "All dates": "Alle Termine",
    "News": "Aktuelles",
    "Actors": "Akteure",
    "Boards": "Gremien",
    "My area": "Mein Bereich",
    "My account": "Mein Konto",
    "Log in": "Anmelden",
    "Log out": "Abmelden",
    "Imprint": "Impressum",
    "Privacy": "Datenschutz",
    "Accessibility statement": "Erklärung zur Barrierefreiheit",
    "Report an accessibility barrier": "Barriere melden",
    "Administration": "Administration",
    "Editorial team": "Redaktion",
    "Board member": "Gremienmitglied",
    "Partner": "Partner",
    "Company": "Unternehmen",
    "Sounding Board": "Sounding Board",
    "Steering committee (Lenkungskreis)": "Lenkungskreis",
    "Board meeting": "Gremiensitzung",
    "Deadline": "Frist",
    "Information event": "Informationsveranstaltung",
    "Second factor": "Zweiter Faktor",
    "Backup codes": "Sicherungscodes",
}


@pytest.fixture(autouse=True)
def _restore_the_language() -> Iterator[None]:
    """A request to /en/ activates English for the rest of the thread; later tests must not inherit it."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) "(.*)"$')
_NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match.group(1), match.group(0)), text)


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    translations: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.context}|{self.msgid}" if self.context else self.msgid


def _parse(text: str) -> list[Entry]:
    """A small reader for the .po files makemessages writes (no obsolete #~ entries are kept)."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry = Entry()
        target: tuple[str, int] | None = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
                continue
            if line.startswith("#"):
                continue
            match = _KEYWORD.match(line)
            if match:
                keyword, index, value = match.group(1), match.group(2), _unescape(match.group(3))
                if keyword.startswith("msgstr"):
                    target = ("msgstr", int(index or 0))
                    entry.translations[target[1]] = value
                else:
                    target = (keyword, 0)
                    setattr(entry, {"msgctxt": "context", "msgid": "msgid", "msgid_plural": "plural"}[keyword], value)
            else:
                assert target, f"continuation line without a keyword in {PO_FILE}: {line}"
                assert line.startswith('"'), f"unexpected line in {PO_FILE}: {line}"
                assert line.endswith('"'), f"unexpected line in {PO_FILE}: {line}"
                value = _unescape(line[1:-1])
                if target[0] == "msgstr":
                    entry.translations[target[1]] += value
                else:
                    name = {"msgctxt": "context", "msgid": "msgid", "msgid_plural": "plural"}[target[0]]
                    setattr(entry, name, getattr(entry, name) + value)
        entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    parsed = _parse(PO_FILE.read_text(encoding="utf-8"))
    assert parsed[0].msgid == "", "the catalogue starts with its header"
    return parsed[1:]


def test_the_german_catalogue_has_no_untranslated_entries(entries: list[Entry]) -> None:
    untranslated = [entry.label for entry in entries if not all(entry.translations.values())]
    assert not untranslated, f"translate these msgids in {PO_FILE}: {untranslated}"


def test_plural_entries_have_both_german_forms(entries: list[Entry]) -> None:
    incomplete = [entry.label for entry in entries if entry.plural is not None and sorted(entry.translations) != [0, 1]]
    assert not incomplete


def test_the_german_catalogue_has_no_fuzzy_entries(entries: list[Entry]) -> None:
    assert [entry.label for entry in entries if "fuzzy" in entry.flags] == []
    assert "fuzzy" not in _parse(PO_FILE.read_text(encoding="utf-8"))[0].flags, "the header is no longer fuzzy"


def test_translations_keep_the_placeholders_of_their_msgid(entries: list[Entry]) -> None:
    changed = [
        entry.label
        for entry in entries
        for translation in entry.translations.values()
        if set(_NAMED_PLACEHOLDER.findall(translation))
        != set(_NAMED_PLACEHOLDER.findall(entry.msgid)) | set(_NAMED_PLACEHOLDER.findall(entry.plural or ""))
    ]
    assert not changed


def test_fixed_labels_use_the_terms_of_the_glossary(entries: list[Entry]) -> None:
    plain = {entry.msgid: entry.translations.get(0) for entry in entries if entry.context is None}
    assert {msgid: plain.get(msgid) for msgid in GLOSSARY} == GLOSSARY
    types = {entry.msgid: entry.translations[0] for entry in entries if entry.context == "organisation type"}
    assert types == {"Administration": "Verwaltung", "Municipality": "Kommune"}


def _expected_catalog(entries: list[Entry]) -> dict[object, str]:
    catalog: dict[object, str] = {}
    for entry in entries:
        key = f"{entry.context}\x04{entry.msgid}" if entry.context is not None else entry.msgid
        if entry.plural is None:
            catalog[key] = entry.translations[0]
        else:
            catalog.update({(key, index): text for index, text in entry.translations.items()})
    return catalog


def _catalog_of(mo_file: Path) -> dict[object, str]:
    with mo_file.open("rb") as handle:
        catalog = dict(getattr(gettext.GNUTranslations(handle), "_catalog"))  # noqa: B009 - not in the stubs
    catalog.pop("", None)  # the header
    return catalog


def test_the_committed_mo_file_holds_exactly_the_po_file(entries: list[Entry]) -> None:
    assert _catalog_of(MO_FILE) == _expected_catalog(entries), "run `standortkompass compilemessages` and commit"


def test_msgfmt_compiles_the_po_file_to_the_same_catalogue(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (gettext) is not installed")
    compiled = tmp_path / "django.mo"
    result = subprocess.run(  # noqa: S603 - gettext's msgfmt with fixed arguments
        [msgfmt, "--check-format", "--check-header", "-o", str(compiled), str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert _catalog_of(compiled) == _catalog_of(MO_FILE)


def test_the_german_pages_show_german_labels(process: object) -> None:
    html = Client().get("/").content.decode()
    assert '<html lang="de">' in html
    for label in ("Termine", "Aktuelles", "Akteure", "Gremien", "Anmelden", "Barriere melden"):
        assert f">{label}</a>" in html
    assert ">Dates</a>" not in html


def test_the_english_pages_show_english_labels(process: object) -> None:
    html = Client().get("/en/").content.decode()
    assert '<html lang="en">' in html
    for label in ("Dates", "News", "Actors", "Boards", "Log in", "Report an accessibility barrier"):
        assert f">{label}</a>" in html
    assert ">Termine</a>" not in html


def test_the_german_log_in_page_speaks_german_and_the_english_one_english(db: None) -> None:
    german = Client().get("/konto/anmelden/").content.decode()
    english = Client().get("/en/konto/anmelden/").content.decode()
    assert "Passwort vergessen?" in german
    assert "Forgot your password?" in english
