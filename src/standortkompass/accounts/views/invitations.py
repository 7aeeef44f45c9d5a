"""Accepting an invitation through its one-time link /konto/einladung/<token>/."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from standortkompass.accounts import selectors, services
from standortkompass.accounts.access import needs_second_factor
from standortkompass.accounts.forms import NewAccountForm
from standortkompass.accounts.models import Invitation, User
from standortkompass.accounts.views.account import with_next


def _invalid(request: HttpRequest, reason: str, invitation: Invitation | None = None) -> HttpResponse:
    status = 404 if reason == "unknown" else 410
    return render(
        request, "accounts/invitation_invalid.html", {"reason": reason, "invitation": invitation}, status=status
    )


def _welcome(request: HttpRequest, invitation: Invitation, user: User) -> HttpResponse:
    messages.success(
        request,
        _("Welcome! You now take part in “%(process)s” with the role “%(role)s”.")
        % {"process": invitation.process.title, "role": invitation.get_role_display()},
    )
    start = reverse("manage:home")
    if needs_second_factor(user):
        return redirect(with_next("accounts:second_factor", start))
    return redirect(start)


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None:
        return _invalid(request, "unknown")
    if invitation.accepted_at is not None:
        return _invalid(request, "used", invitation)
    if not invitation.is_usable:
        return _invalid(request, "expired", invitation)
    account = User.objects.filter(email__iexact=invitation.email).first()
    context: dict[str, Any] = {"invitation": invitation, "process": invitation.process}

    if account is None:
        form = NewAccountForm(request.POST or None, invitation=invitation)
        if request.method == "POST" and form.is_valid():
            try:
                user = services.invitation_accept_with_new_account(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                services.user_log_in(request=request, user=user)
                return _welcome(request, invitation, user)
        return render(request, "accounts/invitation_accept.html", {**context, "form": form})

    if not account.is_active:
        return _invalid(request, "disabled", invitation)
    if not request.user.is_authenticated or request.user.pk != account.pk:
        context["login_url"] = with_next("accounts:login", request.get_full_path())
        return render(request, "accounts/invitation_login.html", context)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=account)
        except ValidationError:
            return _invalid(request, "used", invitation)
        return _welcome(request, invitation, account)
    return render(request, "accounts/invitation_confirm.html", context)
