"""Survey results as evidence of the strategy: the options, what a cited result shows, suppression kept."""

from __future__ import annotations

from standortkompass.processes import evidence
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.results.types import HIDDEN
from surveys.results_data import grid, results_survey


def _kind():
    kind = evidence.kind("survey_result")
    assert kind is not None
    return kind


def test_the_options_offer_each_question_and_single_choice_questions_by_size_class(process):
    survey = results_survey(process, grid({("industrie", "0_9"): 6, ("handel", "10_49"): 6}), size_question="groesse")
    options = _kind().options(process)
    references = [option.reference for option in options]
    assert {"survey": survey.pk, "question": "branche", "breakdown": ""} in references
    assert {"survey": survey.pk, "question": "branche", "breakdown": "groesse"} in references
    # The size question is not broken down by itself.
    assert {"survey": survey.pk, "question": "groesse", "breakdown": "groesse"} not in references
    assert all(option.group == survey.title for option in options)


def test_a_cited_result_shows_its_shares_with_the_surveys_suppression(process):
    survey = results_survey(process, grid({("industrie", "0_9"): 8, ("handel", "0_9"): 7, ("other", "0_9"): 2}))
    reference = {"survey": survey.pk, "question": "branche", "breakdown": ""}
    shown = _kind().resolve(process, reference, public=True)
    assert shown is not None
    assert shown.title == "Branche"
    # Two answers are below the minimum cell size, and "Handel" would give them away: both hidden, to the
    # public and to Redaktion alike.
    assert shown.details == (("Industrie", "47,1\N{NO-BREAK SPACE}%"), ("Handel", HIDDEN), ("Andere", HIDDEN))
    assert shown.url == ""
    internal = _kind().resolve(process, reference, public=False)
    assert internal.details == shown.details
    assert internal.url.endswith("/ergebnisse/frage/branche/")


def test_a_breakdown_shows_the_most_frequent_answer_per_size_class_and_keeps_small_cells_hidden(process):
    cells = {("industrie", "0_9"): 9, ("industrie", "10_49"): 8, ("handel", "0_9"): 6, ("handel", "10_49"): 6}
    survey = results_survey(process, grid(cells), size_question="groesse")
    reference = {"survey": survey.pk, "question": "branche", "breakdown": "groesse"}
    shown = _kind().resolve(process, reference, public=True)
    assert shown is not None
    assert shown.title.startswith("Branche – ")
    assert "Industrie" in shown.summary
    # Size classes nobody answered in are left out.
    assert shown.details == (("0 bis 9", "60,0\N{NO-BREAK SPACE}%"), ("10 bis 49", "57,1\N{NO-BREAK SPACE}%"))
    cells |= {("industrie", "50_249"): 6, ("handel", "50_249"): 1}
    survey = results_survey(process, grid(cells), size_question="groesse")
    shown = _kind().resolve(process, {**reference, "survey": survey.pk}, public=True)
    assert dict(shown.details)["50 bis 249"] == HIDDEN


def test_an_unknown_question_or_another_processs_survey_is_no_source(process, regions):
    survey = results_survey(process, grid({("industrie", "0_9"): 6}))
    kind = _kind()
    assert kind.resolve(process, {"survey": survey.pk, "question": "nix", "breakdown": ""}, public=False) is None
    other = StrategyProcess.objects.create(slug="anderer", title="Anderer", region=regions["08118"])
    assert kind.resolve(other, {"survey": survey.pk, "question": "branche", "breakdown": ""}, public=False) is None
    assert kind.resolve(process, {"survey": "x"}, public=False) is None


def test_the_source_key_names_survey_question_and_breakdown():
    kind = _kind()
    assert kind.source_key({"survey": 4, "question": "q1", "breakdown": ""}) == "survey:4:q1:-"
    assert kind.source_key({"survey": 4, "question": "q1", "breakdown": "groesse"}) == "survey:4:q1:groesse"
