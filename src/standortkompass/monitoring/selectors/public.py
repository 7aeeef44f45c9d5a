"""The public monitoring of the published strategy: the dashboard /umsetzung/ and a page per project.

The structure (fields of action, measures, projects, indicators) is the published version's; what changes
without a new version is read live by element id: a project's status, progress and milestones from its fact
sheet, its reports of the reporting rounds (their public parts: date, status, progress, what has happened and
the next steps; never the problems, which only the agency reads), and the indicators' actual values.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from django.db.models import Max
from django.urls import reverse

from standortkompass.core.numbers import format_percent
from standortkompass.monitoring.models import ProjectReport
from standortkompass.monitoring.selectors.indicators import IndicatorChart, indicator_charts
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.selectors import current_public_process
from standortkompass.strategy.models import ElementKind, Milestone, ProjectSheet, ProjectStatus, Strategy
from standortkompass.strategy.selectors.tree import ElementNode, StrategyTree
from standortkompass.strategy.selectors.versions import published_tree


@dataclass(frozen=True)
class PublishedStrategy:
    process: StrategyProcess
    strategy: Strategy
    tree: StrategyTree


def published_monitoring() -> PublishedStrategy | None:
    """The published strategy of the current public process, or None."""
    process = current_public_process()
    if process is None:
        return None
    found = published_tree(process)
    if found is None:
        return None
    version, tree = found
    return PublishedStrategy(process=process, strategy=version.strategy, tree=tree)


@dataclass(frozen=True)
class ProjectState:
    status: str
    progress: int
    reported_on: dt.date | None = None  # the reporting date of the newest report

    @property
    def status_label(self) -> str:
        return str(dict(ProjectStatus.choices).get(self.status, self.status))

    @property
    def progress_text(self) -> str:
        return format_percent(self.progress, 0)


def _states(projects: list[ElementNode]) -> dict[int, ProjectState]:
    """The live status and progress of each project (the snapshot's when its fact sheet is gone)."""
    ids = [project.id for project in projects]
    live = {
        pk: (status, progress)
        for pk, status, progress in ProjectSheet.objects.filter(element_id__in=ids).values_list(
            "element_id", "status", "progress"
        )
    }
    reported = dict(
        ProjectReport.objects.filter(project_id__in=ids)
        .values("project_id")
        .annotate(last=Max("round__reporting_date"))
        .values_list("project_id", "last")
    )
    states = {}
    for project in projects:
        status, progress = live.get(project.id) or (
            (project.sheet.status, project.sheet.progress) if project.sheet else (ProjectStatus.IDEA, 0)
        )
        states[project.id] = ProjectState(status, progress, reported.get(project.id))
    return states


@dataclass(frozen=True)
class ProjectLine:
    node: ElementNode
    state: ProjectState
    url: str  # the project's monitoring page
    fact_sheet_url: str  # the strategy's page of the project


@dataclass(frozen=True)
class MeasureBlock:
    node: ElementNode
    url: str
    projects: list[ProjectLine]


@dataclass(frozen=True)
class FieldBlock:
    node: ElementNode
    url: str
    measures: list[MeasureBlock]


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Dashboard:
    fields: list[FieldBlock]
    other_projects: list[ProjectLine]  # projects that implement no measure of a field of action
    status_counts: list[StatusCount]
    total: int
    average_progress: str
    last_report: dt.date | None
    goal_charts: list[IndicatorChart]
    field_charts: list[IndicatorChart]


def _line(node: ElementNode, states: dict[int, ProjectState]) -> ProjectLine:
    return ProjectLine(
        node=node,
        state=states[node.id],
        url=reverse("monitoring:project", kwargs={"slug": node.slug}),
        fact_sheet_url=reverse("strategy:project", kwargs={"slug": node.slug}),
    )


def dashboard(published: PublishedStrategy) -> Dashboard:
    tree = published.tree
    projects = tree.of_kind(ElementKind.PROJECT)
    states = _states(projects)
    implementing: dict[int, list[ElementNode]] = defaultdict(list)
    for project in projects:
        for measure_id in project.serves:
            implementing[measure_id].append(project)
    placed: set[int] = set()
    fields = []
    for field_node in tree.of_kind(ElementKind.FIELD):
        measures = []
        for measure in tree.children(field_node):
            lines = [_line(project, states) for project in implementing.get(measure.id, [])]
            placed.update(line.node.id for line in lines)
            measures.append(MeasureBlock(measure, reverse("strategy:element", kwargs={"slug": measure.slug}), lines))
        fields.append(FieldBlock(field_node, reverse("strategy:element", kwargs={"slug": field_node.slug}), measures))
    counts = Counter(state.status for state in states.values())
    total = len(projects)
    average = sum(state.progress for state in states.values()) / total if total else 0.0
    reported = [state.reported_on for state in states.values() if state.reported_on is not None]
    return Dashboard(
        fields=fields,
        other_projects=[_line(project, states) for project in projects if project.id not in placed],
        status_counts=[
            StatusCount(str(value), str(label), counts.get(value, 0)) for value, label in ProjectStatus.choices
        ],
        total=total,
        average_progress=format_percent(average, 0),
        last_report=max(reported) if reported else None,
        goal_charts=indicator_charts(tree.of_kind(ElementKind.GOAL)),
        field_charts=indicator_charts(tree.of_kind(ElementKind.FIELD)),
    )


@dataclass(frozen=True)
class ReportShown:
    """The public part of a report: the round's reporting date, status, progress and the two public texts."""

    title: str
    reporting_date: dt.date
    status_label: str
    progress_text: str
    progress: int
    achieved: str
    next_steps: str
    milestones_reached: list[tuple[str, dt.date | None]]
    is_demo: bool


@dataclass(frozen=True)
class MilestoneShown:
    title: str
    due_date: dt.date | None
    reached_on: dt.date | None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class ProjectMonitoring:
    node: ElementNode
    state: ProjectState
    fact_sheet_url: str
    lead: str
    milestones: list[MilestoneShown]
    reports: list[ReportShown]
    charts: list[IndicatorChart]


def project_monitoring(published: PublishedStrategy, slug: str) -> ProjectMonitoring | None:
    node = published.tree.by_slug(slug)
    if node is None or node.kind != ElementKind.PROJECT:
        return None
    state = _states([node])[node.id]
    milestones = [
        MilestoneShown(title, due, reached)
        for title, due, reached in Milestone.objects.filter(project_id=node.id)
        .order_by("order", "due_date", "id")
        .values_list("title", "due_date", "reached_on")
    ]
    reports = [
        ReportShown(
            title=report.round.title,
            reporting_date=report.round.reporting_date,
            status_label=str(report.get_status_display()),
            progress_text=format_percent(report.progress, 0),
            progress=report.progress,
            achieved=report.achieved,
            next_steps=report.next_steps,
            milestones_reached=[
                (str(item.get("title", "")), _date(item.get("reached_on")))
                for item in report.milestones_reached
                if isinstance(item, dict)
            ],
            is_demo=report.is_demo,
        )
        for report in ProjectReport.objects.filter(project_id=node.id, round__process=published.process)
        .select_related("round")
        .order_by("-round__reporting_date", "-id")
    ]
    lead = node.sheet.lead_organisation.name if node.sheet and node.sheet.lead_organisation else ""
    return ProjectMonitoring(
        node=node,
        state=state,
        fact_sheet_url=reverse("strategy:project", kwargs={"slug": node.slug}),
        lead=lead,
        milestones=milestones,
        reports=reports,
        charts=indicator_charts([node]),
    )


def indicator_chart_of(published: PublishedStrategy, indicator_pk: int) -> IndicatorChart | None:
    """The chart of one indicator of the published strategy (for its CSV), or None."""
    for element in published.tree.elements:
        if any(indicator.id == indicator_pk for indicator in element.indicators):
            single = replace(element, indicators=tuple(i for i in element.indicators if i.id == indicator_pk))
            return indicator_charts([single])[0]
    return None
