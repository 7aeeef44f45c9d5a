r"""k-anonymity of survey microdata by coarsening or leaving out quasi-identifiers (global recoding).

A respondent-level table lets a reader count every combination of the answers. Some answers
describe the company rather than its opinion — sector, size class, municipality, type of site —
and can be known to outsiders (register, website, the company next door): they are
*quasi-identifiers*. A company whose combination of them is shared by fewer than :math:`k`
rows can be recognised, and with it every other answer in its row. A table is
:math:`k`-anonymous when every combination of the quasi-identifiers occurs in at least
:math:`k` rows (Samarati and Sweeney 1998; Sweeney 2002).

Method
------
Each quasi-identifier has a list of coarsenings, from fine to coarse (adjacent size
classes merged, WZ sections grouped …); after the last one it is left out. Of all the ways
to choose one step of each list, the table takes the first that is :math:`k`-anonymous in
this order: fewest quasi-identifiers left out, then fewest coarsening steps in all (ties:
the later-declared quasi-identifier is coarsened first, so the first-declared keep their
detail). The coarsenings are nested, so a coarser choice is never less anonymous; this is
the full-domain generalisation of Samarati (2001) with an exhaustive search of its lattice.
With more than :data:`LATTICE_LIMIT` choices, the search goes one step at a time instead: a
coarsening that lowers the number of rows in groups smaller than :math:`k` comes before
leaving a column out, the step that leaves the fewest such rows first, and steps that turn
out not to be needed are taken back at the end. Missing codes (no answer, not asked …) are
values like any other: a group "no answer × 10–49 employees" must be large enough, too.
The result says what was done, so that the export can say it.

The result is :math:`k`-anonymous in the quasi-identifiers, or has none left. It does not
make the rest of a row harmless: a rare combination of opinions is not covered (microdata
are never fully anonymous), and a group whose members all gave the same answer discloses
that answer for each of them (:math:`l`-diversity is not enforced).

References
----------
Samarati, P. & Sweeney, L. (1998). Protecting privacy when disclosing information:
k-anonymity and its enforcement through generalization and suppression. SRI International,
Technical Report SRI-CSL-98-04.
Samarati, P. (2001). Protecting respondents' identities in microdata release. *IEEE
Transactions on Knowledge and Data Engineering* 13(6), 1010–1027.
Sweeney, L. (2002). k-anonymity: a model for protecting privacy. *International Journal of
Uncertainty, Fuzziness and Knowledge-Based Systems* 10(5), 557–570.
Hundepool, A. et al. (2012). *Statistical Disclosure Control*, ch. 3. Wiley, Chichester.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

LATTICE_LIMIT = 4096
"""Up to this many choices of coarsenings are all tried; beyond it, one step at a time."""


@dataclass(frozen=True, slots=True)
class QuasiIdentifier:
    """A quasi-identifying column and its coarsenings, from fine to coarse.

    Each coarsening maps the column's original codes to coarser codes; a code it does not name
    (a missing code) is kept. After the last coarsening the column is left out.
    """

    name: str
    coarsenings: tuple[Mapping[float, float], ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class KAnonymity:
    """The recoded table and what was done.

    ``frame``: a new table, quasi-identifiers recoded, those left out removed. ``levels``: the
    coarsening in force per remaining quasi-identifier (0: as it was). ``dropped``: the ones left
    out, in order of declaration. ``smallest_group``: rows of the rarest combination of the
    remaining quasi-identifiers (all rows when none remain).
    """

    frame: pd.DataFrame
    levels: dict[str, int]
    dropped: tuple[str, ...]
    smallest_group: int

    @property
    def changed(self) -> bool:
        return bool(self.dropped) or any(self.levels.values())


def k_anonymise(frame: pd.DataFrame, *, threshold: int, identifiers: Sequence[QuasiIdentifier]) -> KAnonymity:
    """Coarsen or leave out quasi-identifiers until every combination of them occurs in ``threshold`` rows.

    See the module documentation for the rule.

    Parameters
    ----------
    frame
        One row per respondent; the quasi-identifiers as numeric codes (NaN allowed). Not changed.
    threshold
        :math:`k`, at least 1.
    identifiers
        The quasi-identifiers, each a column of ``frame``, in order of declaration.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer) or threshold < 1:
        raise ValueError(f"threshold must be a whole number of at least 1, got {threshold!r}")
    names = [identifier.name for identifier in identifiers]
    missing = [name for name in names if name not in frame.columns]
    if missing:
        raise ValueError(f"identifiers: no column {', '.join(missing)}")
    if len(set(names)) != len(names):
        raise ValueError("identifiers: a column is named twice")
    original = {name: frame[name].to_numpy(dtype=np.float64) for name in names}
    levels = dict.fromkeys(names, 0)
    dropped: set[str] = set()

    recoded: dict[tuple[str, int], np.ndarray] = {}

    def column(identifier: QuasiIdentifier, level: int) -> np.ndarray:
        values = original[identifier.name]
        if level == 0:
            return values
        if (identifier.name, level) not in recoded:
            mapping = identifier.coarsenings[level - 1]
            recoded[identifier.name, level] = np.array(
                [mapping.get(value, value) for value in values.tolist()], dtype=np.float64
            )
        return recoded[identifier.name, level]

    def small(trial_levels: dict[str, int], trial_dropped: set[str]) -> int:
        columns = {i.name: column(i, trial_levels[i.name]) for i in identifiers if i.name not in trial_dropped}
        return _rows_in_small_groups(columns, list(columns), threshold)

    # Every choice of a coarsening (or leaving out) per quasi-identifier, the least loss first.
    ladders = [range(len(identifier.coarsenings) + 2) for identifier in identifiers]
    if math.prod(len(ladder) for ladder in ladders) <= LATTICE_LIMIT:
        for choice in sorted(itertools.product(*ladders), key=lambda c: _loss(c, identifiers)):
            trial_dropped = {i.name for i, step in zip(identifiers, choice, strict=True) if step > len(i.coarsenings)}
            trial_levels = {i.name: min(step, len(i.coarsenings)) for i, step in zip(identifiers, choice, strict=True)}
            if small(trial_levels, trial_dropped) == 0:
                levels, dropped = trial_levels, trial_dropped
                break
    else:
        levels, dropped = _greedy(identifiers, levels, dropped, small)

    order = [name for name in names if name in dropped]
    result = frame.drop(columns=order)
    current = {i.name: column(i, levels[i.name]) for i in identifiers if i.name not in dropped}
    for name, values in current.items():
        result[name] = values
    return KAnonymity(
        frame=result,
        levels={name: levels[name] for name in current},
        dropped=tuple(order),
        smallest_group=_smallest_group(current, list(current), len(frame)),
    )


