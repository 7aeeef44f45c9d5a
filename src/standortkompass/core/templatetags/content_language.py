"""Editorial text with its language: ``{% localized obj "field" %}`` and the layout's one note.

``{% localized news "title" %}`` writes the title in the page's language when the item has that
version, else the German text in ``<span lang="de">``. ``{% localized news "body" as body %}``
keeps the text for an element of its own: ``<div class="formatted"{{ body.lang_attribute }}>
{{ body.text|formatted }}</div>``.

The layout wraps the main content in ``{% content_language_note %}…{% end_content_language_note %}``:
every ``{% localized %}`` inside records the languages of the texts that differ from the page's, and
when there are any, the wrapper puts one short note before the content (``core/language_note.html``).
"""

from __future__ import annotations

from django import template
from django.template.base import NodeList, Parser, Token
from django.template.context import Context
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from standortkompass.core.content_language import LocalizedText, localized

register = template.Library()

# The context key under which the wrapper collects the languages of marked texts.
MARKED_LANGUAGES = "_content_languages_marked"


@register.simple_tag(takes_context=True, name="localized")
def localized_tag(context: Context, obj: object, field: str) -> LocalizedText:
    text = localized(obj, field)
    marked = context.get(MARKED_LANGUAGES)
    if text.differs and isinstance(marked, set):
        marked.add(text.language)
    return text


class ContentLanguageNoteNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        marked: set[str] = set()
        with context.push({MARKED_LANGUAGES: marked}):
            content = self.nodelist.render(context)
        if not marked:
            return content
        note = render_to_string("core/language_note.html", {"languages": sorted(marked)})
        return mark_safe(note + content)  # noqa: S308 - both rendered by templates with autoescape


@register.tag(name="content_language_note")
def content_language_note(parser: Parser, token: Token) -> ContentLanguageNoteNode:
    nodelist = parser.parse(("end_content_language_note",))
    parser.delete_first_token()
    return ContentLanguageNoteNode(nodelist)
