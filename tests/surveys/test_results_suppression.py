"""Cross-tabs below Administration: nothing hidden can be worked out from what the results pages publish.

A reader of the results pages sees the number of completed responses, each question's own result (its
visible counts and number of respondents) and the cross-tab. The attacker below turns every one of those
figures into a linear equation on the unknown counts of the full table and tries to solve for each hidden
cell (rank test, as in tests/analysis/test_survey_suppression.py).
"""

import numpy as np
import pytest
from django.urls import reverse

from standortkompass.surveys.dataset import results_dataset
from standortkompass.surveys.results import (
    ChoiceResult,
    CrossTabResult,
    LikertResult,
    published_crosstab,
    published_question,
    results_view,
)
from surveys.results_data import grid, results_survey

pytestmark = pytest.mark.django_db


def _published(survey, row, column, *, suppressed=True):
    dataset = results_dataset(survey=survey)
    view = results_view(survey=survey, dataset=dataset, suppressed=suppressed, weighted=False)
    crosstab = published_crosstab(
        dataset=dataset, row_variable=dataset.variable(row), column_variable=dataset.variable(column), view=view
    )
    one_way = [
        published_question(dataset=dataset, variable=dataset.variable(name), view=view) for name in (row, column)
    ]
    return crosstab, one_way, len(dataset.frame)


def _counts(result):
    if isinstance(result, ChoiceResult):
        return {row.key: row.count for row in result.rows}, result.n
    assert isinstance(result, LikertResult)
    item = result.items[0]
    return {s.key: s.count for s in [*item.segments, *item.dont_know]}, item.n_answered


def _attack(full: np.ndarray, crosstab: CrossTabResult, one_way, responses: int) -> list[int]:
    """The hidden cells of the published cross-tab that the published figures determine, by their true value.

    ``full``: the true table, rows = the row question's choices + "no answer", columns likewise.
    """
    shape = full.shape
    equations = [np.ones(shape, dtype=bool)]  # the number of completed responses
    for axis, (result, choices) in enumerate(zip(one_way, (crosstab.rows, crosstab.columns), strict=True)):
        counts, n = _counts(result)
        keys = [key for key, _label in choices if key in counts]
        for index, key in enumerate(keys):
            if counts[key] is not None:
                mask = np.zeros(shape, dtype=bool)
                if axis == 0:
                    mask[index, :] = True
                else:
                    mask[:, index] = True
                equations.append(mask)
        if n is not None:
            mask = np.zeros(shape, dtype=bool)
            if axis == 0:
                mask[: shape[0] - 1, :] = True
            else:
                mask[:, : shape[1] - 1] = True
            equations.append(mask)
    hidden = []
    for i, row in enumerate(crosstab.counts):
        for j, count in enumerate(row):
            mask = np.zeros(shape, dtype=bool)
            mask[i, j] = True
            if count is None:
                hidden.append((i, j))
            else:
                assert count == full[i, j]
                equations.append(mask)
    system = np.array([mask.reshape(-1) for mask in equations], dtype=float)
    rank = np.linalg.matrix_rank(system)
    found = []
    for i, j in hidden:
        unit = np.zeros(shape)
        unit[i, j] = 1
        if full[i, j] > 0 and np.linalg.matrix_rank(np.vstack([system, unit.reshape(1, -1)])) == rank:
            found.append(int(full[i, j]))
    return found


