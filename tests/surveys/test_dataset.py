import copy
import math

import numpy as np
import pytest

from standortkompass.surveys.dataset import survey_dataset
from standortkompass.surveys.models import Response, ResponseStatus
from standortkompass.surveys.results import published_question, results_view
from standortkompass.surveys.services.questionnaires import (
    questionnaire_new_draft,
    questionnaire_publish,
    questionnaire_version_update,
)
from surveys.results_data import results_survey

pytestmark = pytest.mark.django_db


def test_dataset_has_one_row_per_completed_response_and_columns_by_question(process):
    survey = results_survey(
        process,
        [
            {"firma": "A", "beschaeftigte": 12, "branche": "industrie", "themen_wahl": ["digital"], "z_breitband": "1"},
            {
                "firma": "B",
                "beschaeftigte": "7",
                "themen_wahl": ["digital", "energie"],
                "rangfolge": ["energie", "digital"],
            },
        ],
        partial=1,
    )
    dataset = survey_dataset(survey=survey)
    frame = dataset.frame
    assert len(frame) == 2
    assert frame.index.name == "response"
    assert frame["beschaeftigte"].dtype == np.float64
    assert frame["beschaeftigte"].tolist() == [12.0, 7.0]
    assert frame["branche"].tolist()[0] == "industrie"
    assert frame["branche"].tolist()[1] is None
    assert frame["themen_wahl"].tolist()[1] == ["digital", "energie"]
    assert frame["themen_wahl__energie"].tolist() == [0.0, 1.0]
    assert frame["rangfolge__energie"].tolist()[1] == 1.0
    assert frame["rangfolge__digital"].tolist()[1] == 2.0
    assert math.isnan(frame["rangfolge__digital"].tolist()[0])
    assert len(survey_dataset(survey=survey, include_partial=True).frame) == 3


def test_variables_carry_kind_label_choices_and_matrix(process):
    dataset = survey_dataset(survey=results_survey(process, []))
    variables = {variable.name: variable for variable in dataset.variables}
    assert variables["branche"].kind == "select_one"
    assert variables["branche"].label == "Branche"
    assert variables["branche"].choices == (("industrie", "Industrie"), ("handel", "Handel"), ("other", "Andere"))
    assert variables["z_breitband"].matrix == "zufriedenheit"
    assert variables["z_breitband"].label == "Zufriedenheit – Breitband"
    assert variables["beschreibung"].kind == "long_text"
    assert variables["themen_wahl__digital"].question == "themen_wahl"
    assert variables["kanal_other"].kind == "text"
    assert "hinweis" not in variables
    assert "pro_kopf" not in variables
    assert list(dataset.frame.columns)[:2] == ["firma", "beschreibung"]


def test_responses_to_an_older_version_count_by_name_and_unknown_choices_are_no_answer(process):
    survey = results_survey(process, [{"branche": "industrie", "kanal": "mail"}] * 5)
    old = survey.questionnaire.versions.get()
    draft = questionnaire_new_draft(questionnaire=survey.questionnaire, actor=None)
    schema = copy.deepcopy(draft.schema)
    schema["choice_lists"]["branche"] = [c for c in schema["choice_lists"]["branche"] if c["name"] != "industrie"]
    questionnaire_version_update(version=draft, schema=schema)
    questionnaire_publish(version=draft, actor=None)
    new = survey.questionnaire.versions.get(pk=draft.pk)
    Response.objects.create(survey=survey, version=new, status=ResponseStatus.COMPLETED, answers={"branche": "handel"})
    dataset = survey_dataset(survey=survey)
    assert len(dataset.frame) == 6
    assert dataset.variable("branche").choices == (("handel", "Handel"), ("other", "Andere"))
    assert dataset.frame["kanal"].tolist()[:5] == ["mail"] * 5
    assert old.pk != new.pk
    view = results_view(survey=survey, dataset=dataset, suppressed=False, weighted=False)
    result = published_question(dataset=dataset, variable=dataset.variable("branche"), view=view)
    assert result.n == 1  # "industrie" is no longer a choice: no answer
