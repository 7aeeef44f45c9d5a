"""The survey result charts (surveys.charts): what they draw and that it can be seen (WCAG 1.4.11)."""

import json

import pytest

from standortkompass.surveys import charts
from standortkompass.surveys.dataset import Variable
from standortkompass.surveys.results import ChoiceResult, Row
from surveys.colours import PAGE_BACKGROUND, contrast_ratio


def test_the_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#777777") == contrast_ratio("#777777", "#ffffff")


def _choice_result() -> ChoiceResult:
    variable = Variable(
        "branche", "branche", "select_one", "Branche", (("industrie", "Industrie"), ("handel", "Handel"))
    )
    rows = (
        Row("industrie", "Industrie", 10, 0.25, 0.142, 0.402),
        Row("handel", "Handel", 30, 0.75, 0.598, 0.858),
        Row("other", "Andere", None, None, None, None, hidden=True),
    )
    return ChoiceResult(variable, rows, 40, multiple=False, weighted=False, any_hidden=True)


def _layers(chart: charts.Chart) -> dict[str, dict]:
    spec = json.loads(chart.spec_text)
    return {layer["mark"]["type"]: layer for layer in spec["layer"]}


def test_interval_whiskers_stand_out_3_to_1_against_the_bars_and_the_page():
    chart = charts.choice_chart(_choice_result(), chart_id="frage-branche")
    assert chart is not None
    layers = _layers(chart)
    bar = layers["bar"]["mark"]["color"]
    whisker = layers["errorbar"]["mark"]["color"]

    # A whisker runs from inside its bar (its lower end) out onto the page (its upper end).
    assert contrast_ratio(whisker, bar) >= 3
    assert contrast_ratio(whisker, PAGE_BACKGROUND) >= 3
    assert contrast_ratio(bar, PAGE_BACKGROUND) >= 3
    # Thick enough to be seen, with caps that mark where the interval ends.
    assert layers["errorbar"]["mark"]["thickness"] >= 2
    assert layers["errorbar"]["mark"]["ticks"]


def test_the_whiskers_span_each_drawn_interval_and_leave_hidden_answers_out():
    chart = charts.choice_chart(_choice_result(), chart_id="frage-branche")
    assert chart is not None
    layers = _layers(chart)

    assert layers["errorbar"]["encoding"]["x"]["field"] == "low"
    assert layers["errorbar"]["encoding"]["x2"]["field"] == "high"
    assert [(value["category"], value["low"], value["high"]) for value in chart.data] == [
        ("Industrie", 0.142, 0.402),
        ("Handel", 0.598, 0.858),
    ]


def test_a_ranking_is_drawn_and_described_by_its_first_places():
    variable = Variable("rangfolge", "rangfolge", "rank", "Rangfolge", (("digital", "Digitalisierung"),))
    rows = (Row("digital", "Digitalisierung", 8, 0.8, 0.49, 0.94, mean_position=1.2),)
    result = ChoiceResult(variable, rows, 10, multiple=False, weighted=False)

    chart = charts.choice_chart(result, chart_id="frage-rangfolge")

    assert chart is not None
    assert "Platz 1" in chart.description
    assert _layers(chart)["bar"]["encoding"]["x"]["title"] == "Anteil der Befragten mit dieser Antwort auf Platz 1"
