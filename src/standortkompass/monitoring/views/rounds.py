"""Reporting rounds in the management area (Administration): the list, opening, one round's overview of who
has reported (with the reminders sent), closing it and reminding the leads now."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.monitoring.forms.rounds import RoundForm
from standortkompass.monitoring.models import ReportingRound
from standortkompass.monitoring.selectors.rounds import (
    due_projects,
    reminder_dates,
    round_of,
    round_overview,
    rounds_of,
)
from standortkompass.monitoring.services.rounds import reminders_queue, round_close, round_open
from standortkompass.processes.views.kit import error_text, paginate, render_form, save_form


def _round(request: ProcessRequest, round_pk: int) -> ReportingRound:
    found = round_of(request.process, round_pk)
    if found is None:
        raise Http404(_("Page not found."))
    return found


@process_permission_required("monitoring.manage")
@require_GET
def overview(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    return render(
        request,
        "monitoring/manage/overview.html",
        {"process": process, "page": paginate(request, rounds_of(process)), "projects": len(due_projects(process))},
    )


@process_permission_required("monitoring.manage")
@require_http_methods(["GET", "POST"])
def round_open_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = RoundForm(request.POST or None)
    if saved := save_form(
        request, form, lambda: round_open(process=process, actor=request.user, data=form.cleaned_data)
    ):
        messages.success(
            request,
            _("The reporting round “%(title)s” is open. The project leads find it under “My area”.")
            % {"title": saved.value.title},
        )
        return redirect("monitoring_manage:round", process_pk=process.pk, round_pk=saved.value.pk)
    return render_form(
        request,
        form=form,
        title=_("Open a reporting round"),
        submit_label=_("Open round"),
        cancel_url=reverse("monitoring_manage:overview", args=[process.pk]),
        template="monitoring/manage/round_form.html",
        process=process,
    )


@process_permission_required("monitoring.manage")
@require_GET
def round_detail(request: ProcessRequest, process_pk: int, round_pk: int) -> HttpResponse:
    reporting_round = _round(request, round_pk)
    today = timezone.localdate()
    return render(
        request,
        "monitoring/manage/round.html",
        {
            "process": request.process,
            "reporting_round": reporting_round,
            "overview": round_overview(reporting_round),
            "reminder_dates": reminder_dates(reporting_round, until=max(today, reporting_round.due_date)),
            "today": today,
        },
    )


@process_permission_required("monitoring.manage")
@require_POST
def round_close_view(request: ProcessRequest, process_pk: int, round_pk: int) -> HttpResponse:
    reporting_round = _round(request, round_pk)
    try:
        round_close(reporting_round=reporting_round, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The reporting round “%(title)s” is closed.") % {"title": reporting_round.title})
    return redirect("monitoring_manage:round", process_pk=request.process.pk, round_pk=reporting_round.pk)


@process_permission_required("monitoring.manage")
@require_POST
def round_remind_view(request: ProcessRequest, process_pk: int, round_pk: int) -> HttpResponse:
    reporting_round = _round(request, round_pk)
    try:
        reminders_queue(reporting_round=reporting_round, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _(
                "The reminders are being sent: every lead who has not reported gets one mail, unless they got "
                "today's reminder of this round already."
            ),
        )
    return redirect("monitoring_manage:round", process_pk=request.process.pk, round_pk=reporting_round.pk)
