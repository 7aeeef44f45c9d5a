"""Sector codes of WZ 2008, how they nest, and a non-overlapping partition of a list of codes.

Official tables list overlapping aggregates next to their parts: the employment table
13111-07-05-4 has ``A, B-F, B-E, C, F, G-U, G-I, J, K, L, M-N, O-Q, R-U, TOTAL``, where
``B-F = B-E + F``, ``C`` lies inside ``B-E`` and ``G-U`` is the sum of the service groups.
Summing all of them would count employees two or three times. :func:`select_partition`
picks the finest set of listed codes that do not overlap and together cover everything
listed (for the table above: ``A, B-E, F, G-I, J, K, L, M-N, O-Q, R-U``).

Codes understood
----------------
* ``TOTAL`` – the official total; it overlaps every other code.
* a WZ 2008 section letter ``A`` … ``U``;
* a range of sections ``B-E``, ``G-U`` (a hyphen or an en dash);
* a run of section letters ``BDE`` (= B, D and E, the grouping of the Bundesagentur für Arbeit);
* a WZ 2008 division ``29`` or a range of divisions ``10-12``.

Any other code is treated as an opaque category that overlaps only itself.

Reference: Statistisches Bundesamt (2008), *Klassifikation der Wirtschaftszweige, Ausgabe
2008 (WZ 2008)*, Wiesbaden.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions

TOTAL = "TOTAL"

# WZ 2008 sections and their divisions (Abteilungen 01–99; the numbers 04, 34, 40, 44, 48,
# 54, 57, 67, 76, 83, 89 are not used).
_SECTION_DIVISIONS: dict[str, range] = {
    "A": range(1, 4),
    "B": range(5, 10),
    "C": range(10, 34),
    "D": range(35, 36),
    "E": range(36, 40),
    "F": range(41, 44),
    "G": range(45, 48),
    "H": range(49, 54),
    "I": range(55, 57),
    "J": range(58, 64),
    "K": range(64, 67),
    "L": range(68, 69),
    "M": range(69, 76),
    "N": range(77, 83),
    "O": range(84, 85),
    "P": range(85, 86),
    "Q": range(86, 89),
    "R": range(90, 94),
    "S": range(94, 97),
    "T": range(97, 99),
    "U": range(99, 100),
}
_LETTERS = "".join(_SECTION_DIVISIONS)
_DIVISIONS = frozenset(f"{number:02d}" for numbers in _SECTION_DIVISIONS.values() for number in numbers)
_ALL = frozenset(_DIVISIONS)

_SECTION_RANGE = re.compile(r"^([A-U])[-–]([A-U])$")
_SECTION_RUN = re.compile(r"^[A-U]{2,}$")
_DIVISION = re.compile(r"^\d{2}$")
_DIVISION_RANGE = re.compile(r"^(\d{2})[-–](\d{2})$")


@dataclass(frozen=True, slots=True)
class SectorPartition:
    """A non-overlapping selection from a list of sector codes.

    Attributes
    ----------
    sectors
        The selected codes, sorted; pairwise disjoint.
    total
        ``"TOTAL"`` if the list had the official total, else ``None``.
    dropped
        One :class:`~standortkompass.analysis.missing.Exclusion` per code that was not
        selected: aggregates replaced by their parts, parts of a kept aggregate, the total.
    """

    sectors: tuple[str, ...]
    total: str | None
    dropped: tuple[Exclusion, ...]


@cache
def coverage(code: str) -> frozenset[str]:
    """The WZ 2008 divisions a sector code stands for.

    ``TOTAL`` covers all divisions; an unknown code covers only itself (as ``"?<code>"``).

    Raises
    ------
    ValueError
        If a range runs backwards (``E-B``) or a run of letters is not in order (``DB``).
    """
    text = code.strip()
    if text == TOTAL:
        return _ALL
    if text in _SECTION_DIVISIONS:
        return _divisions_of(text)
    if match := _SECTION_RANGE.match(text):
        first, last = _LETTERS.index(match[1]), _LETTERS.index(match[2])
        if first > last:
            raise ValueError(f"sector code {code!r}: the range runs backwards")
        return frozenset().union(*(_divisions_of(letter) for letter in _LETTERS[first : last + 1]))
    if _SECTION_RUN.match(text):
        if list(text) != sorted(set(text), key=_LETTERS.index):
            raise ValueError(f"sector code {code!r}: the section letters must be distinct and in order")
        return frozenset().union(*(_divisions_of(letter) for letter in text))
    if _DIVISION.match(text) and text in _DIVISIONS:
        return frozenset({text})
    if (match := _DIVISION_RANGE.match(text)) and match[1] in _DIVISIONS and match[2] in _DIVISIONS:
        first_number, last_number = int(match[1]), int(match[2])
        if first_number > last_number:
            raise ValueError(f"sector code {code!r}: the range runs backwards")
        return frozenset(f"{number:02d}" for number in range(first_number, last_number + 1)) & _DIVISIONS
    return frozenset({f"?{text}"})


def overlapping_pairs(codes: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """All pairs of distinct codes that cover a common division (``TOTAL`` overlaps everything).

    >>> overlapping_pairs(["A", "B-E", "C", "F"])
    (('B-E', 'C'),)
    """
    unique = sorted(set(codes))
    return tuple(
        (first, second)
        for first, second in combinations(unique, 2)
        if TOTAL in (first, second) or coverage(first) & coverage(second)
    )


def check_non_overlapping(codes: Iterable[str]) -> None:
    """Raise ``ValueError`` naming the overlapping pairs if any two codes overlap."""
    pairs = overlapping_pairs(codes)
    if pairs:
        raise ValueError("overlapping sector codes: " + ", ".join(f"{a} and {b}" for a, b in pairs))


def select_partition(codes: Iterable[str]) -> SectorPartition:
    """Select the finest non-overlapping codes that together cover everything listed.

    Start from the codes that no other code contains. Replace such an aggregate by the
    codes directly inside it when those are disjoint and cover it exactly, and repeat for
    them; otherwise keep the aggregate and drop the codes inside it (their sum would not
    reach the aggregate). ``TOTAL`` is never selected.

    Parameters
    ----------
    codes
        Sector codes as they appear in a table; duplicates are ignored.

    Returns
    -------
    SectorPartition

    Raises
    ------
    ValueError
        If two codes not contained in any other overlap only partly (``G-J`` and ``H-K``)
        or stand for the same divisions (``B-E`` and ``BCDE``): no partition can use both,
        and choosing one silently would hide a data problem.

    Examples
    --------
    >>> codes = ["A", "B-F", "B-E", "C", "F", "G-U", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U", "TOTAL"]
    >>> select_partition(codes).sectors
    ('A', 'B-E', 'F', 'G-I', 'J', 'K', 'L', 'M-N', 'O-Q', 'R-U')
    """
    unique = sorted({str(code).strip() for code in codes})
    total = TOTAL if TOTAL in unique else None
    listed = [code for code in unique if code != TOTAL]
    cover = {code: coverage(code) for code in listed}
    same = [(a, b) for a, b in combinations(listed, 2) if cover[a] == cover[b]]
    if same:
        raise ValueError("sector codes stand for the same divisions: " + ", ".join(f"{a} and {b}" for a, b in same))

    def inside(outer: str) -> list[str]:
        return [code for code in listed if cover[code] < cover[outer]]

    def directly_inside(outer: str) -> list[str]:
        candidates = inside(outer)
        return [code for code in candidates if not any(cover[code] < cover[other] for other in candidates)]

    top = [code for code in listed if not any(cover[code] < cover[other] for other in listed)]
    clashes = [(a, b) for a, b in combinations(top, 2) if cover[a] & cover[b]]
    if clashes:
        raise ValueError("sector codes overlap partly: " + ", ".join(f"{a} and {b}" for a, b in clashes))

    selected: list[str] = []
    dropped: list[Exclusion] = [] if total is None else [Exclusion(Reason.TOTAL, sector=TOTAL)]

    def refine(code: str) -> None:
        parts = directly_inside(code)
        disjoint = all(not (cover[a] & cover[b]) for a, b in combinations(parts, 2))
        if parts and disjoint and frozenset().union(*(cover[part] for part in parts)) == cover[code]:
            dropped.append(Exclusion(Reason.AGGREGATE, sector=code))
            for part in parts:
                refine(part)
        else:
            selected.append(code)
            dropped.extend(Exclusion(Reason.PART_OF_AGGREGATE, sector=part) for part in inside(code))

    for code in top:
        refine(code)
    return SectorPartition(sectors=tuple(sorted(selected)), total=total, dropped=sorted_exclusions(dropped))


def _divisions_of(letter: str) -> frozenset[str]:
    return frozenset(f"{number:02d}" for number in _SECTION_DIVISIONS[letter])
