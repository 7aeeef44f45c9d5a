"""Evidence: what a strategy element rests on, and who cites a source. Both sides are registries.

A strategy's goals, fields of action, measures and projects link to their sources: a finding of the
analysis, a figure of the official statistics, a survey result, a board decision, an external document,
later a workshop card. Each **kind** of source is registered by the app that owns it (in its
``AppConfig.ready``), so the strategy imports none of them and the workshops plug in the same way:

- ``options(process)`` lists what can be cited (for the choice in the management form),
- ``resolve(process, reference, public=...)`` turns a stored reference into what a page shows (title,
  summary, link; ``None`` when the source is gone or, for ``public``, not public), always with the
  owner's rules applied (a survey result with its suppression),
- ``key(reference)`` is the source's stable key (``"finding:12"``), by which the other direction is
  found.

The other direction ("Was wurde daraus?" on a finding or a survey result) is a second registry: an app
that cites sources (the strategy) registers a **citer**, which gets the process and a source key and
returns the elements citing it. The pages of a source ask ``citations(process, key)`` and never learn
which app answered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from standortkompass.processes.models import StrategyProcess

Reference = Mapping[str, Any]


@dataclass(frozen=True)
class EvidenceOption:
    """One source that can be cited: its reference (stored as JSON) and how the choice reads."""

    reference: dict[str, Any]
    label: str
    group: str = ""


@dataclass(frozen=True)
class ResolvedEvidence:
    """A cited source as a page shows it. ``figure`` is a short value line (e.g. "29,1 % (2023)")."""

    title: str
    summary: str = ""
    url: str = ""
    figure: str = ""
    source: str = ""
    # Facts shown as a small description list (e.g. the breakdown of a survey result).
    details: tuple[tuple[str, str], ...] = ()
    # True when the source's owner withheld the content (e.g. a survey result below the minimum cell size).
    suppressed: bool = False


@dataclass(frozen=True)
class EvidenceKind:
    key: str
    label: str | Promise
    options: Callable[[StrategyProcess], list[EvidenceOption]]
    resolve: Callable[..., ResolvedEvidence | None]
    source_key: Callable[[Reference], str]
    # Free kinds (an external document) are entered as fields instead of chosen from options.
    free_fields: tuple[str, ...] = field(default=())
    order: int = 50
    # Optional: resolve many references of this kind at once (a page or an API list citing many sources asks
    # the database once per kind instead of once per source); same answers as ``resolve``, in the same order.
    resolve_many: Callable[..., list[ResolvedEvidence | None]] | None = None


_kinds: dict[str, EvidenceKind] = {}


def register(kind: EvidenceKind) -> EvidenceKind:
    _kinds[kind.key] = kind
    return kind


def kinds() -> list[EvidenceKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def kind(key: str) -> EvidenceKind | None:
    return _kinds.get(key)


def resolve(process: StrategyProcess, key: str, reference: Reference, *, public: bool) -> ResolvedEvidence | None:
    """What a cited source shows now, or ``None`` when its kind is unknown or the source is gone/withheld."""
    found = _kinds.get(key)
    if found is None:
        return None
    return found.resolve(process, reference, public=public)


def resolve_all(
    process: StrategyProcess, items: list[tuple[str, Reference]], *, public: bool
) -> list[ResolvedEvidence | None]:
    """``resolve`` for many (kind key, reference) pairs, each kind asked once where it can answer many."""
    results: list[ResolvedEvidence | None] = [None] * len(items)
    by_kind: dict[str, list[int]] = {}
    for index, (key, _reference) in enumerate(items):
        by_kind.setdefault(key, []).append(index)
    for key, indexes in by_kind.items():
        found = _kinds.get(key)
        if found is None:
            continue
        references = [items[index][1] for index in indexes]
        if found.resolve_many is not None:
            answers = found.resolve_many(process, references, public=public)
        else:
            answers = [found.resolve(process, reference, public=public) for reference in references]
        for index, answer in zip(indexes, answers, strict=True):
            results[index] = answer
    return results


@dataclass(frozen=True)
class Citation:
    """An element that cites a source: shown under "Was wurde daraus?" on the source's page."""

    title: str
    kind_label: str
    url: str = ""
    note: str = ""


Citer = Callable[..., list[Citation]]
_citers: list[Citer] = []


def register_citer(citer: Citer) -> Citer:
    if citer not in _citers:
        _citers.append(citer)
    return citer


def citations(process: StrategyProcess, source_key: str, *, public: bool) -> list[Citation]:
    """The elements that cite the source, from every registered citer; only published ones for ``public``."""
    return [citation for citer in _citers for citation in citer(process, source_key, public=public)]
