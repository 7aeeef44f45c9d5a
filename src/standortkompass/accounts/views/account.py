"""Log-in, second factor, log-out, password, and the "My account" page."""

from __future__ import annotations

from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from standortkompass.accounts import selectors, services
from standortkompass.accounts.access import login_and_second_factor_required, needs_second_factor
from standortkompass.accounts.forms import (
    EnrolmentForm,
    KernPasswordChangeForm,
    KernPasswordResetForm,
    KernSetPasswordForm,
    LoginForm,
    SecondFactorForm,
)
from standortkompass.accounts.http import UserRequest
from standortkompass.accounts.middleware import TIMEOUT_NOTICE_KEY
from standortkompass.accounts.models import User
from standortkompass.core.ratelimit import client_address, rate_limit_exceeded

BACKUP_CODES_SESSION_KEY = "_standortkompass_backup_codes"


def safe_next_url(request: HttpRequest, default: str = "") -> str:
    """The ``next`` parameter if it points to this site, else ``default`` (the management start page)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or resolve_url(settings.LOGIN_REDIRECT_URL)


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _timeout_notice(request: HttpRequest) -> None:
    reason = request.session.pop(TIMEOUT_NOTICE_KEY, None) if hasattr(request, "session") else None
    if reason == "idle":
        messages.info(
            request,
            _("You were logged out after %(minutes)s minutes without activity. Please log in again.")
            % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60},
        )
    elif reason == "absolute":
        messages.info(
            request,
            _("You were logged out because a session lasts at most %(hours)s hours. Please log in again.")
            % {"hours": settings.SESSION_COOKIE_AGE // 3600},
        )


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    next_url = safe_next_url(request)
    if request.method == "POST":
        form = LoginForm(request, data=request.POST)
        if form.is_valid():
            user: User = form.get_user()
            services.user_log_in(request=request, user=user)
            if needs_second_factor(user):
                return redirect(with_next("accounts:second_factor", next_url))
            return redirect(next_url)
        status = 429 if form.has_error(NON_FIELD_ERRORS, "account_limited") else 200
        return render(request, "accounts/login.html", {"form": form, "next": next_url}, status=status)
    _timeout_notice(request)
    form = LoginForm(request)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@never_cache
@require_http_methods(["GET", "POST"])
def logout(request: HttpRequest) -> HttpResponse:
    """A GET asks for confirmation; the POST ends the session on the server."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.method == "POST":
        services.user_log_out(request=request)
        messages.success(request, _("You have been logged out."))
        return redirect(settings.LOGOUT_REDIRECT_URL)
    return render(request, "accounts/logout.html")


def _qr_svg(device: Any) -> SafeString:
    """The otpauth:// address of the device as a QR code, inline SVG made on the server."""
    label = escape(_("QR code for your authenticator app"))
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=4, light="#fff", svgclass="qr-code")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return mark_safe(svg)  # noqa: S308  (segno's markup; the only text in it is escaped above)


def _grouped_secret(device: Any) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _throttled_message(locked_until: Any) -> str:
    return _(
        "Too many wrong codes. For your protection, please wait until %(time)s and then enter the current code."
    ) % {"time": formats.time_format(timezone.localtime(locked_until), "H:i:s")}


