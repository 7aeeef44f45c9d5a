r"""Small-cell suppression of published survey tables (primary and secondary suppression).

A company survey in a district reaches few firms per sector and size class: a cell of
two firms in "Manufacturing, 250+ employees" may tell every reader how one named firm
answered. Tables are therefore published with cells below a threshold hidden (primary
suppression) and with further cells hidden so that the hidden ones cannot be worked out
from the published figures (secondary suppression).

Rules
-----
* **Primary.** A cell, a row or column total, or the grand total with
  :math:`0 < n < \text{threshold}` is hidden.
* **Zero cells stay visible** unless one is needed to protect another cell. A zero says
  that no firm of the group answered so; it reveals nothing about any single firm's answer.
  (A group whose members all gave the same answer — every other cell of its row zero — is a
  disclosure of the group, not of a cell; these rules do not cover it.)
* **Secondary.** Think of the table with its totals as an :math:`(m+1) \times (k+1)`
  table: every line of it (a row with its total, a column with its total, the column
  totals with the grand total, the row totals with the grand total) is a published
  equation. A line with exactly one hidden entry gives that entry away by subtraction, so
  such a line gets a second hidden entry: the visible body cell with the smallest non-zero
  count; a zero body cell when there is none; the line's total only when the line has no
  other body cell left. The lines are visited rows first (the line of the column totals
  last), then columns (the line of the row totals last), and again until every line has
  no hidden entry or at least two. This greedy choice is simple to follow by hand; it does
  not always hide the fewest cells.
* **No derivation through several equations, nor through "never negative".** Lines with
  two hidden entries can still give a cell away when combined: two blocks of hidden cells
  joined by a single hidden cell determine that cell exactly; and a hidden zero protects
  only a cell that could be smaller while the zero is larger — a line whose hidden entries
  must add up to 0 gives all of them away. Hidden entries are the edges of a bipartite
  graph whose nodes are the horizontal and the vertical lines of the table with its
  totals. The solutions of the published equations differ from the true table by sums of
  cycles of that graph, along which the entries go alternately up and down (Cox 1980). A
  hidden non-zero entry can therefore be worked out exactly if and only if no cycle runs
  through it along which every hidden zero goes up (or every one goes down): that is
  checked for each hidden entry by a search of the graph, and a pinned entry is freed by
  hiding the cheapest visible entry (same order as above) that closes such a cycle (or,
  when no single entry does, the cheapest of its row or column). The two steps are
  repeated until no line has a single hidden entry and no hidden entry is pinned. The
  result is then safe against exact derivation from the published figures, also with
  the knowledge that counts are whole and never negative (the equations of a two-way
  table have whole-numbered extreme solutions, so a hidden count that can move at all
  takes at least two whole values).
* **Margins published elsewhere** (:func:`suppress_linked_table`). A cross-tab of two
  questions whose one-way tables are also published has its margins fixed by those
  tables: a margin is hidden exactly when the one-way table hides it, and the grand total
  (all respondents) is always shown. For the margins to be the one-way tables, the cross-tab
  carries a "no answer" row and column (respondents who answered only one of the two
  questions): without them, a question's count minus the cross-tab's column total gives
  the respondents of that column who skipped the other question, and a hidden column
  total is no longer hidden. Only body cells are then hidden as secondary suppressions.
* **Withheld.** When a line with a single hidden entry has no non-zero visible entry left
  to hide, or a bridge cannot be joined, the table is withheld: every body cell is hidden
  (the margins stay as they are published elsewhere; :attr:`SuppressionResult.withheld`).

Not covered: the width of the interval an attacker can narrow a hidden cell down to
using non-negativity (protection intervals; two hidden cells of a line whose sum is
small are narrowly bounded), and tables linked through shared cells other than their
margins; use τ-ARGUS for tables that need that.

References
----------
Cox, L. H. (1980). Suppression methodology and statistical disclosure control. *Journal
of the American Statistical Association* 75(370), 377–385.
Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Schulte Nordholt, E.,
Spicer, K. & de Wolf, P.-P. (2012). *Statistical Disclosure Control*. Wiley, Chichester.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from standortkompass.analysis._arithmetic import BoolArray
from standortkompass.analysis.survey._input import IntArray


@dataclass(frozen=True, slots=True, eq=False)
class SuppressionResult:
    """What to hide in a two-way table: ``True`` means hidden.

    ``cells`` has the shape of the table; ``row_totals`` one entry per row,
    ``column_totals`` one per column. ``withheld``: no safe pattern was found and every
    body cell is hidden.
    """

    cells: BoolArray
    row_totals: BoolArray
    column_totals: BoolArray
    grand_total: bool
    withheld: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class FrequencySuppression:
    """What to hide in a one-way table: ``True`` means hidden."""

    cells: BoolArray
    total: bool


def suppress_table(counts: npt.ArrayLike, *, threshold: int = 5) -> SuppressionResult:
    """Cells and totals of a two-way table to hide (primary and secondary suppression).

    See the module documentation for the rules. Afterwards every visible body cell is 0
    or at least ``threshold``, every line of the table with its totals has no hidden entry
    or at least two, and no hidden entry can be derived exactly from the visible ones.

    Parameters
    ----------
    counts
        Unweighted counts, rows × columns, without totals: non-negative integers.
    threshold
        Smallest count that may be shown (at least 1).
    """
    body = _counts(counts, ndim=2)
    limit = _threshold(threshold)
    table, _is_total = _closed(body)
    hidden = (table > 0) & (table < limit)
    return _protect(table, hidden, movable=np.ones(table.shape, dtype=np.bool_))


def suppress_linked_table(
    counts: npt.ArrayLike,
    *,
    threshold: int = 5,
    row_totals_hidden: npt.ArrayLike,
    column_totals_hidden: npt.ArrayLike,
) -> SuppressionResult:
    """Cells to hide in a two-way table whose margins are published elsewhere (the two one-way tables).

    The margins are fixed: a row or column total is hidden exactly when ``row_totals_hidden``
    or ``column_totals_hidden`` says so (the one-way table of the question hid it), and the
    grand total is shown. Primary and secondary suppression (module documentation) then hide
    body cells only, treating the fixed margins as published equations; when that is not
    possible, the table is withheld (every body cell hidden).

    For the margins to be the one-way tables, ``counts`` must include the respondents who
    answered only one of the two questions (a "no answer" row and column, the last with
    those who answered neither) — otherwise the difference between a one-way count and the
    cross-tab's total is an unprotected cell.

    Parameters
    ----------
    counts
        Unweighted counts, rows × columns, without totals: non-negative integers.
    threshold
        Smallest body count that may be shown (at least 1).
    row_totals_hidden, column_totals_hidden
        One flag per row and per column: hidden in the published one-way table.
    """
    body = _counts(counts, ndim=2)
    limit = _threshold(threshold)
    rows, columns = body.shape
    row_fixed = _flags(row_totals_hidden, rows, what="row_totals_hidden")
    column_fixed = _flags(column_totals_hidden, columns, what="column_totals_hidden")
    table, is_total = _closed(body)
    hidden = np.zeros(table.shape, dtype=np.bool_)
    hidden[:rows, :columns] = (body > 0) & (body < limit)
    hidden[:rows, columns] = row_fixed
    hidden[rows, :columns] = column_fixed
    return _protect(table, hidden, movable=~is_total)


def suppress_frequencies(counts: npt.ArrayLike, *, threshold: int = 5, total: int) -> FrequencySuppression:
    """Categories of a one-way table to hide.

    * If :math:`0 < \\text{total} < \\text{threshold}`, everything is hidden.
    * Otherwise counts with :math:`0 < n < \\text{threshold}` are hidden; if that is
      exactly one category, the smallest other count is hidden too (a non-zero one if
      there is one), so that it cannot be worked out as total minus the rest. With no
      other category, the total is hidden instead.

    For a multiple-choice question the counts do not add up to the total, so the second
    hidden category is more than is needed; it is hidden all the same, to keep one rule.

    Parameters
    ----------
    counts
        Unweighted counts per category: non-negative integers.
    threshold
        Smallest count that may be shown (at least 1).
    total
        The respondents the table is based on, as published (``n``); not smaller than
        any count.
    """
    cells = _counts(counts, ndim=1)
    limit = _threshold(threshold)
    if isinstance(total, bool) or not isinstance(total, int | np.integer) or total < 0:
        raise ValueError(f"total must be a non-negative integer, got {total!r}")
    if cells.size and total < int(cells.max()):
        raise ValueError(f"total ({total}) is smaller than the largest count ({int(cells.max())})")
    if 0 < total < limit:
        return FrequencySuppression(cells=np.ones(cells.shape, dtype=np.bool_), total=True)
    hidden = (cells > 0) & (cells < limit)
    total_hidden = False
    if int(hidden.sum()) == 1:
        candidates = [int(index) for index in np.flatnonzero(~hidden)]
        if candidates:
            hidden[min(candidates, key=lambda index: (cells[index] == 0, int(cells[index]), index))] = True
        else:
            total_hidden = True
    return FrequencySuppression(cells=hidden, total=total_hidden)


def _counts(counts: npt.ArrayLike, *, ndim: int) -> IntArray:
    array = np.asarray(counts)
    if array.ndim != ndim:
        raise ValueError(f"counts: expected a {ndim}-dimensional array, got {array.ndim} dimensions")
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.number):
        raise ValueError("counts: expected numbers")
    as_float = array.astype(np.float64)
    if not np.isfinite(as_float).all() or (as_float < 0).any() or (as_float != np.round(as_float)).any():
        raise ValueError("counts: expected non-negative whole numbers")
    return array.astype(np.int64)


def _threshold(threshold: int) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer) or threshold < 1:
        raise ValueError(f"threshold must be a whole number of at least 1, got {threshold!r}")
    return int(threshold)


def _flags(values: npt.ArrayLike, size: int, *, what: str) -> BoolArray:
    array = np.asarray(values)
    if array.shape != (size,) or array.dtype != np.bool_:
        raise ValueError(f"{what}: expected {size} true/false values, got {array.tolist()!r}")
    return array.copy()


def _closed(body: IntArray) -> tuple[IntArray, BoolArray]:
    """The table with its totals as an (m+1) × (k+1) array, and where the totals are."""
    rows, columns = body.shape
    table = np.zeros((rows + 1, columns + 1), dtype=np.int64)
    table[:rows, :columns] = body
    table[:rows, columns] = body.sum(axis=1)
    table[rows, :columns] = body.sum(axis=0)
    table[rows, columns] = body.sum()
    is_total = np.zeros(table.shape, dtype=np.bool_)
    is_total[rows, :] = True
    is_total[:, columns] = True
    return table, is_total


def _protect(table: IntArray, hidden: BoolArray, *, movable: BoolArray) -> SuppressionResult:
    """Secondary suppression of the table with its totals: hide ``movable`` entries until no hidden one is pinned."""
    rows, columns = table.shape[0] - 1, table.shape[1] - 1
    withheld = False
    while True:
        if not _pair_lines(table, hidden, movable):
            withheld = True
            break
        freed = _free_a_pinned_entry(table, hidden, movable)
        if freed is None:
            withheld = True
            break
        if not freed:
            break
    if withheld:
        hidden |= movable
        hidden[:rows, :columns] = True
    return SuppressionResult(
        cells=hidden[:rows, :columns].copy(),
        row_totals=hidden[:rows, columns].copy(),
        column_totals=hidden[rows, :columns].copy(),
        grand_total=bool(hidden[rows, columns]),
        withheld=withheld,
    )


def _is_total(table: IntArray, cell: tuple[int, int]) -> bool:
    rows, columns = table.shape
    return bool(cell[0] == rows - 1 or cell[1] == columns - 1)


def _cost(table: IntArray, cell: tuple[int, int]) -> tuple[bool, bool, int, tuple[int, int]]:
    """Order of preference for a secondary suppression: body cells before totals, non-zero before zero, small first."""
    count = int(table[cell])
    return (_is_total(table, cell), count == 0, count, cell)


def _pair_lines(table: IntArray, hidden: BoolArray, movable: BoolArray) -> bool:
    """Give every line with one hidden entry a second one, until none is left.

    ``False`` when such a line has no entry left to hide.
    """
    changed = True
    while changed:
        changed = False
        lines = [[(row, column) for column in range(table.shape[1])] for row in range(table.shape[0])]
        lines += [[(row, column) for row in range(table.shape[0])] for column in range(table.shape[1])]
        for line in lines:
            if sum(bool(hidden[cell]) for cell in line) != 1:
                continue
            candidates = [cell for cell in line if movable[cell] and not hidden[cell]]
            if not candidates:
                return False
            hidden[min(candidates, key=lambda cell: _cost(table, cell))] = True
            changed = True
    return True


def _sign(table: IntArray, cell: tuple[int, int], row_to_column: bool) -> bool:
    """Whether an entry increases when a cycle of the equations is followed through it in that direction.

    With the total lines' equations negated and the row and column totals counted negatively, every line
    is a plain sum and the hidden entries are the edges of a bipartite graph; going round a cycle, entries
    passed from a row to a column go up, the others down. A row or column total (not the grand total) runs
    the other way round.
    """
    flipped = _is_total(table, cell) and cell != (table.shape[0] - 1, table.shape[1] - 1)
    return row_to_column != flipped


def _reach(
    table: IntArray, hidden: BoolArray, start: int, skip: tuple[int, int], *, up: bool, forward: bool
) -> set[int]:
    """Nodes (rows 0..R-1, columns R..) reachable from ``start`` along hidden entries other than ``skip``.

    A hidden zero may only be passed in the direction in which it goes ``up`` (it cannot go below zero);
    ``forward=False`` follows the entries backwards (the nodes from which ``start`` is reachable).
    """
    rows = table.shape[0]
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node < rows:
            steps = [((node, column), rows + column, True) for column in range(table.shape[1])]
        else:
            steps = [((row, node - rows), row, False) for row in range(rows)]
        for cell, neighbour, row_to_column in steps:
            if cell == skip or not hidden[cell] or neighbour in seen:
                continue
            direction = row_to_column if forward else not row_to_column
            if table[cell] == 0 and _sign(table, cell, direction) != up:
                continue
            seen.add(neighbour)
            queue.append(neighbour)
    return seen


def _free_a_pinned_entry(table: IntArray, hidden: BoolArray, movable: BoolArray) -> bool | None:
    """Hide one more entry so that the first pinned hidden entry can move; ``False`` if none is pinned.

    A hidden non-zero entry is pinned — determined exactly by the published figures and the fact that
    counts are never negative — when no cycle of hidden entries runs through it along which every hidden
    zero goes the same way (up, or all down): only along such a cycle can the entries shift without one
    becoming negative. ``None`` if a pinned entry cannot be freed by any movable entry.
    """
    rows = table.shape[0]
    for row, column in np.argwhere(hidden & (table > 0)):
        cell = (int(row), int(column))
        sides = []
        for up in (True, False):
            # Follow the cycle from the entry's column back to its row (the entry itself goes row → column).
            ahead = _reach(table, hidden, rows + cell[1], cell, up=up, forward=True)
            if cell[0] in ahead:
                break
            behind = _reach(table, hidden, cell[0], cell, up=up, forward=False)
            sides.append((up, ahead, behind))
        else:
            candidates = [
                (r, c)
                for up, ahead, behind in sides
                for r, c in (tuple(int(i) for i in index) for index in np.argwhere(movable & ~hidden))
                if _joins(table, (r, c), rows, ahead, behind, up=up)
            ]
            if not candidates:
                line = [(cell[0], c) for c in range(table.shape[1])] + [(r, cell[1]) for r in range(rows)]
                candidates = [c for c in line if movable[c] and not hidden[c]]
            if not candidates:
                return None
            hidden[min(candidates, key=lambda c: _cost(table, c))] = True
            return True
    return False


def _joins(table: IntArray, cell: tuple[int, int], rows: int, ahead: set[int], behind: set[int], *, up: bool) -> bool:
    """Whether hiding ``cell`` closes a path from ``ahead`` to ``behind`` (a zero only in its upward direction)."""
    row_node, column_node = cell[0], rows + cell[1]
    row_to_column = row_node in ahead and column_node in behind
    column_to_row = column_node in ahead and row_node in behind
    if table[cell] > 0:
        return row_to_column or column_to_row
    return (row_to_column and _sign(table, cell, True) == up) or (column_to_row and _sign(table, cell, False) == up)
