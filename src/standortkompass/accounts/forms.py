"""Forms of the accounts app: they validate input, services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from standortkompass.accounts.models import Invitation, Role, User
from standortkompass.core.forms import KernForm, KernFormMixin
from standortkompass.core.ratelimit import rate_limit_count, rate_limit_reached


def _cooloff_minutes() -> int:
    return max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))


class LoginForm(KernFormMixin, AuthenticationForm):
    """E-mail address and password. ``authenticate()`` gets the request, so django-axes counts failures."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "invalid_login": _(
                "The e-mail address or the password is not correct. After %(limit)s failed attempts, "
                "logging in is blocked for %(minutes)s minutes."
            )
            % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": _cooloff_minutes()},
        }

    def clean_username(self) -> str:
        # One spelling per address, so that the failure count cannot be dodged by changing case.
        return str(self.cleaned_data["username"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        """Failed log-ins also count per account from every address (LOGIN_LIMIT_PER_ACCOUNT per window).

        django-axes locks an account and address pair; this stops guessing one account's password
        from many addresses. Once the limit is reached the password is not even checked.
        """
        username = self.cleaned_data.get("username")
        key = f"account:{username}"
        if username and rate_limit_reached(scope="login", key=key, limit=settings.LOGIN_LIMIT_PER_ACCOUNT):
            raise forms.ValidationError(
                _(
                    "There have been too many failed log-ins to this account. Please try again in %(minutes)s "
                    "minutes or reset your password."
                )
                % {"minutes": settings.RATE_LIMIT_WINDOW_MINUTES},
                code="account_limited",
            )
        try:
            return super().clean()
        except forms.ValidationError as error:
            if username and error.code == "invalid_login":
                rate_limit_count(scope="login", key=key)
            raise


class SecondFactorForm(KernForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


class EnrolmentForm(KernForm):
    code = forms.RegexField(
        label=_("Code from the app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        help_text=_("Enter the 6-digit code your app shows for Standortkompass."),
        error_messages={"invalid": _("Enter the 6 digits the app shows, e.g. 123456.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "maxlength": 7}
        ),
    )


class KernPasswordResetForm(KernFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class KernSetPasswordForm(KernFormMixin, SetPasswordForm):  # type: ignore[type-arg]
    pass


class KernPasswordChangeForm(KernFormMixin, PasswordChangeForm):
    pass


class NewAccountForm(KernForm):
    """Name and password for the account an invitation creates."""

    full_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password and not only digits."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        self.invitation = invitation
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("full_name", invitation.full_name)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            user = User(email=self.invitation.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InviteForm(KernForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Used to greet the person in the e-mail.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class RoleForm(KernForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class PersonSearchForm(KernForm):
    """The person a request about personal data is about (DSGVO Art. 15 and 17)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "The address of the person's account, or the address the person used without an account "
            "(as contact person of an organisation, in a survey invitation or in feedback)."
        ),
    )


class PersonForm(KernForm):
    """The person of a summary page, carried to the export."""

    email = forms.EmailField(max_length=254, widget=forms.HiddenInput)


class PersonEraseForm(PersonForm):
    requested_on = forms.DateField(
        label=_("Request received on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The audit log records the erasure with this date, without naming the person."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked the list above: erase or anonymise these data now. This cannot be undone."),
    )
