import pytest

from standortkompass.surveys import charts
from standortkompass.surveys.dataset import survey_dataset
from standortkompass.surveys.models import Response, ResponseStatus
from standortkompass.surveys.results import (
    ChoiceResult,
    CrossTabResult,
    LikertResult,
    NumericResult,
    cached_results_overview,
    published_crosstab,
    published_question,
    results_overview,
    results_view,
)
from surveys.results_data import grid, load_register, results_survey

pytestmark = pytest.mark.django_db


def _view(survey, dataset, *, suppressed=True, weighted=False):
    return results_view(survey=survey, dataset=dataset, suppressed=suppressed, weighted=weighted)


def _question(survey, name, **options):
    dataset = survey_dataset(survey=survey)
    return published_question(dataset=dataset, variable=dataset.variable(name), view=_view(survey, dataset, **options))


def test_shares_come_with_wilson_intervals(process):
    survey = results_survey(process, grid({("industrie", "0_9"): 10, ("handel", "0_9"): 30}))
    result = _question(survey, "branche")
    assert isinstance(result, ChoiceResult)
    industrie = result.rows[0]
    assert result.n == 40
    assert industrie.count == 10
    assert industrie.share == pytest.approx(0.25)
    # Wilson 95 %: p = 0.25, n = 40, z = 1.96 → 0.1419 … 0.4019 (computed by hand).
    assert industrie.ci_low == pytest.approx(0.1419, abs=1e-4)
    assert industrie.ci_high == pytest.approx(0.4019, abs=1e-4)
    assert result.rows[2].count == 0  # "Andere": zero stays visible


def test_a_small_category_and_the_next_smallest_are_hidden_below_administration(process):
    survey = results_survey(process, grid({("industrie", "0_9"): 3, ("handel", "0_9"): 20}))
    hidden = _question(survey, "branche")
    assert [row.hidden for row in hidden.rows] == [True, True, False]
    assert hidden.rows[0].count is None
    assert hidden.rows[0].share is None
    assert hidden.n == 23
    chart = charts.choice_chart(hidden, chart_id="x")
    assert chart is not None
    assert [value["category"] for value in chart.data] == ["Andere"]  # hidden bars are not drawn
    shown = _question(survey, "branche", suppressed=False)
    assert shown.unsuppressed
    assert [row.count for row in shown.rows] == [3, 20, 0]


def test_a_question_with_fewer_answers_than_the_threshold_shows_nothing(process):
    survey = results_survey(process, grid({("industrie", "0_9"): 4}))
    result = _question(survey, "branche")
    assert result.too_few
    assert result.rows == ()
    assert result.n is None


def test_likert_items_keep_dont_know_apart_and_are_drawn_negative_left(process):
    answers = [{"z_breitband": "1"}] * 6 + [{"z_breitband": "2"}] * 6 + [{"z_breitband": "weiss_nicht"}] * 5
    answers += [{"z_verkehr": "1"}] * 3 + [{"z_verkehr": "2"}] * 9
    survey = results_survey(process, answers)
    result = _question(survey, "z_breitband")
    assert isinstance(result, LikertResult)
    assert result.scale == (("2", "unzufrieden"), ("1", "sehr zufrieden"))
    breitband, verkehr = result.items
    assert [s.share for s in breitband.segments] == [pytest.approx(0.5), pytest.approx(0.5)]
    assert breitband.segments[0].start == pytest.approx(-50)
    assert breitband.dont_know[0].count == 5
    assert breitband.dont_know[0].share == pytest.approx(5 / 17)
    assert breitband.n == 12
    assert breitband.n_answered == 17
    assert breitband.mean == pytest.approx(1.5)  # on the choice names: (6·1 + 6·2) / 12
    assert verkehr.hidden  # 3 "sehr zufrieden" < 5: the bar is not drawn
    assert verkehr.segments[1].count is None
    chart = charts.likert_chart(result, chart_id="z")
    assert chart is not None
    assert {value["item"] for value in chart.data} == {"Breitband"}


