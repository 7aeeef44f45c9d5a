"""Management of the phases of a process: list, create, edit, delete, reorder."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.forms.manage import PhaseForm
from standortkompass.processes.models import Phase
from standortkompass.processes.services.process import (
    PhaseData,
    phase_create,
    phase_delete,
    phase_move,
    phase_update,
)
from standortkompass.processes.views.kit import confirm_delete, render_form, save_form


def _phase(request: ProcessRequest, pk: int) -> Phase:
    return get_object_or_404(Phase, pk=pk, process=request.process)


@process_permission_required("processes.edit_content")
@require_GET
def phases(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    return render(
        request,
        "processes/manage/phases.html",
        {"process": process, "phases": list(process.phases.order_by("order", "start_date", "id"))},
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def phase_create_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = PhaseForm(request.POST or None, process=process)
    if saved := save_form(
        request,
        form,
        lambda: phase_create(process=process, actor=request.user, data=cast(PhaseData, form.cleaned_data)),
    ):
        messages.success(request, _("The phase “%(name)s” has been created.") % {"name": saved.value.name})
        return redirect("manage:phases", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=_("New phase"),
        submit_label=_("Create phase"),
        cancel_url=reverse("manage:phases", args=[process.pk]),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def phase_edit(request: ProcessRequest, process_pk: int, phase_pk: int) -> HttpResponse:
    process = request.process
    phase = _phase(request, phase_pk)
    heading = _("Edit phase “%(name)s”") % {"name": phase.name}
    form = PhaseForm(request.POST or None, instance=phase, process=process)
    if save_form(
        request, form, lambda: phase_update(phase=phase, actor=request.user, data=cast(PhaseData, form.cleaned_data))
    ):
        messages.success(request, _("The phase “%(name)s” has been saved.") % {"name": phase.name})
        return redirect("manage:phases", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=heading,
        cancel_url=reverse("manage:phases", args=[process.pk]),
        delete_url=reverse("manage:phase_delete", args=[process.pk, phase.pk]),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def phase_delete_view(request: ProcessRequest, process_pk: int, phase_pk: int) -> HttpResponse:
    phase = _phase(request, phase_pk)
    url = reverse("manage:phases", args=[process_pk])
    return confirm_delete(
        request,
        obj=phase,
        title=_("Delete phase “%(name)s”?") % {"name": phase.name},
        warning=_("Dates assigned to this phase are kept, without a phase."),
        cancel_url=url,
        success_url=url,
        delete=lambda: phase_delete(phase=phase, actor=request.user),
    )


@process_permission_required("processes.edit_content")
@require_POST
def phase_move_view(request: ProcessRequest, process_pk: int, phase_pk: int) -> HttpResponse:
    """Move a phase one place up (``richtung=hoch``) or down (``richtung=runter``)."""
    phase = _phase(request, phase_pk)
    direction = request.POST.get("richtung")
    if direction in ("hoch", "runter"):
        moved = phase_move(phase=phase, actor=request.user, direction="up" if direction == "hoch" else "down")
        if moved:
            messages.success(request, _("The phase “%(name)s” has been moved.") % {"name": phase.name})
    return redirect("manage:phases", process_pk=process_pk)
