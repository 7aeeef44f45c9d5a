"""A session's tables (groups) for World-Café rounds and group work: add, rename, choose the host, delete; seat the
participants without a table; the next table round. All for ``workshops.manage``."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import confirm_delete, error_text, render_form, save_form
from standortkompass.workshops.forms.manage import TableForm
from standortkompass.workshops.models import LiveSession, Table
from standortkompass.workshops.services.tables import (
    TableData,
    table_add,
    table_delete,
    table_host,
    table_update,
    tables_distribute,
    tables_rotate,
)
from standortkompass.workshops.views.manage import console_url, session_or_404, session_url


def table_or_404(session: LiveSession, table_pk: int) -> Table:
    found = session.tables.filter(pk=table_pk).select_related("host").first()
    if found is None:
        raise Http404(_("Page not found."))
    return found


def _table_save(session: LiveSession, table: Table | None, form: TableForm, actor: Any) -> Table:
    data = cast(TableData, {"name": form.cleaned_data["name"], "topic": form.cleaned_data.get("topic", "")})
    saved = (
        table_update(table=table, actor=actor, data=data)
        if table
        else table_add(session=session, actor=actor, data=data)
    )
    host = form.cleaned_data.get("host")
    if host != saved.host:
        table_host(table=saved, participant=host, actor=actor)
    return saved


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def table_create(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    form = TableForm(request.POST or None, session=found)
    if saved := save_form(request, form, lambda: _table_save(found, None, form, request.user)):
        messages.success(request, _("The table “%(name)s” has been added.") % {"name": saved.value})
        return redirect(session_url(found, "tische"))
    return render_form(
        request, form=form, title=_("New table"), submit_label=_("Add table"), cancel_url=session_url(found, "tische")
    )


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def table_edit(request: ProcessRequest, process_pk: int, session_pk: int, table_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    table = table_or_404(found, table_pk)
    form = TableForm(request.POST or None, session=found, table=table)
    if save_form(request, form, lambda: _table_save(found, table, form, request.user)):
        messages.success(request, _("The table has been saved."))
        return redirect(session_url(found, "tische"))
    return render_form(
        request,
        form=form,
        title=_("Edit the table “%(name)s”") % {"name": table},
        cancel_url=session_url(found, "tische"),
        delete_url=reverse("workshops_manage:table_delete", args=[process_pk, found.pk, table.pk]),
    )


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def table_delete_view(request: ProcessRequest, process_pk: int, session_pk: int, table_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    table = table_or_404(found, table_pk)
    return confirm_delete(
        request,
        obj=table,
        title=_("Delete the table “%(name)s”?") % {"name": table},
        warning=_("Its participants are without a table then; its cards stay."),
        cancel_url=session_url(found, "tische"),
        success_url=session_url(found, "tische"),
        delete=lambda: table_delete(table=table, actor=request.user),
    )


@process_permission_required("workshops.manage")
@require_POST
def tables_distribute_view(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    try:
        count = tables_distribute(session=found, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("%(count)d participants have been given a table.") % {"count": count})
    return redirect(_back(request, found, "tische"))


@process_permission_required("workshops.manage")
@require_POST
def tables_rotate_view(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    try:
        rotated = tables_rotate(session=found, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("Table round %(round)d: the guests have moved on, the hosts stay.") % {"round": rotated.round}
        )
    return redirect(_back(request, found, "tische"))


def _back(request: ProcessRequest, session: LiveSession, anchor: str) -> str:
    """Back to the console when the form came from there (``von=moderation``), else to the session's page."""
    if request.POST.get("von") == "moderation":
        return console_url(session)
    return session_url(session, anchor)