def _loss(choice: tuple[int, ...], identifiers: Sequence[QuasiIdentifier]) -> tuple[int, int, tuple[int, ...]]:
    """Order of the choices: fewest left out, then fewest coarsening steps, then the later-declared coarsened first."""
    dropped = sum(step > len(i.coarsenings) for i, step in zip(identifiers, choice, strict=True))
    steps = sum(min(step, len(i.coarsenings)) for i, step in zip(identifiers, choice, strict=True))
    return dropped, steps, choice


def _greedy(
    identifiers: Sequence[QuasiIdentifier],
    levels: dict[str, int],
    dropped: set[str],
    small: Callable[[dict[str, int], set[str]], int],
) -> tuple[dict[str, int], set[str]]:
    """One step at a time (for many quasi-identifiers): a coarsening that helps before leaving one out, the
    step that leaves the fewest rows in small groups; then steps no longer needed are taken back."""
    now = small(levels, dropped)
    while now:
        options = []
        for index, identifier in enumerate(identifiers):
            if identifier.name in dropped:
                continue
            level = levels[identifier.name] + 1
            drop = level > len(identifier.coarsenings)
            after = small(
                levels | ({} if drop else {identifier.name: level}), dropped | ({identifier.name} if drop else set())
            )
            options.append((drop or after >= now, after, drop, index, level))
        _stuck, now, drop, index, level = min(options)
        name = identifiers[index].name
        if drop:
            dropped = dropped | {name}
        else:
            levels = levels | {name: level}
    undone = True
    while undone:
        undone = False
        for identifier in identifiers:
            name = identifier.name
            if name in dropped:
                trial = levels | {name: len(identifier.coarsenings)}
                if small(trial, dropped - {name}) == 0:
                    dropped, levels, undone = dropped - {name}, trial, True
            elif levels[name] and small(levels | {name: levels[name] - 1}, dropped) == 0:
                levels, undone = levels | {name: levels[name] - 1}, True
    return levels, dropped


def _group_sizes(columns: dict[str, np.ndarray], active: list[str]) -> np.ndarray:
    """Per row: how many rows share its combination of the ``active`` columns (NaN a value of its own)."""
    keys = pd.DataFrame({name: columns[name] for name in active}).fillna(np.inf)
    return keys.groupby(active, sort=False)[active[0]].transform("size").to_numpy()


def _rows_in_small_groups(columns: dict[str, np.ndarray], active: list[str], threshold: int) -> int:
    if not active:
        return 0
    sizes = _group_sizes(columns, active)
    return int((sizes < threshold).sum())


def _smallest_group(columns: dict[str, np.ndarray], active: list[str], rows: int) -> int:
    if not active or rows == 0:
        return rows
    return int(_group_sizes(columns, active).min())


def neighbour_merges(codes: Sequence[float]) -> tuple[dict[float, float], ...]:
    """Coarsenings of an ordered list of codes: neighbours merged in pairs, then in fours, …, short of one group.

    Each code maps to the first code of its group: for ``[1, 2, 3, 4, 5]`` the first coarsening is
    ``{1: 1, 2: 1, 3: 3, 4: 3, 5: 5}``, the second ``{1: 1, 2: 1, 3: 1, 4: 1, 5: 5}``.
    """
    ordered = [float(code) for code in codes]
    coarsenings = []
    size = 2
    while size < len(ordered):
        coarsenings.append({code: ordered[(index // size) * size] for index, code in enumerate(ordered)})
        size *= 2
    return tuple(coarsenings)