def _enrol(request: HttpRequest, next_url: str, *, replacing: bool) -> HttpResponse:
    """Set up an authenticator app: QR code and secret, then the first code confirms it."""
    user: Any = request.user
    device = services.totp_device_pending(user=user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.second_factor_verify(user=user, code=form.cleaned_data["code"], device=device)
        if check.ok:
            codes = services.totp_device_confirm(device=check.device)
            otp_login(request, check.device)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            messages.success(request, _("The second factor is set up."))
            return redirect(with_next("accounts:backup_codes", next_url))
        if check.locked_until:
            form.add_error("code", _throttled_message(check.locked_until))
        else:
            form.add_error(
                "code", _("This code is not correct. Check that the time on your phone is right and try again.")
            )
    return render(
        request,
        "accounts/second_factor_enrol.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": _qr_svg(device),
            "secret": _grouped_secret(device),
            "replacing": replacing,
        },
    )


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the TOTP code (or a backup code); set up the app first if there is none yet."""
    if not request.user.is_authenticated:
        return auth_views.redirect_to_login(request.get_full_path())
    user: Any = request.user
    next_url = safe_next_url(request)
    if user.is_verified():
        return redirect(next_url)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return _enrol(request, next_url, replacing=False)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
        if check.ok:
            otp_login(request, check.device)
            if check.device.persistent_id != device.persistent_id:
                messages.warning(
                    request,
                    _("You used a backup code; it is now spent. You have %(count)s backup codes left.")
                    % {"count": selectors.second_factor_status(user=user).backup_codes_left},
                )
            return redirect(next_url)
        if check.locked_until:
            form.add_error("code", _throttled_message(check.locked_until))
        else:
            form.add_error("code", _("This code is not correct. Please enter the code your app shows right now."))
    return render(request, "accounts/second_factor.html", {"form": form, "next": next_url})


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up a new authenticator app (e.g. a new phone); the old one works until the new one is confirmed."""
    if not request.user.is_authenticated:
        return auth_views.redirect_to_login(request.get_full_path())
    user: Any = request.user
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if has_device and not user.is_verified():
        return redirect(with_next("accounts:second_factor", request.get_full_path()))
    return _enrol(request, safe_next_url(request, reverse("accounts:account")), replacing=has_device)


@never_cache
@login_and_second_factor_required
@require_http_methods(["GET"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, shown exactly once."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    return render(
        request,
        "accounts/backup_codes.html",
        {"codes": codes, "next": safe_next_url(request, reverse("accounts:account"))},
    )


@login_and_second_factor_required
@require_http_methods(["GET", "POST"])
def backup_codes_new(request: HttpRequest) -> HttpResponse:
    """A GET asks for confirmation; the POST replaces the backup codes and shows the new ones once."""
    user: Any = request.user
    if not user.is_verified():
        messages.error(request, _("Set up the second factor first."))
        return redirect("accounts:account")
    if request.method == "POST":
        request.session[BACKUP_CODES_SESSION_KEY] = services.backup_codes_create(user=user)
        return redirect(with_next("accounts:backup_codes", reverse("accounts:account")))
    return render(request, "accounts/backup_codes_new.html")


@login_and_second_factor_required
@require_http_methods(["GET"])
def account(request: UserRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "memberships": selectors.user_memberships(user=user),
            "second_factor": selectors.second_factor_status(user=user),
            "second_factor_required": needs_second_factor(user),
        },
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = KernPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # Changing the password gave this session a new key; every other session of the user ends.
        services.user_session_record(request=self.request, user=form.user, new_login=False)
        services.user_sessions_end(user=form.user, keep_session_key=self.request.session.session_key)
        messages.success(self.request, _("Your password has been changed."))
        return response


password_change = login_and_second_factor_required(PasswordChangeView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    """Reset mails, per window at most PASSWORD_RESET_LIMIT_PER_ADDRESS from one client address and
    PASSWORD_RESET_LIMIT_PER_ACCOUNT to one e-mail address.

    Counted for every address asked for, known or not, so the answer still tells nothing about
    which addresses have an account.
    """

    form_class = KernPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        limited = rate_limit_exceeded(
            scope="password-reset",
            keys={
                f"address:{client_address(self.request)}": settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
                f"account:{form.cleaned_data['email']}": settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT,
            },
        )
        if limited:
            form.add_error(
                "email",
                _("Too many requests to reset a password in a short time. Please try again in %(minutes)s minutes.")
                % {"minutes": settings.RATE_LIMIT_WINDOW_MINUTES},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = KernSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever may have known the old password is logged out everywhere.
        services.user_sessions_end(user=form.user)
        return response


password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
