"""Editing the draft of the strategy in the management area."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.strategy.models import Element
from standortkompass.strategy.selectors.tree import draft_tree
from standortkompass.strategy.services.elements import strategy_ensure


@process_permission_required("strategy.view_draft")
@require_GET
def draft(request: ProcessRequest, process_pk: int) -> HttpResponse:
    strategy = strategy_ensure(process=request.process)
    return render(
        request,
        "strategy/manage/draft.html",
        {"process": request.process, "strategy": strategy, "tree": draft_tree(strategy)},
    )


@process_permission_required("strategy.view_draft")
@require_GET
def element(request: ProcessRequest, process_pk: int, element_pk: int) -> HttpResponse:
    found = get_object_or_404(Element, pk=element_pk, strategy__process=request.process)
    return render(request, "strategy/manage/element.html", {"process": request.process, "element": found})
