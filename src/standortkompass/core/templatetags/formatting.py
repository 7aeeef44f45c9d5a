"""Safe formatted text: Markdown rendered, then cleaned to a small allow-list of tags.

On a page (the ``formatted`` filter) every table sits in the focusable scroll wrapper, so that a
wide table (the cookie table of the Datenschutzerklärung) scrolls inside it at 320 px instead of
the page scrolling sideways (WCAG 1.4.10).
"""

import re

import markdown
import nh3
from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def render_formatted(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


_TABLE = re.compile(r"<table>.*?</table>", re.S)


def wrap_tables(html: str) -> str:
    """Every table of cleaned HTML inside the focusable region that scrolls sideways on small screens."""
    label = escape(gettext("Table, scrolls sideways on small screens"))
    return _TABLE.sub(
        lambda table: (
            f'<div class="kern-table-responsive" tabindex="0" role="region" aria-label="{label}">{table.group(0)}</div>'
        ),
        html,
    )


@register.filter(name="formatted")
def formatted(text: str) -> SafeString:
    return mark_safe(wrap_tables(render_formatted(text)))  # noqa: S308 - cleaned by nh3, wrapper added after
