"""Editing the draft of the strategy in the management area: the draft page and the strategy's own texts.

The pages of the elements, fact sheets, indicators and evidence are in ``elements``, ``sheets``,
``indicators`` and ``evidence``; they share the helpers here. Reading pages need ``strategy.view_draft``
(board members read, without edit controls), every writing view ``strategy.edit``.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import render_form, save_form
from standortkompass.strategy.forms.elements import SLUG_OF_KIND, StrategyForm
from standortkompass.strategy.models import Element, ElementKind
from standortkompass.strategy.selectors.outline import draft_outline
from standortkompass.strategy.selectors.tree import draft_tree
from standortkompass.strategy.services.elements import strategy_ensure, strategy_update

MANAGE = "strategy/manage/"


def can_edit(request: ProcessRequest) -> bool:
    return request.user.has_perm("strategy.edit", request.process)


def draft_element(request: ProcessRequest, pk: int) -> Element:
    """An element of the draft of the request's process (404 for any other)."""
    return get_object_or_404(
        Element.objects.select_related("strategy", "parent"), pk=pk, strategy__process=request.process
    )


def draft_url(process_pk: int, element: Element | None = None) -> str:
    """The draft page, scrolled (and with the keyboard's starting point) at the element if one is given."""
    url = reverse("strategy_manage:draft", args=[process_pk])
    return f"{url}#element-{element.pk}" if element is not None else url


def element_url(process_pk: int, element: Element, section: str = "") -> str:
    url = reverse("strategy_manage:element", args=[process_pk, element.pk])
    return f"{url}#{section}" if section else url


@process_permission_required("strategy.view_draft")
@require_GET
def draft(request: ProcessRequest, process_pk: int) -> HttpResponse:
    strategy = strategy_ensure(process=request.process)
    tree = draft_tree(strategy)
    return render(
        request,
        MANAGE + "draft.html",
        {
            "process": request.process,
            "strategy": strategy,
            "outline": draft_outline(tree),
            "can_edit": can_edit(request),
            "kind_slugs": SLUG_OF_KIND,
            "kinds": ElementKind,
        },
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def strategy_edit(request: ProcessRequest, process_pk: int) -> HttpResponse:
    strategy = strategy_ensure(process=request.process)
    form = StrategyForm(request.POST or None, instance=strategy)
    if save_form(request, form, lambda: strategy_update(strategy=strategy, actor=request.user, data=form.cleaned_data)):
        messages.success(request, _("The title and introduction of the strategy have been saved."))
        return redirect("strategy_manage:draft", process_pk=process_pk)
    return render_form(
        request,
        form=form,
        title=_("Title and introduction of the strategy"),
        cancel_url=draft_url(process_pk),
    )
