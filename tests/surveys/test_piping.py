"""Earlier answers in texts (``${firma}``) on respondent pages, escaped; placeholders where no answers are at
hand; notes and headed sections shown as text."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Survey
from standortkompass.surveys.runtime import Runtime
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create, survey_open
from surveys.forms import xlsx
from surveys.test_answering import page_url, start, text_of

PIPING = [
    ["type", "name", "label", "hint", "relevant"],
    ["begin_group", "eins", "Ihr Unternehmen", "", ""],
    ["text", "firma", "Wie heißt Ihr Unternehmen?", "", ""],
    ["select_one groesse", "groesse", "Größe", "", ""],
    ["select_multiple themen", "themen", "Themen", "", ""],
    ["decimal", "umsatz", "Umsatz in Mio. €", "", ""],
    ["date", "gruendung", "Gegründet am", "", ""],
    ["text", "leer", "Bleibt leer", "", ""],
    ["end_group", "", "", "", ""],
    ["begin_group", "zwei", "Über ${firma}", "Angaben zu ${firma}", ""],
    ["note", "dank", "Danke, ${firma}! Ein Hinweis ohne Frage.", "", ""],
    ["begin_group", "abschnitt", "Abschnitt zu ${groesse}", "Erläuterung des Abschnitts", ""],
    ["integer", "beschaeftigte", "Wie viele Beschäftigte hat ${firma}?", "Größe: ${groesse}", ""],
    ["text", "mehr", "Umsatz ${umsatz}, gegründet ${gruendung}, Themen ${themen}, leer ${leer}", "", ""],
    ["select_one zufrieden", "zufrieden", "Zufrieden?", "", ""],
    ["end_group", "", "", "", ""],
    ["end_group", "", "", "", ""],
]
CHOICES = [
    ["list_name", "name", "label"],
    ["groesse", "klein", "Kleinbetrieb"],
    ["groesse", "gross", "Großbetrieb"],
    ["themen", "flaeche", "Flächen"],
    ["themen", "fachkraefte", "Fachkräfte"],
    ["zufrieden", "ja", "Ja, ${firma} ist zufrieden"],
    ["zufrieden", "nein", "Nein"],
]
SETTINGS = [["form_title", "form_id", "default_language"], ["Piping", "piping", "Deutsch (de)"]]
HOSTILE = '<script>alert("x")</script> & <b>Co</b>'


@pytest.fixture
def survey(process: StrategyProcess) -> Survey:
    version = questionnaire_import(process=process, data=xlsx(PIPING, CHOICES, SETTINGS), filename="piping.xlsx")
    questionnaire_publish(version=version, actor=None)
    created = survey_create(process=process, questionnaire=version.questionnaire, actor=None, open_access=True)
    return survey_open(survey=created, actor=None)


def answer_first_page(client: Client, survey: Survey, firma: str) -> str:
    start(client, survey)
    answer = client.post(
        page_url(survey, "eins"),
        {
            "firma": firma,
            "groesse": "gross",
            "themen": ["flaeche", "fachkraefte"],
            "umsatz": "2,5",
            "gruendung": "1999-05-04",
            "action": "next",
        },
    )
    assert answer["Location"] == page_url(survey, "zwei")
    return text_of(client.get(page_url(survey, "zwei")))


def test_an_earlier_answer_appears_in_labels_hints_notes_headings_and_choices(survey: Survey, client: Client) -> None:
    page = answer_first_page(client, survey, "Muster GmbH")
    assert "Über Muster GmbH" in page  # the page's heading
    assert "Angaben zu Muster GmbH" in page
    assert "Danke, Muster GmbH! Ein Hinweis ohne Frage." in page
    assert "Abschnitt zu Großbetrieb" in page  # a choice's label, not its name
    assert "Wie viele Beschäftigte hat Muster GmbH?" in page
    assert "Größe: Großbetrieb" in page
    assert "Umsatz 2,5, gegründet 04.05.1999, Themen Flächen, Fachkräfte, leer …" in page
    assert "Ja, Muster GmbH ist zufrieden" in page
    assert "${" not in page


def test_an_answer_shown_in_a_text_is_escaped_and_cannot_inject_markup(survey: Survey, client: Client) -> None:
    page = answer_first_page(client, survey, HOSTILE)
    assert "<script>alert" not in page
    assert "<b>Co</b>" not in page
    assert f"Wie viele Beschäftigte hat {html.escape(HOSTILE)}?" in page
    assert f"Danke, {html.escape(HOSTILE)}!" in page


def test_the_printable_questionnaire_shows_which_answer_goes_into_a_text(survey: Survey, client: Client) -> None:
    page = text_of(client.get(f"/befragung/{survey.slug}/fragebogen/"))
    assert "Wie viele Beschäftigte hat [firma]?" in page
    assert "Ja, [firma] ist zufrieden" in page
    assert "Über [firma]" in page
    assert "${" not in page


def test_results_and_exports_label_an_earlier_answer_by_its_question_name(survey: Survey) -> None:
    runtime = Runtime(survey.questionnaire.versions.get().schema)
    assert runtime.text(runtime.questions["beschaeftigte"]["label"]) == "Wie viele Beschäftigte hat [firma]?"


def test_a_group_inside_a_page_is_a_headed_section_and_a_note_is_text(survey: Survey, client: Client) -> None:
    page = answer_first_page(client, survey, "Muster GmbH")
    assert '<h2 class="kern-heading-medium">Abschnitt zu Großbetrieb</h2>' in page
    assert "Erläuterung des Abschnitts" in page
    assert '<div class="survey-note kern-body" id="q-dank">Danke, Muster GmbH!' in page
    printable = text_of(client.get(f"/befragung/{survey.slug}/fragebogen/"))
    assert '<h3 class="kern-heading-small">Abschnitt zu [groesse]</h3>' in printable
