"""Management of the boards (Gremien) of a process and their members."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.forms.manage import BoardForm, BoardMemberForm
from standortkompass.processes.models import Board, BoardMember
from standortkompass.processes.services.boards import (
    BoardData,
    BoardMemberData,
    board_create,
    board_delete,
    board_member_create,
    board_member_delete,
    board_member_update,
    board_update,
)
from standortkompass.processes.views.kit import confirm_delete, render_form, save_form


def _board(request: ProcessRequest, pk: int) -> Board:
    return get_object_or_404(Board, pk=pk, process=request.process)


def _member(request: ProcessRequest, board: Board, pk: int) -> BoardMember:
    return get_object_or_404(BoardMember, pk=pk, board=board)


@process_permission_required("processes.edit_content")
@require_GET
def boards(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    return render(
        request,
        "processes/manage/boards.html",
        {
            "process": process,
            "boards": process.boards.annotate(member_count=Count("members")).order_by("order", "name"),
        },
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def board_create_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = BoardForm(request.POST or None, process=process)
    if saved := save_form(
        request,
        form,
        lambda: board_create(process=process, actor=request.user, data=cast(BoardData, form.cleaned_data)),
    ):
        messages.success(request, _("The board “%(name)s” has been created.") % {"name": saved.value.name})
        return redirect("manage:board", process_pk=process.pk, board_pk=saved.value.pk)
    return render_form(
        request,
        form=form,
        title=_("New board"),
        submit_label=_("Create board"),
        cancel_url=reverse("manage:boards", args=[process.pk]),
    )


@process_permission_required("processes.edit_content")
@require_GET
def board_detail(request: ProcessRequest, process_pk: int, board_pk: int) -> HttpResponse:
    board = _board(request, board_pk)
    return render(
        request,
        "processes/manage/board_detail.html",
        {
            "process": request.process,
            "board": board,
            "members": board.members.select_related("organisation", "user").order_by("order", "name"),
        },
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def board_edit(request: ProcessRequest, process_pk: int, board_pk: int) -> HttpResponse:
    process = request.process
    board = _board(request, board_pk)
    heading = _("Edit board “%(name)s”") % {"name": board.name}
    form = BoardForm(request.POST or None, instance=board, process=process)
    if save_form(
        request, form, lambda: board_update(board=board, actor=request.user, data=cast(BoardData, form.cleaned_data))
    ):
        messages.success(request, _("The board “%(name)s” has been saved.") % {"name": board.name})
        return redirect("manage:board", process_pk=process.pk, board_pk=board.pk)
    return render_form(
        request,
        form=form,
        title=heading,
        cancel_url=reverse("manage:board", args=[process.pk, board.pk]),
        delete_url=reverse("manage:board_delete", args=[process.pk, board.pk]),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def board_delete_view(request: ProcessRequest, process_pk: int, board_pk: int) -> HttpResponse:
    board = _board(request, board_pk)
    count = board.members.count()
    return confirm_delete(
        request,
        obj=board,
        title=_("Delete board “%(name)s”?") % {"name": board.name},
        warning=ngettext(
            "Its %(count)s member is deleted with it.", "Its %(count)s members are deleted with it.", count
        )
        % {"count": count},
        cancel_url=reverse("manage:board", args=[process_pk, board.pk]),
        success_url=reverse("manage:boards", args=[process_pk]),
        delete=lambda: board_delete(board=board, actor=request.user),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def board_member_create_view(request: ProcessRequest, process_pk: int, board_pk: int) -> HttpResponse:
    process = request.process
    board = _board(request, board_pk)
    form = BoardMemberForm(request.POST or None, process=process)
    if saved := save_form(
        request,
        form,
        lambda: board_member_create(board=board, actor=request.user, data=cast(BoardMemberData, form.cleaned_data)),
    ):
        messages.success(request, _("%(name)s has been added to the board.") % {"name": saved.value.name})
        return redirect("manage:board", process_pk=process.pk, board_pk=board.pk)
    return render_form(
        request,
        form=form,
        title=_("New member of “%(board)s”") % {"board": board.name},
        submit_label=_("Add member"),
        cancel_url=reverse("manage:board", args=[process.pk, board.pk]),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def board_member_edit(request: ProcessRequest, process_pk: int, board_pk: int, member_pk: int) -> HttpResponse:
    process = request.process
    board = _board(request, board_pk)
    member = _member(request, board, member_pk)
    heading = _("Edit board member “%(name)s”") % {"name": member.name}
    form = BoardMemberForm(request.POST or None, instance=member, process=process)
    if save_form(
        request,
        form,
        lambda: board_member_update(member=member, actor=request.user, data=cast(BoardMemberData, form.cleaned_data)),
    ):
        messages.success(request, _("%(name)s has been saved.") % {"name": member.name})
        return redirect("manage:board", process_pk=process.pk, board_pk=board.pk)
    return render_form(
        request,
        form=form,
        title=heading,
        cancel_url=reverse("manage:board", args=[process.pk, board.pk]),
        delete_url=reverse("manage:board_member_delete", args=[process.pk, board.pk, member.pk]),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def board_member_delete_view(request: ProcessRequest, process_pk: int, board_pk: int, member_pk: int) -> HttpResponse:
    board = _board(request, board_pk)
    member = _member(request, board, member_pk)
    url = reverse("manage:board", args=[process_pk, board.pk])
    return confirm_delete(
        request,
        obj=member,
        title=_("Remove “%(name)s” from the board?") % {"name": member.name},
        cancel_url=url,
        success_url=url,
        delete=lambda: board_member_delete(member=member, actor=request.user),
    )
