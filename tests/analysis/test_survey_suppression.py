"""Cross-tabs whose margins are the published one-way tables: an attacker with every published figure.

The attacker knows every figure a reader below Administration sees: the cross-tab's visible cells, the
one-way table of each of the two questions (its visible counts and its number of respondents) and the
number of completed responses. Every published figure is a linear equation on the unknown counts of the
full table (the two questions' categories plus "no answer"); a cell is recovered when its unit vector
lies in the row space of those equations (rank test). Hidden cells are positive, so the rank test also
covers an attacker who uses that counts are never negative (module docstring).
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standortkompass.analysis.survey import suppress_frequencies, suppress_linked_table, suppress_table

MANY = settings(max_examples=300, deadline=None)

Equation = tuple[np.ndarray, int]


def line(shape: tuple[int, int], rows: slice | int, columns: slice | int) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    mask[rows, columns] = True
    return mask


def recovered(shape: tuple[int, int], published: list[Equation], secrets: list[tuple[int, int]]) -> list[int]:
    """The secret cells the published equations determine exactly, by their value in ``full``."""
    system = np.array([mask.reshape(-1).astype(float) for mask, _value in published])
    rank = np.linalg.matrix_rank(system)
    found = []
    for cell in secrets:
        unit = line(shape, cell[0], cell[1]).reshape(1, -1).astype(float)
        if np.linalg.matrix_rank(np.vstack([system, unit])) == rank:
            found.append(cell)
    return found


def one_way_tables(full: np.ndarray, threshold: int) -> tuple[list[Equation], np.ndarray, np.ndarray]:
    """What the two questions' own result pages publish, and which of their counts (and n) they hide.

    ``full``: rows = categories of the row question + "no answer", columns likewise.
    """
    shape = full.shape
    m, k = shape[0] - 1, shape[1] - 1
    published: list[Equation] = [(np.ones(shape, dtype=bool), int(full.sum()))]  # completed responses
    row_counts = full[:m, :].sum(axis=1)
    rows = suppress_frequencies(row_counts, threshold=threshold, total=int(row_counts.sum()))
    column_counts = full[:, :k].sum(axis=0)
    columns = suppress_frequencies(column_counts, threshold=threshold, total=int(column_counts.sum()))
    for i in range(m):
        if not rows.cells[i]:
            published.append((line(shape, i, slice(None)), int(row_counts[i])))
    if not rows.total:
        published.append((line(shape, slice(0, m), slice(None)), int(row_counts.sum())))
    for j in range(k):
        if not columns.cells[j]:
            published.append((line(shape, slice(None), j), int(column_counts[j])))
    if not columns.total:
        published.append((line(shape, slice(None), slice(0, k)), int(column_counts.sum())))
    return published, np.append(rows.cells, rows.total), np.append(columns.cells, columns.total)


def complete_case_crosstab(full: np.ndarray, threshold: int) -> tuple[list[Equation], list[tuple[int, int]]]:
    """The cross-tab as it was published before: respondents who answered both questions, with its own margins."""
    shape = full.shape
    m, k = shape[0] - 1, shape[1] - 1
    result = suppress_table(full[:m, :k], threshold=threshold)
    published: list[Equation] = []
    for i in range(m):
        for j in range(k):
            if not result.cells[i, j]:
                published.append((line(shape, i, j), int(full[i, j])))
        if not result.row_totals[i]:
            published.append((line(shape, i, slice(0, k)), int(full[i, :k].sum())))
    for j in range(k):
        if not result.column_totals[j]:
            published.append((line(shape, slice(0, m), j), int(full[:m, j].sum())))
    if not result.grand_total:
        published.append((line(shape, slice(0, m), slice(0, k)), int(full[:m, :k].sum())))
    return published, [(int(i), int(j)) for i, j in np.argwhere(result.cells)]


def linked_crosstab(full: np.ndarray, threshold: int) -> tuple[list[Equation], list[tuple[int, int]], bool]:
    """The cross-tab as published now: with the "no answer" row and column, margins fixed by the one-way tables."""
    published, row_hidden, column_hidden = one_way_tables(full, threshold)
    result = suppress_linked_table(
        full, threshold=threshold, row_totals_hidden=row_hidden, column_totals_hidden=column_hidden
    )
    for i, j in np.argwhere(~result.cells):
        published.append((line(full.shape, int(i), int(j)), int(full[i, j])))
    # The margins shown beside the table are the one-way tables' figures: nothing new.
    assert result.row_totals.tolist() == row_hidden.tolist()
    assert result.column_totals.tolist() == column_hidden.tolist()
    assert not result.grand_total
    return published, [(int(i), int(j)) for i, j in np.argwhere(result.cells)], result.withheld


# Size class (rows: 10-49, 50-249, no answer) x site type (columns: only site, branch, no answer).
SIZE_BY_SITE = np.array([[10, 14, 3], [8, 1, 0], [3, 2, 0]])


def test_the_complete_case_cross_tab_beside_the_question_totals_gave_small_cells_away():
    # Before: 3 firms of size 10-49 without a site type, and 3 and 2 firms without a size class, were never
    # shown, yet a question's count minus the cross-tab's total gives each of them.
    one_way, _rows, _columns = one_way_tables(SIZE_BY_SITE, 5)
    crosstab, _hidden = complete_case_crosstab(SIZE_BY_SITE, 5)
    small_unpublished = [(0, 2), (2, 0), (2, 1)]

    found = recovered(SIZE_BY_SITE.shape, one_way + crosstab, small_unpublished)

    assert [int(SIZE_BY_SITE[cell]) for cell in found] == [3, 3, 2]


def test_the_linked_cross_tab_gives_no_hidden_cell_away():
    published, hidden, withheld = linked_crosstab(SIZE_BY_SITE, 5)

    assert not withheld
    assert {(0, 2), (1, 1), (2, 0), (2, 1)} <= set(hidden)  # 3, 1, 3, 2: every cell below 5
    assert recovered(SIZE_BY_SITE.shape, published, hidden) == []


def test_a_hidden_column_total_is_not_recovered_through_the_question_count():
    # The site type "branch" has 3 answers: its one-way table hides 3 and (secondarily) 12. The cross-tab must
    # not show both cells of that column, nor the "no answer" cell that would complete it.
    full = np.array([[20, 2, 0], [10, 1, 0], [6, 0, 0]])
    published, hidden, _withheld = linked_crosstab(full, 5)

    assert recovered(full.shape, published, hidden) == []
    assert recovered(full.shape, published, [(0, 1), (1, 1)]) == []


def solutions(full: np.ndarray, hidden: list[tuple[int, int]], published: list[Equation]) -> list[np.ndarray]:
    """Every table of non-negative whole numbers that agrees with the published figures (brute force)."""
    candidate = full.copy()
    for cell in hidden:
        candidate[cell] = 0
    # An equation is checked for equality once the last of its hidden cells has a value.
    last = [max((i for i, cell in enumerate(hidden) if mask[cell]), default=-1) for mask, _value in published]
    bounds = [min(value for mask, value in published if mask[cell]) for cell in hidden]
    found: list[np.ndarray] = []

    def search(index: int) -> None:
        if index == len(hidden):
            found.append(candidate.copy())
            return
        for value in range(bounds[index] + 1):
            candidate[hidden[index]] = value
            sums = [int(candidate[mask].sum()) for mask, _value in published]
            if any(total > value for total, (_mask, value) in zip(sums, published, strict=True)):
                break
            if all(
                total == value for total, (_mask, value), end in zip(sums, published, last, strict=True) if end == index
            ):
                search(index + 1)
        candidate[hidden[index]] = 0

    if all(int(full[mask].sum()) == value for mask, value in published if not any(mask[c] for c in hidden)):
        search(0)
    assert found, "the true table must be among the solutions"
    return found


def pinned(full: np.ndarray, hidden: list[tuple[int, int]], published: list[Equation]) -> list[int]:
    """Values of hidden cells that are the same in every solution: what an attacker learns for certain."""
    tables = solutions(full, hidden, published)
    return [int(full[cell]) for cell in hidden if len({int(table[cell]) for table in tables}) == 1]


def test_a_zero_protects_a_cell_only_where_it_could_be_larger():
    # Site type "no answer": 3 firms, all of size 10-49; the column's total (3) is the number of firms that
    # skipped the site type question, published with it. The 3 can only be paired with a zero of its
    # column — a zero that could be larger, so that the 3 could be smaller.
    published, hidden, withheld = linked_crosstab(SIZE_BY_SITE, 5)

    assert not withheld
    assert any(SIZE_BY_SITE[cell] == 0 for cell in hidden if cell[1] == 2)
    assert [value for value in pinned(SIZE_BY_SITE, hidden, published) if value > 0] == []


def test_a_table_that_cannot_be_protected_is_withheld():
    # Everybody answered the row question (its "no answer" row is 0 and published as such): the 3 can be
    # paired only with zeros of that row, which cannot be larger. Every body cell is hidden.
    result = suppress_linked_table(
        np.array([[3, 12], [0, 0]]),
        threshold=5,
        row_totals_hidden=np.array([False, False]),
        column_totals_hidden=np.array([False, False]),
    )

    assert result.withheld
    assert result.cells.all()


def test_linked_suppression_refuses_flags_of_the_wrong_length():
    with pytest.raises(ValueError, match="row_totals_hidden"):
        suppress_linked_table(np.array([[1, 2]]), row_totals_hidden=np.array([True, False]), column_totals_hidden=[])


full_tables = st.integers(min_value=2, max_value=4).flatmap(
    lambda rows: st.integers(min_value=2, max_value=4).flatmap(
        lambda columns: st.lists(
            st.lists(st.one_of(st.integers(0, 6), st.integers(0, 30)), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@MANY
@given(full_tables, st.integers(min_value=2, max_value=6))
def test_an_attacker_with_every_published_figure_recovers_no_hidden_cell(rows, threshold):
    full = np.array(rows, dtype=np.int64)

    published, hidden, withheld = linked_crosstab(full, threshold)

    visible = full[~np.isin(np.arange(full.size), [i * full.shape[1] + j for i, j in hidden]).reshape(full.shape)]
    assert ((visible == 0) | (visible >= threshold)).all()
    if withheld:
        # Nothing of the table is shown: the reader knows what the one-way tables say, no more.
        assert len(hidden) == full.size
        return
    positive = [cell for cell in hidden if full[cell] > 0]
    assert recovered(full.shape, published, positive) == []
    if full.sum() <= 30:
        assert [value for value in pinned(full, hidden, published) if value > 0] == []
