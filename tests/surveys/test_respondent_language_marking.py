"""The survey's own texts (title, introduction, privacy notice, contact) are German: on the English start page they
carry lang="de", and the page says once that some content is only in German (WCAG 3.1.2)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Survey, SurveyStatus
from surveys.test_answering import make_survey

NOTE = 'id="content-language-note"'


@pytest.fixture
def survey(process: StrategyProcess) -> Survey:
    made = make_survey(process)
    made.title = "Unternehmensbefragung Musterkreis"
    made.introduction = "Ihre Meinung zählt."
    made.contact = "Wirtschaftsförderung, Telefon 07141 0000"
    made.save()
    return made


def _marked(page: str, text: str) -> bool:
    return re.search(r'lang="de"[^>]*>[^<]*(<[^>]+>)*[^<]*' + re.escape(text), page) is not None


def test_the_english_start_page_marks_the_surveys_german_texts_and_says_so_once(survey: Survey, client: Client):
    page = client.get(f"/en/befragung/{survey.slug}/").content.decode()
    assert '<html lang="en"' in page
    for text in ("Unternehmensbefragung Musterkreis", "Ihre Meinung zählt.", "Wirtschaftsförderung, Telefon"):
        assert _marked(page, text), text
    assert page.count(NOTE) == 1
    assert "Privacy notice" in page  # the page's own texts stay English


def test_the_german_start_page_marks_nothing(survey: Survey, client: Client):
    page = client.get(f"/befragung/{survey.slug}/").content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'lang="de"' not in main
    assert NOTE not in page


def test_the_english_page_of_a_closed_survey_marks_its_title_and_contact(survey: Survey, client: Client):
    survey.status = SurveyStatus.CLOSED
    survey.save()
    page = client.get(f"/en/befragung/{survey.slug}/").content.decode()
    assert _marked(page, "Unternehmensbefragung Musterkreis")
    assert _marked(page, "Wirtschaftsförderung, Telefon")
