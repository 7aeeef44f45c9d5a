"""The published strategy of a process: the version, its elements, indicators, evidence and projects."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from ninja import Field, Query, Router

from standortkompass.api.responses import Listing, ListQuery, content_meta, document, listing
from standortkompass.api.schemas.common import Document, Page
from standortkompass.api.schemas.strategy import (
    ElementKindCode,
    ElementOut,
    EvidenceOut,
    IndicatorOut,
    ProjectDetailOut,
    ProjectOut,
    ProjectStatusCode,
    StrategyOut,
)
from standortkompass.api.selectors import projects as project_selectors
from standortkompass.api.selectors import strategy as selectors
from standortkompass.api.views.common import (
    DOCUMENT_EXTRA,
    ERRORS,
    LIST_EXTRA,
    NotFoundError,
    ProcessKey,
    Slug,
    absolute,
    process_or_404,
)

router = Router(tags=["strategy"])


class ElementQuery(ListQuery):
    kind: ElementKindCode | None = Field(None, description="Only elements of this kind.")


class IndicatorQuery(ListQuery):
    kind: ElementKindCode | None = Field(None, description="Only the indicators of elements of this kind.")


class ProjectQuery(ListQuery):
    field: str | None = Field(None, max_length=80, description="Only projects of this field of action (its slug).")
    status: ProjectStatusCode | None = Field(None, description="Only projects with this (live) status.")
    municipality: str | None = Field(None, max_length=12, description="Only projects concerning this AGS code.")
    lead: int | None = Field(None, ge=1, description="Only projects led by this organisation (its id).")


def published_or_404(process: str) -> selectors.Published:
    found = selectors.published(process_or_404(process))
    if found is None:
        raise NotFoundError("This process has no published strategy.")
    return found


@router.get(
    "processes/{process}/strategy/",
    response={200: Document[StrategyOut], **ERRORS},
    url_name="strategy",
    openapi_extra=DOCUMENT_EXTRA,
)
def strategy(request: HttpRequest, process: ProcessKey) -> HttpResponseBase:
    """The published version of the strategy (never the draft): its number, adoption and elements by kind."""
    found = published_or_404(process)
    return document(
        request,
        Document[StrategyOut],
        selectors.strategy_document(found, absolute(request)),
        content_meta(found.process.agency_name),
    )


@router.get(
    "processes/{process}/strategy/elements/",
    response={200: Page[ElementOut], **ERRORS},
    url_name="elements",
    openapi_extra=LIST_EXTRA,
)
def elements(request: HttpRequest, process: ProcessKey, query: Query[ElementQuery]) -> HttpResponseBase:
    """The elements of the published version in reading order: vision, goals, each field of action followed by its
    measures, projects; each with its indicators and evidence (in the CSV: their own lists)."""
    found = published_or_404(process)
    link = absolute(request)
    return listing(
        request,
        Page[ElementOut],
        Listing(
            items=selectors.elements_of(found, query.kind or ""),
            to_json=lambda page: selectors.element_items(found, page, link),
            columns=selectors.ELEMENT_COLUMNS,
            to_rows=lambda rows: selectors.element_rows(found, rows, link),
            name="strategie-elemente",
        ),
        query,
        content_meta(found.process.agency_name, with_statistics=True),
    )


@router.get(
    "processes/{process}/strategy/elements/{slug}/",
    response={200: Document[ElementOut], **ERRORS},
    url_name="element",
    openapi_extra=DOCUMENT_EXTRA,
)
def element(request: HttpRequest, process: ProcessKey, slug: Slug) -> HttpResponseBase:
    """One element of the published version with its indicators and evidence."""
    found = published_or_404(process)
    node = found.tree.by_slug(slug)
    if node is None:
        raise NotFoundError("The published strategy has no element with this short name.")
    return document(
        request,
        Document[ElementOut],
        selectors.element_items(found, [node], absolute(request))[0],
        content_meta(found.process.agency_name, with_statistics=True),
    )


@router.get(
    "processes/{process}/strategy/indicators/",
    response={200: Page[IndicatorOut], **ERRORS},
    url_name="indicators",
    openapi_extra=LIST_EXTRA,
)
def indicators(request: HttpRequest, process: ProcessKey, query: Query[IndicatorQuery]) -> HttpResponseBase:
    """The indicators of goals, fields of action and projects: baseline, target and the latest actual value."""
    found = published_or_404(process)
    return listing(
        request,
        Page[IndicatorOut],
        Listing(
            items=selectors.indicator_pairs(found, query.kind or ""),
            to_json=lambda page: selectors.indicator_items(found, page),
            columns=selectors.INDICATOR_COLUMNS,
            to_rows=lambda rows: selectors.indicator_items(found, rows),
            name="strategie-kennzahlen",
        ),
        query,
        content_meta(found.process.agency_name, with_statistics=True),
    )


@router.get(
    "processes/{process}/strategy/evidence/",
    response={200: Page[EvidenceOut], **ERRORS},
    url_name="evidence",
    openapi_extra=LIST_EXTRA,
)
def evidence(request: HttpRequest, process: ProcessKey, query: Query[ListQuery]) -> HttpResponseBase:
    """What the elements rest on: every evidence link with its source as the public sees it now."""
    found = published_or_404(process)
    link = absolute(request)
    return listing(
        request,
        Page[EvidenceOut],
        Listing(
            items=selectors.evidence_pairs(found),
            to_json=lambda page: selectors.evidence_items(found, page, link),
            columns=selectors.EVIDENCE_COLUMNS,
            to_rows=lambda rows: selectors.evidence_items(found, rows, link),
            name="strategie-belege",
        ),
        query,
        content_meta(found.process.agency_name, with_statistics=True),
    )


@router.get(
    "processes/{process}/projects/",
    response={200: Page[ProjectOut], **ERRORS},
    url_name="projects",
    openapi_extra=LIST_EXTRA,
)
def projects(request: HttpRequest, process: ProcessKey, query: Query[ProjectQuery]) -> HttpResponseBase:
    """The projects of the published strategy with their live status and progress."""
    found = published_or_404(process)
    link = absolute(request)
    filters = project_selectors.ProjectFilters(
        field=query.field or "", status=query.status or "", municipality=query.municipality or "", lead=query.lead
    )
    return listing(
        request,
        Page[ProjectOut],
        Listing(
            items=project_selectors.projects_of(found, filters),
            to_json=lambda page: project_selectors.project_items(found, page, link),
            columns=project_selectors.PROJECT_COLUMNS,
            to_rows=lambda rows: project_selectors.project_rows(project_selectors.project_items(found, rows, link)),
            name="projekte",
        ),
        query,
        content_meta(found.process.agency_name),
    )


@router.get(
    "processes/{process}/projects/{slug}/",
    response={200: Document[ProjectDetailOut], **ERRORS},
    url_name="project",
    openapi_extra=DOCUMENT_EXTRA,
)
def project(request: HttpRequest, process: ProcessKey, slug: Slug) -> HttpResponseBase:
    """A project's fact sheet: live status, progress and milestones, its indicators and evidence."""
    found = published_or_404(process)
    data = project_selectors.project_detail(found, slug, absolute(request))
    if data is None:
        raise NotFoundError("The published strategy has no project with this short name.")
    return document(
        request,
        Document[ProjectDetailOut],
        data,
        content_meta(found.process.agency_name, with_statistics=True),
    )
