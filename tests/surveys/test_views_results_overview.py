"""The results overview: contents, a heading per questionnaire page and question, a chart per question with its
table behind a disclosure, and nothing in a chart that the table hides (issue 11 §6)."""

import itertools
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from surveys.results_data import grid, results_survey

pytestmark = pytest.mark.django_db

# Industrie (3) is below the threshold of 5; Andere (10) is hidden with it, so that it cannot be worked out.
CELLS = {("industrie", "0_9"): 3, ("handel", "0_9"): 12, ("other", "10_49"): 10}
# The matrix "Zufriedenheit": Breitband answered by all, Verkehr by 3 only (not drawn).
ANSWERS = [
    {**answer, "z_breitband": "1" if number % 2 else "2", **({"z_verkehr": "2"} if number < 3 else {})}
    for number, answer in enumerate(grid(CELLS))
]
DRAWN = ["branche", "groesse", "z_breitband"]  # the questions with a drawable, suppressed result


class Outline(HTMLParser):
    """The headings (level, id, text), the contents' links, the chart specs and what each <details> holds."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.headings: list[tuple[int, str, str]] = []
        self.contents: list[str] = []
        self.details: list[str] = []  # the caption of the table inside each disclosure
        self._heading: list[object] | None = None
        self._in_nav = False
        self._in_details = False
        self._in_caption = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), attributes.get("id") or "", ""]
        elif tag == "nav" and attributes.get("class") == "results-contents":
            self._in_nav = True
        elif tag == "a" and self._in_nav:
            self.contents.append(attributes.get("href") or "")
        elif tag == "details":
            self._in_details = True
        elif tag == "caption" and self._in_details:
            self._in_caption = True

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading[0]}":
            level, anchor, text = self._heading
            self.headings.append((int(str(level)), str(anchor), str(text).strip()))
            self._heading = None
        elif tag == "nav":
            self._in_nav = False
        elif tag == "details":
            self._in_details = False
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[2] = str(self._heading[2]) + data
        if self._in_caption:
            self.details.append(data.strip())


def _overview(client, survey, **query):
    response = client.get(reverse("surveys_manage:results", args=[survey.process_id, survey.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def _specs(html):
    """Every chart spec on the page by the question it draws."""
    found = re.findall(r'<script id="frage-(.+?)-spec" type="application/json">(.*?)</script>', html, re.S)
    return {name: json.loads(text) for name, text in found}


@pytest.fixture
def survey(process):
    return results_survey(process, ANSWERS)


def test_the_overview_opens_with_contents_linking_every_page_and_question(survey, client_for):
    html = _overview(client_for("editor"), survey)
    outline = Outline(html)

    targets = {anchor for _level, anchor, _text in outline.headings if anchor}
    assert outline.contents[:3] == ["#seite-1", "#frage-firma", "#frage-beschreibung"]
    assert "#seite-2" in outline.contents
    assert "#frage-z_breitband" in outline.contents
    assert all(link.lstrip("#") in targets for link in outline.contents)
    # In the order of the page, every page and question once.
    assert [link.lstrip("#") for link in outline.contents] == [
        anchor for _level, anchor, _text in outline.headings if anchor.startswith(("seite-", "frage-"))
    ]


def test_the_overview_heads_each_questionnaire_page_with_h2_and_each_question_with_h3(survey, client_for):
    outline = Outline(_overview(client_for("editor"), survey))

    levels = [level for level, _anchor, _text in outline.headings]
    main = levels[levels.index(1) :]
    assert main.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(main))  # no level skipped
    pages = [text for level, anchor, text in outline.headings if level == 2 and anchor.startswith("seite-")]
    assert pages[:2] == ["Profil", "Themen"]
    after_profile = [text for level, _anchor, text in outline.headings if level in (2, 3)]
    start = after_profile.index("Profil")
    assert after_profile[start + 1 : start + 3] == ["Firmenname", "Beschreibung"]
    assert "Zufriedenheit" in after_profile  # the matrix once, under its own name
    assert all(level == 3 for level, anchor, _text in outline.headings if anchor == "frage-firma")


def test_a_page_without_a_label_holding_one_question_is_headed_by_that_question(survey, client_for):
    outline = Outline(_overview(client_for("editor"), survey))

    # "Kanal – Sonstiges" stands on a page of its own without a label: no "Questions" heading above it.
    assert (2, "frage-kanal_other", "Kanal – Sonstiges") in outline.headings
    assert not [text for level, _anchor, text in outline.headings if text in {"Fragen", "Questions"}]


def test_the_overview_draws_one_chart_per_question_with_its_table_in_a_disclosure(survey, client_for):
    html = _overview(client_for("board"), survey)
    specs = _specs(html)

    assert sorted(specs) == sorted(DRAWN)
    assert all(spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/") for spec in specs.values())
    for name in DRAWN:
        assert f'data-vega-spec="frage-{name}-spec" aria-hidden="true"' in html
    # Each chart's text alternative: its description as the figure's caption, the table right after it.
    assert html.count("<figcaption") == len(DRAWN)
    assert Outline(html).details == ["Branche", "Größe", "Zufriedenheit"]
    assert html.count("<summary>") == len(DRAWN)
    # The page loads the chart kit.
    assert "vendor/vega/vega-embed" in html
    assert "core/charts.js" in html


def test_the_overview_charts_draw_nothing_the_tables_hide(survey, client_for):
    html = _overview(client_for("editor"), survey)
    specs = _specs(html)

    sectors = specs["branche"]["data"]["values"]
    assert [value["category"] for value in sectors] == ["Handel"]  # Industrie (3) and Andere hidden
    assert "Industrie" not in json.dumps(specs["branche"], ensure_ascii=False)
    assert re.search(r">Industrie</th>(<td[^>]*>•</td>){3}", html)
    items = {value["item"] for value in specs["z_breitband"]["data"]["values"]}
    assert items == {"Breitband"}  # Verkehr answered by 3: not drawn
    # The text alternatives say so; a chart without a hidden figure does not.
    assert specs["branche"]["description"].endswith("Antworten mit verborgener Zahl sind nicht gezeichnet.")
    assert specs["z_breitband"]["description"].endswith("Aussagen mit verborgener Zahl sind nicht gezeichnet.")
    assert "verborgen" not in specs["groesse"]["description"]
    assert html.count("mit verborgener Zahl sind nicht gezeichnet.") == 2 * 2  # the spec and the figure's caption


def test_administration_sees_the_hidden_figures_drawn_only_in_the_unsuppressed_view(survey, client_for):
    client = client_for("admin")

    hidden = _specs(_overview(client, survey))
    shown = _specs(_overview(client, survey, ungeschuetzt="1"))

    assert [value["category"] for value in hidden["branche"]["data"]["values"]] == ["Handel"]
    assert [value["category"] for value in shown["branche"]["data"]["values"]] == ["Industrie", "Handel", "Andere"]


def test_a_question_with_too_few_answers_gets_neither_chart_nor_table(process, client_for):
    survey = results_survey(process, grid({("handel", "0_9"): 4}))

    html = _overview(client_for("editor"), survey)

    assert _specs(html) == {}
    assert "<details" not in html
    assert "Zu wenige Antworten" in html or "Too few answers" in html


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("outsider", 404), ("company", 403), ("partner", 403)]
)
def test_roles_without_board_matters_get_no_overview_and_no_chart(survey, client_for, role, status):
    response = client_for(role).get(reverse("surveys_manage:results", args=[survey.process_id, survey.pk]))

    assert response.status_code == status
    assert b"-spec" not in response.content
