"""The management area (Verwaltung) of the strategy processes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from standortkompass.accounts.predicates import roles_of
from standortkompass.processes.models import StrategyProcess


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Every process in which the user holds a role, with what they may do there."""
    roles = roles_of(request.user)
    processes = StrategyProcess.objects.filter(pk__in=roles).select_related("region") if not request.user.is_superuser else StrategyProcess.objects.select_related("region")
    return render(request, "processes/manage/home.html", {"processes": processes, "roles": roles})
