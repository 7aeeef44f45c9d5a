"""Management of the events (Termine) of a process, and the board members' read-only list of dates."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes import selectors
from standortkompass.processes.forms.manage import EventForm
from standortkompass.processes.models import Event
from standortkompass.processes.services.dates import EventData, event_create, event_delete, event_update
from standortkompass.processes.views.kit import confirm_delete, paginate, query_string, render_form, save_form

PERIODS = [
    ("kommend", gettext_lazy("Upcoming")),
    ("vergangen", gettext_lazy("Past")),
    ("alle", gettext_lazy("All")),
]


def _event(request: ProcessRequest, pk: int) -> Event:
    return get_object_or_404(Event, pk=pk, process=request.process)


@process_permission_required("processes.edit_content")
@require_GET
def events(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """All dates of the process; search in title and place (``q``), upcoming/past/all (``zeitraum``)."""
    process = request.process
    items = selectors.events_for_board_members(process=process)
    search = request.GET.get("q", "").strip()[:200]
    if search:
        items = items.filter(Q(title__icontains=search) | Q(location__icontains=search))
    period = request.GET.get("zeitraum", "kommend")
    if period not in dict(PERIODS):
        period = "kommend"
    now = timezone.now()
    if period == "kommend":
        items = selectors.upcoming(items, now=now)
    elif period == "vergangen":
        items = selectors.past(items, now=now)
    else:
        items = items.order_by("-start", "-id")
    return render(
        request,
        "processes/manage/events.html",
        {
            "process": process,
            "page": paginate(request, items),
            "search": search,
            "period": period,
            "periods": PERIODS,
            "query": query_string(q=search, zeitraum=period),
        },
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def event_create_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = EventForm(request.POST or None, process=process)
    if saved := save_form(
        request,
        form,
        lambda: event_create(process=process, actor=request.user, data=cast(EventData, form.cleaned_data)),
    ):
        messages.success(request, _("The date “%(title)s” has been created.") % {"title": saved.value.title})
        return redirect("manage:events", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=_("New date"),
        submit_label=_("Create date"),
        cancel_url=reverse("manage:events", args=[process.pk]),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def event_edit(request: ProcessRequest, process_pk: int, event_pk: int) -> HttpResponse:
    process = request.process
    event = _event(request, event_pk)
    heading = _("Edit date “%(title)s”") % {"title": event.title}
    form = EventForm(request.POST or None, instance=event, process=process)
    if save_form(
        request, form, lambda: event_update(event=event, actor=request.user, data=cast(EventData, form.cleaned_data))
    ):
        messages.success(request, _("The date “%(title)s” has been saved.") % {"title": event.title})
        return redirect("manage:events", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=heading,
        cancel_url=reverse("manage:events", args=[process.pk]),
        delete_url=reverse("manage:event_delete", args=[process.pk, event.pk]),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def event_delete_view(request: ProcessRequest, process_pk: int, event_pk: int) -> HttpResponse:
    event = _event(request, event_pk)
    url = reverse("manage:events", args=[process_pk])
    return confirm_delete(
        request,
        obj=event,
        title=_("Delete date “%(title)s”?") % {"title": event.title},
        cancel_url=url,
        success_url=url,
        delete=lambda: event_delete(event=event, actor=request.user),
    )


@process_permission_required("processes.view_board_events")
@require_GET
def board_events(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """Every date of the process including the board-only ones, read-only, for board members."""
    process = request.process
    items = selectors.events_for_board_members(process=process)
    now = timezone.now()
    return render(
        request,
        "processes/manage/board_events.html",
        {
            "process": process,
            "upcoming_events": list(selectors.upcoming(items, now=now)),
            "page": paginate(request, selectors.past(items, now=now)),
        },
    )
