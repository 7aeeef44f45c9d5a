"""The public pages of the Standortanalyse, their CSV downloads and chart specifications."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from standortkompass.core.numbers import NO_BREAK_SPACE, format_percent
from standortkompass.processes.evidence import citations
from standortkompass.processes.models import StrategyProcess
from standortkompass.standortanalyse import pages
from standortkompass.standortanalyse.cache import page_charts
from standortkompass.standortanalyse.charts import Chart, format_value
from standortkompass.standortanalyse.pages.dynamics import shift_share_reading
from standortkompass.standortanalyse.selectors.dynamics import shift_share
from standortkompass.standortanalyse.selectors.evidence import finding_anchor
from standortkompass.standortanalyse.selectors.findings import public_findings_by_kind
from standortkompass.standortanalyse.selectors.maps import MAP_INDICATORS
from standortkompass.standortanalyse.selectors.overview import KeyFigure, key_figures
from standortkompass.standortanalyse.selectors.scope import Scope, published_process, scope_for

REFERENCE_PARAMETER = "bezug"
SWOT_LETTERS = {"strength": "S", "weakness": "W", "opportunity": "O", "threat": "T"}
INDICATOR_PARAMETER = "indikator"


def analysis_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """404 while the analysis is not published (for every method), then only GET and HEAD."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if published_process() is None:
            raise Http404(_("The location analysis has not been published."))
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return view(request, *args, **kwargs)

    return wrapper


def _scope(request: HttpRequest) -> Scope:
    process = published_process()
    if process is None:
        raise Http404(_("The location analysis has not been published."))
    return scope_for(process=process, reference_key=request.GET.get(REFERENCE_PARAMETER, "land"))


def _indicator(request: HttpRequest) -> str:
    key = request.GET.get(INDICATOR_PARAMETER, "")
    return key if key in MAP_INDICATORS else next(iter(MAP_INDICATORS))


def _render(request: HttpRequest, page_key: str, *, extra: dict[str, Any] | None = None) -> HttpResponse:
    scope = _scope(request)
    indicator = _indicator(request)
    charts = _charts(page_key, scope, indicator)
    page = next(page for page in pages.PAGES if page.key == page_key)
    context = {
        "scope": scope,
        "page": page,
        "pages": pages.PAGES,
        "charts": charts,
        "query": _query(scope, indicator if page_key == "maps" else ""),
        "map_indicators": [(key, str(item.label)) for key, item in MAP_INDICATORS.items()],
        "indicator": indicator,
        **(extra or {}),
    }
    return render(request, f"standortanalyse/public/{page_key}.html", context)


def _charts(page_key: str, scope: Scope, indicator: str) -> list[Chart]:
    """The page's charts (cached, see ``standortanalyse.cache``), the big map pointing at its own specification."""
    charts = page_charts(page_key, scope, indicator)
    big_map = reverse("standortanalyse:chart_spec", args=["karte-deutschland"])
    return [
        replace(chart, spec_url=f"{big_map}?{_query(scope, indicator)}") if chart.id == "karte-deutschland" else chart
        for chart in charts
    ]


def _query(scope: Scope, indicator: str) -> str:
    query = f"{REFERENCE_PARAMETER}={scope.reference_key}"
    if indicator:
        query += f"&{INDICATOR_PARAMETER}={indicator}"
    return query


