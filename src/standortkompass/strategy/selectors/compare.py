"""Comparing two trees of the strategy: what was added, removed, moved and changed.

Pure functions on two ``StrategyTree`` objects (a version's snapshot or the draft): nothing here reads the
database. Elements and indicators are matched by their id (a version keeps the ids of the draft's rows),
evidence links by their source key, milestones by their title. Text fields get a word-level diff (``difflib``
on word tokens, as segments equal / inserted / deleted); other fields get old and new value in readable form
(status labels, German dates and numbers, organisations by name).

An element is *moved* when its field of action, its place among its siblings or the elements it serves
changed; its place counts as changed only when it left the longest run of siblings that kept their order, so
that adding one element does not report every later sibling as moved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any, Literal

from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import pgettext_lazy

from standortkompass.core.numbers import NO_BREAK_SPACE, format_number, format_percent
from standortkompass.strategy.models import ElementKind, FundingSource, ProjectStatus
from standortkompass.strategy.selectors.tree import (
    KIND_ORDER,
    ElementNode,
    EvidenceNode,
    IndicatorNode,
    MilestoneNode,
    NamedRef,
    SheetNode,
    StrategyTree,
)

SegmentKind = Literal["equal", "inserted", "deleted"]
ItemState = Literal["added", "removed", "changed"]
ElementState = Literal["added", "removed", "kept"]


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its key and label, old and new value as shown, and for a text its word diff."""

    name: str
    label: str
    old: str = ""
    new: str = ""
    segments: tuple[Segment, ...] = ()

    @property
    def is_text(self) -> bool:
        return bool(self.segments)

    @property
    def old_segments(self) -> list[Segment]:
        """What the old column shows: the text with the deleted words marked."""
        return [segment for segment in self.segments if segment.kind != "inserted"]

    @property
    def new_segments(self) -> list[Segment]:
        """What the new column shows: the text with the inserted words marked."""
        return [segment for segment in self.segments if segment.kind != "deleted"]


@dataclass(frozen=True)
class ItemChange:
    """An indicator, milestone or evidence link of an element that was added, removed or changed."""

    state: ItemState
    label: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ElementChange:
    id: int
    kind: str
    state: ElementState
    old: ElementNode | None
    new: ElementNode | None
    moves: tuple[FieldChange, ...] = ()
    fields: tuple[FieldChange, ...] = ()
    indicators: tuple[ItemChange, ...] = ()
    milestones: tuple[ItemChange, ...] = ()
    evidence: tuple[ItemChange, ...] = ()

    @property
    def title(self) -> str:
        node = self.new or self.old
        return node.title if node is not None else ""

    @property
    def kind_label(self) -> str:
        return str(dict(ElementKind.choices).get(self.kind, self.kind))

    @property
    def is_moved(self) -> bool:
        return bool(self.moves)

    @property
    def is_changed(self) -> bool:
        return bool(self.fields or self.indicators or self.milestones or self.evidence)

    @property
    def changed_fields(self) -> list[str]:
        """The keys of everything that changed, e.g. ``["title", "indicator:12:target_value"]`` (for tests)."""
        names = [change.name for change in self.fields]
        for prefix, items in (("indicator", self.indicators), ("milestone", self.milestones)):
            names += [f"{prefix}:{item.state}:{item.label}" for item in items]
        names += [f"evidence:{item.state}:{item.label}" for item in self.evidence]
        return names


@dataclass(frozen=True)
class Comparison:
    strategy_fields: tuple[FieldChange, ...]
    elements: tuple[ElementChange, ...]  # only the elements that differ, in reading order
    _by_id: dict[int, ElementChange] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {change.id: change for change in self.elements})

    def get(self, element_id: int) -> ElementChange | None:
        return self._by_id.get(element_id)

    @property
    def added(self) -> list[ElementChange]:
        return [change for change in self.elements if change.state == "added"]

    @property
    def removed(self) -> list[ElementChange]:
        return [change for change in self.elements if change.state == "removed"]

    @property
    def moved(self) -> list[ElementChange]:
        return [change for change in self.elements if change.is_moved]

    @property
    def changed(self) -> list[ElementChange]:
        return [change for change in self.elements if change.state == "kept" and change.is_changed]

    @property
    def is_empty(self) -> bool:
        return not self.strategy_fields and not self.elements


