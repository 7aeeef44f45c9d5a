"""The draft as the editing pages show it: the outline of the draft page and the parts of an element's page."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, Milestone, ProjectSheet
from standortkompass.strategy.selectors.evidence import ShownEvidence, evidence_shown
from standortkompass.strategy.selectors.indicators import IndicatorRow, indicator_rows
from standortkompass.strategy.selectors.tree import ElementNode, StrategyTree

KIND_LABELS: dict[str, str] = {str(kind): str(label) for kind, label in ElementKind.choices}


@dataclass(frozen=True)
class OutlineEntry:
    """An element in its list: its place (1-based) among ``count`` siblings and what it serves."""

    node: ElementNode
    kind_label: str
    position: int
    count: int
    serves: list[ElementNode]
    children: list[OutlineEntry] = field(default_factory=list)

    @property
    def is_first(self) -> bool:
        return self.position == 1

    @property
    def is_last(self) -> bool:
        return self.position == self.count

    @property
    def indicator_count(self) -> int:
        return len(self.node.indicators)

    @property
    def evidence_count(self) -> int:
        return len(self.node.evidence)


@dataclass(frozen=True)
class Outline:
    vision: OutlineEntry | None
    goals: list[OutlineEntry]
    fields: list[OutlineEntry]
    projects: list[OutlineEntry]

    @property
    def is_empty(self) -> bool:
        return self.vision is None and not (self.goals or self.fields or self.projects)


def _entries(tree: StrategyTree, nodes: list[ElementNode]) -> list[OutlineEntry]:
    return [
        OutlineEntry(
            node=node,
            kind_label=KIND_LABELS.get(node.kind, node.kind),
            position=place,
            count=len(nodes),
            serves=tree.serves(node),
            children=_entries(tree, tree.children(node)) if node.kind == ElementKind.FIELD else [],
        )
        for place, node in enumerate(nodes, start=1)
    ]


def draft_outline(tree: StrategyTree) -> Outline:
    visions = _entries(tree, tree.of_kind(ElementKind.VISION))
    return Outline(
        vision=visions[0] if visions else None,
        goals=_entries(tree, tree.of_kind(ElementKind.GOAL)),
        fields=_entries(tree, tree.of_kind(ElementKind.FIELD)),
        projects=_entries(tree, tree.of_kind(ElementKind.PROJECT)),
    )


@dataclass(frozen=True)
class ElementPage:
    """Everything the management page of one element shows."""

    element: Element
    node: ElementNode
    kind_label: str
    field_of_action: ElementNode | None
    serves: list[ElementNode]
    served_by: list[ElementNode]
    children: list[ElementNode]
    indicators: list[IndicatorRow]
    evidence: list[ShownEvidence]
    sheet: ProjectSheet | None
    milestones: list[Milestone]
    budget: str = ""  # the budget as shown: German, in euros with cents

    @property
    def has_indicators(self) -> bool:
        return self.element.kind in (ElementKind.GOAL, ElementKind.FIELD, ElementKind.PROJECT)

    @property
    def cites_evidence(self) -> bool:
        return self.element.kind != ElementKind.VISION


def budget_shown(budget: Decimal) -> str:
    return f"{number_format(budget, 2, force_grouping=True)}\u00a0€"


def element_page(process: StrategyProcess, element: Element, tree: StrategyTree) -> ElementPage:
    node = tree.by_id[element.pk]
    sheet = None
    milestones: list[Milestone] = []
    if element.kind == ElementKind.PROJECT:
        sheet = (
            ProjectSheet.objects.select_related("lead_organisation", "contact", "contact__organisation")
            .prefetch_related("partners", "municipalities")
            .filter(element=element)
            .first()
        )
        if sheet is not None:
            milestones = list(sheet.milestones.order_by("order", "due_date", "id"))
    return ElementPage(
        element=element,
        node=node,
        kind_label=KIND_LABELS.get(element.kind, element.kind),
        field_of_action=tree.field_of(node) if element.kind in (ElementKind.MEASURE, ElementKind.PROJECT) else None,
        serves=tree.serves(node),
        served_by=tree.served_by(node),
        children=tree.children(node),
        indicators=indicator_rows(element),
        evidence=evidence_shown(process, node.evidence, public=False),
        sheet=sheet,
        milestones=milestones,
        budget=budget_shown(sheet.budget) if sheet is not None and sheet.budget is not None else "",
    )
