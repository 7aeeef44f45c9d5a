"""Reading the published strategy for the public pages: /strategie/, its elements, /projekte/ and each project.

The public pages show the tree of the published version (``selectors.versions``), never the draft: a change
of the draft reaches them only with the next published version. What is read live, by element id, is what
changes without a new version: a project's status, progress and milestones from its fact sheet (monitoring
updates them), the actual values of indicators (an official statistic from ``regiondata``, else the values
entered or reported), and the cited sources (``processes.evidence``, each with its owner's rules).

Which version is published is one query (``published_strategy``), made once per request
(``published_for``). The main navigation asks ``strategy_is_published`` through ``processes.navigation``, which
keeps the answer in the cache.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import F, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standortkompass.processes.calls_to_action import CallToAction
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import (
    ElementKind,
    FundingSource,
    Milestone,
    ProjectSheet,
    ProjectStatus,
    Strategy,
    StrategyVersion,
)
from standortkompass.strategy.selectors.evidence import ShownEvidence, evidence_shown, public_element_url
from standortkompass.strategy.selectors.public_figures import IndicatorShown, indicators_shown, money_text
from standortkompass.strategy.selectors.tree import ElementNode, NamedRef, SheetNode, StrategyTree
from standortkompass.strategy.selectors.versions import version_tree

# Kinds of sources whose title and summary are German editorial text (marked lang="de" on English pages).
# A survey result is shown in the page's language where its questionnaire has one.
GERMAN_SOURCE_KINDS = frozenset({"finding", "analysis_figure", "external", "board_entry"})
# Kinds whose "source" line is a German name (the statistical offices, a publisher), not a translated label.
GERMAN_SOURCE_LINES = frozenset({"analysis_figure", "external"})
_REQUEST_ATTRIBUTE = "_strategy_published"


# --- which version is published --------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """The published version of the current public process's strategy, with its tree."""

    process: StrategyProcess
    strategy: Strategy
    version: StrategyVersion
    tree: StrategyTree

    @property
    def adopted_line(self) -> str:
        version = self.version
        if version.decided_on:
            return _("Version %(number)s, adopted by the steering committee on %(date)s") % {
                "number": version.number,
                "date": date_format(version.decided_on, "j. F Y"),
            }
        return _("Version %(number)s") % {"number": version.number}


def _current_process_pk() -> QuerySet[StrategyProcess, Any]:
    """The newest public process, as a subquery (``processes.selectors.current_public_process``)."""
    return StrategyProcess.objects.filter(is_public=True).order_by("-created_at", "-id").values("pk")[:1]


def published_strategy() -> Published | None:
    """The published version of the current public process's strategy (one query; the tree is cached per version)."""
    version = (
        StrategyVersion.objects.filter(
            strategy__process_id=Subquery(_current_process_pk()), strategy__published_version=F("pk")
        )
        .select_related("strategy__process__region")
        .defer("snapshot")
        .first()
    )
    if version is None:
        return None
    strategy = version.strategy
    return Published(process=strategy.process, strategy=strategy, version=version, tree=version_tree(version))


def strategy_is_published(process: StrategyProcess) -> bool:
    """Whether the process has a published version (for the main navigation's entries)."""
    return Strategy.objects.filter(process=process, published_version__isnull=False).exists()


def published_for(request: HttpRequest) -> Published | None:
    """``published_strategy()``, looked up once per request."""
    if not hasattr(request, _REQUEST_ATTRIBUTE):
        setattr(request, _REQUEST_ATTRIBUTE, published_strategy())
    return cast("Published | None", getattr(request, _REQUEST_ATTRIBUTE))


def strategy_calls_to_action(process: StrategyProcess) -> list[CallToAction]:
    """The link to the published strategy for the home page of the current public process."""
    version = (
        StrategyVersion.objects.filter(
            strategy__process_id=process.pk,
            strategy__published_version=F("pk"),
        )
        .filter(strategy__process_id=Subquery(_current_process_pk()))
        .defer("snapshot")
        .first()
    )
    if version is None:
        return []
    if version.decided_on:
        text = _(
            "The steering committee adopted the strategy on %(date)s: vision, goals, fields of action, measures "
            "and projects, each with what it rests on."
        ) % {"date": date_format(version.decided_on, "j. F Y")}
    else:
        text = _("Vision, goals, fields of action, measures and projects, each with what it rests on.")
    return [
        CallToAction(
            title=_("The strategy has been adopted"),
            text=text,
            url=reverse("strategy:overview"),
            link_text=_("Read the strategy"),
        )
    ]


