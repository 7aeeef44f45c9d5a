"""The public pages of the published strategy: /strategie/, an element, /projekte/ and a project's fact sheet.

They show the published version (never the draft). While none is published, /strategie/ and /projekte/ say
that the strategy is being worked out and link to the process (a reader who followed a link or typed the
address learns where things stand); an element's or a project's address answers 404 in the site's layout.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from standortkompass.processes.selectors import current_public_process
from standortkompass.processes.views.kit import paginate, query_without_page
from standortkompass.strategy.forms.public import ProjectFilterForm
from standortkompass.strategy.selectors.public import (
    Published,
    element_page,
    overview_page,
    project_filter_options,
    project_page,
    projects_filtered,
    published_for,
)


def _not_published(request: HttpRequest) -> HttpResponse:
    process = current_public_process()
    if process is None:
        raise Http404(_("No strategy process has been published yet."))
    return render(request, "strategy/public/not_published.html", {"process": process})


def _published_or_404(request: HttpRequest) -> Published:
    published = published_for(request)
    if published is None:
        raise Http404(_("No strategy has been published yet."))
    return published


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    published = published_for(request)
    if published is None:
        return _not_published(request)
    return render(
        request,
        "strategy/public/overview.html",
        {"published": published, "tree": published.tree, "page": overview_page(published)},
    )


@require_GET
def element(request: HttpRequest, slug: str) -> HttpResponse:
    published = _published_or_404(request)
    page = element_page(published, slug)
    if page is None:
        raise Http404(_("There is no such element in the published strategy."))
    return render(
        request,
        "strategy/public/element.html",
        {"published": published, "tree": published.tree, "page": page, "element": page.element},
    )


@require_GET
def projects(request: HttpRequest) -> HttpResponse:
    published = published_for(request)
    if published is None:
        return _not_published(request)
    form = ProjectFilterForm(request.GET, options=project_filter_options(published.tree))
    filters = form.filters()
    items = projects_filtered(published, filters)
    return render(
        request,
        "strategy/public/projects.html",
        {
            "published": published,
            "tree": published.tree,
            "form": form,
            "filters": filters,
            "page": paginate(request, items),
            "query": query_without_page(request),
        },
    )


@require_GET
def project(request: HttpRequest, slug: str) -> HttpResponse:
    published = _published_or_404(request)
    page = project_page(published, slug)
    if page is None:
        raise Http404(_("There is no such project in the published strategy."))
    return render(
        request,
        "strategy/public/project.html",
        {"published": published, "tree": published.tree, "page": page, "element": page.element},
    )
