"""Members and invitations of one process, for its Administration (/verwaltung/<process_pk>/mitglieder/)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from standortkompass.accounts import selectors, services
from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.forms import InviteForm, RoleForm
from standortkompass.accounts.http import ProcessRequest
from standortkompass.accounts.models import Invitation, Membership
from standortkompass.processes.views.kit import error_text, paginate, query_string

if TYPE_CHECKING:
    from standortkompass.processes.models import StrategyProcess

PERMISSION = "processes.manage_members"


def _list_url(process_pk: int) -> str:
    return reverse("manage:members:list", kwargs={"process_pk": process_pk})


def _invitations_url(process_pk: int) -> str:
    return reverse("manage:members:invitations", kwargs={"process_pk": process_pk})


def _search(request: ProcessRequest) -> tuple[str, str]:
    query = request.GET.get("q", "").strip()[:200]
    return query, query_string(q=query)


@process_permission_required(PERMISSION)
@require_http_methods(["GET"])
def member_list(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    query, query_string = _search(request)
    page = paginate(request, selectors.process_memberships(process=process, query=query))
    actor = request.user
    rows = [
        {
            "membership": membership,
            "can_disable": selectors.account_can_be_disabled(user=membership.user, actor=actor, process=process),
        }
        for membership in page
    ]
    return render(
        request,
        "accounts/manage/member_list.html",
        {
            "process": process,
            "page": page,
            "rows": rows,
            "q": query,
            "query": query_string,
            "open_invitations": selectors.pending_invitations_count(process=process),
        },
    )


@process_permission_required(PERMISSION)
@require_http_methods(["GET"])
def invitation_list(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    query, query_string = _search(request)
    page = paginate(request, selectors.open_invitations(process=process, query=query))
    return render(
        request,
        "accounts/manage/invitation_list.html",
        {"process": process, "page": page, "q": query, "query": query_string},
    )


@process_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def invite(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                process=process,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                full_name=form.cleaned_data["full_name"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": invitation.email})
            return redirect(_invitations_url(process.pk))
    return render(
        request,
        "accounts/manage/invite.html",
        {"process": process, "form": form, "cancel_url": _list_url(process.pk)},
    )


def _confirm(request: ProcessRequest, process: StrategyProcess, **context: Any) -> HttpResponse:
    return render(request, "accounts/manage/confirm.html", {"process": process, **context})


@process_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def invitation_resend(request: ProcessRequest, process_pk: int, invitation_pk: int) -> HttpResponse:
    process = request.process
    invitation = get_object_or_404(Invitation, pk=invitation_pk, process=process, accepted_at__isnull=True)
    if request.method == "POST":
        services.invitation_resend(invitation=invitation, actor=request.user)
        messages.success(
            request,
            _("The invitation has been sent again to %(email)s with a new link.") % {"email": invitation.email},
        )
        return redirect(_invitations_url(process.pk))
    return _confirm(
        request,
        process,
        title=_("Send the invitation again"),
        question=_("Send a new invitation link to %(email)s? The previous link stops working.")
        % {"email": invitation.email},
        submit_label=_("Send again"),
        cancel_url=_invitations_url(process.pk),
    )


@process_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: ProcessRequest, process_pk: int, invitation_pk: int) -> HttpResponse:
    process = request.process
    invitation = get_object_or_404(Invitation, pk=invitation_pk, process=process, accepted_at__isnull=True)
    if request.method == "POST":
        services.invitation_revoke(invitation=invitation, actor=request.user)
        messages.success(request, _("The invitation for %(email)s has been withdrawn.") % {"email": invitation.email})
        return redirect(_invitations_url(process.pk))
    return _confirm(
        request,
        process,
        title=_("Withdraw the invitation"),
        question=_("Withdraw the invitation for %(email)s? The link in the e-mail stops working.")
        % {"email": invitation.email},
        submit_label=_("Withdraw invitation"),
        cancel_url=_invitations_url(process.pk),
    )


@process_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def change_role(request: ProcessRequest, process_pk: int, membership_pk: int) -> HttpResponse:
    process = request.process
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_pk, process=process)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(
                membership=membership,
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, _("The role of %(name)s has been changed.") % {"name": membership.user})
            return redirect(_list_url(process.pk))
    return render(
        request,
        "accounts/manage/change_role.html",
        {"process": process, "membership": membership, "form": form, "cancel_url": _list_url(process.pk)},
    )


@process_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def remove(request: ProcessRequest, process_pk: int, membership_pk: int) -> HttpResponse:
    process = request.process
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_pk, process=process)
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("%(name)s is no longer a member of this process.") % {"name": membership.user})
        return redirect(_list_url(process.pk))
    return _confirm(
        request,
        process,
        title=_("Remove a member"),
        question=_("Remove %(name)s (%(role)s) from this process? The account itself remains.")
        % {"name": membership.user, "role": membership.get_role_display()},
        submit_label=_("Remove member"),
        cancel_url=_list_url(process.pk),
    )


@process_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def disable_account(request: ProcessRequest, process_pk: int, membership_pk: int) -> HttpResponse:
    process = request.process
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_pk, process=process)
    actor = request.user
    if not selectors.account_can_be_disabled(user=membership.user, actor=actor, process=process):
        messages.error(
            request,
            _(
                "You cannot disable the account of %(name)s: it is your own, already disabled, "
                "or also used in another process. Remove the member from this process instead."
            )
            % {"name": membership.user},
        )
        return redirect(_list_url(process.pk))
    if request.method == "POST":
        try:
            services.user_disable(user=membership.user, actor=actor, process=process)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error) if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(
                request,
                _("The account of %(name)s has been disabled and all its sessions have ended.")
                % {"name": membership.user},
            )
        return redirect(_list_url(process.pk))
    return _confirm(
        request,
        process,
        title=_("Disable an account"),
        question=_(
            "Disable the account of %(name)s (%(email)s)? The person is logged out at once and can no longer "
            "log in. Only an operator can enable the account again."
        )
        % {"name": membership.user, "email": membership.user.email},
        submit_label=_("Disable account"),
        cancel_url=_list_url(process.pk),
    )
