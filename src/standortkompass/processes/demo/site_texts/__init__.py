"""The demo's texts of the Impressum, the Datenschutzerklärung and the Erklärung zur Barrierefreiheit.

They are the templates of ``processes.site_texts`` with plausible, invented values for the
Wirtschaftsförderung of Landkreis Ludwigsburg, each marked "(Demo)" and the page opened by a
"**Demo:**" note (``processes.site_texts.DEMO_MARKERS``), so that a real installation's go-live
checklist recognises them if they were left in.
"""

from __future__ import annotations

from importlib import resources

DEMO_PAGE_SLUGS = ("impressum", "datenschutz", "barrierefreiheit")


def demo_page_body(slug: str) -> str:
    if slug not in DEMO_PAGE_SLUGS:
        raise ValueError(f"the demo has no text for the site page {slug!r}")
    return resources.files(__name__).joinpath(f"{slug}.md").read_text(encoding="utf-8")
