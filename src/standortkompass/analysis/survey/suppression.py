r"""Small-cell suppression of published survey tables (primary and secondary suppression).

A company survey in a district reaches few firms per sector and size class: a cell of
two firms in "Manufacturing, 250+ employees" may tell every reader how one named firm
answered. Tables are therefore published with cells below a threshold hidden (primary
suppression) and with further cells hidden so that the hidden ones cannot be worked out
from the published totals (secondary suppression).

Rules
-----
* **Primary.** A cell, a row or column total, or the grand total with
  :math:`0 < n < \text{threshold}` is hidden.
* **Zero cells stay visible.** A zero says that no firm of the group answered so; it
  reveals nothing about any single firm's answer. A zero is hidden only as a secondary
  suppression, when there is no other cell to pair a hidden cell with. (A group whose
  members all gave the same answer — every other cell of its row zero — is a disclosure
  of the group, not of a cell; these rules do not cover it.)
* **Secondary.** Think of the table with its totals as an :math:`(m+1) \times (k+1)`
  table: every line of it (a row with its total, a column with its total, the column
  totals with the grand total, the row totals with the grand total) is a published
  equation. A line with exactly one hidden entry gives that entry away by subtraction, so
  such a line gets a second hidden entry: the visible body cell with the smallest
  non-zero count; a zero cell only when there is no such cell; the line's total only when
  the line has no other cell at all. The lines are visited rows first (the line of the
  column totals last), then columns (the line of the row totals last), and again until
  every line has no hidden entry or at least two. This greedy choice is simple to follow
  by hand; it does not always hide the fewest cells.
* **No derivation through several equations.** Lines with two hidden entries can still
  give a cell away when combined: two blocks of hidden cells joined by a single hidden
  cell determine that cell exactly. Hidden entries are the edges of a bipartite graph
  whose nodes are the horizontal and the vertical lines of the table with its totals;
  an entry is determined by the published equations exactly when its edge is a bridge
  of that graph, that is lies on no cycle (Tarjan's algorithm finds them). Each
  bridge is closed by hiding the cheapest visible entry (same order as above) that joins
  its two sides, which puts the bridge on a cycle; the two steps are repeated until no
  line has a single hidden entry and no hidden entry is a bridge. The result is then
  safe against exact derivation from the published figures by linear equations.

Not covered: the width of the interval an attacker can narrow a hidden cell down to
using non-negativity (protection intervals; two hidden cells of a line whose sum is
small are narrowly bounded), and tables linked through shared cells; use τ-ARGUS for
tables that need that.

References
----------
Cox, L. H. (1980). Suppression methodology and statistical disclosure control. *Journal
of the American Statistical Association* 75(370), 377–385.
Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Schulte Nordholt, E.,
Spicer, K. & de Wolf, P.-P. (2012). *Statistical Disclosure Control*. Wiley, Chichester.
Tarjan, R. E. (1974). A note on finding the bridges of a graph. *Information Processing
Letters* 2(6), 160–161.
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
    ``column_totals`` one per column.
    """

    cells: BoolArray
    row_totals: BoolArray
    column_totals: BoolArray
    grand_total: bool


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
    rows, columns = body.shape
    table = np.zeros((rows + 1, columns + 1), dtype=np.int64)
    table[:rows, :columns] = body
    table[:rows, columns] = body.sum(axis=1)
    table[rows, :columns] = body.sum(axis=0)
    table[rows, columns] = body.sum()
    is_total = np.zeros(table.shape, dtype=np.bool_)
    is_total[rows, :] = True
    is_total[:, columns] = True

    hidden = (table > 0) & (table < limit)
    while True:
        _pair_lines(table, hidden, is_total)
        if not _close_a_bridge(table, hidden, is_total):
            break
    return SuppressionResult(
        cells=hidden[:rows, :columns].copy(),
        row_totals=hidden[:rows, columns].copy(),
        column_totals=hidden[rows, :columns].copy(),
        grand_total=bool(hidden[rows, columns]),
    )


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


def _cost(table: IntArray, is_total: BoolArray, cell: tuple[int, int]) -> tuple[bool, bool, int, tuple[int, int]]:
    """Order of preference for a secondary suppression: body cells before totals, non-zero before zero, small first."""
    count = int(table[cell])
    return (bool(is_total[cell]), count == 0, count, cell)


def _pair_lines(table: IntArray, hidden: BoolArray, is_total: BoolArray) -> None:
    """Give every line of the table with one hidden entry a second one, until none is left."""
    changed = True
    while changed:
        changed = False
        lines = [[(row, column) for column in range(table.shape[1])] for row in range(table.shape[0])]
        lines += [[(row, column) for row in range(table.shape[0])] for column in range(table.shape[1])]
        for line in lines:
            if sum(bool(hidden[cell]) for cell in line) != 1:
                continue
            visible = [cell for cell in line if not hidden[cell]]
            hidden[min(visible, key=lambda cell: _cost(table, is_total, cell))] = True
            changed = True


def _close_a_bridge(table: IntArray, hidden: BoolArray, is_total: BoolArray) -> bool:
    """Hide one more entry to put a bridge of the hidden entries on a cycle; ``False`` if there is no bridge.

    Needs every line to have no hidden entry or at least two (:func:`_pair_lines`).
    """
    rows = table.shape[0]
    edges = [(int(row), rows + int(column)) for row, column in np.argwhere(hidden)]
    bridges = _bridges(rows + table.shape[1], edges)
    if not bridges:
        return False
    row_node, column_node = bridges[0]
    adjacency: dict[int, list[int]] = {}
    for a, b in edges:
        if (a, b) != (row_node, column_node):
            adjacency.setdefault(a, []).append(b)
            adjacency.setdefault(b, []).append(a)
    row_side = _reachable(adjacency, row_node)
    column_side = _reachable(adjacency, column_node)
    candidates = [
        (row, column - rows)
        for row in sorted(node for node in column_side if node < rows)
        for column in sorted(node for node in row_side if node >= rows)
    ]
    hidden[min(candidates, key=lambda cell: _cost(table, is_total, cell))] = True
    return True


def _reachable(adjacency: dict[int, list[int]], start: int) -> set[int]:
    seen = {start}
    queue = deque([start])
    while queue:
        for neighbour in adjacency.get(queue.popleft(), []):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return seen


def _bridges(nodes: int, edges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The bridges of an undirected graph without parallel edges (Tarjan 1974), iteratively."""
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(nodes)]
    for index, (a, b) in enumerate(edges):
        adjacency[a].append((b, index))
        adjacency[b].append((a, index))
    order = [-1] * nodes
    low = [0] * nodes
    counter = 0
    bridges: list[tuple[int, int]] = []
    for root in range(nodes):
        if order[root] != -1 or not adjacency[root]:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack = [(root, -1, iter(adjacency[root]))]
        while stack:
            node, parent_edge, neighbours = stack[-1]
            descended = False
            for neighbour, edge in neighbours:
                if edge == parent_edge:
                    continue
                if order[neighbour] == -1:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, edge, iter(adjacency[neighbour])))
                    descended = True
                    break
                low[node] = min(low[node], order[neighbour])
            if descended:
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    bridges.append(edges[parent_edge])
    return sorted(bridges)
