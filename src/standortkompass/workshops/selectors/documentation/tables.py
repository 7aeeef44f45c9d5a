"""The figures of a phase's result as a data table (every chart has one; the reports print them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from standortkompass.core.numbers import format_number, format_percent
from standortkompass.workshops.models import Commitment, ItemKind, PhaseKind, SessionPhase
from standortkompass.workshops.selectors.results import group_label


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False


@dataclass(frozen=True)
class DataTable:
    """A chart's figures as a table (the reports issue prints these)."""

    caption: str
    columns: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _num(value: object, decimals: int = 1) -> str:
    return format_number(float(value), decimals) if isinstance(value, int | float) else "–"


def _pct(value: object) -> str:
    return format_percent(float(value) * 100) if isinstance(value, int | float) else "–"


def _item_heading() -> str:
    return pgettext("workshop", "Item")


def _text_cell(entry: Mapping[str, Any]) -> Cell:
    return Cell(str(entry.get("text", "")))


def _rank_cell(entry: Mapping[str, Any]) -> Cell:
    return Cell(str(entry.get("rank", "")), numeric=True)


def _points_table(title: str, result: Mapping[str, Any], entries: Sequence[Mapping[str, Any]]) -> DataTable:
    groups = list(result.get("groups") or ())
    columns = [
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("Points"), True),
        Cell(_("of which on paper"), True),
        Cell(_("Voters"), True),
    ]
    columns += [Cell(group_label(group), True) for group in groups]
    rows = []
    for entry in entries:
        row = [
            _rank_cell(entry),
            _text_cell(entry),
            Cell(str(entry.get("total", 0)), True),
            Cell(str(entry.get("paper", 0)), True),
            Cell(str(entry.get("voters", 0)), True),
        ]
        by_group = entry.get("by_group") or {}
        row += [Cell(str(by_group.get(group, 0)), True) for group in groups]
        rows.append(tuple(row))
    return DataTable(_("Points per item: %(phase)s") % {"phase": title}, tuple(columns), tuple(rows))


def _rating_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    columns = (
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("Mean"), True),
        Cell(_("Standard deviation"), True),
        Cell(_("Ratings"), True),
        Cell(_("Cannot judge"), True),
    )
    rows = tuple(
        (
            _rank_cell(entry),
            _text_cell(entry),
            Cell(_num(entry.get("mean"), 2), True),
            Cell(_num(entry.get("sd"), 2), True),
            Cell(str(entry.get("n", 0)), True),
            Cell(str(entry.get("cannot_judge", 0)), True),
        )
        for entry in entries
    )
    return DataTable(_("Ratings per item: %(phase)s") % {"phase": title}, columns, rows)


def _matrix_table(title: str, result: Mapping[str, Any], entries: Sequence[Mapping[str, Any]]) -> DataTable:
    criteria = result.get("criteria") or {}
    x = str((criteria.get("x") or {}).get("label") or "x")
    y = str((criteria.get("y") or {}).get("label") or "y")
    columns = (
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("%(criterion)s: mean") % {"criterion": x}, True),
        Cell(_("%(criterion)s: standard deviation") % {"criterion": x}, True),
        Cell(_("%(criterion)s: ratings") % {"criterion": x}, True),
        Cell(_("%(criterion)s: mean") % {"criterion": y}, True),
        Cell(_("%(criterion)s: standard deviation") % {"criterion": y}, True),
        Cell(_("%(criterion)s: ratings") % {"criterion": y}, True),
    )
    rows = []
    for entry in entries:
        axes = [entry.get("x") or {}, entry.get("y") or {}]
        row = [_rank_cell(entry), _text_cell(entry)]
        for axis in axes:
            row += [
                Cell(_num(axis.get("mean"), 2), True),
                Cell(_num(axis.get("sd"), 2), True),
                Cell(str(axis.get("n", 0)), True),
            ]
        rows.append(tuple(row))
    return DataTable(_("Matrix %(x)s × %(y)s: %(phase)s") % {"x": x, "y": y, "phase": title}, columns, tuple(rows))


