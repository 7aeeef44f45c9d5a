"""Site texts a real installation has finished, so that a process may be published (the go-live checklist)."""

from __future__ import annotations

from typing import Any

from standortkompass.processes.demo.site_texts import DEMO_PAGE_SLUGS, demo_page_body
from standortkompass.processes.models import SitePage
from standortkompass.processes.services.pages import site_pages_ensure_defaults
from standortkompass.processes.site_texts import DEMO_MARKERS

FEEDBACK_ADDRESS = "barrierefreiheit@landkreis.example"


def finished_text(slug: str) -> str:
    """The demo's text without its demo note and markers, with the installation's own addresses."""
    note, _blank, body = demo_page_body(slug).partition("\n\n")
    assert note.startswith("**Demo:**")
    for marker in DEMO_MARKERS:
        body = body.replace(f" {marker}", "").replace(marker, ")")
    body = body.replace("barrierefreiheit@demo.standortkompass.de", FEEDBACK_ADDRESS)
    return body.replace("demo.standortkompass.de", "landkreis.example")


def finish_site_texts(settings: Any) -> None:
    """Every site page written and finished, and FEEDBACK_EMAIL set and named in the statement."""
    site_pages_ensure_defaults()
    for slug in DEMO_PAGE_SLUGS:
        SitePage.objects.filter(slug=slug).update(body=finished_text(slug))
    settings.FEEDBACK_EMAIL = FEEDBACK_ADDRESS