@analysis_page
def overview(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    return _render(request, "overview", extra={"cards": [_card(figure) for figure in key_figures(scope)]})


def _card(figure: KeyFigure) -> dict[str, Any]:
    """A key figure with its numbers formatted for the page."""
    kind = "decimal1" if figure.kind == "rate" else "int"

    def shown(value: float | None) -> str:
        text = format_value(value, kind)
        if value is None:
            return text
        if figure.kind == "rate":
            return format_percent(value)
        return f"{text}{NO_BREAK_SPACE}{figure.unit}" if figure.unit else text

    if figure.change is None:
        trend = ""
    elif figure.kind == "rate":
        trend = _("%(change)s percentage points since %(year)s") % {
            "change": ("+" if figure.change >= 0 else "") + format_value(figure.change, "decimal1"),
            "year": figure.first_year,
        }
    else:
        trend = _("%(change)s since %(year)s") % {
            "change": ("+" if figure.change >= 0 else "") + format_value(figure.change, "percent"),
            "year": figure.first_year,
        }
    return {
        "figure": figure,
        "value": shown(figure.value),
        "land": shown(figure.land),
        "bund": shown(figure.bund),
        "peers": shown(figure.peers),
        "trend": trend,
        "direction": "" if figure.change is None else ("up" if figure.change >= 0 else "down"),
    }


@analysis_page
def structure(request: HttpRequest) -> HttpResponse:
    return _render(request, "structure")


@analysis_page
def dynamics(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    shift = shift_share(scope)
    return _render(request, "dynamics", extra={"shift": shift, "reading": shift_share_reading(scope, shift)})


@analysis_page
def labour(request: HttpRequest) -> HttpResponse:
    return _render(request, "labour")


@analysis_page
def maps(request: HttpRequest) -> HttpResponse:
    return _render(request, "maps")


@analysis_page
def swot(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    process = get_object_or_404(StrategyProcess, pk=scope.process_id)
    quadrants = []
    for kind, label, findings in public_findings_by_kind(process=process):
        quadrants.append(
            {
                "kind": kind,
                "label": label,
                "letter": SWOT_LETTERS[kind],
                "findings": [
                    {
                        "finding": finding,
                        "anchor": finding_anchor(finding.pk),
                        "links": _reference_links(finding.references),
                        # "Was wurde daraus?": the published strategy elements that cite the finding.
                        "citations": citations(process, f"finding:{finding.pk}", public=True),
                    }
                    for finding in findings
                ],
            }
        )
    return render(
        request,
        "standortanalyse/public/swot.html",
        {"scope": scope, "pages": pages.PAGES, "quadrants": quadrants, "page": None, "query": _query(scope, "")},
    )


def _reference_links(references: list[str]) -> list[tuple[str, str]]:
    links = []
    for reference in references:
        if reference in pages.CHARTS:
            links.append((str(pages.CHARTS[reference][1]), pages.chart_url(reference)))
    return links


def _chart(request: HttpRequest, chart_id: str) -> tuple[Scope, Chart]:
    if chart_id not in pages.CHARTS:
        raise Http404(_("No such chart."))
    scope = _scope(request)
    page_key = pages.CHARTS[chart_id][0]
    for chart in _charts(page_key, scope, _indicator(request)):
        if chart.id == chart_id:
            return scope, chart
    raise Http404(_("This chart has no data."))


def _csv_value(value: Any, kind: str, decimal_comma: bool) -> str:
    """The value as computed, unrounded (the column's kind rounds only on the page); whole numbers without ``.0``."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if kind == "text" or isinstance(value, str):
        return str(value)
    number = float(value)
    text = str(int(number)) if number.is_integer() else repr(number)
    return text.replace(".", ",") if decimal_comma else text


@analysis_page
def chart_csv(request: HttpRequest, chart_id: str) -> HttpResponse:
    """The chart's data as CSV: UTF-8 with BOM; in German with semicolons and decimal commas (as Excel expects)."""
    scope, chart = _chart(request, chart_id)
    german = (get_language() or "de").startswith("de")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if german else ",", lineterminator="\r\n")
    writer.writerow([column.label for column in chart.columns])
    for row in chart.rows:
        writer.writerow([_csv_value(row.get(column.key), column.kind_for(row), german) for column in chart.columns])
    writer.writerow([])
    if chart.note:
        writer.writerow([chart.note])
    for source in chart.sources:
        writer.writerow([source])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = slugify(f"{chart_id}-{scope.region_name}-{scope.reference_key}")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@analysis_page
def chart_spec(request: HttpRequest, chart_id: str) -> HttpResponse:
    """The chart's Vega-Lite specification as JSON (large maps are loaded this way)."""
    chart = _chart(request, chart_id)[1]
    if not chart.spec_text:
        raise Http404(_("This chart has no data."))
    return HttpResponse(chart.spec_text, content_type="application/json")
