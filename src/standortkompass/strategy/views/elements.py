"""The elements of the draft: their page, creating, editing, deleting and ordering them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import confirm_delete, error_text, render_form, save_form
from standortkompass.strategy.forms.elements import KIND_SLUGS, ElementForm, MoveForm
from standortkompass.strategy.models import Element, ElementKind
from standortkompass.strategy.selectors.outline import KIND_LABELS, element_page
from standortkompass.strategy.selectors.tree import draft_tree
from standortkompass.strategy.services.elements import (
    element_create,
    element_delete,
    element_move,
    element_update,
    strategy_ensure,
)
from standortkompass.strategy.views.editing import MANAGE, can_edit, draft_element, draft_url, element_url

NEW_TITLES: dict[str, str | Promise] = {
    ElementKind.VISION: gettext_lazy("New vision statement"),
    ElementKind.GOAL: gettext_lazy("New goal"),
    ElementKind.FIELD: gettext_lazy("New field of action"),
    ElementKind.MEASURE: gettext_lazy("New measure"),
    ElementKind.PROJECT: gettext_lazy("New project"),
}


@process_permission_required("strategy.view_draft")
@require_GET
def element(request: ProcessRequest, process_pk: int, element_pk: int) -> HttpResponse:
    found = draft_element(request, element_pk)
    process = request.process
    return render(
        request,
        MANAGE + "element.html",
        {
            "process": process,
            "page": element_page(process, found, draft_tree(found.strategy)),
            "can_edit": can_edit(request),
            "can_view_contacts": request.user.has_perm("processes.view_contacts", process),
            "kinds": ElementKind,
        },
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def element_create_view(request: ProcessRequest, process_pk: int, kind: str) -> HttpResponse:
    element_kind = KIND_SLUGS.get(kind)
    if element_kind is None:
        raise Http404(_("Page not found."))
    strategy = strategy_ensure(process=request.process)
    if element_kind == ElementKind.VISION:
        vision = strategy.elements.filter(kind=ElementKind.VISION).first()
        if vision is not None:
            messages.info(request, _("The strategy already has a vision statement; change it here."))
            return redirect("strategy_manage:element_edit", process_pk=process_pk, element_pk=vision.pk)
    initial = {}
    if element_kind == ElementKind.MEASURE and (field_pk := request.GET.get("handlungsfeld", "")).isdigit():
        initial["parent"] = int(field_pk)
    form = ElementForm(request.POST or None, initial=initial, strategy=strategy, kind=element_kind)
    if saved := save_form(
        request,
        form,
        lambda: element_create(
            strategy=strategy,
            actor=request.user,
            kind=element_kind,
            data=form.element_data(),
            serves=form.serves_chosen() or (),
        ),
    ):
        created: Element = saved.value
        messages.success(
            request,
            _("%(kind)s “%(title)s” has been created.") % {"kind": KIND_LABELS[element_kind], "title": created.title},
        )
        return redirect(element_url(process_pk, created))
    return render_form(
        request,
        form=form,
        title=str(NEW_TITLES[element_kind]),
        submit_label=_("Create"),
        cancel_url=draft_url(process_pk),
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def element_edit(request: ProcessRequest, process_pk: int, element_pk: int) -> HttpResponse:
    found = draft_element(request, element_pk)
    title = found.title
    form = ElementForm(request.POST or None, instance=found, strategy=found.strategy, kind=found.kind)
    if save_form(
        request,
        form,
        lambda: element_update(
            element=found, actor=request.user, data=form.element_data(), serves=form.serves_chosen()
        ),
    ):
        messages.success(request, _("“%(title)s” has been saved.") % {"title": found.title})
        return redirect(element_url(process_pk, found))
    return render_form(
        request,
        form=form,
        title=_("Edit “%(title)s”") % {"title": title},
        cancel_url=element_url(process_pk, found),
        delete_url=reverse("strategy_manage:element_delete", args=[process_pk, found.pk]),
    )


DELETE_WARNINGS: dict[str, str | Promise] = {
    ElementKind.VISION: gettext_lazy("Its evidence links go with it."),
    ElementKind.GOAL: gettext_lazy("Its indicators and evidence links go with it; measures no longer serve it."),
    ElementKind.FIELD: gettext_lazy("Its indicators and evidence links go with it."),
    ElementKind.MEASURE: gettext_lazy("Its evidence links go with it; projects no longer implement it."),
    ElementKind.PROJECT: gettext_lazy("Its fact sheet, milestones, indicators and evidence links go with it."),
}


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def element_delete_view(request: ProcessRequest, process_pk: int, element_pk: int) -> HttpResponse:
    found = draft_element(request, element_pk)
    warning = str(DELETE_WARNINGS[found.kind])
    if found.kind == ElementKind.FIELD and found.children.exists():
        warning = _("This field of action still has measures: move them to another field or delete them first.")
    try:
        return confirm_delete(
            request,
            obj=found,
            title=_("Delete “%(title)s”?") % {"title": found.title},
            warning=warning,
            cancel_url=element_url(process_pk, found),
            success_url=draft_url(process_pk),
            delete=lambda: element_delete(element=found, actor=request.user),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(element_url(process_pk, found))


@process_permission_required("strategy.edit")
@require_POST
def element_move_view(request: ProcessRequest, process_pk: int, element_pk: int) -> HttpResponse:
    """Move an element one place up (``richtung=hoch``), down (``richtung=runter``) or to ``position``."""
    found = draft_element(request, element_pk)
    form = MoveForm(request.POST)
    siblings = Element.objects.filter(strategy_id=found.strategy_id, kind=found.kind, parent_id=found.parent_id)
    count = siblings.count()
    position = None if not form.is_valid() else form.cleaned_data.get("position")
    if not form.is_valid() or (position is not None and position > count):
        messages.error(
            request,
            _("Enter the position of “%(title)s” as a number from 1 to %(count)s.")
            % {"title": found.title, "count": count},
        )
        return redirect(draft_url(process_pk, found))
    direction = {"hoch": "up", "runter": "down"}.get(form.cleaned_data.get("richtung") or "")
    moved = element_move(
        element=found,
        actor=request.user,
        direction="up" if direction == "up" else "down",
        position=position,
    )
    if moved:
        messages.success(
            request,
            _("“%(title)s” is now in position %(position)s of %(count)s.")
            % {"title": found.title, "position": found.order, "count": count},
        )
    elif direction == "up" and position is None:
        messages.info(request, _("“%(title)s” is already in the first position.") % {"title": found.title})
    elif direction == "down" and position is None:
        messages.info(request, _("“%(title)s” is already in the last position.") % {"title": found.title})
    else:
        messages.info(request, _("“%(title)s” is already in this position.") % {"title": found.title})
    return redirect(draft_url(process_pk, found))