# Sector (Industrie, Handel, Andere, no answer) x size class (0-9, 10-49, 50-249, 250+, no answer).
FULL = np.array(
    [
        [10, 14, 3, 0, 3],
        [8, 1, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [3, 2, 0, 0, 0],
    ]
)


def _responses(full: np.ndarray) -> list[dict[str, object]]:
    sectors = ["industrie", "handel", "other", None]
    sizes = ["0_9", "10_49", "50_249", "250_plus", None]
    answers: list[dict[str, object]] = []
    for i, sector in enumerate(sectors):
        for j, size in enumerate(sizes):
            entry: dict[str, object] = {"firma": "X"}
            if sector:
                entry["branche"] = sector
            if size:
                entry["groesse"] = size
            answers += [dict(entry) for _ in range(int(full[i, j]))]
    return answers


def test_the_crosstab_counts_who_skipped_a_question_so_its_totals_are_the_questions_counts(process):
    survey = results_survey(process, _responses(FULL))

    crosstab, (sectors, sizes), responses = _published(survey, "branche", "groesse", suppressed=False)

    assert [label for _key, label in crosstab.rows][-1] == "Keine Angabe"
    assert [label for _key, label in crosstab.columns][-1] == "Keine Angabe"
    assert crosstab.grand_total == responses == 44
    assert list(crosstab.row_totals[:3]) == [row.count for row in sectors.rows]
    assert list(crosstab.column_totals[:4]) == [row.count for row in sizes.rows]
    assert crosstab.row_totals[3] == responses - sectors.n
    assert crosstab.column_totals[4] == responses - sizes.n


def test_differencing_the_questions_totals_against_the_crosstab_recovers_no_hidden_cell(process):
    survey = results_survey(process, _responses(FULL))

    crosstab, one_way, responses = _published(survey, "branche", "groesse")

    assert crosstab.any_hidden
    assert not crosstab.withheld
    # Every small cell is hidden: 3, 1, 3, 2 and the 3 firms of Industrie without a size class.
    hidden = [(i, j) for i, row in enumerate(crosstab.counts) for j, count in enumerate(row) if count is None]
    assert {(0, 2), (0, 4), (1, 1), (3, 0), (3, 1)} <= set(hidden)
    assert _attack(FULL, crosstab, one_way, responses) == []


def test_a_crosstab_shows_its_margins_exactly_where_the_questions_results_show_them(process):
    # Handel has 3 answers: its own result hides it (and the next smallest, Industrie); so does the cross-tab.
    survey = results_survey(process, grid({("industrie", "0_9"): 9, ("industrie", "10_49"): 7, ("handel", "0_9"): 3}))

    crosstab, (sectors, _sizes), _responses_count = _published(survey, "branche", "groesse")

    assert [row.count for row in sectors.rows] == [None, None, 0]
    assert crosstab.row_totals == (None, None, 0)
    assert crosstab.grand_total == 19


def test_a_crosstab_and_its_transpose_hide_the_same_cells(process):
    survey = results_survey(process, _responses(FULL))

    crosstab, _one_way, _n = _published(survey, "branche", "groesse")
    turned, _one_way, _n = _published(survey, "groesse", "branche")

    assert [list(row) for row in zip(*crosstab.hidden, strict=True)] == [list(row) for row in turned.hidden]


def test_a_crosstab_that_cannot_be_protected_is_withheld_and_the_page_says_so(process, client_for):
    # All 17 firms have 0-9 employees; 4 gave no sector. The 4 in "no answer × 0-9" follows from the
    # questions' own counts, and no other cell could hide it: nothing of the table is shown.
    answers = [{"firma": "X", "branche": "industrie", "groesse": "0_9"} for _ in range(8)]
    answers += [{"firma": "X", "branche": "handel", "groesse": "0_9"} for _ in range(5)]
    answers += [{"firma": "X", "groesse": "0_9"} for _ in range(4)]
    survey = results_survey(process, answers)

    crosstab, _one_way, _n = _published(survey, "branche", "groesse")
    page = client_for("board").get(
        reverse("surveys_manage:results_crosstab", args=[survey.process_id, survey.pk]),
        {"zeile": "branche", "spalte": "groesse"},
    )

    assert crosstab.withheld
    assert all(count is None for row in crosstab.counts for count in row)
    assert "kann nicht gezeigt werden, ohne kleine Gruppen offenzulegen" in page.content.decode()
