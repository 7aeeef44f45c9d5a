"""The management area (Verwaltung): "My area", new processes, overview, settings and audit log.

Phases, boards, events, news and the installation-wide pages live in the ``manage_*`` modules
beside this one; the helpers every management view shares are in ``kit``.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import (
    installation_permission_required,
    login_and_second_factor_required,
    process_permission_required,
)
from standortkompass.accounts.http import ProcessRequest, UserRequest
from standortkompass.accounts.models import Membership, Role, User
from standortkompass.accounts.predicates import roles_of
from standortkompass.audit.labels import action_label
from standortkompass.audit.models import AuditEntry
from standortkompass.processes import selectors
from standortkompass.processes.forms.manage import ProcessCreateForm, ProcessForm
from standortkompass.processes.member_tasks import ROLE_PURPOSES, member_tasks
from standortkompass.processes.models import AccessibilityFeedback, FeedbackStatus, StrategyProcess
from standortkompass.processes.services.process import (
    ProcessData,
    process_create,
    process_set_public,
    process_update,
)
from standortkompass.processes.views.kit import error_text, paginate, query_string, render_form, save_form

# --- my area and new processes -------------------------------------------------------------------


@login_and_second_factor_required
@require_GET
def home(request: UserRequest) -> HttpResponse:
    """Every process in which the user holds a role (a superuser sees all), with the role and links."""
    user = request.user
    roles = roles_of(user)
    processes = StrategyProcess.objects.select_related("region").order_by("-created_at", "-id")
    if not user.is_superuser:
        processes = processes.filter(pk__in=roles)
    # Members who do not manage the process (board, partner, company) see what their role is for and their tasks;
    # the agency (and a superuser) gets the table of its processes with their management links.
    areas = []
    rows = []
    for process in processes:
        can_manage = user.has_perm("processes.view_management", process)
        if process.pk in roles and not can_manage:
            areas.append(MemberArea(process=process, role=Role(roles[process.pk]), user=user))
            continue
        rows.append(
            {
                "process": process,
                "role": Role(roles[process.pk]).label if process.pk in roles else _("Superuser"),
                "can_manage": can_manage,
                "can_see_board_events": user.has_perm("processes.view_board_events", process),
            }
        )
    return render(request, "processes/manage/home.html", {"rows": rows, "areas": areas})


class MemberArea:
    """A process in which the user holds a role without managing it: what the role is for, and its tasks."""

    def __init__(self, *, process: StrategyProcess, role: Role, user: User) -> None:
        self.process = process
        self.role = role.label
        self.purpose = ROLE_PURPOSES[role]
        self.tasks = member_tasks(user, process, role)
        self.board_events_url = (
            reverse("manage:board_events", args=[process.pk])
            if user.has_perm("processes.view_board_events", process)
            else ""
        )


@installation_permission_required("processes.create_process")
@require_http_methods(["GET", "POST"])
def process_create_view(request: UserRequest) -> HttpResponse:
    form = ProcessCreateForm(request.POST or None)
    if saved := save_form(request, form, lambda: process_create(actor=request.user, **form.cleaned_data)):
        messages.success(
            request,
            _("The process “%(title)s” has been created with the five default phases. You are its Administration.")
            % {"title": saved.value.title},
        )
        return redirect("manage:overview", process_pk=saved.value.pk)
    return render_form(
        request,
        form=form,
        title=_("New strategy process"),
        submit_label=_("Create process"),
        cancel_url=reverse("manage:home"),
    )


# --- one process ---------------------------------------------------------------------------------


@process_permission_required("processes.view_management")
@require_GET
def overview(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """Where the process stands: current phase, counts, next dates, latest news, open feedback."""
    process = request.process
    user = request.user
    now = timezone.now()
    events = selectors.events_for_board_members(process=process)
    news = process.news.all()
    counts = {
        "phases": process.phases.count(),
        "organisations": process.organisations.count(),
        "boards": process.boards.count(),
        "members": Membership.objects.filter(process=process).count(),
        "upcoming_events": selectors.upcoming(events, now=now).count(),
        **news.aggregate(
            published_news=Count("pk", filter=Q(published_at__lte=now)),
            scheduled_news=Count("pk", filter=Q(published_at__gt=now)),
            draft_news=Count("pk", filter=Q(published_at__isnull=True)),
        ),
    }
    can_publish = user.has_perm("processes.publish_process", process)
    open_feedback = None
    if user.has_perm("processes.view_feedback"):
        open_feedback = AccessibilityFeedback.objects.exclude(status=FeedbackStatus.DONE).count()
    return render(
        request,
        "processes/manage/overview.html",
        {
            "process": process,
            "current_phase": process.current_phase(),
            "phases": list(process.phases.all()),
            "counts": counts,
            "next_events": list(selectors.upcoming(events, now=now)[:5]),
            "latest_news": list(news.order_by("-created_at", "-id")[:5]),
            "open_feedback": open_feedback,
            "now": now,
            "can_publish": can_publish,
            "go_live_missing": selectors.go_live_missing(process=process)
            if can_publish and not process.is_public
            else [],
        },
    )


@process_permission_required("processes.change_process")
@require_http_methods(["GET", "POST"])
def process_edit(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    user = request.user
    can_publish = user.has_perm("processes.publish_process", process)
    form = ProcessForm(request.POST or None, instance=process, can_publish=can_publish)

    def save() -> None:
        data = {name: value for name, value in form.cleaned_data.items() if name != "is_public"}
        # One transaction: when publishing is refused (go-live checklist), nothing of the form is saved.
        with transaction.atomic():
            process_update(process=process, actor=user, data=cast(ProcessData, data))
            if can_publish:
                process_set_public(process=process, actor=user, is_public=form.cleaned_data["is_public"])

    if save_form(request, form, save):
        messages.success(request, _("The settings have been saved."))
        return redirect("manage:process_edit", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=_("Process settings"),
        cancel_url=reverse("manage:overview", args=[process.pk]),
        template="processes/manage/process_form.html",
    )


@process_permission_required("processes.publish_process")
@require_POST
def process_publish(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """Publish (``oeffentlich=1``) or withdraw (``oeffentlich=0``) the process on the public website."""
    process = request.process
    is_public = request.POST.get("oeffentlich") == "1"
    try:
        process_set_public(process=process, actor=request.user, is_public=is_public)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("manage:overview", process_pk=process.pk)
    if is_public:
        messages.success(request, _("The process is now shown on the public website."))
    else:
        messages.success(request, _("The process is no longer shown on the public website."))
    return redirect("manage:overview", process_pk=process.pk)


@process_permission_required("processes.view_audit_log")
@require_GET
def audit_log(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """Who did what in this process, newest first; filter by action and by person."""
    process = request.process
    entries = AuditEntry.objects.filter(process=process).order_by("-created_at", "-id")
    actions = sorted(set(entries.values_list("action", flat=True)))
    people = sorted(set(entries.exclude(actor_email="").values_list("actor_email", flat=True)))
    action = request.GET.get("aktion", "")
    person = request.GET.get("person", "")
    if action in actions:
        entries = entries.filter(action=action)
    else:
        action = ""
    if person in people:
        entries = entries.filter(actor_email=person)
    else:
        person = ""
    page = paginate(request, entries)
    rows = [
        {"entry": entry, "label": action_label(entry.action), "changes": _change_rows(entry.changes)}
        for entry in page.object_list
    ]
    return render(
        request,
        "processes/manage/audit_log.html",
        {
            "process": process,
            "page": page,
            "rows": rows,
            "actions": [(value, action_label(value)) for value in actions],
            "people": people,
            "selected_action": action,
            "selected_person": person,
            "query": query_string(aktion=action, person=person),
        },
    )


def _change_rows(changes: object) -> list[tuple[str, str, str]]:
    """``{field: [old, new]}`` as rows for the table; anything else as one row."""
    if not isinstance(changes, dict):
        return []
    rows = []
    for field, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            rows.append((str(field), str(value[0]), str(value[1])))
        else:
            rows.append((str(field), "", str(value)))
    return rows
