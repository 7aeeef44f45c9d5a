"""The one gate every non-public view passes: log-in, second factor, declared permission.

``process_permission_required("processes.edit_content")`` wraps a view whose URL has a
``process_pk`` argument. It loads the process into ``request.process`` and then
- sends anonymous visitors to the log-in page,
- sends users whose role requires a second factor to the TOTP step until they passed it,
- answers 404 to users without any role in the process (an outsider learns nothing),
- answers 403 to members whose role does not grant the permission.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from standortkompass.accounts.models import SECOND_FACTOR_ROLES
from standortkompass.accounts.predicates import roles_of

View = Callable[..., HttpResponse]


def needs_second_factor(user: Any) -> bool:
    """Whether the user must pass TOTP: superusers and Administration, Redaktion, board members."""
    if not settings.REQUIRE_SECOND_FACTOR or not user.is_authenticated:
        return False
    return bool(user.is_superuser or set(roles_of(user).values()) & SECOND_FACTOR_ROLES)


def second_factor_missing(request: HttpRequest) -> bool:
    user: Any = request.user
    return needs_second_factor(user) and not user.is_verified()


def login_and_second_factor_required(view: View) -> View:
    """For views outside a process (e.g. "My area"): logged in, and TOTP passed where required."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if second_factor_missing(request):
            return redirect(f"{_second_factor_url()}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapper


def _second_factor_url() -> str:
    from django.urls import reverse

    return reverse("accounts:second_factor")


def installation_permission_required(perm: str) -> Callable[[View], View]:
    """For installation-wide management views (site pages, feedback inbox)."""

    def decorator(view: View) -> View:
        @login_and_second_factor_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(perm):
                raise Http404(_("Page not found."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def process_permission_required(perm: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_and_second_factor_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, process_pk: int, **kwargs: Any) -> HttpResponse:
            from standortkompass.processes.models import StrategyProcess

            process = get_object_or_404(StrategyProcess, pk=process_pk)
            user: Any = request.user
            if not user.is_superuser and process.pk not in roles_of(user):
                raise Http404(_("Page not found."))
            if not user.has_perm(perm, process):
                raise PermissionDenied(_("Your role in this process does not allow this."))
            request.process = process  # type: ignore[attr-defined]
            return view(request, *args, process_pk=process_pk, **kwargs)

        return wrapper

    return decorator
