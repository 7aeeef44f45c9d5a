"""The shipped default questionnaire "Unternehmensbefragung Zukunftsstrategie" (XLSForm)."""

from __future__ import annotations

import csv
import re

import pytest
from pyxform.xls2xform import convert

from standortkompass.regiondata.wz2008 import SECTIONS
from standortkompass.surveys.questionnaires import build_default

DE = "label::Deutsch (de)"
EN = "label::English (en)"
STRUCTURAL_TYPES = {"begin_group", "end_group", "note", "calculate"}


def as_records(rows: list[list[str]]) -> list[dict[str, str]]:
    header, *body = rows
    return [dict(zip(header, row, strict=False)) for row in body if any(row)]


@pytest.fixture(scope="module")
def sheets() -> dict[str, list[dict[str, str]]]:
    return {name: as_records(rows) for name, rows in build_default.read_sheets(build_default.XLSX_PATH).items()}


@pytest.fixture(scope="module")
def survey(sheets) -> list[dict[str, str]]:
    return sheets["survey"]


@pytest.fixture(scope="module")
def choices(sheets) -> dict[str, list[dict[str, str]]]:
    lists: dict[str, list[dict[str, str]]] = {}
    for row in sheets["choices"]:
        lists.setdefault(row["list_name"], []).append(row)
    return lists


def questions(survey) -> list[dict[str, str]]:
    return [row for row in survey if row["type"] not in STRUCTURAL_TYPES]


def list_name(row: dict[str, str]) -> str:
    return row["type"].split()[1]


def pages(survey) -> dict[str, list[dict[str, str]]]:
    """Each top-level group with the rows inside it."""
    result: dict[str, list[dict[str, str]]] = {}
    current: str | None = None
    for row in survey:
        if row["type"] == "begin_group":
            assert current is None, f"group {row['name']} is nested in {current}"
            current = row["name"]
            result[current] = []
        elif row["type"] == "end_group":
            current = None
        else:
            assert current is not None, f"{row['name']} is outside every page"
            result[current].append(row)
    return result


def test_the_committed_xlsx_is_what_the_generator_builds():
    assert build_default.read_sheets(build_default.XLSX_PATH) == build_default.build_sheets()


def test_pyxform_converts_the_questionnaire_without_warnings():
    warnings: list[str] = []
    result = convert(xlsform=str(build_default.XLSX_PATH), warnings=warnings)

    assert warnings == []
    assert "<h:title>Unternehmensbefragung Zukunftsstrategie</h:title>" in result.xform
    assert 'lang="Deutsch (de)" default="true()"' in result.xform
    assert 'lang="English (en)"' in result.xform


def test_the_settings_name_the_form_its_version_and_german_as_default_language(sheets):
    (settings,) = sheets["settings"]

    assert settings["form_title"] == "Unternehmensbefragung Zukunftsstrategie"
    assert settings["form_id"] == "unternehmensbefragung_zukunftsstrategie"
    assert settings["version"]
    assert settings["default_language"] == "Deutsch (de)"


def test_the_questionnaire_has_between_40_and_60_question_items(survey):
    assert 40 <= len(questions(survey)) <= 60


def test_even_counting_calculations_it_stays_within_60_items(survey):
    assert len([row for row in survey if row["type"] not in {"begin_group", "end_group", "note"}]) <= 60


def test_every_topic_of_the_issue_has_its_own_page(survey):
    expected = {
        "unternehmensprofil",
        "standortfaktoren",
        "fachkraefte",
        "digitalisierung",
        "energie_dekarbonisierung",
        "flaechen_immobilien",
        "mobilitaet_infrastruktur",
        "verwaltung_genehmigungen",
        "transformation",
        "erwartungen_wirtschaftsfoerderung",
        "offene_fragen",
        "workshops",
    }

    assert expected <= set(pages(survey))


def test_every_group_is_one_page(survey):
    groups = [row for row in survey if row["type"] == "begin_group"]

    assert groups
    assert all(row["appearance"] in {"field-list", "table-list"} for row in groups)


