"""Default texts of the installation-wide pages (Impressum, Datenschutz, Barrierefreiheit ...).

The Markdown bodies live next to this module as ``<slug>.md``; Administration edits the pages
afterwards in the management area. ``site_pages_ensure_defaults`` creates only missing pages.
"""

from __future__ import annotations

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