# --- the tree's relations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """An element as a link, optionally with the element it sits in (a measure's field of action)."""

    node: ElementNode
    url: str
    parent: ElementNode | None = None
    parent_url: str = ""


class TreeIndex:
    """The relations of a tree, indexed once (the tree's own lookups scan all elements each time)."""

    def __init__(self, tree: StrategyTree) -> None:
        self.tree = tree
        self.children: dict[int, list[ElementNode]] = defaultdict(list)
        self.served_by: dict[int, list[ElementNode]] = defaultdict(list)
        for element in tree.elements:
            if element.parent is not None:
                self.children[element.parent].append(element)
            for target in element.serves:
                self.served_by[target].append(element)

    def link(self, node: ElementNode) -> Link:
        parent = self.tree.by_id.get(node.parent) if node.parent is not None else None
        return Link(node, public_element_url(node), parent, public_element_url(parent) if parent else "")

    def serves(self, node: ElementNode) -> list[ElementNode]:
        return [self.tree.by_id[pk] for pk in node.serves if pk in self.tree.by_id]

    def measures_of(self, node: ElementNode) -> list[ElementNode]:
        """The measures of a field of action, or those serving a goal."""
        if node.kind == ElementKind.FIELD:
            return list(self.children.get(node.id, ()))
        if node.kind == ElementKind.GOAL:
            return [m for m in self.served_by.get(node.id, ()) if m.kind == ElementKind.MEASURE]
        return []

    def projects_of(self, node: ElementNode) -> list[ElementNode]:
        """The projects implementing a measure, or the measures of a field or a goal (each once, in tree order)."""
        measures = [node] if node.kind == ElementKind.MEASURE else self.measures_of(node)
        found = {p.id: p for m in measures for p in self.served_by.get(m.id, ()) if p.kind == ElementKind.PROJECT}
        return [element for element in self.tree.elements if element.id in found]

    def fields_of_project(self, project: ElementNode) -> list[ElementNode]:
        fields: dict[int, ElementNode] = {}
        for measure in self.serves(project):
            if measure.parent is not None and measure.parent in self.tree.by_id:
                fields.setdefault(measure.parent, self.tree.by_id[measure.parent])
        return sorted(fields.values(), key=lambda f: (f.order, f.id))

    def goals_of_project(self, project: ElementNode) -> list[ElementNode]:
        goals = {goal.id: goal for measure in self.serves(project) for goal in self.serves(measure)}
        return sorted(goals.values(), key=lambda g: (g.order, g.id))


# --- evidence ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceItem:
    shown: ShownEvidence
    german: bool  # the source's title and summary are German editorial text
    german_source: bool  # the source line names German offices or publishers


EVIDENCE_QUESTIONS = {
    ElementKind.GOAL: lambda: _("What does this goal rest on?"),
    ElementKind.FIELD: lambda: _("What does this field of action rest on?"),
    ElementKind.MEASURE: lambda: _("What does this measure rest on?"),
    ElementKind.PROJECT: lambda: _("What does this project rest on?"),
}


def evidence_items(published: Published, node: ElementNode) -> list[EvidenceItem]:
    shown = evidence_shown(published.process, node.evidence, public=True)
    kinds = {link.id: link.kind for link in node.evidence}
    return [
        EvidenceItem(
            item,
            german=kinds.get(item.link_id, "") in GERMAN_SOURCE_KINDS,
            german_source=kinds.get(item.link_id, "") in GERMAN_SOURCE_LINES,
        )
        for item in shown
    ]


# --- projects ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectState:
    """A project's live status and progress (from its fact sheet; the snapshot's when the sheet is gone)."""

    status: str
    progress: int
    reported_at: dt.datetime | None = None

    @property
    def status_label(self) -> str:
        return str(dict(ProjectStatus.choices).get(self.status, self.status))


def _snapshot_state(node: ElementNode) -> ProjectState:
    sheet = node.sheet or SheetNode()
    return ProjectState(sheet.status, sheet.progress)


