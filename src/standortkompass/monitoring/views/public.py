"""The public monitoring: /umsetzung/ (the dashboard), /umsetzung/<slug>/ (a project's reports) and the CSV of
an indicator's chart.

They show the published strategy of the current public process. While none is published, /umsetzung/ says so
and links to the process; a project's page and an indicator's CSV answer 404.
"""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from standortkompass.monitoring.selectors.public import (
    PublishedStrategy,
    dashboard,
    indicator_chart_of,
    project_monitoring,
    published_monitoring,
)
from standortkompass.processes.selectors import current_public_process


def _published_or_404() -> PublishedStrategy:
    published = published_monitoring()
    if published is None:
        raise Http404(_("No strategy has been published yet."))
    return published


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    published = published_monitoring()
    if published is None:
        process = current_public_process()
        if process is None:
            raise Http404(_("No strategy process has been published yet."))
        return render(request, "monitoring/public/not_published.html", {"process": process})
    return render(
        request,
        "monitoring/public/dashboard.html",
        {"published": published, "tree": published.tree, "page": dashboard(published)},
    )


@require_GET
def project(request: HttpRequest, slug: str) -> HttpResponse:
    published = _published_or_404()
    page = project_monitoring(published, slug)
    if page is None:
        raise Http404(_("There is no such project in the published strategy."))
    return render(
        request,
        "monitoring/public/project.html",
        {"published": published, "tree": published.tree, "page": page, "project": page.node},
    )


def _csv_number(value: float, decimal_comma: bool) -> str:
    """Unrounded; whole numbers without ``.0``."""
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", ",") if decimal_comma else text


@require_GET
def indicator_csv(request: HttpRequest, indicator_pk: int) -> HttpResponse:
    """The values of an indicator's chart as CSV: UTF-8 with BOM; German with semicolons and decimal commas."""
    chart = indicator_chart_of(_published_or_404(), indicator_pk)
    if chart is None:
        raise Http404(_("There is no such indicator in the published strategy."))
    german = (get_language() or "de").startswith("de")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if german else ",", lineterminator="\r\n")
    writer.writerow([_("Indicator"), _("Unit"), _("Year"), _("Kind"), _("Value")])
    for row in chart.rows:
        writer.writerow([chart.node.name, chart.unit, row.year, row.kind_label, _csv_number(row.value, german)])
    writer.writerow([])
    writer.writerow([chart.source])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = slugify(f"kennzahl-{chart.node.id}-{chart.node.name}")[:80]
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
