"""The fact sheet (Projektsteckbrief) of a project and its milestones."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import confirm_delete, render_form, save_form
from standortkompass.strategy.forms.elements import MilestoneForm, SheetForm
from standortkompass.strategy.models import Element, ElementKind, Milestone, ProjectSheet
from standortkompass.strategy.services.elements import (
    milestone_create,
    milestone_delete,
    milestone_update,
    sheet_update,
)
from standortkompass.strategy.views.editing import MANAGE, draft_element, element_url


def _project(request: ProcessRequest, element_pk: int) -> tuple[Element, ProjectSheet]:
    found = draft_element(request, element_pk)
    if found.kind != ElementKind.PROJECT:
        raise Http404(_("Page not found."))
    # Every project gets its sheet when it is created; an unsaved one stands in until the first save.
    sheet = ProjectSheet.objects.filter(element=found).first() or ProjectSheet(element=found)
    return found, sheet


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def sheet_edit(request: ProcessRequest, process_pk: int, element_pk: int) -> HttpResponse:
    project, sheet = _project(request, element_pk)
    form = SheetForm(request.POST or None, instance=sheet, process=request.process)
    if save_form(
        request,
        form,
        lambda: sheet_update(
            element=project,
            actor=request.user,
            data=form.sheet_data(),
            partners=form.cleaned_data.get("partners") if "partners" in form.fields else None,
            municipalities=form.cleaned_data.get("municipalities") if "municipalities" in form.fields else None,
        ),
    ):
        messages.success(request, _("The fact sheet of “%(title)s” has been saved.") % {"title": project.title})
        return redirect(element_url(process_pk, project, "steckbrief"))
    return render_form(
        request,
        form=form,
        title=_("Fact sheet of “%(title)s”") % {"title": project.title},
        cancel_url=element_url(process_pk, project, "steckbrief"),
        template=MANAGE + "sheet_form.html",
    )


def _milestone(request: ProcessRequest, element_pk: int, milestone_pk: int) -> tuple[Element, Milestone]:
    project = draft_element(request, element_pk)
    return project, get_object_or_404(Milestone, pk=milestone_pk, project__element=project)


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def milestone_create_view(request: ProcessRequest, process_pk: int, element_pk: int) -> HttpResponse:
    project, sheet = _project(request, element_pk)
    if sheet._state.adding:
        raise Http404(_("Page not found."))
    form = MilestoneForm(request.POST or None, sheet=sheet)
    if saved := save_form(
        request, form, lambda: milestone_create(sheet=sheet, actor=request.user, data=form.cleaned_data)
    ):
        messages.success(request, _("The milestone “%(title)s” has been added.") % {"title": saved.value.title})
        return redirect(element_url(process_pk, project, "meilensteine"))
    return render_form(
        request,
        form=form,
        title=_("New milestone of “%(title)s”") % {"title": project.title},
        submit_label=_("Add milestone"),
        cancel_url=element_url(process_pk, project, "meilensteine"),
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def milestone_edit(request: ProcessRequest, process_pk: int, element_pk: int, milestone_pk: int) -> HttpResponse:
    project, milestone = _milestone(request, element_pk, milestone_pk)
    heading = _("Edit milestone “%(title)s”") % {"title": milestone.title}
    form = MilestoneForm(request.POST or None, instance=milestone, sheet=milestone.project)
    if save_form(
        request, form, lambda: milestone_update(milestone=milestone, actor=request.user, data=form.cleaned_data)
    ):
        messages.success(request, _("The milestone “%(title)s” has been saved.") % {"title": milestone.title})
        return redirect(element_url(process_pk, project, "meilensteine"))
    return render_form(
        request,
        form=form,
        title=heading,
        cancel_url=element_url(process_pk, project, "meilensteine"),
        delete_url=reverse("strategy_manage:milestone_delete", args=[process_pk, project.pk, milestone.pk]),
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def milestone_delete_view(request: ProcessRequest, process_pk: int, element_pk: int, milestone_pk: int) -> HttpResponse:
    project, milestone = _milestone(request, element_pk, milestone_pk)
    url = element_url(process_pk, project, "meilensteine")
    return confirm_delete(
        request,
        obj=milestone,
        title=_("Delete milestone “%(title)s”?") % {"title": milestone.title},
        cancel_url=url,
        success_url=url,
        delete=lambda: milestone_delete(milestone=milestone, actor=request.user),
    )