def live_states(strategy: Strategy, *, element_id: int | None = None) -> dict[int, ProjectState]:
    sheets = ProjectSheet.objects.filter(element__strategy=strategy)
    if element_id is not None:
        sheets = sheets.filter(element_id=element_id)
    return {
        pk: ProjectState(status, progress, reported_at)
        for pk, status, progress, reported_at in sheets.values_list(
            "element_id", "status", "progress", "status_changed_at"
        )
    }


@dataclass(frozen=True)
class ProjectItem:
    node: ElementNode
    url: str
    state: ProjectState
    fields: tuple[ElementNode, ...]

    @property
    def lead(self) -> NamedRef | None:
        return self.node.sheet.lead_organisation if self.node.sheet else None

    @property
    def municipalities(self) -> tuple[NamedRef, ...]:
        return self.node.sheet.municipalities if self.node.sheet else ()


def project_items(index: TreeIndex, projects: list[ElementNode], states: dict[int, ProjectState]) -> list[ProjectItem]:
    return [
        ProjectItem(
            node=project,
            url=public_element_url(project),
            state=states.get(project.id) or _snapshot_state(project),
            fields=tuple(index.fields_of_project(project)),
        )
        for project in projects
    ]


@dataclass(frozen=True)
class ProjectFilterOptions:
    """What the project list can be filtered by: (value, label) pairs of what the projects have."""

    fields: list[tuple[str, str]]
    statuses: list[tuple[str, str]]
    municipalities: list[tuple[str, str]]
    leads: list[tuple[str, str]]


@dataclass(frozen=True)
class ProjectFilters:
    field: str = ""  # a field of action's slug
    status: str = ""
    municipality: str = ""  # AGS
    lead: str = ""  # the lead organisation's id

    @property
    def active(self) -> bool:
        return bool(self.field or self.status or self.municipality or self.lead)


def project_filter_options(tree: StrategyTree) -> ProjectFilterOptions:
    projects = tree.of_kind(ElementKind.PROJECT)
    municipalities: dict[str, str] = {}
    leads: dict[str, str] = {}
    for project in projects:
        if project.sheet is None:
            continue
        for region in project.sheet.municipalities:
            municipalities[str(region.id)] = region.name
        if project.sheet.lead_organisation is not None:
            leads[str(project.sheet.lead_organisation.id)] = project.sheet.lead_organisation.name
    return ProjectFilterOptions(
        fields=[(field.slug, field.title) for field in tree.of_kind(ElementKind.FIELD)],
        statuses=[(str(value), str(label)) for value, label in ProjectStatus.choices],
        municipalities=sorted(municipalities.items(), key=lambda item: item[1]),
        leads=sorted(leads.items(), key=lambda item: item[1]),
    )


def projects_filtered(published: Published, filters: ProjectFilters) -> list[ProjectItem]:
    """The published projects in the tree's order that match every given filter (status: the live one)."""
    index = TreeIndex(published.tree)
    items = project_items(index, published.tree.of_kind(ElementKind.PROJECT), live_states(published.strategy))
    if filters.field:
        items = [item for item in items if any(field.slug == filters.field for field in item.fields)]
    if filters.status:
        items = [item for item in items if item.state.status == filters.status]
    if filters.municipality:
        items = [item for item in items if any(str(m.id) == filters.municipality for m in item.municipalities)]
    if filters.lead:
        items = [item for item in items if item.lead is not None and str(item.lead.id) == filters.lead]
    return items


# --- pages ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalEntry:
    link: Link
    indicators: list[IndicatorShown]


@dataclass(frozen=True)
class MeasureEntry:
    link: Link
    projects: int


@dataclass(frozen=True)
class FieldEntry:
    link: Link
    measures: list[MeasureEntry]


@dataclass(frozen=True)
class OverviewPage:
    vision: Link | None
    goals: list[GoalEntry]
    fields: list[FieldEntry]
    projects: int


def overview_page(published: Published) -> OverviewPage:
    tree = published.tree
    index = TreeIndex(tree)
    goals = tree.of_kind(ElementKind.GOAL)
    indicators = indicators_shown(published.strategy, [i for goal in goals for i in goal.indicators])
    vision = tree.vision
    return OverviewPage(
        vision=index.link(vision) if vision else None,
        goals=[GoalEntry(index.link(goal), [indicators[i.id] for i in goal.indicators]) for goal in goals],
        fields=[
            FieldEntry(
                index.link(field),
                [
                    MeasureEntry(index.link(measure), len(index.projects_of(measure)))
                    for measure in index.measures_of(field)
                ],
            )
            for field in tree.of_kind(ElementKind.FIELD)
        ],
        projects=len(tree.of_kind(ElementKind.PROJECT)),
    )


