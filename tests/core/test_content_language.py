"""Editorial text with its language: the English version where there is one, else German marked lang="de"."""

from __future__ import annotations

from dataclasses import dataclass

from django.template import Context, Template
from django.utils import translation

from standortkompass.core.content_language import LocalizedText, localized


@dataclass
class Item:
    title: str
    title_en: str = ""
    body: str = ""


def test_an_english_page_gets_the_english_version_when_there_is_one():
    text = localized(Item(title="Zukunftswerkstatt", title_en="Future workshop"), "title", language="en")

    assert text == LocalizedText(text="Future workshop", language="en", page_language="en")
    assert not text.differs


def test_an_english_page_gets_the_german_text_in_german_when_the_english_version_is_empty():
    text = localized(Item(title="Zukunftswerkstatt", title_en="  "), "title", language="en")

    assert text.text == "Zukunftswerkstatt"
    assert text.language == "de"
    assert text.differs


def test_a_field_without_any_english_version_is_german():
    text = localized(Item(title="x", body="Datenschutzhinweis"), "body", language="en")

    assert (text.text, text.language, text.differs) == ("Datenschutzhinweis", "de", True)


def test_a_german_page_always_gets_the_german_text_unmarked():
    text = localized(Item(title="Zukunftswerkstatt", title_en="Future workshop"), "title", language="de")

    assert text.text == "Zukunftswerkstatt"
    assert not text.differs
    assert text.lang_attribute == ""


def test_the_page_language_is_the_active_language_by_default():
    with translation.override("en"):
        assert localized(Item(title="Titel"), "title").differs
    with translation.override("de"):
        assert not localized(Item(title="Titel"), "title").differs


def test_german_text_on_an_english_page_renders_escaped_in_a_span_with_lang_de():
    text = localized(Item(title="Bauen & <Wohnen>"), "title", language="en")

    assert text.__html__() == '<span lang="de">Bauen &amp; &lt;Wohnen&gt;</span>'
    assert text.lang_attribute == ' lang="de"'
    assert str(text) == '<span lang="de">Bauen &amp; &lt;Wohnen&gt;</span>'
    assert text.text == "Bauen & <Wohnen>"


def test_text_in_the_page_language_renders_escaped_without_a_span():
    text = localized(Item(title="x", title_en="Building & <living>"), "title", language="en")

    assert text.__html__() == "Building &amp; &lt;living&gt;"


def test_empty_text_is_never_marked():
    text = localized(Item(title=""), "title", language="en")

    assert not text
    assert not text.differs
    assert text.__html__() == ""


def render(source: str, **context: object) -> str:
    return Template("{% load content_language %}" + source).render(Context(context))


def test_the_tag_marks_german_text_on_an_english_page():
    with translation.override("en"):
        html = render('<h1>{% localized item "title" %}</h1>', item=Item(title="Aktuelles"))

    assert html == '<h1><span lang="de">Aktuelles</span></h1>'


def test_the_tag_keeps_the_text_for_an_element_of_its_own():
    with translation.override("en"):
        html = render(
            '{% localized item "body" as body %}<div{{ body.lang_attribute }}>{{ body.text }}</div>',
            item=Item(title="x", body="Text"),
        )

    assert html == '<div lang="de">Text</div>'


def test_a_kept_text_renders_marked_as_a_variable_and_inside_blocktranslate():
    source = (
        '{% load i18n %}{% localized item "title" as title %}<h2>{{ title }}</h2>'
        "{% blocktranslate with name=title %}Members of {{ name }}{% endblocktranslate %}"
    )
    with translation.override("en"):
        html = render(source, item=Item(title="Lenkungskreis"))

    assert html == '<h2><span lang="de">Lenkungskreis</span></h2>Members of <span lang="de">Lenkungskreis</span>'


NOTE = "Some content on this page is only available in German."


def test_the_wrapper_puts_one_note_before_content_with_german_text():
    source = (
        "{% content_language_note %}<main>"
        '{% localized first "title" %} {% localized second "title" %}'
        "</main>{% end_content_language_note %}"
    )
    with translation.override("en"):
        html = render(source, first=Item(title="Eins"), second=Item(title="Zwei"))

    assert html.count(NOTE) == 1
    assert html.index(NOTE) < html.index("<main>")


def test_the_wrapper_adds_no_note_when_every_text_is_in_the_page_language():
    source = '{% content_language_note %}{% localized item "title" %}{% end_content_language_note %}'
    with translation.override("en"):
        english = render(source, item=Item(title="Eins", title_en="One"))
    with translation.override("de"):
        german = render(source, item=Item(title="Eins"))

    assert english == "One"
    assert german == "Eins"


def test_text_outside_the_wrapper_does_not_add_the_note():
    with translation.override("en"):
        html = render(
            '{% localized item "title" %}{% content_language_note %}<p>x</p>{% end_content_language_note %}',
            item=Item(title="Eins"),
        )

    assert NOTE not in html
