"""The agenda of a meeting in the management area: add, change, delete and move items."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.governance.forms.agenda import AgendaItemForm
from standortkompass.governance.models import AgendaItem, Meeting
from standortkompass.governance.services.agenda import (
    AgendaItemData,
    agenda_item_create,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
)
from standortkompass.governance.views.meetings import meeting_or_404
from standortkompass.processes.views.kit import confirm_delete, error_text, render_form, save_form


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    item = meeting.agenda_items.filter(pk=item_pk).first()
    if item is None:
        raise Http404(_("Page not found."))
    return item


def _meeting_url(meeting: Meeting) -> str:
    return reverse("governance_manage:meeting", args=[meeting.board.process_id, meeting.pk]) + "#tagesordnung"


def _data(form: AgendaItemForm) -> AgendaItemData:
    return cast(AgendaItemData, {key: form.cleaned_data[key] for key in ("title", "text", "confidentiality")})


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def item_create(request: ProcessRequest, process_pk: int, meeting_pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, meeting_pk)
    form = AgendaItemForm(request.POST or None, meeting=meeting)
    if saved := save_form(
        request,
        form,
        lambda: agenda_item_create(
            meeting=meeting,
            actor=request.user,
            data=_data(form),
            elements=list(form.cleaned_data["elements"]),
            documents=list(form.cleaned_data["documents"]),
            sources=form.cleaned_data["sources"],
        ),
    ):
        messages.success(request, _("The agenda item “%(title)s” has been added.") % {"title": saved.value.title})
        return redirect(_meeting_url(meeting))
    return render_form(
        request,
        form=form,
        title=_("New agenda item: %(meeting)s") % {"meeting": meeting},
        submit_label=_("Add agenda item"),
        cancel_url=_meeting_url(meeting),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def item_edit(request: ProcessRequest, process_pk: int, meeting_pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, meeting_pk)
    item = _item(meeting, item_pk)
    form = AgendaItemForm(request.POST or None, meeting=meeting, item=item)
    if save_form(
        request,
        form,
        lambda: agenda_item_update(
            item=item,
            actor=request.user,
            data=_data(form),
            elements=list(form.cleaned_data["elements"]),
            documents=list(form.cleaned_data["documents"]),
            sources=form.cleaned_data["sources"],
        ),
    ):
        messages.success(request, _("The agenda item “%(title)s” has been saved.") % {"title": item.title})
        return redirect(_meeting_url(meeting))
    return render_form(
        request,
        form=form,
        title=_("Edit the agenda item “%(title)s”") % {"title": item.title},
        cancel_url=_meeting_url(meeting),
        delete_url=reverse("governance_manage:item_delete", args=[process_pk, meeting.pk, item.pk]),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def item_delete(request: ProcessRequest, process_pk: int, meeting_pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, meeting_pk)
    item = _item(meeting, item_pk)
    return confirm_delete(
        request,
        obj=item,
        title=_("Delete the agenda item “%(title)s”?") % {"title": item.title},
        cancel_url=_meeting_url(meeting),
        success_url=_meeting_url(meeting),
        delete=lambda: agenda_item_delete(item=item, actor=request.user),
    )


@process_permission_required("governance.manage")
@require_POST
def item_move(request: ProcessRequest, process_pk: int, meeting_pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, meeting_pk)
    item = _item(meeting, item_pk)
    try:
        direction = {"hoch": "up", "runter": "down"}.get(request.POST.get("richtung", ""), "")
        agenda_item_move(item=item, actor=request.user, direction=direction)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The agenda item “%(title)s” has been moved.") % {"title": item.title})
    return redirect(_meeting_url(meeting))
