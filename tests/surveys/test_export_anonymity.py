"""Exports below Administration are k-anonymous in the quasi-identifiers (export_anonymity), and say what was done."""

import numpy as np
import pandas as pd
import pytest

from standortkompass.surveys.dataset import Variable as DataVariable
from standortkompass.surveys.export_anonymity import WZ_GROUPS, Declared, anonymise_profile, declared_quasi_identifiers
from standortkompass.surveys.export_formats import Variable
from standortkompass.surveys.export_table import export_table
from standortkompass.surveys.runtime import Runtime
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create
from surveys.forms import SURVEY, xlsx
from surveys.results_data import RESULTS_CHOICES, results_survey

pytestmark = pytest.mark.django_db


def _answers(profiles: dict[tuple[str, str, str], int]) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for (branche, groesse, ort), count in profiles.items():
        found += [{"firma": "X", "branche": branche, "groesse": groesse, "ort": ort} for _ in range(count)]
    return found


# One company is the only firm of Handel with 50 to 249 employees: its profile must not reach an export.
PROFILES = {
    ("industrie", "0_9", "a"): 6,
    ("industrie", "10_49", "a"): 5,
    ("handel", "0_9", "a"): 6,
    ("handel", "10_49", "a"): 5,
    ("handel", "50_249", "a"): 1,
    ("handel", "250_plus", "a"): 4,
}


def _combinations(table, names):
    frame = table.rows[[name for name in names if name in table.rows.columns]]
    return frame.fillna(np.inf).groupby(list(frame.columns)).size() if len(frame.columns) else None


def test_a_unique_profile_does_not_appear_in_a_suppressed_export(process):
    survey = results_survey(process, _answers(PROFILES), municipality_question="ort")

    open_table = export_table(survey=survey, suppressed=False)
    table = export_table(survey=survey, suppressed=True)

    assert (_combinations(open_table, ["branche", "groesse", "ort"]) == 1).any()  # the company, without suppression
    combinations = _combinations(table, ["branche", "groesse", "ort"])
    assert combinations is not None
    assert (combinations >= 5).all()
    groesse = next(variable for variable in table.variables if variable.name == "groesse")
    assert groesse.value_labels == {1: "0 bis 9 / 10 bis 49", 3: "50 bis 249 / 250 und mehr"}
    notes = " ".join(table.notes)
    assert "Größe: Kategorien zusammengefasst zu 0 bis 9 / 10 bis 49; 50 bis 249 / 250 und mehr." in notes
    assert "Branche, Größe, Ort" in notes  # the quasi-identifiers are named


def test_a_quasi_identifier_that_cannot_be_coarsened_is_left_out_and_named(process):
    # Two firms in the Bahnhof quarter: the place cannot be coarsened, so it is left out.
    profiles = {("industrie", "0_9", "a"): 6, ("handel", "0_9", "a"): 6, ("handel", "0_9", "b"): 2}
    survey = results_survey(process, _answers(profiles), municipality_question="ort")

    table = export_table(survey=survey, suppressed=True)

    assert "ort" not in table.rows.columns
    assert "ort" not in [variable.name for variable in table.variables]
    assert any(note.startswith("Weggelassen") and "Ort" in note for note in table.notes)


def test_a_question_the_questionnaire_marks_as_quasi_identifier_is_protected(process):
    survey_rows = [row + [""] * (14 - len(row)) for row in SURVEY]
    survey_rows[0] = [*survey_rows[0], "quasi_identifier"]
    survey_rows = [
        row if index == 0 else [*row, "yes" if row[1] == "kanal" else ""] for index, row in enumerate(survey_rows)
    ]
    version = questionnaire_import(process=process, data=xlsx(survey_rows, RESULTS_CHOICES), filename="befragung.xlsx")
    questionnaire_publish(version=version, actor=None)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None)
    from standortkompass.surveys.models import Response, ResponseStatus

    answers = [{"firma": "X", "branche": "industrie", "groesse": "0_9", "kanal": "mail"} for _ in range(8)]
    answers.append({"firma": "X", "branche": "industrie", "groesse": "0_9", "kanal": "telefon"})
    Response.objects.bulk_create(
        [Response(survey=survey, version=version, status=ResponseStatus.COMPLETED, answers=entry) for entry in answers]
    )

    declared = declared_quasi_identifiers(survey=survey, runtime=Runtime(version.schema))
    table = export_table(survey=survey, suppressed=True)

    assert Declared("kanal", "") in declared
    assert "kanal" not in table.rows.columns
    assert any("Kanal" in note for note in table.notes if note.startswith("Weggelassen"))


def test_free_text_stays_out_of_an_export_below_administration(process):
    answers = [{"firma": "Muster GmbH", "branche": "industrie", "beschreibung": "Wir sind die einzigen"}] * 6
    survey = results_survey(process, answers)

    suppressed = export_table(survey=survey, suppressed=True)
    unsuppressed = export_table(survey=survey, suppressed=False)

    assert "beschreibung" not in suppressed.rows.columns
    assert "firma" not in suppressed.rows.columns
    assert "beschreibung" in unsuppressed.rows.columns


def test_wz_sections_are_grouped_as_in_the_national_accounts():
    assert [len(groups) for groups in WZ_GROUPS] == [10, 3]
    for groups in WZ_GROUPS:
        assert "".join(groups) == "ABCDEFGHIJKLMNOPQRSTU"


def test_grouped_wz_sections_are_labelled_by_their_range():
    sections = DataVariable(
        "wz", "wz", "select_one", "Wirtschaftszweig", tuple((c, f"{c} – Abschnitt {c}") for c in "ABCDEF")
    )
    variable = Variable(
        "wz",
        "Wirtschaftszweig",
        "categorical",
        {i + 1: f"{c} – Abschnitt {c}" for i, c in enumerate("ABCDEF")},
        question="wz",
    )
    frame = pd.DataFrame({"wz": [1.0] * 5 + [2.0, 3.0, 4.0, 5.0, 6.0]})

    result = anonymise_profile(
        frame=frame,
        variables=[variable],
        declared=[Declared("wz", "sections")],
        data_variables={"wz": sections},
        threshold=5,
        skip_choices=frozenset(),
    )

    # A*10 would leave B-E (4 firms) and F (1) too small; the three groups A, B-F, G-U hold.
    assert result.variables[0].value_labels == {1: "A – Abschnitt A", 2: "WZ-Abschnitte B bis F"}
