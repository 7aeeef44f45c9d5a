"""The meetings in the management area: the list, one meeting, creating and changing it, attendance, minutes,
the invitation. Board members see the meetings of their boards (not internal ones); the rest answers 404."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.governance.forms.meetings import (
    AttendanceForm,
    InviteForm,
    MeetingCreateForm,
    MeetingEditForm,
    MinutesApproveForm,
    MinutesForm,
)
from standortkompass.governance.models import Meeting
from standortkompass.governance.selectors.access import viewer_of
from standortkompass.governance.selectors.meetings import (
    agenda_of,
    attendance_of,
    documents_of_meeting,
    entries_of_meeting,
    invitations_of,
    later_meetings_of_board,
    meeting_for,
    meetings_of,
    members_to_invite,
)
from standortkompass.governance.services.meetings import (
    MeetingData,
    attendance_save,
    meeting_create,
    meeting_delete,
    meeting_invite,
    meeting_update,
    minutes_approve,
    minutes_save,
)
from standortkompass.processes.views.kit import confirm_delete, render_form, save_form


def meeting_or_404(request: ProcessRequest, meeting_pk: int) -> Meeting:
    meeting = meeting_for(request.process, viewer_of(request.user, request.process), meeting_pk)
    if meeting is None:
        raise Http404(_("Page not found."))
    return meeting


def _meeting_url(meeting: Meeting) -> str:
    return reverse("governance_manage:meeting", args=[meeting.board.process_id, meeting.pk])


@process_permission_required("governance.view")
@require_GET
def meetings(request: ProcessRequest, process_pk: int) -> HttpResponse:
    viewer = viewer_of(request.user, request.process)
    now = timezone.now()
    all_meetings = list(meetings_of(request.process, viewer))
    return render(
        request,
        "governance/manage/meetings.html",
        {
            "process": request.process,
            "upcoming": [meeting for meeting in all_meetings if meeting.event.start >= now],
            "past": [meeting for meeting in reversed(all_meetings) if meeting.event.start < now],
            "viewer": viewer,
        },
    )


@process_permission_required("governance.view")
@require_GET
def meeting(request: ProcessRequest, process_pk: int, meeting_pk: int) -> HttpResponse:
    viewer = viewer_of(request.user, request.process)
    found = meeting_or_404(request, meeting_pk)
    return render(
        request,
        "governance/manage/meeting.html",
        {
            "process": request.process,
            "meeting": found,
            "agenda": agenda_of(found, viewer),
            "attendance": attendance_of(found),
            "documents": documents_of_meeting(found, viewer),
            "entries": entries_of_meeting(found, viewer),
            "invitations": invitations_of(found) if viewer.editor else [],
            "recipients": members_to_invite(found) if viewer.editor else [],
            "approved_here": list(found.approved_minutes.select_related("event")),
            "viewer": viewer,
        },
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def meeting_create_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = MeetingCreateForm(request.POST or None, process=process)
    if saved := save_form(
        request,
        form,
        lambda: meeting_create(process=process, actor=request.user, data=cast(MeetingData, form.cleaned_data)),
    ):
        messages.success(request, _("The meeting “%(title)s” has been created.") % {"title": saved.value})
        return redirect(_meeting_url(saved.value))
    return render_form(
        request,
        form=form,
        title=_("New board meeting"),
        submit_label=_("Create meeting"),
        cancel_url=reverse("governance_manage:meetings", args=[process.pk]),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def meeting_edit(request: ProcessRequest, process_pk: int, meeting_pk: int) -> HttpResponse:
    found = meeting_or_404(request, meeting_pk)
    form = MeetingEditForm(request.POST or None, meeting=found)
    if save_form(
        request,
        form,
        lambda: meeting_update(meeting=found, actor=request.user, data=cast(MeetingData, form.cleaned_data)),
    ):
        messages.success(request, _("The meeting has been saved."))
        return redirect(_meeting_url(found))
    return render_form(
        request,
        form=form,
        title=_("Edit the meeting “%(title)s”") % {"title": found},
        cancel_url=_meeting_url(found),
        delete_url=reverse("governance_manage:meeting_delete", args=[process_pk, found.pk]),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def meeting_delete_view(request: ProcessRequest, process_pk: int, meeting_pk: int) -> HttpResponse:
    found = meeting_or_404(request, meeting_pk)
    return confirm_delete(
        request,
        obj=found,
        title=_("Delete the meeting “%(title)s”?") % {"title": found},
        warning=_(
            "Its agenda, attendance, minutes and invitations are deleted with it; its date, documents and "
            "register entries stay."
        ),
        cancel_url=_meeting_url(found),
        success_url=reverse("governance_manage:meetings", args=[process_pk]),
        delete=lambda: meeting_delete(meeting=found, actor=request.user),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def attendance(request: ProcessRequest, process_pk: int, meeting_pk: int) -> HttpResponse:
    found = meeting_or_404(request, meeting_pk)
    form = AttendanceForm(request.POST or None, meeting=found)
    if save_form(
        request,
        form,
        lambda: attendance_save(
            meeting=found, actor=request.user, statuses=form.statuses(), guests=form.cleaned_data["guests"]
        ),
    ):
        messages.success(request, _("The attendance has been saved."))
        return redirect(_meeting_url(found))
    return render_form(
        request,
        form=form,
        title=_("Attendance: %(title)s") % {"title": found},
        cancel_url=_meeting_url(found),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def minutes(request: ProcessRequest, process_pk: int, meeting_pk: int) -> HttpResponse:
    found = meeting_or_404(request, meeting_pk)
    if found.minutes_approved:
        messages.error(request, _("The minutes have been approved and can no longer be changed."))
        return redirect(_meeting_url(found))
    form = MinutesForm(request.POST or None, initial={"minutes": found.minutes})
    if save_form(
        request,
        form,
        lambda: minutes_save(meeting=found, actor=request.user, minutes=form.cleaned_data["minutes"]),
    ):
        messages.success(request, _("The minutes have been saved."))
        return redirect(_meeting_url(found))
    return render_form(
        request,
        form=form,
        title=_("Minutes: %(title)s") % {"title": found},
        cancel_url=_meeting_url(found),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def minutes_approve_view(request: ProcessRequest, process_pk: int, meeting_pk: int) -> HttpResponse:
    found = meeting_or_404(request, meeting_pk)
    later = later_meetings_of_board(found)
    if found.minutes_approved or not found.minutes.strip() or not later.exists():
        messages.error(
            request,
            _("Minutes can be approved once they are written, at a later meeting of the same board, and only once."),
        )
        return redirect(_meeting_url(found))
    form = MinutesApproveForm(request.POST or None, meetings=later)
    if save_form(
        request,
        form,
        lambda: minutes_approve(meeting=found, actor=request.user, approving=form.cleaned_data["approving"]),
    ):
        messages.success(request, _("The approval of the minutes has been recorded."))
        return redirect(_meeting_url(found))
    return render_form(
        request,
        form=form,
        title=_("Approve the minutes: %(title)s") % {"title": found},
        submit_label=_("Record the approval"),
        cancel_url=_meeting_url(found),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def invite(request: ProcessRequest, process_pk: int, meeting_pk: int) -> HttpResponse:
    found = meeting_or_404(request, meeting_pk)
    form = InviteForm(request.POST or None)
    if save_form(
        request, form, lambda: meeting_invite(meeting=found, actor=request.user, message=form.cleaned_data["message"])
    ):
        messages.success(request, _("The invitation is being sent to the members of the board."))
        return redirect(_meeting_url(found))
    return render_form(
        request,
        form=form,
        title=_("Send the invitation: %(title)s") % {"title": found},
        submit_label=_("Send the invitation"),
        cancel_url=_meeting_url(found),
        template="governance/manage/invite.html",
        meeting=found,
        recipients=members_to_invite(found),
    )
