"""Management of the Standortanalyse: findings (Redaktion) and publication (Administration)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.evidence import citations
from standortkompass.processes.views.kit import confirm_delete, paginate, render_form, save_form
from standortkompass.standortanalyse import pages
from standortkompass.standortanalyse.forms.findings import AnalysisSettingsForm, FindingForm
from standortkompass.standortanalyse.models import Finding
from standortkompass.standortanalyse.selectors.findings import findings_for_management
from standortkompass.standortanalyse.selectors.scope import settings_for
from standortkompass.standortanalyse.services.findings import (
    FindingData,
    analysis_settings_update,
    finding_create,
    finding_delete,
    finding_update,
)

FINDING_FORM = "standortanalyse/manage/findings_form.html"


def _finding(request: ProcessRequest, pk: int) -> Finding:
    return get_object_or_404(Finding, pk=pk, process=request.process)


def _data(form: FindingForm) -> FindingData:
    return FindingData(
        kind=form.cleaned_data["kind"],
        title=form.cleaned_data["title"],
        text=form.cleaned_data["text"],
        references=list(form.cleaned_data["references"]),
        is_public=form.cleaned_data["is_public"],
        order=form.cleaned_data["order"],
    )


@process_permission_required("standortanalyse.edit_findings")
@require_GET
def findings(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    page = paginate(request, findings_for_management(process=process))
    return render(
        request,
        "standortanalyse/manage/findings.html",
        {
            "process": process,
            "page": page,
            # "Was wurde daraus?": the strategy elements (draft) citing each finding on this page.
            "rows": [
                (finding, citations(process, f"finding:{finding.pk}", public=False)) for finding in page.object_list
            ],
            "chart_titles": {key: str(title) for key, (_page, title) in pages.CHARTS.items()},
            "analysis_is_public": settings_for(process=process).is_public and process.is_public,
        },
    )


@process_permission_required("standortanalyse.edit_findings")
@require_http_methods(["GET", "POST"])
def finding_create_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    user = request.user
    form = FindingForm(request.POST or None)
    if saved := save_form(request, form, lambda: finding_create(process=process, actor=user, data=_data(form))):
        messages.success(request, _("The finding “%(title)s” has been created.") % {"title": saved.value.title})
        return redirect("standortanalyse_manage:findings", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=_("New finding"),
        submit_label=_("Create finding"),
        cancel_url=reverse("standortanalyse_manage:findings", args=[process.pk]),
        template=FINDING_FORM,
    )


@process_permission_required("standortanalyse.edit_findings")
@require_http_methods(["GET", "POST"])
def finding_edit(request: ProcessRequest, process_pk: int, finding_pk: int) -> HttpResponse:
    process = request.process
    finding = _finding(request, finding_pk)
    heading = _("Edit finding “%(title)s”") % {"title": finding.title}
    form = FindingForm(request.POST or None, instance=finding, initial={"references": finding.references})
    if save_form(request, form, lambda: finding_update(finding=finding, actor=request.user, data=_data(form))):
        messages.success(request, _("The finding “%(title)s” has been saved.") % {"title": finding.title})
        return redirect("standortanalyse_manage:findings", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=heading,
        cancel_url=reverse("standortanalyse_manage:findings", args=[process.pk]),
        delete_url=reverse("standortanalyse_manage:finding_delete", args=[process.pk, finding.pk]),
        template=FINDING_FORM,
    )


@process_permission_required("standortanalyse.edit_findings")
@require_http_methods(["GET", "POST"])
def finding_delete_view(request: ProcessRequest, process_pk: int, finding_pk: int) -> HttpResponse:
    finding = _finding(request, finding_pk)
    url = reverse("standortanalyse_manage:findings", args=[process_pk])
    return confirm_delete(
        request,
        obj=finding,
        title=_("Delete finding “%(title)s”?") % {"title": finding.title},
        cancel_url=url,
        success_url=url,
        delete=lambda: finding_delete(finding=finding, actor=request.user),
    )


@process_permission_required("standortanalyse.publish")
@require_http_methods(["GET", "POST"])
def publication(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    current = settings_for(process=process)
    form = AnalysisSettingsForm(
        request.POST or None,
        initial={"is_public": current.is_public, "peer_codes": ", ".join(current.peer_codes)},
    )
    if request.method == "POST" and form.is_valid():
        analysis_settings_update(
            process=process,
            actor=request.user,
            is_public=form.cleaned_data["is_public"],
            peer_codes=form.cleaned_data["peer_codes"],
        )
        messages.success(request, _("The settings of the location analysis have been saved."))
        return redirect("standortanalyse_manage:publication", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=_("Publish the location analysis"),
        submit_label=_("Save"),
        cancel_url=reverse("manage:overview", args=[process.pk]),
    )
