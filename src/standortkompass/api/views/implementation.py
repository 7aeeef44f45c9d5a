"""The implementation of the strategy: the boards' public recommendations and decisions, and the monitoring."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from ninja import Field, Query, Router

from standortkompass.api.responses import Listing, ListQuery, content_meta, document, listing
from standortkompass.api.schemas.common import Document, Page
from standortkompass.api.schemas.governance import DecisionOut
from standortkompass.api.schemas.monitoring import ActualOut, MonitoringOut, ReportOut
from standortkompass.api.schemas.strategy import ElementKindCode
from standortkompass.api.selectors import governance, monitoring
from standortkompass.api.selectors.strategy import published
from standortkompass.api.views.common import DOCUMENT_EXTRA, ERRORS, LIST_EXTRA, ProcessKey, absolute, process_or_404
from standortkompass.api.views.strategy import published_or_404
from standortkompass.governance.selectors.register import RegisterFilter

router = Router(tags=["implementation"])


class DecisionQuery(ListQuery):
    board: int | None = Field(None, ge=1, description="Only the entries of this board (its id).")
    kind: str | None = Field(None, pattern="^(recommendation|decision)$", description="recommendation or decision.")
    status: str | None = Field(
        None, pattern="^(open|in_progress|implemented|done|rejected)$", description="Only entries with this status."
    )


class ReportQuery(ListQuery):
    project: str | None = Field(None, max_length=80, description="Only the reports of this project (its slug).")


class ActualQuery(ListQuery):
    kind: ElementKindCode | None = Field(None, description="Only the indicators of elements of this kind.")


@router.get(
    "processes/{process}/decisions/",
    response={200: Page[DecisionOut], **ERRORS},
    url_name="decisions",
    openapi_extra=LIST_EXTRA,
)
def decisions(request: HttpRequest, process: ProcessKey, query: Query[DecisionQuery]) -> HttpResponseBase:
    """The public recommendations (Sounding Board) and decisions (steering committee), newest first."""
    found = process_or_404(process)
    strategy = published(found)
    tree = strategy.tree if strategy is not None else None
    is_current = strategy.is_current if strategy is not None else False
    link = absolute(request)
    where = RegisterFilter(board=query.board, kind=query.kind or "", status=query.status or "")
    return listing(
        request,
        Page[DecisionOut],
        Listing(
            items=governance.decisions_of(found, where),
            to_json=lambda page: governance.decision_items(page, tree, is_current=is_current, absolute=link),
            columns=governance.DECISION_COLUMNS,
            to_rows=lambda rows: governance.decision_rows(
                governance.decision_items(rows, tree, is_current=is_current, absolute=link)
            ),
            name="beschluesse",
        ),
        query,
        content_meta(found.agency_name),
    )


@router.get(
    "processes/{process}/monitoring/",
    response={200: Document[MonitoringOut], **ERRORS},
    url_name="monitoring",
    openapi_extra=DOCUMENT_EXTRA,
)
def monitoring_overview(request: HttpRequest, process: ProcessKey) -> HttpResponseBase:
    """The state of the published strategy's projects: how many in which status, their mean progress."""
    strategy = published_or_404(process)
    return document(
        request,
        Document[MonitoringOut],
        monitoring.monitoring_document(strategy, absolute(request)),
        content_meta(strategy.process.agency_name),
    )


@router.get(
    "processes/{process}/monitoring/reports/",
    response={200: Page[ReportOut], **ERRORS},
    url_name="reports",
    openapi_extra=LIST_EXTRA,
)
def reports(request: HttpRequest, process: ProcessKey, query: Query[ReportQuery]) -> HttpResponseBase:
    """The project leads' reports of the reporting rounds (their public parts), newest first."""
    strategy = published_or_404(process)
    return listing(
        request,
        Page[ReportOut],
        Listing(
            items=monitoring.reports_of(strategy, query.project or ""),
            to_json=lambda page: monitoring.report_items(strategy, page),
            columns=monitoring.REPORT_COLUMNS,
            to_rows=lambda rows: monitoring.report_rows(monitoring.report_items(strategy, rows)),
            name="berichte",
        ),
        query,
        content_meta(strategy.process.agency_name),
    )


@router.get(
    "processes/{process}/monitoring/actuals/",
    response={200: Page[ActualOut], **ERRORS},
    url_name="actuals",
    openapi_extra=LIST_EXTRA,
)
def actuals(request: HttpRequest, process: ProcessKey, query: Query[ActualQuery]) -> HttpResponseBase:
    """The actual values of the indicators over time: the bound official statistic or the values entered or
    reported, by indicator and year."""
    strategy = published_or_404(process)
    items = monitoring.actual_items(strategy, query.kind or "")
    return listing(
        request,
        Page[ActualOut],
        Listing(
            items=items,
            to_json=lambda page: page,
            columns=monitoring.ACTUAL_COLUMNS,
            to_rows=lambda rows: rows,
            name="kennzahlen-verlauf",
        ),
        query,
        content_meta(strategy.process.agency_name, with_statistics=True),
    )
