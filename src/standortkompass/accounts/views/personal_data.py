"""Requests about one person's data, for Administration (/verwaltung/personendaten/; DSGVO Art. 15 and 17).

The e-mail address travels only in POST bodies, never in a URL (which access logs would keep). The
summary page lists per kind how many records there are and what erasing does to them; the erasure
is a second POST from that page, with the date of the request and a confirmation.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from standortkompass.accounts.access import installation_permission_required
from standortkompass.accounts.forms import PersonEraseForm, PersonForm, PersonSearchForm
from standortkompass.accounts.http import UserRequest
from standortkompass.accounts.personal_data import Person
from standortkompass.accounts.services.personal_data import (
    person_find,
    personal_data_erase,
    personal_data_erase_refusal,
    personal_data_export,
    personal_data_report,
)
from standortkompass.audit.models import AuditEntry

PERMISSION = "accounts.manage_personal_data"


def _search_url() -> str:
    return reverse("manage:personal_data:search")


def _summary(request: UserRequest, person: Person, erase_form: PersonEraseForm) -> HttpResponse:
    report = personal_data_report(person=person)
    return render(
        request,
        "accounts/personal_data/summary.html",
        {
            "person": person,
            "report": report,
            "total": sum(len(found.records) for found in report),
            "person_form": PersonForm(initial={"email": person.email}),
            "erase_form": erase_form,
            "refusal": personal_data_erase_refusal(person=person, actor=request.user),
        },
    )


@installation_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def search(request: UserRequest) -> HttpResponse:
    form = PersonSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = person_find(email=form.cleaned_data["email"])
        return _summary(request, person, PersonEraseForm(initial={"email": person.email}))
    history = AuditEntry.objects.filter(action__in=["personal_data.export", "personal_data.erase"])
    return render(
        request,
        "accounts/personal_data/search.html",
        {"form": form, "history": history.order_by("-created_at", "-id")[:20]},
    )


@installation_permission_required(PERMISSION)
@require_POST
def export(request: UserRequest) -> HttpResponse:
    form = PersonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter the e-mail address of the person again."))
        return redirect(_search_url())
    content = personal_data_export(person=person_find(email=form.cleaned_data["email"]), actor=request.user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="personendaten-{timezone.localdate():%Y-%m-%d}.zip"'
    return response


@installation_permission_required(PERMISSION)
@require_POST
def erase(request: UserRequest) -> HttpResponse:
    form = PersonEraseForm(request.POST)
    if "email" in form.errors or not request.POST.get("email"):
        messages.error(request, _("Please enter the e-mail address of the person again."))
        return redirect(_search_url())
    person = person_find(email=form.data["email"])
    if form.is_valid():
        try:
            counts = personal_data_erase(
                person=person, actor=request.user, requested_on=form.cleaned_data["requested_on"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            total = sum(counts.values())
            messages.success(
                request,
                ngettext(
                    "The data of the person have been erased: %(count)d record deleted or anonymised.",
                    "The data of the person have been erased: %(count)d records deleted or anonymised.",
                    total,
                )
                % {"count": total},
            )
            return redirect(_search_url())
    return _summary(request, person, form)
