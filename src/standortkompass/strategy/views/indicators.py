"""Indicators (Kennzahlen) of goals, fields of action and projects, and their actual values."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import confirm_delete, render_form, save_form
from standortkompass.strategy.forms.indicators import ActualChangeForm, ActualForm, IndicatorForm
from standortkompass.strategy.models import WITH_INDICATORS, IndicatorActual, StrategyIndicator
from standortkompass.strategy.selectors.indicators import actual_values, shown_number
from standortkompass.strategy.services.indicators import (
    actual_delete,
    actual_save,
    indicator_create,
    indicator_delete,
    indicator_update,
)
from standortkompass.strategy.views.editing import MANAGE, can_edit, draft_element, element_url


def _indicator(request: ProcessRequest, pk: int) -> StrategyIndicator:
    return get_object_or_404(
        StrategyIndicator.objects.select_related("element", "element__strategy", "statistic", "region"),
        pk=pk,
        element__strategy__process=request.process,
    )


def indicator_url(process_pk: int, indicator: StrategyIndicator, section: str = "") -> str:
    url = reverse("strategy_manage:indicator", args=[process_pk, indicator.pk])
    return f"{url}#{section}" if section else url


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def indicator_create_view(request: ProcessRequest, process_pk: int, element_pk: int) -> HttpResponse:
    found = draft_element(request, element_pk)
    if found.kind not in WITH_INDICATORS:
        raise Http404(_("Page not found."))
    form = IndicatorForm(request.POST or None, element=found, process=request.process)
    if saved := save_form(
        request, form, lambda: indicator_create(element=found, actor=request.user, data=form.cleaned_data)
    ):
        messages.success(request, _("The indicator “%(name)s” has been added.") % {"name": saved.value.name})
        return redirect(indicator_url(process_pk, saved.value))
    return render_form(
        request,
        form=form,
        title=_("New indicator of “%(title)s”") % {"title": found.title},
        submit_label=_("Add indicator"),
        cancel_url=element_url(process_pk, found, "kennzahlen"),
    )


@process_permission_required("strategy.view_draft")
@require_GET
def indicator(request: ProcessRequest, process_pk: int, indicator_pk: int) -> HttpResponse:
    found = _indicator(request, indicator_pk)
    editable = can_edit(request)
    bound = found.statistic_id is not None
    return render(
        request,
        MANAGE + "indicator.html",
        {
            "process": request.process,
            "indicator": found,
            "element": found.element,
            "bound": bound,
            "values": actual_values(found),
            "baseline": shown_number(found.baseline_value),
            "target": shown_number(found.target_value),
            "can_edit": editable,
            "actual_form": ActualForm(indicator=found) if editable and not bound else None,
        },
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def indicator_edit(request: ProcessRequest, process_pk: int, indicator_pk: int) -> HttpResponse:
    found = _indicator(request, indicator_pk)
    heading = _("Edit indicator “%(name)s”") % {"name": found.name}
    form = IndicatorForm(request.POST or None, instance=found, element=found.element, process=request.process)
    if save_form(request, form, lambda: indicator_update(indicator=found, actor=request.user, data=form.cleaned_data)):
        messages.success(request, _("The indicator “%(name)s” has been saved.") % {"name": found.name})
        return redirect(indicator_url(process_pk, found))
    return render_form(
        request,
        form=form,
        title=heading,
        cancel_url=indicator_url(process_pk, found),
        delete_url=reverse("strategy_manage:indicator_delete", args=[process_pk, found.pk]),
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def indicator_delete_view(request: ProcessRequest, process_pk: int, indicator_pk: int) -> HttpResponse:
    found = _indicator(request, indicator_pk)
    return confirm_delete(
        request,
        obj=found,
        title=_("Delete indicator “%(name)s”?") % {"name": found.name},
        warning=_("Its entered actual values go with it."),
        cancel_url=indicator_url(process_pk, found),
        success_url=element_url(process_pk, found.element, "kennzahlen"),
        delete=lambda: indicator_delete(indicator=found, actor=request.user),
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def actual_create(request: ProcessRequest, process_pk: int, indicator_pk: int) -> HttpResponse:
    found = _indicator(request, indicator_pk)
    if found.statistic_id is not None:
        raise Http404(_("Page not found."))
    form = ActualForm(request.POST or None, indicator=found)
    if saved := save_form(
        request, form, lambda: actual_save(indicator=found, actor=request.user, data=form.cleaned_data)
    ):
        messages.success(request, _("The value for %(year)s has been recorded.") % {"year": saved.value.year})
        return redirect(indicator_url(process_pk, found, "werte"))
    return render_form(
        request,
        form=form,
        title=_("New actual value of “%(name)s”") % {"name": found.name},
        submit_label=_("Record value"),
        cancel_url=indicator_url(process_pk, found, "werte"),
    )


def _actual(request: ProcessRequest, indicator_pk: int, actual_pk: int) -> IndicatorActual:
    found = _indicator(request, indicator_pk)
    return get_object_or_404(IndicatorActual.objects.select_related("indicator"), pk=actual_pk, indicator=found)


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def actual_edit(request: ProcessRequest, process_pk: int, indicator_pk: int, actual_pk: int) -> HttpResponse:
    actual = _actual(request, indicator_pk, actual_pk)
    form = ActualChangeForm(request.POST or None, instance=actual)
    if save_form(
        request,
        form,
        lambda: actual_save(
            indicator=actual.indicator, actor=request.user, data={"year": actual.year, **form.cleaned_data}
        ),
    ):
        messages.success(request, _("The value for %(year)s has been saved.") % {"year": actual.year})
        return redirect(indicator_url(process_pk, actual.indicator, "werte"))
    return render_form(
        request,
        form=form,
        title=_("Value of “%(name)s” for %(year)s") % {"name": actual.indicator.name, "year": actual.year},
        cancel_url=indicator_url(process_pk, actual.indicator, "werte"),
    )


@process_permission_required("strategy.edit")
@require_POST
def actual_delete_view(request: ProcessRequest, process_pk: int, indicator_pk: int, actual_pk: int) -> HttpResponse:
    actual = _actual(request, indicator_pk, actual_pk)
    actual_delete(actual=actual, actor=request.user)
    messages.success(request, _("The value for %(year)s has been deleted.") % {"year": actual.year})
    return redirect(indicator_url(process_pk, actual.indicator, "werte"))
