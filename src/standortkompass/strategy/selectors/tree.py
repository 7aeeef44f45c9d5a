"""The strategy as one tree of plain values: read from the draft tables or from a version's snapshot.

``draft_tree(strategy)`` reads the elements with their indicators, evidence links and fact sheets in a
fixed number of queries; ``StrategyTree.to_json()`` is what a version stores and ``tree_from_json`` reads
it back, so the management pages (the draft), the public pages (the published version) and the comparison
of two versions all work on the same structure. The snapshot holds no personal data: the contact person
of a project is stored by id and looked up when shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Prefetch

from standortkompass.strategy.models import (
    Element,
    ElementKind,
    EvidenceLink,
    Milestone,
    ProjectSheet,
    Strategy,
    StrategyIndicator,
)

SCHEMA = 1
KIND_ORDER = (ElementKind.VISION, ElementKind.GOAL, ElementKind.FIELD, ElementKind.MEASURE, ElementKind.PROJECT)


@dataclass(frozen=True)
class IndicatorNode:
    id: int
    name: str
    definition: str = ""
    unit: str = ""
    baseline_value: float | None = None
    baseline_year: int | None = None
    target_value: float | None = None
    target_year: int | None = None
    source: str = ""
    statistic: str = ""  # code of the bound official statistic (regiondata.Indicator), or ""
    region: str = ""  # AGS of the region of the bound statistic, or ""


@dataclass(frozen=True)
class EvidenceNode:
    id: int
    kind: str
    reference: dict[str, Any]
    source_key: str
    note: str = ""


@dataclass(frozen=True)
class NamedRef:
    id: int | str
    name: str


@dataclass(frozen=True)
class MilestoneNode:
    title: str
    due_date: str | None = None  # ISO dates: the snapshot is JSON
    reached_on: str | None = None


@dataclass(frozen=True)
class SheetNode:
    goal: str = ""
    lead_organisation: NamedRef | None = None
    partners: tuple[NamedRef, ...] = ()
    other_partners: str = ""
    target_groups: str = ""
    municipalities: tuple[NamedRef, ...] = ()
    start_date: str | None = None
    end_date: str | None = None
    budget: str | None = None  # decimal as text, unrounded
    funding_source: str = ""
    funding_note: str = ""
    status: str = "idea"
    progress: int = 0
    risks: str = ""
    contact_id: int | None = None
    milestones: tuple[MilestoneNode, ...] = ()


@dataclass(frozen=True)
class ElementNode:
    id: int
    kind: str
    title: str
    slug: str
    summary: str = ""
    text: str = ""
    rationale: str = ""
    parent: int | None = None
    serves: tuple[int, ...] = ()
    order: int = 0
    indicators: tuple[IndicatorNode, ...] = ()
    evidence: tuple[EvidenceNode, ...] = ()
    sheet: SheetNode | None = None


@dataclass(frozen=True)
class StrategyTree:
    title: str
    introduction: str
    elements: tuple[ElementNode, ...]
    by_id: dict[int, ElementNode] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {element.id: element for element in self.elements})

    def of_kind(self, kind: str) -> list[ElementNode]:
        return [element for element in self.elements if element.kind == kind]

    @property
    def vision(self) -> ElementNode | None:
        found = self.of_kind(ElementKind.VISION)
        return found[0] if found else None

    def children(self, element: ElementNode) -> list[ElementNode]:
        return [child for child in self.elements if child.parent == element.id]

    def served_by(self, element: ElementNode) -> list[ElementNode]:
        """The measures serving a goal, the projects implementing a measure."""
        return [other for other in self.elements if element.id in other.serves]

    def serves(self, element: ElementNode) -> list[ElementNode]:
        return [self.by_id[pk] for pk in element.serves if pk in self.by_id]

    def by_slug(self, slug: str) -> ElementNode | None:
        return next((element for element in self.elements if element.slug == slug), None)

    def field_of(self, element: ElementNode) -> ElementNode | None:
        """The field of action of a measure, or of a project (through the measures it implements)."""
        if element.parent is not None:
            return self.by_id.get(element.parent)
        for measure in self.serves(element):
            if measure.parent is not None:
                return self.by_id.get(measure.parent)
        return None

    def walk(self) -> Iterator[ElementNode]:
        """Vision, goals, then each field followed by its measures, then the projects: the reading order."""
        yield from self.of_kind(ElementKind.VISION)
        yield from self.of_kind(ElementKind.GOAL)
        for field_node in self.of_kind(ElementKind.FIELD):
            yield field_node
            yield from self.children(field_node)
        yield from self.of_kind(ElementKind.PROJECT)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "title": self.title,
            "introduction": self.introduction,
            "elements": [asdict(element) for element in self.elements],
        }


def _sorted(elements: list[ElementNode]) -> tuple[ElementNode, ...]:
    rank: dict[str, int] = {str(kind): index for index, kind in enumerate(KIND_ORDER)}
    return tuple(sorted(elements, key=lambda e: (rank.get(e.kind, 99), e.parent or 0, e.order, e.id)))


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _sheet_node(sheet: ProjectSheet) -> SheetNode:
    return SheetNode(
        goal=sheet.goal,
        lead_organisation=(
            NamedRef(sheet.lead_organisation.pk, sheet.lead_organisation.name) if sheet.lead_organisation else None
        ),
        partners=tuple(NamedRef(org.pk, org.name) for org in sheet.partners.all()),
        other_partners=sheet.other_partners,
        target_groups=sheet.target_groups,
        municipalities=tuple(NamedRef(region.code, region.name) for region in sheet.municipalities.all()),
        start_date=_iso(sheet.start_date),
        end_date=_iso(sheet.end_date),
        budget=str(sheet.budget) if sheet.budget is not None else None,
        funding_source=sheet.funding_source,
        funding_note=sheet.funding_note,
        status=sheet.status,
        progress=sheet.progress,
        risks=sheet.risks,
        contact_id=sheet.contact_id,
        milestones=tuple(MilestoneNode(m.title, _iso(m.due_date), _iso(m.reached_on)) for m in sheet.milestones.all()),
    )


def draft_tree(strategy: Strategy) -> StrategyTree:
    """The draft as it is in the tables now."""
    sheets = ProjectSheet.objects.select_related("lead_organisation").prefetch_related(
        "partners", "municipalities", Prefetch("milestones", queryset=Milestone.objects.order_by("order", "id"))
    )
    elements = (
        Element.objects.filter(strategy=strategy)
        .prefetch_related(
            Prefetch("serves", queryset=Element.objects.only("id")),
            Prefetch(
                "indicators",
                queryset=StrategyIndicator.objects.select_related("statistic", "region").order_by("order", "id"),
            ),
            Prefetch("evidence", queryset=EvidenceLink.objects.order_by("order", "id")),
            Prefetch("sheet", queryset=sheets),
        )
        .order_by("order", "id")
    )
    nodes = []
    for element in elements:
        sheet = getattr(element, "sheet", None) if element.kind == ElementKind.PROJECT else None
        nodes.append(
            ElementNode(
                id=element.pk,
                kind=element.kind,
                title=element.title,
                slug=element.slug,
                summary=element.summary,
                text=element.text,
                rationale=element.rationale,
                parent=element.parent_id,
                serves=tuple(sorted(other.pk for other in element.serves.all())),
                order=element.order,
                indicators=tuple(
                    IndicatorNode(
                        id=indicator.pk,
                        name=indicator.name,
                        definition=indicator.definition,
                        unit=indicator.unit,
                        baseline_value=indicator.baseline_value,
                        baseline_year=indicator.baseline_year,
                        target_value=indicator.target_value,
                        target_year=indicator.target_year,
                        source=indicator.source,
                        statistic=indicator.statistic.code if indicator.statistic else "",
                        region=indicator.region.code if indicator.region else "",
                    )
                    for indicator in element.indicators.all()
                ),
                evidence=tuple(
                    EvidenceNode(link.pk, link.kind, dict(link.reference), link.source_key, link.note)
                    for link in element.evidence.all()
                ),
                sheet=_sheet_node(sheet) if sheet is not None else None,
            )
        )
    return StrategyTree(title=strategy.title, introduction=strategy.introduction, elements=_sorted(nodes))


def _named(values: Any) -> tuple[NamedRef, ...]:
    return tuple(NamedRef(value["id"], value["name"]) for value in values or ())


def tree_from_json(data: dict[str, Any]) -> StrategyTree:
    """A version's snapshot as a tree (the inverse of ``StrategyTree.to_json``)."""
    nodes = []
    for raw in data.get("elements", ()):
        sheet_data = raw.get("sheet")
        sheet = None
        if sheet_data is not None:
            lead = sheet_data.get("lead_organisation")
            sheet = SheetNode(
                **{
                    **{key: value for key, value in sheet_data.items() if key in SheetNode.__dataclass_fields__},
                    "lead_organisation": NamedRef(lead["id"], lead["name"]) if lead else None,
                    "partners": _named(sheet_data.get("partners")),
                    "municipalities": _named(sheet_data.get("municipalities")),
                    "milestones": tuple(MilestoneNode(**m) for m in sheet_data.get("milestones", ())),
                }
            )
        nodes.append(
            ElementNode(
                **{
                    **{key: value for key, value in raw.items() if key in ElementNode.__dataclass_fields__},
                    "serves": tuple(raw.get("serves", ())),
                    "indicators": tuple(IndicatorNode(**indicator) for indicator in raw.get("indicators", ())),
                    "evidence": tuple(EvidenceNode(**link) for link in raw.get("evidence", ())),
                    "sheet": sheet,
                }
            )
        )
    return StrategyTree(title=data.get("title", ""), introduction=data.get("introduction", ""), elements=_sorted(nodes))
