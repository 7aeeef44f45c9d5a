"""The register of recommendations and decisions in the management area, with follow-up actions."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.governance.forms.register import ActionForm, EntryForm
from standortkompass.governance.models import EntryKind, EntryStatus, FollowUpAction, RegisterEntry
from standortkompass.governance.selectors.access import viewer_of
from standortkompass.governance.selectors.register import (
    RegisterFilter,
    actions_of,
    documents_of_entry,
    elements_shown,
    entries_of,
    entry_for,
)
from standortkompass.governance.selectors.version_actions import VERSION_PARAMETER, decision_initial
from standortkompass.governance.services.register import (
    ActionData,
    EntryData,
    action_create,
    action_delete,
    action_update,
    entry_create,
    entry_delete,
    entry_update,
)
from standortkompass.processes import evidence
from standortkompass.processes.views.kit import confirm_delete, paginate, query_without_page, render_form, save_form


def _entry_or_404(request: ProcessRequest, entry_pk: int) -> RegisterEntry:
    entry = entry_for(request.process, viewer_of(request.user, request.process), entry_pk)
    if entry is None:
        raise Http404(_("Page not found."))
    return entry


def _entry_url(entry: RegisterEntry) -> str:
    return reverse("governance_manage:entry", args=[entry.board.process_id, entry.pk])


def _entry_data(form: EntryForm) -> EntryData:
    data = {key: value for key, value in form.cleaned_data.items() if key != "elements"}
    if form.fields["strategy_version"].disabled:
        data.pop("strategy_version", None)
        data.pop("version_approved", None)
    return cast(EntryData, data)


@process_permission_required("governance.view")
@require_GET
def register(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    viewer = viewer_of(request.user, process)
    where = RegisterFilter.of(request.GET)
    return render(
        request,
        "governance/manage/register.html",
        {
            "process": process,
            "page": paginate(request, entries_of(process, viewer, where)),
            "query": query_without_page(request),
            "where": where,
            "boards": process.boards.order_by("order", "name"),
            "kinds": EntryKind.choices,
            "statuses": EntryStatus.choices,
            "viewer": viewer,
        },
    )


@process_permission_required("governance.view")
@require_GET
def entry(request: ProcessRequest, process_pk: int, entry_pk: int) -> HttpResponse:
    viewer = viewer_of(request.user, request.process)
    found = _entry_or_404(request, entry_pk)
    elements, _hidden = elements_shown(found, public=False)
    return render(
        request,
        "governance/manage/entry.html",
        {
            "process": request.process,
            "entry": found,
            "elements": elements,
            "actions": actions_of(found),
            "documents": documents_of_entry(found, viewer),
            "citations": evidence.citations(request.process, f"board:{found.pk}", public=False),
            "viewer": viewer,
        },
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def entry_create_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    # From a submitted strategy version's page (``?fassung=<id>``): the steering committee's decision on it.
    initial = decision_initial(process, request.GET.get(VERSION_PARAMETER, ""))
    form = EntryForm(request.POST or None, process=process, initial=initial)
    if saved := save_form(
        request,
        form,
        lambda: entry_create(
            process=process, actor=request.user, data=_entry_data(form), elements=list(form.cleaned_data["elements"])
        ),
    ):
        messages.success(request, _("“%(subject)s” has been recorded.") % {"subject": saved.value.subject})
        return redirect(_entry_url(saved.value))
    return render_form(
        request,
        form=form,
        title=_("New recommendation or decision"),
        submit_label=_("Record"),
        cancel_url=reverse("governance_manage:register", args=[process.pk]),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def entry_edit(request: ProcessRequest, process_pk: int, entry_pk: int) -> HttpResponse:
    found = _entry_or_404(request, entry_pk)
    form = EntryForm(request.POST or None, instance=found, process=request.process)
    if save_form(
        request,
        form,
        lambda: entry_update(
            entry=found, actor=request.user, data=_entry_data(form), elements=list(form.cleaned_data["elements"])
        ),
    ):
        messages.success(request, _("“%(subject)s” has been saved.") % {"subject": found.subject})
        return redirect(_entry_url(found))
    return render_form(
        request,
        form=form,
        title=_("Edit “%(subject)s”") % {"subject": found.subject},
        cancel_url=_entry_url(found),
        delete_url=""
        if found.strategy_version_id
        else reverse("governance_manage:entry_delete", args=[process_pk, found.pk]),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def entry_delete_view(request: ProcessRequest, process_pk: int, entry_pk: int) -> HttpResponse:
    found = _entry_or_404(request, entry_pk)
    if found.strategy_version_id is not None:
        messages.error(request, _("This decision on a strategy version is part of the version's record and stays."))
        return redirect(_entry_url(found))
    return confirm_delete(
        request,
        obj=found,
        title=_("Delete “%(subject)s”?") % {"subject": found.subject},
        warning=_("Its follow-up actions are deleted with it."),
        cancel_url=_entry_url(found),
        success_url=reverse("governance_manage:register", args=[process_pk]),
        delete=lambda: entry_delete(entry=found, actor=request.user),
    )


def _action(entry: RegisterEntry, action_pk: int) -> FollowUpAction:
    action = entry.actions.filter(pk=action_pk).first()
    if action is None:
        raise Http404(_("Page not found."))
    return action


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def action_create_view(request: ProcessRequest, process_pk: int, entry_pk: int) -> HttpResponse:
    found = _entry_or_404(request, entry_pk)
    form = ActionForm(request.POST or None, process=request.process)
    if save_form(
        request,
        form,
        lambda: action_create(entry=found, actor=request.user, data=cast(ActionData, form.cleaned_data)),
    ):
        messages.success(request, _("The follow-up action has been added."))
        return redirect(_entry_url(found) + "#massnahmen")
    return render_form(
        request,
        form=form,
        title=_("New follow-up action: %(subject)s") % {"subject": found.subject},
        submit_label=_("Add follow-up action"),
        cancel_url=_entry_url(found),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def action_edit(request: ProcessRequest, process_pk: int, entry_pk: int, action_pk: int) -> HttpResponse:
    found = _entry_or_404(request, entry_pk)
    action = _action(found, action_pk)
    form = ActionForm(request.POST or None, instance=action, process=request.process)
    if save_form(
        request,
        form,
        lambda: action_update(action=action, actor=request.user, data=cast(ActionData, form.cleaned_data)),
    ):
        messages.success(request, _("The follow-up action has been saved."))
        return redirect(_entry_url(found) + "#massnahmen")
    return render_form(
        request,
        form=form,
        title=_("Edit the follow-up action"),
        cancel_url=_entry_url(found),
        delete_url=reverse("governance_manage:action_delete", args=[process_pk, found.pk, action.pk]),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def action_delete_view(request: ProcessRequest, process_pk: int, entry_pk: int, action_pk: int) -> HttpResponse:
    found = _entry_or_404(request, entry_pk)
    action = _action(found, action_pk)
    return confirm_delete(
        request,
        obj=action,
        title=_("Delete the follow-up action “%(text)s”?") % {"text": action.text},
        cancel_url=_entry_url(found),
        success_url=_entry_url(found) + "#massnahmen",
        delete=lambda: action_delete(action=action, actor=request.user),
    )
