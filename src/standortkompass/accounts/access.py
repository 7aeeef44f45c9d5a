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
from functools import update_wrapper
from typing import Any, Concatenate, ParamSpec, TypeVar, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from standortkompass.accounts.http import ProcessRequest, UserRequest
from standortkompass.accounts.models import SECOND_FACTOR_ROLES
from standortkompass.accounts.predicates import roles_of

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)
# A view as the URL configuration calls it, and the views the decorators accept: they are
# typed with the request the gate hands on (``UserRequest`` or ``ProcessRequest``).
View = Callable[Concatenate[HttpRequest, P], R]
UserView = Callable[Concatenate[UserRequest, P], R]
ProcessView = Callable[Concatenate[ProcessRequest, P], R]


def needs_second_factor(user: Any) -> bool:
    """Whether the user must pass TOTP: superusers and Administration, Redaktion, board members."""
    if not settings.REQUIRE_SECOND_FACTOR or not user.is_authenticated:
        return False
    return bool(user.is_superuser or set(roles_of(user).values()) & SECOND_FACTOR_ROLES)


def second_factor_missing(request: HttpRequest) -> bool:
    user: Any = request.user
    return needs_second_factor(user) and not user.is_verified()


def login_and_second_factor_required(view: UserView[P, R]) -> View[P, R]:
    """For views outside a process (e.g. "My area"): logged in, and TOTP passed where required."""

    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if not request.user.is_authenticated:
            return cast(R, redirect_to_login(request.get_full_path()))
        if second_factor_missing(request):
            return cast(R, redirect(f"{_second_factor_url()}?{urlencode({'next': request.get_full_path()})}"))
        return view(cast(UserRequest, request), *args, **kwargs)

    update_wrapper(wrapper, view)
    return wrapper


def _second_factor_url() -> str:
    from django.urls import reverse

    return reverse("accounts:second_factor")


def installation_permission_required(perm: str) -> Callable[[UserView[P, R]], View[P, R]]:
    """For installation-wide management views (site pages, feedback inbox)."""

    def decorator(view: UserView[P, R]) -> View[P, R]:
        def wrapper(request: UserRequest, /, *args: P.args, **kwargs: P.kwargs) -> R:
            if not request.user.has_perm(perm):
                raise Http404(_("Page not found."))
            return view(request, *args, **kwargs)

        update_wrapper(wrapper, view)
        return login_and_second_factor_required(wrapper)

    return decorator


def process_permission_required(perm: str) -> Callable[[ProcessView[P, R]], View[P, R]]:
    def decorator(view: ProcessView[P, R]) -> View[P, R]:
        def wrapper(request: UserRequest, /, *args: P.args, **kwargs: P.kwargs) -> R:
            from standortkompass.processes.models import StrategyProcess

            process = get_object_or_404(StrategyProcess, pk=kwargs["process_pk"])
            user = request.user
            if not user.is_superuser and process.pk not in roles_of(user):
                raise Http404(_("Page not found."))
            if not user.has_perm(perm, process):
                raise PermissionDenied(_("Your role in this process does not allow this."))
            process_request = cast(ProcessRequest, request)
            process_request.process = process
            return view(process_request, *args, **kwargs)

        update_wrapper(wrapper, view)
        return login_and_second_factor_required(wrapper)

    return decorator