@dataclass(frozen=True)
class ElementPage:
    element: ElementNode
    kind_label: str
    field: Link | None  # the field of action of a measure
    goals: list[Link]  # the goals a measure serves
    measures: list[Link]  # the measures of a field, or serving a goal
    projects: list[ProjectItem]
    indicators: list[IndicatorShown]
    evidence: list[EvidenceItem]
    evidence_question: str

    @property
    def trail(self) -> list[Link]:
        """The elements between the strategy and this one in the breadcrumbs (a measure's field of action)."""
        return [self.field] if self.field else []


def element_page(published: Published, slug: str) -> ElementPage | None:
    """The page of a vision, goal, field of action or measure; None for another slug (a project has its own)."""
    tree = published.tree
    node = tree.by_slug(slug)
    if node is None or node.kind == ElementKind.PROJECT:
        return None
    index = TreeIndex(tree)
    parent = tree.by_id.get(node.parent) if node.parent is not None else None
    indicators = indicators_shown(published.strategy, list(node.indicators))
    projects = index.projects_of(node)
    question = EVIDENCE_QUESTIONS.get(ElementKind(node.kind))
    return ElementPage(
        element=node,
        kind_label=str(dict(ElementKind.choices)[node.kind]),
        field=index.link(parent) if parent else None,
        goals=[index.link(goal) for goal in index.serves(node)] if node.kind == ElementKind.MEASURE else [],
        measures=[index.link(measure) for measure in index.measures_of(node)],
        projects=project_items(index, projects, live_states(published.strategy)) if projects else [],
        indicators=[indicators[i.id] for i in node.indicators],
        evidence=evidence_items(published, node),
        evidence_question=question() if question else "",
    )


@dataclass(frozen=True)
class MilestoneShown:
    title: str
    due_date: dt.date | None
    reached_on: dt.date | None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class ProjectPage:
    element: ElementNode
    sheet: SheetNode
    state: ProjectState
    milestones: list[MilestoneShown]
    measures: list[Link]
    goals: list[Link]
    fields: list[Link]
    start_date: dt.date | None
    end_date: dt.date | None
    budget: str
    funding: str
    indicators: list[IndicatorShown]
    evidence: list[EvidenceItem]
    evidence_question: str
    trail: tuple[Link, ...] = ()


def project_page(published: Published, slug: str) -> ProjectPage | None:
    """The fact sheet of a published project: its structure from the version, status and milestones live."""
    tree = published.tree
    node = tree.by_slug(slug)
    if node is None or node.kind != ElementKind.PROJECT:
        return None
    index = TreeIndex(tree)
    sheet = node.sheet or SheetNode()
    states = live_states(published.strategy, element_id=node.id)
    if node.id in states:
        milestones = [
            MilestoneShown(title, due, reached)
            for title, due, reached in Milestone.objects.filter(project_id=node.id)
            .order_by("order", "due_date", "id")
            .values_list("title", "due_date", "reached_on")
        ]
    else:  # the project has left the draft since: what the version recorded
        milestones = [MilestoneShown(m.title, _date(m.due_date), _date(m.reached_on)) for m in sheet.milestones]
    indicators = indicators_shown(published.strategy, list(node.indicators))
    funding = str(dict(FundingSource.choices).get(sheet.funding_source, "")) if sheet.funding_source else ""
    return ProjectPage(
        element=node,
        sheet=sheet,
        state=states.get(node.id) or _snapshot_state(node),
        milestones=milestones,
        measures=[index.link(measure) for measure in index.serves(node)],
        goals=[index.link(goal) for goal in index.goals_of_project(node)],
        fields=[index.link(field) for field in index.fields_of_project(node)],
        start_date=_date(sheet.start_date),
        end_date=_date(sheet.end_date),
        budget=money_text(sheet.budget),
        funding=funding,
        indicators=[indicators[i.id] for i in node.indicators],
        evidence=evidence_items(published, node),
        evidence_question=EVIDENCE_QUESTIONS[ElementKind.PROJECT](),
    )