# --- word diff ---------------------------------------------------------------------------------------------

# White space, words, and each punctuation mark on its own ("halten," → "halten", ",").
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
# Sentences (and lines) with the white space after them: the text is first compared sentence by sentence.
_SENTENCES = re.compile(r"[^\n.!?;:]*(?:[.!?;:]+|\n|$)\s*")


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _sentences(text: str) -> list[str]:
    return [sentence for sentence in _SENTENCES.findall(text) if sentence]


def _opcodes(before: list[str], after: list[str]) -> list[tuple[str, str]]:
    """(kind, text) runs of two token lists; the common start and end bypass the (quadratic) matcher."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    middle_before, middle_after = before[start : len(before) - end], after[start : len(after) - end]
    runs: list[tuple[str, str]] = [("equal", "".join(before[:start]))] if start else []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, middle_before, middle_after, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("equal", "".join(middle_before[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("deleted", "".join(middle_before[i1:i2])))
        if j2 > j1:
            runs.append(("inserted", "".join(middle_after[j1:j2])))
    if end:
        runs.append(("equal", "".join(before[len(before) - end :])))
    return runs


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The two texts as segments: equal words, deleted words (only in ``old``), inserted words (only in ``new``).

    The texts are compared sentence by sentence first, then word by word within the sentences that differ (so a
    long text costs little). Words, punctuation marks and the white space between them are tokens of their own; a
    run of white space alone between two changes goes with the change, so that "a b" → "c d" reads as one
    deletion and one insertion.
    """
    # (kind, text); kind "both" is white space between two changes, which belongs to either side.
    raw: list[tuple[str, str]] = []
    for kind, text in _opcodes(_sentences(old), _sentences(new)):
        raw.append((kind, text))
    # A sentence deleted next to one inserted was changed: compare those word by word.
    refined: list[tuple[str, str]] = []
    index = 0
    while index < len(raw):
        kind, text = raw[index]
        if kind == "deleted" and index + 1 < len(raw) and raw[index + 1][0] == "inserted":
            refined.extend(_opcodes(_tokens(text), _tokens(raw[index + 1][1])))
            index += 2
            continue
        refined.append((kind, text))
        index += 1
    raw = refined
    # Equal runs next to each other (the common start or end beside an equal opcode) are one.
    merged: list[tuple[str, str]] = []
    for kind, text in raw:
        if merged and kind == "equal" and merged[-1][0] == "equal":
            merged[-1] = ("equal", merged[-1][1] + text)
        else:
            merged.append((kind, text))
    raw = merged
    for index in range(1, len(raw) - 1):
        kind, text = raw[index]
        if kind == "equal" and text.isspace() and raw[index - 1][0] != "equal" and raw[index + 1][0] != "equal":
            raw[index] = ("both", text)
    segments: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for kind, text in [*raw, ("equal", "")]:
        if kind in ("deleted", "both"):
            deleted.append(text)
        if kind in ("inserted", "both"):
            inserted.append(text)
        if kind != "equal":
            continue
        if deleted:
            segments.append(Segment("deleted", "".join(deleted)))
        if inserted:
            segments.append(Segment("inserted", "".join(inserted)))
        deleted.clear()
        inserted.clear()
        segments.append(Segment("equal", text))
    return tuple(segment for segment in segments if segment.text)


# --- readable values ---------------------------------------------------------------------------------------


def _date(value: str | None) -> str:
    if not value:
        return ""
    try:
        return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except ValueError:
        return value


def _number(value: float | None) -> str:
    if value is None:
        return ""
    decimals = 0 if float(value).is_integer() else min(3, len(repr(float(value)).split(".")[1].rstrip("0")))
    return format_number(value, decimals)


def _money(value: str | None) -> str:
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return value
    return f"{number_format(amount, 2, force_grouping=True)}{NO_BREAK_SPACE}€"


