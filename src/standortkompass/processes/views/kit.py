"""What the management views of every app share: pagination, service errors, forms, confirm-delete.

The acting user and the process are on the request (``accounts.http.ProcessRequest``). Lists
that grow are paginated with one page size and the query parameter ``seite``. A form view hands
its service call to ``save_form`` and, when that gives ``Saved``, says so and redirects; else it
shows the form again (``render_form``), with the service's errors on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

PAGE_SIZE = 20
PAGE_PARAMETER = "seite"

T = TypeVar("T")


def paginate(request: HttpRequest, items: QuerySet[Any] | Sequence[Any]) -> Page[Any]:
    """The page of ``items`` the query parameter ``seite`` asks for (the first or last one when it is out of range)."""
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get(PAGE_PARAMETER))


def query_string(**params: str) -> str:
    """The non-empty filter parameters, to keep them across the pages of a list."""
    return urlencode({key: value for key, value in params.items() if value})


def query_without_page(request: HttpRequest) -> str:
    """The request's query parameters but the page, to keep a filter across the pages of a list."""
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return query.urlencode()


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's validation error next to the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@dataclass(frozen=True)
class Saved(Generic[T]):
    """What the service returned for a form that was posted, valid and accepted (``None`` for some services)."""

    value: T


def save_form(request: HttpRequest, form: BaseForm, save: Callable[[], T]) -> Saved[T] | None:
    """Run ``save`` (a service call reading ``form.cleaned_data``) when the form was posted and is valid.

    ``None`` when the request is no POST (the form is not validated), the form is invalid, or the
    service raises a ``ValidationError``; that error is then shown on the form (``add_service_errors``).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        value = save()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return Saved(value)


def error_text(error: ValidationError) -> str:
    """A service's validation error as one sentence for a message."""
    return " ".join(error.messages)


def render_form(
    request: HttpRequest,
    *,
    form: BaseForm,
    title: str,
    cancel_url: str,
    submit_label: str | None = None,
    template: str = "processes/manage/form.html",
    **extra: Any,
) -> HttpResponse:
    context = {"form": form, "title": title, "cancel_url": cancel_url, "submit_label": submit_label, **extra}
    return render(request, template, context)


def confirm_delete(
    request: HttpRequest,
    *,
    obj: object,
    title: str,
    cancel_url: str,
    delete: Callable[[], None],
    success_url: str,
    warning: str = "",
) -> HttpResponse:
    """GET asks for confirmation; POST deletes (via the given service call) and goes back to the list."""
    if request.method == "POST":
        delete()
        messages.success(request, _("“%(object)s” has been deleted.") % {"object": obj})
        return redirect(success_url)
    return render(
        request,
        "processes/manage/confirm_delete.html",
        {"object": obj, "title": title, "cancel_url": cancel_url, "warning": warning},
    )
