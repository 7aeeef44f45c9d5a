"""English pages with German content: the German parts carry lang="de", the note is shown once, axe agrees."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

NOTE = "Some content on this page is only available in German."
LANG_RULES = ["valid-lang", "html-has-lang", "html-lang-valid"]


def lang_rules_pass(page: Page) -> None:
    """axe-core's language rules run on the page, find lang attributes to check, and find nothing wrong."""
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": LANG_RULES}}).response
    assert results["violations"] == [], results["violations"]
    passed = {rule["id"]: len(rule["nodes"]) for rule in results["passes"]}
    assert passed.get("valid-lang", 0) > 0, passed
    assert passed.get("html-lang-valid", 0) == 1, passed


def languages_in_main(page: Page) -> list[str]:
    return page.eval_on_selector_all("#main [lang]", "elements => elements.map(element => element.lang)")


def test_an_english_news_item_with_a_german_text_marks_only_the_german_parts(page, public_site, axe_check, screenshot):
    news = public_site.news
    news.title_en = "Company survey begins"
    news.teaser_en = "Companies in the district can take part from now on."
    news.save()

    page.goto(f"/en/aktuelles/{news.pk}/{news.slug}/")

    assert page.evaluate("document.documentElement.lang") == "en"
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Company survey begins")
    expect(heading.locator("[lang]")).to_have_count(0)
    body = page.locator("#main .formatted")
    expect(body).to_have_attribute("lang", "de")
    expect(body).to_contain_text("Die Befragung dauert")
    expect(page.get_by_text(NOTE)).to_have_count(1)
    screenshot(page, "language-news-item-english")
    lang_rules_pass(page)
    axe_check(page)


@pytest.mark.parametrize("address", ["/en/", "/en/termine/", "/en/gremien/", "/en/datenschutz/"])
def test_english_pages_mark_german_editorial_content_and_say_so_once(page, public_site, axe_check, address):
    page.goto(address)

    assert page.evaluate("document.documentElement.lang") == "en"
    languages = languages_in_main(page)
    assert languages, "no German content marked"
    assert set(languages) == {"de"}
    expect(page.get_by_text(NOTE)).to_have_count(1)
    lang_rules_pass(page)
    axe_check(page)


def test_the_english_home_page_shows_english_versions_unmarked(page, public_site):
    process = public_site.process
    process.title_en = "Future strategy test"
    process.save()

    page.goto("/en/")

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Future strategy test")
    expect(heading.locator("[lang]")).to_have_count(0)
    expect(page.locator("#main [lang=de]", has_text="Analysephase").first).to_be_visible()


def test_german_pages_carry_no_lang_marks_of_editorial_content_and_no_note(page, public_site):
    page.goto("/aktuelles/")

    assert page.evaluate("document.documentElement.lang") == "de"
    assert languages_in_main(page) == []
    expect(page.get_by_text("Einige Inhalte dieser Seite gibt es nur auf Deutsch.")).to_have_count(0)


def test_an_english_management_page_marks_german_texts_and_passes_axe(logged_in_page, public_site, axe_check):
    page = logged_in_page("editor")

    page.goto(f"/en/verwaltung/{public_site.process.pk}/aktuelles/")

    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.locator("#main th [lang=de]", has_text="Unternehmensbefragung beginnt")).to_have_count(1)
    expect(page.get_by_text(NOTE)).to_have_count(1)
    lang_rules_pass(page)
    axe_check(page)


def test_the_english_survey_start_page_marks_the_surveys_german_texts(page, public_site, axe_check):
    from standortkompass.surveys.demo import survey_demo_load

    survey = survey_demo_load(process=public_site.process, responses=0)
    page.goto(f"/en/befragung/{survey.slug}/")

    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.get_by_role("heading", level=1).locator("[lang=de]")).to_have_count(1)
    expect(page.locator("#main .formatted[lang=de]").first).to_be_visible()  # the privacy notice
    expect(page.get_by_text(NOTE)).to_have_count(1)
    lang_rules_pass(page)
    axe_check(page)
