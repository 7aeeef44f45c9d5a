"""Formatted text (Markdown) is rendered to a small, safe subset of HTML."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template

from standortkompass.core.templatetags.formatting import render_formatted


def test_markdown_becomes_html():
    html = render_formatted("## Ziele\n\n- **mehr** Fachkräfte\n- *weniger* Fläche")

    assert "<h2>Ziele</h2>" in html
    assert "<li><strong>mehr</strong> Fachkräfte</li>" in html
    assert "<em>weniger</em>" in html


def test_tables_keep_their_header_cells():
    html = render_formatted("| Jahr | Beschäftigte |\n|---|---|\n| 2020 | 206752 |")

    assert "<th>Jahr</th>" in html
    assert "<td>206752</td>" in html


def test_on_a_page_a_table_scrolls_in_its_focusable_wrapper_instead_of_the_page():
    html = Template("{% load formatting %}{{ text|formatted }}").render(
        Context({"text": "Vorher\n\n| Name | Zweck |\n|---|---|\n| `csrftoken` | Schutz |\n\nNachher"})
    )

    wrapper = re.search(
        r'<div class="kern-table-responsive" tabindex="0" role="region" aria-label="([^"]+)"><table>', html
    )
    assert wrapper is not None
    assert wrapper.group(1) == "Tabelle, auf kleinen Bildschirmen seitlich verschiebbar"
    assert html.count("</table></div>") == 1
    assert "<p>Nachher</p>" in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<iframe src="https://evil.example"></iframe>',
        "[klick](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        '<p style="background:url(https://tracker.example)">x</p>',
    ],
)
def test_dangerous_markup_is_removed(text):
    html = render_formatted(text)

    for fragment in ["<script", "<img", "<iframe", "javascript:", "onclick", "onerror", "style=", "tracker"]:
        assert fragment not in html


def test_links_open_without_handing_over_the_referrer():
    html = render_formatted("[IHK](https://www.ihk.example.org/)")

    assert 'href="https://www.ihk.example.org/"' in html
    assert 'rel="noopener noreferrer"' in html


def test_empty_text_renders_nothing():
    assert render_formatted("") == ""


def test_the_template_filter_marks_the_cleaned_html_safe():
    rendered = Template("{% load formatting %}{{ text|formatted }}").render(Context({"text": "**fett** <b>x</b>"}))

    assert rendered == "<p><strong>fett</strong> x</p>"
