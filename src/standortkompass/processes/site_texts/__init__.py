"""Default texts of the installation-wide pages (Impressum, Datenschutz, Barrierefreiheit ...).

The Markdown bodies live next to this module as ``<slug>.md``; Administration edits the pages
afterwards in the management area. ``site_pages_ensure_defaults`` creates only missing pages.
The demo has its own texts with demo values (``processes/demo/site_texts/``).

The accessibility statement's compliance status and its list of known limitations are not
written by hand: they come from ``known_limitations.toml`` beside this module, the list the
project keeps true (add what is found, remove what is fixed). The statement's text holds
``LIMITATIONS_MARKER`` where that part goes (``accessibility_statement``).

The checks of the go-live checklist on a text live here too: square-bracket placeholders of the
templates (``placeholders``), the templates' note for Administration, demo markers.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import NamedTuple


class DefaultPage(NamedTuple):
    slug: str
    title: str

    @property
    def body(self) -> str:
        return resources.files(__name__).joinpath(f"{self.slug}.md").read_text(encoding="utf-8")


DEFAULT_PAGES: tuple[DefaultPage, ...] = (
    DefaultPage("impressum", "Impressum"),
    DefaultPage("datenschutz", "Datenschutzerklärung"),
    DefaultPage("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
    DefaultPage("leichte-sprache", "Informationen in Leichter Sprache"),
    DefaultPage("gebaerdensprache", "Informationen in Deutscher Gebärdensprache"),
)

# The line in the accessibility statement where the status and the known limitations are put in.
LIMITATIONS_MARKER = "<!-- Stand und bekannte Einschränkungen: fügt die Website selbst ein -->"
# A text written in the browser's form has CRLF line ends.
_LIMITATIONS_MARKER_PATTERN = re.compile(r"^[ \t]*<!--\s*Stand und bekannte Einschränkungen\b.*?-->[ \t\r]*$", re.M)

# A template's field to fill in: text in square brackets that is not a Markdown link ``[text](url)``.
_PLACEHOLDER_PATTERN = re.compile(r"\[([^\[\]\n]+)\](?![(\[])")
# The first line of every template: "*Vorlage für die Administration: … löschen Sie danach diesen Hinweis.*"
TEMPLATE_NOTE = "Vorlage für die Administration"
# How the demo's texts mark their invented values; a real installation must not keep them.
DEMO_MARKERS = ("**Demo:**", "(Demo)", ", Demo)")


def placeholders(text: str) -> list[str]:
    """The template fields in square brackets that are still in ``text`` (``[Anschrift eintragen]`` …)."""
    return [f"[{match}]" for match in _PLACEHOLDER_PATTERN.findall(text or "")]


def has_template_note(text: str) -> bool:
    return TEMPLATE_NOTE in (text or "")


def has_demo_values(text: str) -> bool:
    return any(marker in (text or "") for marker in DEMO_MARKERS)


def has_limitations_marker(text: str) -> bool:
    return bool(_LIMITATIONS_MARKER_PATTERN.search(text or ""))


class KnownLimitation(NamedTuple):
    """One entry of ``known_limitations.toml``."""

    key: str
    title: str
    text: str
    alternative: str
    # Left out when this is true of the installation ("sign_language_video": the video is uploaded).
    unless: str = ""


CONDITIONS = {"sign_language_video"}
_LINE_BREAKS = re.compile(r"[ \t]*\n[ \t]*")


@cache
def known_limitations() -> tuple[KnownLimitation, ...]:
    """The maintained list of what is not yet accessible on this website, in the file's order."""
    source = resources.files(__name__).joinpath("known_limitations.toml").read_text(encoding="utf-8")
    entries = tomllib.loads(source).get("limitation", [])
    # The file's line breaks become spaces; a no-break space (after "§") stays.
    limitations = tuple(
        KnownLimitation(**{name: _LINE_BREAKS.sub(" ", str(value)).strip() for name, value in entry.items()})
        for entry in entries
    )
    for limitation in limitations:
        if limitation.unless and limitation.unless not in CONDITIONS:
            raise ValueError(f"known_limitations.toml: {limitation.key}: unknown condition {limitation.unless!r}")
    return limitations


def limitations_markdown(*, conditions: frozenset[str] = frozenset()) -> str:
    """The statement's status and its section "Nicht barrierefreie Inhalte" in Markdown.

    ``conditions`` are what is true of this installation; an entry whose ``unless`` is among them is left out.
    """
    current = [limitation for limitation in known_limitations() if limitation.unless not in conditions]
    if not current:
        return (
            "## Stand der Vereinbarkeit mit den Anforderungen\n\n"
            "Diese Website ist mit §\N{NO-BREAK SPACE}10 Absatz 1 L-BGG **vollständig** vereinbar. "
            "Uns sind keine Inhalte bekannt, die nicht barrierefrei sind.\n"
        )
    items = "\n".join(
        f"- **{limitation.title}:** {limitation.text}<br>\n  *Alternative:* {limitation.alternative}"
        for limitation in current
    )
    return (
        "## Stand der Vereinbarkeit mit den Anforderungen\n\n"
        "Diese Website ist wegen der folgenden Unvereinbarkeiten **teilweise** mit "
        "§\N{NO-BREAK SPACE}10 Absatz 1 L-BGG vereinbar.\n\n"
        "## Nicht barrierefreie Inhalte\n\n"
        "Die nachstehend aufgeführten Inhalte sind aus folgenden Gründen nicht barrierefrei.\n\n"
        "### Unvereinbarkeiten mit §\N{NO-BREAK SPACE}10 Absatz 1 L-BGG\n\n"
        f"{items}\n"
    )


def accessibility_statement(body: str, *, conditions: frozenset[str] = frozenset()) -> str:
    """The statement's text with the status and known limitations put in at the marker.

    A text without the marker is returned as it is: Administration has replaced the list by its own
    text, and the go-live checklist says so.
    """
    generated = limitations_markdown(conditions=conditions)
    return _LIMITATIONS_MARKER_PATTERN.sub(lambda _match: generated, body or "", count=1)