def test_numbers_give_mean_and_median_but_not_the_extremes_below_administration(process):
    survey = results_survey(process, [{"beschaeftigte": value} for value in (1, 2, 3, 4, 100)])
    result = _question(survey, "beschaeftigte")
    assert isinstance(result, NumericResult)
    assert result.n == 5
    assert result.mean == pytest.approx(22)
    assert result.median == pytest.approx(3)
    assert result.maximum is None
    assert result.extremes_hidden
    assert _question(survey, "beschaeftigte", suppressed=False).maximum == 100


def test_a_crosstab_cell_below_five_is_hidden_with_secondary_cells_but_totals_stay(process):
    survey = results_survey(
        process,
        grid({("industrie", "0_9"): 3, ("industrie", "10_49"): 11, ("handel", "0_9"): 12, ("handel", "10_49"): 13}),
    )
    dataset = survey_dataset(survey=survey)
    result = published_crosstab(
        dataset=dataset,
        row_variable=dataset.variable("branche"),
        column_variable=dataset.variable("groesse"),
        view=_view(survey, dataset),
    )
    assert isinstance(result, CrossTabResult)
    assert result.counts[0][:2] == (None, None)
    assert result.counts[1][:2] == (None, None)
    assert result.shares[0][0] is None
    assert result.row_totals[:2] == (14, 25)
    assert result.column_totals[:2] == (15, 24)
    assert result.grand_total == 39
    assert charts.crosstab_chart(result, chart_id="k") is None
    shown = published_crosstab(
        dataset=dataset,
        row_variable=dataset.variable("branche"),
        column_variable=dataset.variable("groesse"),
        view=_view(survey, dataset, suppressed=False),
    )
    assert shown.counts[0][0] == 3
    assert shown.shares[0][0] == pytest.approx(3 / 15)


def test_weighting_by_size_class_to_the_register_keeps_unweighted_counts(process, regions):
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
    dataset = survey_dataset(survey=survey)
    view = _view(survey, dataset, weighted=True)
    assert view.weighting.active
    assert view.weighting.year == 2021
    assert view.weighting.empty_cells == ("50 bis 249", "250 und mehr")
    result = published_question(dataset=dataset, variable=dataset.variable("branche"), view=view)
    assert result.weighted
    assert result.rows[0].count == 10  # unweighted
    assert result.rows[0].share == pytest.approx(0.8)  # 800 / (800 + 200)
    assert result.n == 20


def test_weighting_is_not_offered_without_register_figures(process):
    survey = results_survey(process, grid({("industrie", "0_9"): 10}), weighting_enabled=True, size_question="groesse")
    dataset = survey_dataset(survey=survey)
    view = _view(survey, dataset, weighted=True)
    assert not view.weighting.available
    assert "egister" in view.weighting.explanation


def test_overview_groups_questions_by_page_and_shows_a_matrix_once(process):
    survey = results_survey(process, grid({("industrie", "0_9"): 10}))
    dataset = survey_dataset(survey=survey)
    groups = results_overview(dataset=dataset, view=_view(survey, dataset))
    names = [entry.name for group in groups for entry in group.entries]
    assert names.count("z_breitband") == 1
    assert "z_verkehr" not in names
    assert groups[0].label == "Profil"


def test_the_cached_overview_is_recomputed_when_a_response_comes_in(process):
    survey = results_survey(process, grid({("industrie", "0_9"): 10}))

    def industrie_count():
        overview = cached_results_overview(survey=survey, suppressed=True, weighted=False)
        entry = next(entry for group in overview.groups for entry in group.entries if entry.name == "branche")
        return entry.result.rows[0].count

    assert industrie_count() == 10
    version = survey.questionnaire.versions.get()
    Response.objects.create(
        survey=survey, version=version, status=ResponseStatus.COMPLETED, answers={"branche": "industrie"}
    )
    assert industrie_count() == 11
