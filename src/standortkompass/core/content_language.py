"""The language of editorial content, so that pages can mark German text on English pages (WCAG 3.1.2).

Editorial texts are written in German, the site's default language (``LANGUAGE_CODE``). A model
may give a field an English version in a field of the same name with the suffix ``_en`` (``title``
and ``title_en``); other languages would follow the same pattern. ``localized()`` returns the text
to show on a page in a language, together with the language the text is in: the version in the
page's language when there is one, else the German text. The template tag ``{% localized %}``
(``core/templatetags/content_language.py``) marks such text with ``lang`` where it differs from
the page's language, and the layout says once per page that some content is only in German.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


def content_language() -> str:
    """The language editorial texts are written in: the site's default language (German)."""
    return settings.LANGUAGE_CODE.split("-")[0]


def _base_language(language: str | None) -> str:
    return (language or content_language()).split("-")[0].lower()


@dataclass(frozen=True)
class LocalizedText:
    """A text with its language, for a page in ``page_language``.

    In a template (``{{ value }}``, also through ``str()``) it renders as its escaped text, wrapped in
    ``<span lang="…">`` when its language differs from the page's. ``text`` is the plain text, and
    ``lang_attribute`` is `` lang="…"`` (or nothing) for an element of one's own, such as the
    ``<div>`` around formatted text.
    """

    text: str
    language: str
    page_language: str

    @property
    def differs(self) -> bool:
        """True when the text is not empty and not in the page's language."""
        return bool(self.text) and self.language != self.page_language

    @property
    def lang_attribute(self) -> SafeString:
        if self.differs:
            return format_html(' lang="{}"', self.language)
        return mark_safe("")

    def __html__(self) -> SafeString:
        if self.differs:
            return format_html('<span lang="{}">{}</span>', self.language, self.text)
        return escape(self.text)

    def __str__(self) -> SafeString:
        # Django renders ``{{ value }}`` through ``str()`` before escaping, so the markup must come from here too.
        return self.__html__()

    def __bool__(self) -> bool:
        return bool(self.text)


def localized(obj: object, field: str, *, language: str | None = None) -> LocalizedText:
    """The text of ``obj.<field>`` for a page in ``language`` (default: the active language).

    The version in that language (``<field>_<language>``) when the model has one and it is not
    empty; otherwise the text in the content language (German).
    """
    page_language = _base_language(language or get_language())
    base = content_language()
    if page_language != base:
        translated = getattr(obj, f"{field}_{page_language}", None)
        if isinstance(translated, str) and translated.strip():
            return LocalizedText(text=translated, language=page_language, page_language=page_language)
    value = getattr(obj, field)
    return LocalizedText(text="" if value is None else str(value), language=base, page_language=page_language)