def test_the_profile_asks_sector_size_class_municipality_and_role(survey):
    profile = {row["name"]: row for row in pages(survey)["unternehmensprofil"]}

    assert list_name(profile["wz_abschnitt"]) == "wz2008"
    assert list_name(profile["groessenklasse"]) == "groessenklasse"
    assert list_name(profile["gemeinde"]) == "gemeinde"
    assert list_name(profile["rolle"]) == "rolle"


def test_every_label_hint_and_message_exists_in_german_and_english(survey, sheets):
    for row in survey:
        if row["type"] in {"end_group", "calculate"}:
            continue
        assert row[DE].strip(), f"German label of {row['name']}"
        assert row[EN].strip(), f"English label of {row['name']}"
        for column in ("hint", "required_message", "constraint_message"):
            german, english = row[f"{column}::Deutsch (de)"], row[f"{column}::English (en)"]
            assert bool(german) == bool(english), f"{column} of {row['name']}"
    for row in sheets["choices"]:
        assert row[DE].strip(), f"German label of choice {row['list_name']}/{row['name']}"
        assert row[EN].strip(), f"English label of choice {row['list_name']}/{row['name']}"


def test_the_first_page_is_a_privacy_note_promising_aggregate_results_only(survey):
    first_page = next(iter(pages(survey).values()))
    notes = " ".join(row[DE] for row in first_page if row["type"] == "note")

    assert first_page
    assert all(row["type"] == "note" for row in first_page)
    assert "Datenschutz" in notes
    assert "zusammengefasst" in notes
    assert "weniger als 5 Unternehmen" in notes


def test_the_location_factors_are_a_likert_matrix_on_one_scale_with_dont_know_apart(survey, choices):
    matrix = pages(survey)["standortfaktoren"]
    group = next(row for row in survey if row["name"] == "standortfaktoren" and row["type"] == "begin_group")
    scale = [(choice["name"], choice[DE]) for choice in choices["zufriedenheit"]]

    assert group["appearance"] == "table-list"
    assert len(matrix) >= 5
    assert {row["type"] for row in matrix} == {"select_one zufriedenheit"}
    assert scale == [
        ("1", "sehr zufrieden"),
        ("2", "eher zufrieden"),
        ("3", "teils, teils"),
        ("4", "eher unzufrieden"),
        ("5", "sehr unzufrieden"),
        ("weiss_nicht", "weiß nicht / nicht relevant"),
    ]


def test_administration_is_rated_in_a_second_matrix_on_the_same_scale(survey):
    matrix = pages(survey)["verwaltung_zufriedenheit"]

    assert len(matrix) >= 3
    assert {row["type"] for row in matrix} == {"select_one zufriedenheit"}


def test_logic_features_of_xlsform_are_all_used(survey):
    assert any(row["relevant"] for row in survey)
    assert any(row["constraint"] and row["constraint_message::Deutsch (de)"] for row in survey)
    assert any(row["required"] == "yes" and row["required_message::Deutsch (de)"] for row in survey)
    assert any(row["type"] == "calculate" and row["calculation"] for row in survey)
    assert any(row["type"].startswith("rank ") for row in survey)
    assert any(row["parameters"] == "randomize=true" for row in survey)
    assert any(row["type"].startswith("select_multiple ") for row in survey)
    assert any(row["type"] == "text" and row["appearance"] == "multiline" for row in survey)


def test_the_number_of_employees_is_an_integer_limited_to_500000(survey):
    employees = next(row for row in survey if row["name"] == "beschaeftigte")

    assert employees["type"] == "integer"
    assert employees["constraint"].startswith(". >= 0 and . <= 500000")
    assert "500 000" in employees["constraint_message::Deutsch (de)"]


