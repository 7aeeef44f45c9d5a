"""The report of a project lead: one project in one round, in a short form.

Only the project's leads (and Administration on their behalf) reach the form (``monitoring.report`` on the
project); anyone else with a role in the process gets 404, as an outsider does, and learns nothing about
the project's lead or reports.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.monitoring.forms.reports import ReportForm
from standortkompass.monitoring.selectors.rounds import is_due, report_of, round_of
from standortkompass.monitoring.services.reports import report_submit
from standortkompass.processes.views.kit import save_form
from standortkompass.strategy.models import Element, ElementKind, ProjectSheet, StrategyIndicator


@process_permission_required("processes.view_participant_area")
@require_http_methods(["GET", "POST"])
def report(request: ProcessRequest, process_pk: int, round_pk: int, project_pk: int) -> HttpResponse:
    process = request.process
    reporting_round = round_of(process, round_pk)
    project = (
        Element.objects.filter(pk=project_pk, kind=ElementKind.PROJECT, strategy__process=process)
        .select_related("strategy__process")
        .first()
    )
    if (
        reporting_round is None
        or project is None
        or not request.user.has_perm("monitoring.report", project)
        or not is_due(process, project)
    ):
        raise Http404(_("Page not found."))
    sheet = ProjectSheet.objects.filter(element=project).select_related("lead_organisation").first()
    given = report_of(reporting_round, project)
    can_manage = request.user.has_perm("monitoring.manage", process)
    back_url = (
        reverse("monitoring_manage:round", args=[process.pk, reporting_round.pk])
        if can_manage
        else reverse("manage:home")
    )
    context = {
        "process": process,
        "reporting_round": reporting_round,
        "project": project,
        "sheet": sheet,
        "given": given,
        "back_url": back_url,
        "public_url": reverse("monitoring:project", kwargs={"slug": project.slug}),
    }
    if not reporting_round.is_open:
        return render(request, "monitoring/manage/report_closed.html", context)
    indicators = list(StrategyIndicator.objects.filter(element=project, statistic__isnull=True).order_by("order", "id"))
    form = ReportForm(
        request.POST or None,
        sheet=sheet,
        report=given,
        indicators=indicators,
        default_year=reporting_round.reporting_date.year,
    )
    if save_form(
        request,
        form,
        lambda: report_submit(
            reporting_round=reporting_round,
            project=project,
            actor=request.user,
            data=form.report_data(),
            milestones=form.reached(),
            indicators=form.indicator_values(),
        ),
    ):
        messages.success(
            request,
            _("Thank you: your report on “%(project)s” has been saved. The project's status is up to date.")
            % {"project": project.title},
        )
        return redirect(back_url)
    return render(request, "monitoring/manage/report_form.html", {**context, "form": form})