def _names(refs: Iterable[NamedRef]) -> str:
    return ", ".join(sorted(ref.name for ref in refs))


def _choice(choices: Sequence[tuple[str, Any]], value: str) -> str:
    return str(dict(choices).get(value, value)) if value else ""


# Labels are lazy until a field differs: most fields of most elements do not.
Label = str | Promise


def _text_change(name: str, label: Label, old: str, new: str) -> FieldChange | None:
    if old == new:
        return None
    return FieldChange(name, str(label), old, new, word_diff(old, new))


def _value_change(name: str, label: Label, old: str, new: str) -> FieldChange | None:
    if old == new:
        return None
    return FieldChange(name, str(label), old, new)


def _present(changes: Iterable[FieldChange | None]) -> tuple[FieldChange, ...]:
    return tuple(change for change in changes if change is not None)


# --- elements ----------------------------------------------------------------------------------------------


def _element_fields(old: ElementNode, new: ElementNode) -> list[FieldChange | None]:
    summary_label = _l("Short claim") if new.kind == ElementKind.VISION else _l("Short text")
    return [
        _text_change("title", _l("Title"), old.title, new.title),
        _value_change("slug", _l("Short name in web addresses"), old.slug, new.slug),
        _text_change("summary", summary_label, old.summary, new.summary),
        _text_change("text", _l("Text"), old.text, new.text),
        _text_change("rationale", _l("Rationale"), old.rationale, new.rationale),
    ]


def _contact(contact_id: int | None, contacts: Mapping[int, str]) -> str:
    if contact_id is None:
        return ""
    return contacts.get(contact_id, _("Contact person no. %(id)s") % {"id": contact_id})


def _sheet_fields(
    old: SheetNode | None, new: SheetNode | None, contacts: Mapping[int, str]
) -> list[FieldChange | None]:
    if old == new:
        return []
    before, after = old or SheetNode(), new or SheetNode()
    return [
        _text_change("sheet.goal", _l("Project goal"), before.goal, after.goal),
        _value_change(
            "sheet.lead_organisation",
            _l("Lead organisation"),
            before.lead_organisation.name if before.lead_organisation else "",
            after.lead_organisation.name if after.lead_organisation else "",
        ),
        _value_change("sheet.partners", _l("Partners"), _names(before.partners), _names(after.partners)),
        _text_change("sheet.other_partners", _l("Further partners"), before.other_partners, after.other_partners),
        _text_change("sheet.target_groups", _l("Target groups"), before.target_groups, after.target_groups),
        _value_change(
            "sheet.municipalities",
            _l("Municipalities concerned"),
            _names(before.municipalities),
            _names(after.municipalities),
        ),
        _value_change("sheet.start_date", _l("Start"), _date(before.start_date), _date(after.start_date)),
        _value_change("sheet.end_date", _l("End"), _date(before.end_date), _date(after.end_date)),
        _value_change("sheet.budget", _l("Budget"), _money(before.budget), _money(after.budget)),
        _value_change(
            "sheet.funding_source",
            _l("Funding source"),
            _choice(FundingSource.choices, before.funding_source),
            _choice(FundingSource.choices, after.funding_source),
        ),
        _text_change("sheet.funding_note", _l("Funding details"), before.funding_note, after.funding_note),
        _value_change(
            "sheet.status",
            pgettext_lazy("project", "Status"),
            _choice(ProjectStatus.choices, before.status),
            _choice(ProjectStatus.choices, after.status),
        ),
        _value_change(
            "sheet.progress", _l("Progress"), format_percent(before.progress, 0), format_percent(after.progress, 0)
        )
        if before.progress != after.progress
        else None,
        _text_change("sheet.risks", _l("Risks"), before.risks, after.risks),
        _value_change(
            "sheet.contact",
            _l("Contact person"),
            _contact(before.contact_id, contacts),
            _contact(after.contact_id, contacts),
        )
        if before.contact_id != after.contact_id
        else None,
    ]