def test_every_other_answer_has_a_namely_follow_up(survey, choices):
    by_name = {row["name"]: row for row in survey}
    selects_with_other = [
        row
        for row in questions(survey)
        if row["type"].startswith("select_") and any(c["name"] == "sonstige" for c in choices[list_name(row)])
    ]

    assert selects_with_other
    for select in selects_with_other:
        follow_up = by_name[f"{select['name']}_sonstige"]
        assert follow_up["type"] == "text"
        assert follow_up["relevant"] == f"selected(${{{select['name']}}}, 'sonstige')"
        assert "nämlich" in follow_up[DE]


def test_questions_on_land_needs_are_asked_only_of_companies_that_expand_or_relocate(survey):
    page = next(row for row in survey if row["type"] == "begin_group" and row["name"] == "flaechenbedarf")
    flag = next(row for row in survey if row["name"] == "hat_flaechenbedarf")

    assert page["relevant"] == "${hat_flaechenbedarf} = 1"
    assert "${fl_plaene}" in flag["calculation"]
    assert "'nein'" not in flag["calculation"]


def test_energy_price_questions_depend_on_energy_intensity(survey):
    by_name = {row["name"]: row for row in survey}

    assert "${en_kostenanteil}" in by_name["ist_energieintensiv"]["calculation"]
    assert by_name["en_preisbelastung"]["relevant"] == "${ist_energieintensiv} = 1"
    assert by_name["en_netzanschluss"]["relevant"] == "${ist_energieintensiv} = 1"


def test_the_priorities_of_the_agency_are_ranked(survey, choices):
    ranking = next(row for row in survey if row["name"] == "wf_prioritaeten")

    assert ranking["type"] == "rank thema"
    assert len(choices["thema"]) >= 5


def test_none_cannot_be_combined_with_other_answers(survey, choices):
    with_none = [
        row
        for row in survey
        if row["type"].startswith("select_multiple ") and any(c["name"] == "keine" for c in choices[list_name(row)])
    ]

    assert with_none
    assert all(row["constraint"] == "not(selected(., 'keine') and count-selected(.) > 1)" for row in with_none)


def test_contact_details_for_workshops_are_optional_and_asked_only_when_wanted(survey):
    workshop = {row["name"]: row for row in pages(survey)["workshops"]}
    contact = workshop["ws_kontakt"]

    assert workshop["ws_teilnahme"]["required"] == "yes"
    assert contact["required"] == ""
    assert "freiwillig" in contact[DE]
    assert "selected(${ws_kontakt_gewuenscht}, 'ja')" in contact["relevant"]
    assert workshop["ws_kontakt_gewuenscht"]["required"] == ""
    assert "freiwillig" in workshop["ws_hinweis_kontakt"][DE]


def test_the_municipality_list_holds_the_39_gemeinden_of_the_shipped_file_and_outside(choices):
    with build_default.MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        shipped = {row["ags"]: row["name"] for row in csv.DictReader(handle)}
    listed = {choice["name"]: choice[DE] for choice in choices["gemeinde"]}

    assert len(shipped) == 39
    assert listed == {**shipped, "ausserhalb": "außerhalb des Landkreises"}
    assert all(re.fullmatch(r"08118\d{3}", ags) for ags in shipped)


def test_the_sector_list_holds_the_wz_2008_sections_a_to_u(choices):
    listed = [(choice["name"], choice[DE]) for choice in choices["wz2008"]]

    assert [name for name, _ in listed] == [section.code for section in SECTIONS] == list("ABCDEFGHIJKLMNOPQRSTU")
    assert all(section.name in label for section, (_, label) in zip(SECTIONS, listed, strict=True))


def test_the_size_classes_follow_the_official_employee_classes(choices):
    assert [choice[DE] for choice in choices["groessenklasse"]] == [
        "0 bis 9 Beschäftigte",
        "10 bis 49 Beschäftigte",
        "50 bis 249 Beschäftigte",
        "250 und mehr Beschäftigte",
    ]


def test_every_choice_list_is_used_by_a_question(survey, choices):
    used = {list_name(row) for row in survey if row["type"].split()[0] in {"select_one", "select_multiple", "rank"}}

    assert used == set(choices)
