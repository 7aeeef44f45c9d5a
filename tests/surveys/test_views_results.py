import csv
import io
import json
import re

import pytest
from django.urls import reverse

from standortkompass.standortanalyse.models import Finding
from standortkompass.surveys.models import Response, ResponseStatus
from standortkompass.surveys.services.questionnaire_files import questionnaire_import_default
from standortkompass.surveys.services.questionnaires import questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create
from surveys.results_data import grid, load_register, results_survey

pytestmark = pytest.mark.django_db

CELLS = {("industrie", "0_9"): 3, ("industrie", "10_49"): 11, ("handel", "0_9"): 12, ("handel", "10_49"): 13}
SELECTION = {"zeile": "branche", "spalte": "groesse"}


@pytest.fixture
def survey(process):
    return results_survey(process, grid(CELLS))


def _url(name, survey, *args):
    return reverse(f"surveys_manage:{name}", args=[survey.process_id, survey.pk, *args])


def _csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _chart_data(html):
    found = re.search(r'<script id="kreuztabelle-spec" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))["data"]["values"] if found else []


@pytest.mark.parametrize("role", ["board", "editor"])
def test_a_crosstab_cell_below_five_is_hidden_everywhere_below_administration(role, survey, client_for):
    client = client_for(role)
    # Even asking for the unsuppressed view does not help below Administration.
    page = client.get(_url("results_crosstab", survey), {**SELECTION, "ungeschuetzt": "1"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "3 (20,0\u00a0%)" not in html
    assert "•" in html
    assert "weniger als 5" in html or "fewer than 5" in html
    assert _chart_data(html) == []  # no column with a hidden cell is drawn
    rows = _csv(client.get(_url("results_crosstab_csv", survey), {**SELECTION, "ungeschuetzt": "1"}))
    assert rows[1] == ["Industrie", "•", "•", "0", "0", "14"]
    assert rows[2] == ["Handel", "•", "•", "0", "0", "25"]
    assert not any("3 (" in cell for row in rows for cell in row)
    overview = client.get(_url("results", survey)).content.decode()
    assert "Unsuppressed" not in overview
    assert "Ungeschützt" not in overview


def test_administration_sees_small_cells_only_when_asking_and_clearly_marked(survey, client_for):
    client = client_for("admin")
    hidden = client.get(_url("results_crosstab", survey), SELECTION).content.decode()
    assert "3 (20,0\u00a0%)" not in hidden
    shown = client.get(_url("results_crosstab", survey), {**SELECTION, "ungeschuetzt": "1"}).content.decode()
    assert "3 (20,0\u00a0%)" in shown
    assert "kern-alert--warning" in shown
    assert {value["column"] for value in _chart_data(shown)} == {"0 bis 9", "10 bis 49"}
    rows = _csv(client.get(_url("results_crosstab_csv", survey), {**SELECTION, "ungeschuetzt": "1"}))
    assert rows[1][:3] == ["Industrie", "3 (20,0 %)", "11 (45,8 %)"]


def test_question_page_shows_wilson_interval_chart_and_csv(process, client_for):
    survey = results_survey(process, grid({("industrie", "0_9"): 10, ("handel", "0_9"): 30}))
    client = client_for("board")
    html = client.get(_url("results_question", survey, "branche")).content.decode()
    assert "14,2\u00a0–\u00a040,2\u00a0%" in html  # never broken across lines
    assert 'data-vega-spec="frage-branche-spec"' in html
    rows = _csv(client.get(_url("results_question_csv", survey, "branche")))
    assert rows[1] == ["Industrie", "10", "25,0 %", "14,2 – 40,2 %"]
    assert rows[4][1] == "40"  # respondents


def test_small_categories_are_hidden_on_the_question_page_and_its_csv(process, client_for):
    survey = results_survey(process, grid({("industrie", "0_9"): 3, ("handel", "0_9"): 20}))
    rows = _csv(client_for("editor").get(_url("results_question_csv", survey, "branche")))
    assert rows[1] == ["Industrie", "•", "•", "•"]
    assert rows[2] == ["Handel", "•", "•", "•"]


def test_likert_page_lists_dont_know_apart(process, client_for):
    answers = [{"z_breitband": "1"}] * 6 + [{"z_breitband": "2"}] * 6 + [{"z_breitband": "weiss_nicht"}] * 5
    survey = results_survey(process, answers)
    html = client_for("editor").get(_url("results_question", survey, "z_breitband")).content.decode()
    assert "weiß nicht" in html
    assert "5 (29,4\u00a0%)" in html


def test_weighted_results_show_unweighted_numbers(process, regions, client_for):
    load_register(
        regions["08118"],
        {
            "local_units_0_to_10": 800,
            "local_units_10_to_50": 200,
            "local_units_50_to_250": 50,
            "local_units_250_plus": 10,
        },
    )
    survey = results_survey(
        process,
        grid({("industrie", "0_9"): 10, ("handel", "10_49"): 10}),
        weighting_enabled=True,
        size_question="groesse",
    )
    client = client_for("board")
    rows = _csv(client.get(_url("results_question_csv", survey, "branche"), {"gewichtet": "1"}))
    assert rows[0][1:3] in (["Anzahl (ungewichtet)", "Anteil (gewichtet)"], ["Number (unweighted)", "Share (weighted)"])
    assert rows[1][:3] == ["Industrie", "10", "80,0 %"]
    html = client.get(_url("results_question", survey, "branche"), {"gewichtet": "1"}).content.decode()
    assert "2021" in html


def test_overview_counts_completed_and_partial_responses(process, client_for):
    survey = results_survey(process, grid({("industrie", "0_9"): 6}), partial=2)
    page = client_for("board").get(_url("results", survey))
    assert page.status_code == 200
    assert page.context["counts"].completed == 6
    assert page.context["counts"].in_progress == 2


def test_results_of_another_process_survey_are_not_found(survey, process, client_for):
    url = reverse("surveys_manage:results", args=[process.pk, survey.pk + 999])
    assert client_for("admin").get(url).status_code == 404


def test_open_answers_hide_e_mail_addresses_and_telephone_numbers(process, client_for):
    survey = results_survey(
        process,
        [
            {"firma": "Muster GmbH", "beschreibung": "Schreiben Sie an kim@example.org oder 07141 123456."},
            {"firma": "Andere AG", "beschreibung": "Mehr Radwege"},
        ],
    )
    client = client_for("editor")
    html = client.get(_url("results_open", survey, "beschreibung")).content.decode()
    assert "kim@example.org" not in html
    assert "123456" not in html
    assert "Muster GmbH" not in html
    assert "Mehr Radwege" in html
    searched = client.get(_url("results_open", survey, "beschreibung"), {"q": "radwege"}).content.decode()
    assert "Mehr Radwege" in searched
    assert "Schreiben Sie" not in searched


def test_finding_from_a_question_result_is_saved_with_its_reference(process, client_for):
    survey = results_survey(process, grid({("industrie", "0_9"): 10, ("handel", "0_9"): 30}))
    client = client_for("editor")
    form = client.get(_url("results_finding", survey), {"frage": "branche"})
    assert "25,0\u00a0%" in form.context["form"].initial["text"]
    response = client.post(
        _url("results_finding", survey),
        {"frage": "branche", "kind": "weakness", "title": "Wenig Industrie", "text": "25 %", "reference": "x"},
    )
    assert response.status_code == 302
    finding = Finding.objects.get(title="Wenig Industrie")
    assert finding.kind == "weakness"
    assert finding.references == [f"umfrage:{survey.slug}:branche"]
    assert finding.process == process


def test_finding_from_a_crosstab_keeps_hidden_cells_hidden(survey, client_for):
    form = client_for("editor").get(_url("results_finding", survey), SELECTION)
    text = form.context["form"].initial["text"]
    assert "•" in text
    assert "3 (" not in text
    assert form.context["reference"] == f"umfrage:{survey.slug}:kreuztabelle:branche:groesse"


def test_default_questionnaire_results_hide_personal_data_and_show_matrices_and_rankings(process, client_for):
    version = questionnaire_import_default(process=process, actor=None)
    questionnaire_publish(version=version, actor=None)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None)
    answers = {
        "wz_abschnitt": "C",
        "groessenklasse": "10_49",
        "sf_strasse": "2",
        "sf_oepnv": "weiss_nicht",
        "wf_prioritaeten": ["flaechen", "energie"],
        "ws_kontakt": "Kim Muster, kim@example.org",
        "offen_staerke": "Gute Lage",
    }
    Response.objects.bulk_create(
        [Response(survey=survey, version=version, status=ResponseStatus.COMPLETED, answers=answers) for _ in range(6)]
    )
    client = client_for("editor")
    html = client.get(_url("results", survey)).content.decode()
    assert "kim@example.org" not in html
    assert "frage/ws_kontakt/" not in html
    assert "Anbindung an das Straßennetz" in html  # a matrix item
    assert html.count("frage/sf_strasse/") == 1  # the matrix once
    assert client.get(_url("results_open", survey, "ws_kontakt")).status_code == 404
    assert client.get(_url("results_question", survey, "ws_kontakt")).status_code == 404
    ranking = client.get(_url("results_question", survey, "wf_prioritaeten")).context["table"]
    assert len(ranking.columns) == 5  # answer, first place (count, share, interval), mean position
    assert [text for text, _number in ranking.rows[0]] == [
        "Gewerbeflächen und Ansiedlung",
        "6",
        "100,0\u00a0%",
        "61,0\u00a0–\u00a0100,0\u00a0%",
        "1,0",
    ]
    assert ranking.rows[3][4][0] == "2,0"  # Energie: second every time
    matrix = client.get(_url("results_question", survey, "sf_strasse"))
    assert matrix.status_code == 200
    assert matrix.context["chart"] is not None
    crosstab = client.get(_url("results_crosstab", survey))
    assert crosstab.context["result"].row_variable.name == "groessenklasse"
    assert crosstab.context["result"].column_variable.name == "wz_abschnitt"
