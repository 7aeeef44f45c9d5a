import copy
import math

import numpy as np
import pandas as pd
import pytest
from django.core.cache import cache

from standortkompass.surveys import dataset as datasets
from standortkompass.surveys.dataset import results_dataset, survey_dataset
from standortkompass.surveys.models import Response, ResponseStatus
from standortkompass.surveys.results import published_question, results_overview, results_view
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


MIXED = [
    {"firma": "A", "beschaeftigte": 12, "branche": "industrie", "themen_wahl": ["digital"], "z_breitband": "1"},
    {"firma": "B", "branche": "handel", "themen_wahl": ["digital", "energie"], "rangfolge": ["energie", "digital"]},
    {"branche": "bergbau", "themen_wahl": ["gibt_es_nicht"], "rangfolge": ["digital"], "z_breitband": "weiss_nicht"},
    {"branche": ["industrie"], "themen_wahl": [], "z_verkehr": "2", "beschaeftigte": "viele"},
] + [{"branche": "industrie", "groesse": "0_9", "themen_wahl": ["energie"], "rangfolge": ["digital", "energie"]}] * 6


def test_the_results_form_has_categories_list_columns_and_no_text(process):
    survey = results_survey(process, MIXED)
    frame = results_dataset(survey=survey).frame
    assert isinstance(frame["branche"].dtype, pd.CategoricalDtype)
    assert list(frame["branche"].cat.categories) == ["industrie", "handel", "other"]
    # A choice the questionnaire does not have and an answer that is no choice at all: no answer.
    assert frame["branche"].tolist()[:4] == ["industrie", "handel", np.nan, np.nan]
    assert "themen_wahl" not in frame
    assert "rangfolge" not in frame
    energie = frame["themen_wahl__energie"].tolist()
    assert energie[:3] == [0.0, 1.0, 0.0]
    assert math.isnan(energie[3])  # the empty list
    assert frame["rangfolge__energie"].tolist()[1] == 1.0
    # Texts only as whether they were given: the table kept in the cache holds no free text.
    assert frame["firma"].tolist()[:4] == [True, True, False, False]
    assert not [name for name in frame if frame[name].dtype == object]


def test_results_from_both_forms_of_the_table_are_the_same(process):
    survey = results_survey(process, MIXED)
    found = []
    for dataset in (survey_dataset(survey=survey), results_dataset(survey=survey)):
        view = results_view(survey=survey, dataset=dataset, suppressed=False, weighted=False)
        found.append(results_overview(dataset=dataset, view=view))
    assert found[0] == found[1]
    results = {entry.name: entry.result for group in found[1] for entry in group.entries}
    # Multiple choice: the empty list and the unknown choice are no answer.
    assert results["themen_wahl"].n == 8
    assert [row.count for row in results["rangfolge"].rows] == [7, 1]  # put first: digital 7 times, energie once


def _frame_from_nothing(survey):
    cache.clear()
    return results_dataset(survey=survey).frame


def test_the_results_table_is_kept_and_only_what_changed_is_read(process, monkeypatch):
    cache.clear()
    survey = results_survey(process, MIXED, partial=1)
    read = []
    answers_frame = datasets.answers_frame

    def counting(variables, rows, *, counted):
        read.append(len(rows))
        return answers_frame(variables, rows, counted=counted)

    monkeypatch.setattr(datasets, "answers_frame", counting)

    key = f"surveys:results-frame:{survey.pk}:{survey.created_at.timestamp()}"

    def current():
        """The table kept up to date and the number of responses read for it; checked against one from nothing."""
        read.clear()
        frame = results_dataset(survey=survey).frame
        reads = sum(read)
        kept = cache.get(key)
        pd.testing.assert_frame_equal(frame, _frame_from_nothing(survey))
        cache.set(key, kept)
        return frame, reads

    frame, reads = current()
    assert (len(frame), reads) == (10, 10)
    frame, reads = current()
    assert (len(frame), reads) == (10, 0)

    version = survey.questionnaire.versions.get()
    added = Response.objects.create(
        survey=survey, version=version, status=ResponseStatus.COMPLETED, answers={"branche": "handel"}
    )
    frame, reads = current()
    assert frame["branche"].tolist()[-1] == "handel"
    assert reads == 1

    first = Response.objects.filter(survey=survey).order_by("id").first()
    first.answers = {**first.answers, "branche": "handel"}
    first.revision += 1
    first.save()
    frame, reads = current()
    assert frame.loc[first.pk, "branche"] == "handel"
    assert reads == 1

    added.delete()
    Response.objects.filter(pk=first.pk).update(status=ResponseStatus.IN_PROGRESS)
    frame, reads = current()
    assert reads == 0
    assert first.pk not in frame.index
    assert added.pk not in frame.index
    assert len(frame) == 9


def test_the_results_table_starts_afresh_when_the_questions_change(process):
    cache.clear()
    survey = results_survey(process, [{"branche": "industrie"}, {"branche": "handel"}])
    assert list(results_dataset(survey=survey).frame["branche"].cat.categories) == ["industrie", "handel", "other"]
    draft = questionnaire_new_draft(questionnaire=survey.questionnaire, actor=None)
    schema = copy.deepcopy(draft.schema)
    schema["choice_lists"]["branche"] = [c for c in schema["choice_lists"]["branche"] if c["name"] != "industrie"]
    questionnaire_version_update(version=draft, schema=schema)
    questionnaire_publish(version=draft, actor=None)
    frame = results_dataset(survey=survey).frame
    assert list(frame["branche"].cat.categories) == ["handel", "other"]
    assert frame["branche"].tolist() == [np.nan, "handel"]