def _pairwise_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    columns = (
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("Weight"), True),
        Cell(_("Points"), True),
        Cell(_("Won"), True),
        Cell(_("Lost"), True),
        Cell(_("Equal"), True),
    )
    rows = tuple(
        (
            _rank_cell(entry),
            _text_cell(entry),
            Cell(_pct(entry.get("weight")), True),
            Cell(_num(entry.get("points"), 1), True),
            Cell(str(entry.get("wins", 0)), True),
            Cell(str(entry.get("losses", 0)), True),
            Cell(str(entry.get("ties", 0)), True),
        )
        for entry in entries
    )
    return DataTable(_("Weights from the pairwise comparison: %(phase)s") % {"phase": title}, columns, rows)


def _ranking_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    columns = (
        Cell(_("Rank"), True),
        Cell(_item_heading()),
        Cell(_("Borda points"), True),
        Cell(_("Mean rank"), True),
        Cell(_("Ballots"), True),
    )
    rows = tuple(
        (
            _rank_cell(entry),
            _text_cell(entry),
            Cell(str(entry.get("points", 0)), True),
            Cell(_num(entry.get("mean_rank"), 2), True),
            Cell(str(entry.get("n", 0)), True),
        )
        for entry in entries
    )
    return DataTable(_("Ranking: %(phase)s") % {"phase": title}, columns, rows)


def _cluster_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    columns = (Cell(_("Cluster")), Cell(_("Cards"), True))
    rows = tuple(
        (_text_cell(entry), Cell(str(entry.get("size", 0)), True))
        for entry in entries
        if entry.get("kind") == ItemKind.CLUSTER
    )
    return DataTable(_("Cards per cluster: %(phase)s") % {"phase": title}, columns, rows)


def _commitments_table(title: str, entries: Sequence[Mapping[str, Any]]) -> DataTable:
    roles = [(role.value, str(role.label)) for role in Commitment.Role]
    columns = (Cell(_item_heading()), Cell(_("Commitments"), True), *(Cell(label, True) for _key, label in roles))
    rows = tuple(
        (
            _text_cell(entry),
            Cell(str(entry.get("count", 0)), True),
            *(Cell(str((entry.get("by_role") or {}).get(key, 0)), True) for key, _label in roles),
        )
        for entry in entries
    )
    return DataTable(_("Commitments per item: %(phase)s") % {"phase": title}, columns, rows)


def phase_table(phase: SessionPhase, result: Mapping[str, Any]) -> DataTable | None:
    entries = list(result.get("items") or ())
    if not entries:
        return None
    kind = phase.kind
    if kind in (PhaseKind.DOT_VOTE, PhaseKind.POINTS):
        return _points_table(phase.title, result, entries)
    if kind == PhaseKind.RATING:
        return _rating_table(phase.title, entries)
    if kind == PhaseKind.MATRIX:
        return _matrix_table(phase.title, result, entries)
    if kind == PhaseKind.PAIRWISE:
        return _pairwise_table(phase.title, entries)
    if kind == PhaseKind.RANKING:
        return _ranking_table(phase.title, entries)
    if kind == PhaseKind.CLUSTER:
        table = _cluster_table(phase.title, entries)
        return table if table.rows else None
    if kind == PhaseKind.COMMITMENTS:
        return _commitments_table(phase.title, entries)
    return None


def by_group_figures(phase: SessionPhase, result: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    by_group = result.get("by_group")
    if not isinstance(by_group, Mapping):
        return ()
    shown = []
    for group, figures in by_group.items():
        if not isinstance(figures, Mapping):
            continue
        if phase.kind in (PhaseKind.DOT_VOTE, PhaseKind.POINTS):
            voters = int(figures.get("voters") or 0)
            text = ngettext(
                "%(points)s points from %(voters)s voter", "%(points)s points from %(voters)s voters", voters
            ) % {"points": figures.get("points", 0), "voters": voters}
        elif "cards" in figures:
            cards = int(figures["cards"] or 0)
            text = ngettext("%(cards)s card", "%(cards)s cards", cards) % {"cards": cards}
        else:
            voters = int(figures.get("voters") or 0)
            text = ngettext("%(voters)s voter", "%(voters)s voters", voters) % {"voters": voters}
        shown.append((group_label(str(group)), text))
    return tuple(shown)
