"""The public pages of the published strategy."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from standortkompass.processes.selectors import current_public_process
from standortkompass.strategy.models import ElementKind
from standortkompass.strategy.selectors.tree import StrategyTree
from standortkompass.strategy.selectors.versions import published_tree


def _published(request: HttpRequest) -> StrategyTree:
    process = current_public_process()
    found = published_tree(process) if process is not None else None
    if found is None:
        raise Http404(_("No strategy has been published yet."))
    return found[1]


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "strategy/public/overview.html", {"tree": _published(request)})


@require_GET
def element(request: HttpRequest, slug: str) -> HttpResponse:
    tree = _published(request)
    node = tree.by_slug(slug)
    if node is None or node.kind == ElementKind.PROJECT:
        raise Http404(_("There is no such element in the published strategy."))
    return render(request, "strategy/public/element.html", {"tree": tree, "element": node})


@require_GET
def projects(request: HttpRequest) -> HttpResponse:
    tree = _published(request)
    return render(request, "strategy/public/projects.html", {"tree": tree, "projects": tree.of_kind("project")})


@require_GET
def project(request: HttpRequest, slug: str) -> HttpResponse:
    tree = _published(request)
    node = tree.by_slug(slug)
    if node is None or node.kind != ElementKind.PROJECT:
        raise Http404(_("There is no such project in the published strategy."))
    return render(request, "strategy/public/element.html", {"tree": tree, "element": node})