def _indicator_fields(old: IndicatorNode, new: IndicatorNode) -> tuple[FieldChange, ...]:
    return _present(
        [
            _text_change("name", _l("Indicator"), old.name, new.name),
            _text_change("definition", _l("Definition"), old.definition, new.definition),
            _value_change("unit", _l("Unit"), old.unit, new.unit),
            _value_change(
                "baseline_value", _l("Baseline value"), _number(old.baseline_value), _number(new.baseline_value)
            ),
            _value_change(
                "baseline_year", _l("Baseline year"), str(old.baseline_year or ""), str(new.baseline_year or "")
            ),
            _value_change("target_value", _l("Target value"), _number(old.target_value), _number(new.target_value)),
            _value_change("target_year", _l("Target year"), str(old.target_year or ""), str(new.target_year or "")),
            _text_change("source", _l("Source"), old.source, new.source),
            _value_change("statistic", _l("Official statistic"), old.statistic, new.statistic),
            _value_change("region", _l("Region of the statistic"), old.region, new.region),
        ]
    )


def _indicators(old: ElementNode | None, new: ElementNode | None) -> tuple[ItemChange, ...]:
    before = {indicator.id: indicator for indicator in (old.indicators if old else ())}
    after = {indicator.id: indicator for indicator in (new.indicators if new else ())}
    changes = []
    for indicator in after.values():
        previous = before.get(indicator.id)
        if previous is None:
            changes.append(ItemChange("added", indicator.name))
        elif fields := _indicator_fields(previous, indicator):
            changes.append(ItemChange("changed", indicator.name, fields))
    changes += [ItemChange("removed", indicator.name) for pk, indicator in before.items() if pk not in after]
    return tuple(changes)


def _milestones(old: SheetNode | None, new: SheetNode | None) -> tuple[ItemChange, ...]:
    before = {milestone.title: milestone for milestone in (old.milestones if old else ())}
    after = {milestone.title: milestone for milestone in (new.milestones if new else ())}
    changes = []
    for title, milestone in after.items():
        previous: MilestoneNode | None = before.get(title)
        if previous is None:
            changes.append(ItemChange("added", title))
            continue
        fields = _present(
            [
                _value_change("due_date", _l("Due"), _date(previous.due_date), _date(milestone.due_date)),
                _value_change("reached_on", _l("Reached on"), _date(previous.reached_on), _date(milestone.reached_on)),
            ]
        )
        if fields:
            changes.append(ItemChange("changed", title, fields))
    changes += [ItemChange("removed", title) for title in before if title not in after]
    return tuple(changes)


def default_evidence_label(link: EvidenceNode) -> str:
    """A link's label without looking its source up: the title of an external source, else its key."""
    title = link.reference.get("title") if isinstance(link.reference, dict) else None
    return str(title) if title else link.source_key


def _evidence(
    old: ElementNode | None, new: ElementNode | None, label: Callable[[EvidenceNode], str]
) -> tuple[ItemChange, ...]:
    before = {link.source_key: link for link in (old.evidence if old else ())}
    after = {link.source_key: link for link in (new.evidence if new else ())}
    changes = []
    for key, link in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(ItemChange("added", label(link)))
        elif previous.note != link.note:
            changes.append(
                ItemChange(
                    "changed",
                    label(link),
                    (FieldChange("note", _("Note"), previous.note, link.note, word_diff(previous.note, link.note)),),
                )
            )
    changes += [ItemChange("removed", label(link)) for key, link in before.items() if key not in after]
    return tuple(changes)


def _sibling_key(node: ElementNode) -> tuple[str, int | None]:
    return (node.kind, node.parent)


def _positions(tree: StrategyTree) -> dict[tuple[str, int | None], list[int]]:
    groups: dict[tuple[str, int | None], list[int]] = {}
    for node in sorted(tree.elements, key=lambda node: (node.order, node.id)):
        groups.setdefault(_sibling_key(node), []).append(node.id)
    return groups


