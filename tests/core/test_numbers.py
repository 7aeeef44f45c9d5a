"""Numbers as the pages show them: German grouping and decimal comma, a percent sign kept on its number's line."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from standortkompass.core.numbers import format_number, format_percent, format_percent_range, plain_spaces


def test_numbers_are_rounded_and_grouped_in_german() -> None:
    with translation.override("de"):
        assert format_number(1234567.891, 1) == "1.234.567,9"
        assert format_number(0.25, 2) == "0,25"
        assert format_number(2.5) == "2"  # rounded half to even, as Python does
        assert format_number(17.86, 1) == "17,9"


def test_a_percent_value_has_a_no_break_space_before_the_sign() -> None:
    with translation.override("de"):
        assert format_percent(17.83) == "17,8\u00a0%"
        assert format_percent(100) == "100,0\u00a0%"
        assert " " not in format_percent(1234.5)


def test_a_range_of_percent_values_never_breaks() -> None:
    with translation.override("de"):
        assert format_percent_range(14.2, 40.25) == "14,2\u00a0–\u00a040,2\u00a0%"


def test_files_for_spreadsheets_get_ordinary_spaces() -> None:
    assert plain_spaces("14,2\u00a0–\u00a040,2\u00a0%") == "14,2 – 40,2 %"


def test_the_percent_filter_formats_a_rate_and_shows_a_dash_without_one() -> None:
    template = Template("{% load numbers %}{{ rate|percent }}|{{ none|percent }}|{{ rate|percent:0 }}")
    with translation.override("de"):
        assert template.render(Context({"rate": 17.83, "none": None})) == "17,8\u00a0%|–|18\u00a0%"
