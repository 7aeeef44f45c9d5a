"""Reading the published projects for the API: the version's fact sheets with their live status and milestones.

A project's status, progress and milestones are read from its fact sheet now (monitoring updates them), by the
element's id; a project that has left the draft since keeps what the version recorded. The contact person and
the risks are never given out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from standortkompass.api.selectors.strategy import Absolute, Published, element_items
from standortkompass.strategy.models import ElementKind, Milestone, ProjectSheet
from standortkompass.strategy.selectors.tree import ElementNode, SheetNode


@dataclass(frozen=True)
class State:
    status: str
    progress: int
    reported_at: dt.datetime | None = None


@dataclass(frozen=True)
class ProjectFilters:
    field: str = ""  # a field of action's slug
    status: str = ""  # the live status
    municipality: str = ""  # AGS
    lead: int | None = None  # the lead organisation's id


def live_states(strategy: Published, ids: list[int]) -> dict[int, State]:
    rows = ProjectSheet.objects.filter(element__strategy__process=strategy.process, element_id__in=ids).values_list(
        "element_id", "status", "progress", "status_changed_at"
    )
    return {pk: State(status, progress, reported_at) for pk, status, progress, reported_at in rows}


def state_of(node: ElementNode, states: dict[int, State]) -> State:
    if node.id in states:
        return states[node.id]
    sheet = node.sheet or SheetNode()
    return State(sheet.status, sheet.progress)


def _fields(strategy: Published, node: ElementNode) -> list[ElementNode]:
    by_id = strategy.tree.by_id
    found: dict[int, ElementNode] = {}
    for measure_id in node.serves:
        measure = by_id.get(measure_id)
        if measure is not None and measure.parent is not None and measure.parent in by_id:
            found.setdefault(measure.parent, by_id[measure.parent])
    return sorted(found.values(), key=lambda field: (field.order, field.id))


def projects_of(strategy: Published, filters: ProjectFilters) -> list[ElementNode]:
    """The published projects in the tree's order that match every given filter (the status: the live one)."""
    projects = strategy.tree.of_kind(ElementKind.PROJECT)
    if filters.field:
        projects = [p for p in projects if any(f.slug == filters.field for f in _fields(strategy, p))]
    if filters.municipality:
        projects = [
            p for p in projects if p.sheet and any(str(m.id) == filters.municipality for m in p.sheet.municipalities)
        ]
    if filters.lead is not None:
        projects = [
            p
            for p in projects
            if p.sheet and p.sheet.lead_organisation and str(p.sheet.lead_organisation.id) == str(filters.lead)
        ]
    if filters.status:
        states = live_states(strategy, [p.id for p in projects])
        projects = [p for p in projects if state_of(p, states).status == filters.status]
    return projects


def _budget(amount: str | None) -> float | None:
    if not amount:
        return None
    try:
        return float(Decimal(amount))
    except InvalidOperation:
        return None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def project_items(strategy: Published, nodes: list[ElementNode], absolute: Absolute) -> list[dict[str, Any]]:
    states = live_states(strategy, [node.id for node in nodes])
    items = []
    for node in nodes:
        sheet = node.sheet or SheetNode()
        state = state_of(node, states)
        url = strategy.url(node)
        items.append(
            {
                "id": node.id,
                "slug": node.slug,
                "title": node.title,
                "summary": node.summary,
                "text": node.text,
                "status": state.status,
                "progress": state.progress,
                "status_reported_at": state.reported_at,
                "fields": [{"id": f.id, "slug": f.slug, "title": f.title} for f in _fields(strategy, node)],
                "measures": list(node.serves),
                "goal": sheet.goal,
                "lead_organisation": (
                    {"id": sheet.lead_organisation.id, "name": sheet.lead_organisation.name}
                    if sheet.lead_organisation
                    else None
                ),
                "partners": [{"id": partner.id, "name": partner.name} for partner in sheet.partners],
                "other_partners": sheet.other_partners,
                "target_groups": sheet.target_groups,
                "municipalities": [{"code": str(m.id), "name": m.name} for m in sheet.municipalities],
                "start_date": _date(sheet.start_date),
                "end_date": _date(sheet.end_date),
                "budget": _budget(sheet.budget),
                "funding_source": sheet.funding_source,
                "funding_note": sheet.funding_note,
                "url": absolute(url) if url else None,
            }
        )
    return items


def project_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **item,
            "fields": [field["slug"] for field in item["fields"]],
            "lead_organisation": item["lead_organisation"]["name"] if item["lead_organisation"] else "",
            "partners": [partner["name"] for partner in item["partners"]],
            "municipalities": [municipality["code"] for municipality in item["municipalities"]],
        }
        for item in items
    ]


PROJECT_COLUMNS = (
    "id",
    "slug",
    "title",
    "summary",
    "status",
    "progress",
    "status_reported_at",
    "fields",
    "measures",
    "lead_organisation",
    "partners",
    "other_partners",
    "target_groups",
    "municipalities",
    "start_date",
    "end_date",
    "budget",
    "funding_source",
    "funding_note",
    "url",
)


def project_detail(strategy: Published, slug: str, absolute: Absolute) -> dict[str, Any] | None:
    node = strategy.tree.by_slug(slug)
    if node is None or node.kind != ElementKind.PROJECT:
        return None
    sheet = node.sheet or SheetNode()
    if ProjectSheet.objects.filter(element_id=node.id, element__strategy__process=strategy.process).exists():
        milestones = [
            {"title": title, "due_date": due, "reached_on": reached}
            for title, due, reached in Milestone.objects.filter(project_id=node.id)
            .order_by("order", "due_date", "id")
            .values_list("title", "due_date", "reached_on")
        ]
    else:  # the project has left the draft since: what the version recorded
        milestones = [
            {"title": m.title, "due_date": _date(m.due_date), "reached_on": _date(m.reached_on)}
            for m in sheet.milestones
        ]
    by_id = strategy.tree.by_id
    goals = sorted(
        {goal for measure in node.serves if measure in by_id for goal in by_id[measure].serves if goal in by_id}
    )
    element = element_items(strategy, [node], absolute)[0]
    return {
        **project_items(strategy, [node], absolute)[0],
        "goals": goals,
        "milestones": milestones,
        "indicators": element["indicators"],
        "evidence": element["evidence"],
    }