def _reordered(old_tree: StrategyTree, new_tree: StrategyTree) -> dict[int, tuple[int, int]]:
    """Elements whose place among their siblings changed: ``{id: (old place, new place)}``, places from 1."""
    old_groups, new_groups = _positions(old_tree), _positions(new_tree)
    moved: dict[int, tuple[int, int]] = {}
    for key, new_ids in new_groups.items():
        old_ids = old_groups.get(key, [])
        common = set(old_ids) & set(new_ids)
        before = [pk for pk in old_ids if pk in common]
        after = [pk for pk in new_ids if pk in common]
        if before == after:
            continue
        kept: set[int] = set()
        for block in SequenceMatcher(None, before, after, autojunk=False).get_matching_blocks():
            kept.update(before[block.a : block.a + block.size])
        for pk in common - kept:
            moved[pk] = (old_ids.index(pk) + 1, new_ids.index(pk) + 1)
    return moved


def _titles(tree: StrategyTree, ids: Iterable[int]) -> str:
    return ", ".join(tree.by_id[pk].title for pk in ids if pk in tree.by_id)


def _moves(
    old: ElementNode, new: ElementNode, old_tree: StrategyTree, new_tree: StrategyTree, place: tuple[int, int] | None
) -> tuple[FieldChange, ...]:
    changes: list[FieldChange | None] = []
    if old.parent != new.parent:
        changes.append(
            FieldChange(
                "parent",
                _("Field of action"),
                _titles(old_tree, [old.parent] if old.parent else []),
                _titles(new_tree, [new.parent] if new.parent else []),
            )
        )
    if place is not None:
        changes.append(FieldChange("position", _("Place in its list"), str(place[0]), str(place[1])))
    if sorted(old.serves) != sorted(new.serves):
        label = _("Implements") if new.kind == ElementKind.PROJECT else _("Serves")
        changes.append(FieldChange("serves", label, _titles(old_tree, old.serves), _titles(new_tree, new.serves)))
    return _present(changes)


def _reading_order(tree: StrategyTree) -> list[int]:
    seen = [node.id for node in tree.walk()]
    listed = set(seen)
    return seen + [node.id for node in tree.elements if node.id not in listed]


def compare_trees(
    old_tree: StrategyTree,
    new_tree: StrategyTree,
    *,
    contacts: Mapping[int, str] | None = None,
    evidence_label: Callable[[EvidenceNode], str] = default_evidence_label,
) -> Comparison:
    """What changed from ``old_tree`` to ``new_tree``.

    ``contacts`` names contact persons by id (the snapshot keeps only the id); ``evidence_label`` names an
    evidence link's source (the page passes one that looks the source up).
    """
    names = contacts or {}
    places = _reordered(old_tree, new_tree)
    changes: list[ElementChange] = []
    for pk in _reading_order(new_tree):
        new = new_tree.by_id[pk]
        old = old_tree.by_id.get(pk)
        if old is None:
            changes.append(ElementChange(pk, new.kind, "added", None, new))
            continue
        if old == new and pk not in places:
            continue
        change = ElementChange(
            pk,
            new.kind,
            "kept",
            old,
            new,
            moves=_moves(old, new, old_tree, new_tree, places.get(pk)),
            fields=_present([*_element_fields(old, new), *_sheet_fields(old.sheet, new.sheet, names)]),
            indicators=_indicators(old, new),
            milestones=_milestones(old.sheet, new.sheet),
            evidence=_evidence(old, new, evidence_label),
        )
        if change.is_moved or change.is_changed:
            changes.append(change)
    for pk in _reading_order(old_tree):
        if pk not in new_tree.by_id:
            old = old_tree.by_id[pk]
            changes.append(ElementChange(pk, old.kind, "removed", old, None))
    rank = {str(kind): index for index, kind in enumerate(KIND_ORDER)}
    order = {change.id: index for index, change in enumerate(changes)}
    changes.sort(key=lambda change: (rank.get(change.kind, 99), order[change.id]))
    strategy_fields = _present(
        [
            _text_change("strategy.title", _("Title of the strategy"), old_tree.title, new_tree.title),
            _text_change("strategy.introduction", _("Introduction"), old_tree.introduction, new_tree.introduction),
        ]
    )
    return Comparison(strategy_fields=strategy_fields, elements=tuple(changes))
