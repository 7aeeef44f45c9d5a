"""What a respondent is told about one answer: the range that applies to it, the place given twice, and
a heading of its own on a page without a label."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Survey
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create, survey_open
from surveys.forms import xlsx

SIZE_FITS = (
    "(selected(${klasse}, '0_9') and . <= 9)"
    " or (selected(${klasse}, '10_49') and . >= 10 and . <= 49)"
    " or (selected(${klasse}, '250_plus') and . >= 250)"
)
# The first page has no label of its own (questions outside any group), as in many imported forms.
FORM = [
    ["type", "name", "label", "required", "constraint", "constraint_message", "appearance"],
    ["select_one klasse", "klasse", "Wie viele Beschäftigte hat Ihr Unternehmen?", "yes", "", "", ""],
    [
        "integer",
        "anzahl",
        "Wie viele sind es genau?",
        "",
        f". >= 0 and . <= 500000 and ({SIZE_FITS})",
        "Bitte geben Sie eine ganze Zahl zwischen 0 und 500 000 an, die zur Größenklasse passt.",
        "",
    ],
    ["integer", "standorte", "Wie viele Standorte?", "", ". >= 1 and . <= 20", "", ""],
    ["begin_group", "themen", "Themen", "", "", "", ""],
    ["rank thema", "prioritaeten", "Was ist Ihnen am wichtigsten?", "", "", "", ""],
    ["end_group", "", "", "", "", "", ""],
    ["note", "abschnitt", "Zum Schluss", "", "", "", "section"],
    ["text", "meinung", "Was möchten Sie uns noch sagen?", "", "", "", ""],
]
CHOICES = [
    ["list_name", "name", "label"],
    ["klasse", "0_9", "0 bis 9"],
    ["klasse", "10_49", "10 bis 49"],
    ["klasse", "250_plus", "250 und mehr"],
    ["thema", "flaechen", "Flächen"],
    ["thema", "fachkraefte", "Fachkräfte"],
    ["thema", "verkehr", "Verkehr"],
]
SETTINGS = [["form_title", "form_id"], ["Befragung der Unternehmen", "meldungen"]]


@pytest.fixture
def survey(process: StrategyProcess) -> Survey:
    version = questionnaire_import(process=process, data=xlsx(FORM, CHOICES, SETTINGS), filename="meldungen.xlsx")
    questionnaire_publish(version=version, actor=None)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None, open_access=True)
    return survey_open(survey=survey, actor=None)


def first_page(client: Client, survey: Survey) -> str:
    answer = client.post(f"/befragung/{survey.slug}/", {"consent": "yes"})
    assert answer.status_code == 302
    return str(answer["Location"])


def error_of(html: str, name: str) -> str:
    found = re.search(rf'<p class="kern-error" id="id_{name}-error">([^<]*)</p>', html)
    assert found, html
    return found.group(1)


@pytest.mark.parametrize(
    ("size_class", "typed", "message"),
    [
        ("0_9", "12", "Bitte geben Sie eine Zahl von 0 bis 9 an."),
        ("10_49", "5", "Bitte geben Sie eine Zahl von 10 bis 49 an."),
        ("250_plus", "100", "Bitte geben Sie eine Zahl von 250 bis 500.000 an."),
    ],
)
def test_a_number_outside_the_chosen_size_class_is_told_the_bounds_of_that_class(
    survey: Survey, client: Client, size_class: str, typed: str, message: str
) -> None:
    url = first_page(client, survey)
    answer = client.post(url, {"action": "next", "klasse": size_class, "anzahl": typed})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert error_of(html, "anzahl") == message
    assert "500 000" not in html


def test_a_fixed_range_without_a_message_of_the_author_is_named_too(survey: Survey, client: Client) -> None:
    url = first_page(client, survey)
    answer = client.post(url, {"action": "next", "klasse": "0_9", "standorte": "0"})
    assert error_of(answer.content.decode(), "standorte") == "Bitte geben Sie eine Zahl von 1 bis 20 an."


def ranking_page(client: Client, survey: Survey) -> str:
    url = first_page(client, survey)
    answer = client.post(url, {"action": "next", "klasse": "0_9", "anzahl": "4"})
    assert answer.status_code == 302
    return str(answer["Location"])


def test_an_answer_given_two_places_in_a_ranking_is_named_with_both_places(survey: Survey, client: Client) -> None:
    url = ranking_page(client, survey)
    sent = {"prioritaeten__rank1": "flaechen", "prioritaeten__rank2": "fachkraefte", "prioritaeten__rank3": "flaechen"}
    answer = client.post(url, {"action": "next", **sent})
    assert answer.status_code == 400
    assert error_of(answer.content.decode(), "prioritaeten") == (
        "„Flächen“ ist auf Platz 1 und auf Platz 3 gewählt. Bitte geben Sie dieser Antwort nur einen Platz."
    )


def test_a_gap_in_a_ranking_names_the_empty_place(survey: Survey, client: Client) -> None:
    url = ranking_page(client, survey)
    answer = client.post(url, {"action": "next", "prioritaeten__rank1": "verkehr", "prioritaeten__rank3": "flaechen"})
    assert error_of(answer.content.decode(), "prioritaeten") == (
        "Platz 2 ist leer, ein späterer Platz aber belegt. Bitte füllen Sie die Plätze von oben."
    )


def headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", found).strip() for found in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)]


def test_a_page_without_a_label_has_its_first_question_as_heading_not_the_survey_title(
    survey: Survey, client: Client
) -> None:
    html = client.get(first_page(client, survey)).content.decode()
    assert headings(html) == ["Wie viele Beschäftigte hat Ihr Unternehmen?"]
    assert "<title>Wie viele Beschäftigte hat Ihr Unternehmen? – Befragung der Unternehmen" in html
    assert (
        html.count("Wie viele Beschäftigte hat Ihr Unternehmen?</legend>")
        + html.count("Wie viele Beschäftigte hat Ihr Unternehmen?</h1></legend>")
        == 1
    )  # said once, as the heading of its own question


def test_a_labelled_page_keeps_its_label_as_heading_and_a_section_title_leads_an_unlabelled_page(
    survey: Survey, client: Client
) -> None:
    html = client.get(ranking_page(client, survey)).content.decode()
    assert headings(html) == ["Themen"]
    answer = client.post(ranking_page(client, survey), {"action": "next"})
    last = client.get(str(answer["Location"])).content.decode()
    assert headings(last) == ["Zum Schluss"]
    assert "<h2" not in last.split("<form", 1)[1].split("</form>", 1)[0]
