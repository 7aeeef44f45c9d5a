"""Workshops in the management area: the list, one workshop with its sessions, and preparing a session (its
phases in order with their settings, the pick of items for a later phase, start and end; its tables are in
``views.tables``).

Everything here needs ``workshops.manage`` (Redaktion, Administration), except the list of workshops and a
workshop's page, which board members may read too (``workshops.view_results``: they follow the links to the
documentation of held sessions). The live part — the facilitator console — is in ``views.console``, the
projector in ``views.projector``.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import confirm_delete, error_text, render_form, save_form
from standortkompass.workshops.forms.manage import (
    PhaseForm,
    PhaseKindForm,
    PickForm,
    SessionCreateForm,
    SessionTitleForm,
    WorkshopForm,
)
from standortkompass.workshops.models import (
    InputMode,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionPhase,
    Workshop,
)
from standortkompass.workshops.selectors.funnel import input_items
from standortkompass.workshops.selectors.workshops import (
    phase_of,
    phases_of,
    session_of,
    tables_of,
    workshop_of,
    workshops_of,
)
from standortkompass.workshops.services.phases import (
    PhaseData,
    phase_add,
    phase_delete,
    phase_move,
    phase_pick,
    phase_update,
)
from standortkompass.workshops.services.workshops import (
    WorkshopData,
    session_create,
    session_delete,
    session_end,
    session_start,
    session_update,
    workshop_create,
    workshop_delete,
    workshop_update,
)
from standortkompass.workshops.views.projector import join_url, join_url_shown, projector_key_path, qr_svg

# --- lookups ---------------------------------------------------------------------------------------------------


def workshop_or_404(request: ProcessRequest, workshop_pk: int) -> Workshop:
    found = workshop_of(request.process, workshop_pk)
    if found is None:
        raise Http404(_("Page not found."))
    return found


def session_or_404(request: ProcessRequest, session_pk: int) -> LiveSession:
    found = session_of(request.process, session_pk)
    if found is None:
        raise Http404(_("Page not found."))
    return found


def phase_or_404(session: LiveSession, phase_pk: int) -> SessionPhase:
    found = phase_of(session, phase_pk)
    if found is None:
        raise Http404(_("Page not found."))
    return found


def workshops_url(process_pk: int) -> str:
    return reverse("workshops_manage:workshops", args=[process_pk])


def workshop_url(workshop: Workshop) -> str:
    return reverse("workshops_manage:workshop", args=[workshop.process_id, workshop.pk])


def session_url(session: LiveSession, anchor: str = "") -> str:
    url = reverse("workshops_manage:session", args=[session.workshop.process_id, session.pk])
    return f"{url}#{anchor}" if anchor else url


def console_url(session: LiveSession) -> str:
    return reverse("workshops_manage:console", args=[session.workshop.process_id, session.pk])


# --- workshops -------------------------------------------------------------------------------------------------


@process_permission_required("workshops.view_results")
@require_GET
def workshops(request: ProcessRequest, process_pk: int) -> HttpResponse:
    can_manage = request.user.has_perm("workshops.manage", request.process)
    return render(
        request,
        "workshops/manage/workshops.html",
        {"process": request.process, "workshops": workshops_of(request.process), "can_manage": can_manage},
    )


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def workshop_create_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = WorkshopForm(request.POST or None, process=process)
    if saved := save_form(
        request,
        form,
        lambda: workshop_create(process=process, actor=request.user, data=cast(WorkshopData, form.cleaned_data)),
    ):
        messages.success(request, _("The workshop “%(title)s” has been created.") % {"title": saved.value})
        return redirect(workshop_url(saved.value))
    return render_form(
        request,
        form=form,
        title=_("New workshop"),
        submit_label=_("Create workshop"),
        cancel_url=workshops_url(process.pk),
    )


@process_permission_required("workshops.view_results")
@require_GET
def workshop(request: ProcessRequest, process_pk: int, workshop_pk: int) -> HttpResponse:
    found = workshop_or_404(request, workshop_pk)
    return render(
        request,
        "workshops/manage/workshop.html",
        {
            "process": request.process,
            "workshop": found,
            "sessions": list(found.sessions.all()),
            "can_manage": request.user.has_perm("workshops.manage", request.process),
        },
    )


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def workshop_edit(request: ProcessRequest, process_pk: int, workshop_pk: int) -> HttpResponse:
    found = workshop_or_404(request, workshop_pk)
    form = WorkshopForm(request.POST or None, process=request.process, workshop=found)
    if save_form(
        request,
        form,
        lambda: workshop_update(workshop=found, actor=request.user, data=cast(WorkshopData, form.cleaned_data)),
    ):
        messages.success(request, _("The workshop has been saved."))
        return redirect(workshop_url(found))
    return render_form(
        request,
        form=form,
        title=_("Edit the workshop “%(title)s”") % {"title": found},
        cancel_url=workshop_url(found),
        delete_url=reverse("workshops_manage:workshop_delete", args=[process_pk, found.pk]),
    )


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def workshop_delete_view(request: ProcessRequest, process_pk: int, workshop_pk: int) -> HttpResponse:
    found = workshop_or_404(request, workshop_pk)
    try:
        return confirm_delete(
            request,
            obj=found,
            title=_("Delete the workshop “%(title)s”?") % {"title": found},
            warning=_("Its sessions are deleted with it, with every card, vote and result in them."),
            cancel_url=workshop_url(found),
            success_url=workshops_url(process_pk),
            delete=lambda: workshop_delete(workshop=found, actor=request.user),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(workshop_url(found))


# --- sessions --------------------------------------------------------------------------------------------------


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def session_create_view(request: ProcessRequest, process_pk: int, workshop_pk: int) -> HttpResponse:
    found = workshop_or_404(request, workshop_pk)
    form = SessionCreateForm(request.POST or None, workshop=found)
    if saved := save_form(
        request,
        form,
        lambda: session_create(
            workshop=found,
            actor=request.user,
            title=form.cleaned_data["title"],
            template=form.cleaned_data.get("template") or "",
        ),
    ):
        count = saved.value.phases.count()
        if count:
            messages.success(
                request,
                _("The session “%(title)s” has been created with %(count)d phases from the template.")
                % {"title": saved.value, "count": count},
            )
        else:
            messages.success(request, _("The session “%(title)s” has been created.") % {"title": saved.value})
        return redirect(session_url(saved.value))
    return render_form(
        request,
        form=form,
        title=_("New session of “%(title)s”") % {"title": found},
        submit_label=_("Create session"),
        cancel_url=workshop_url(found),
    )


@process_permission_required("workshops.manage")
@require_GET
def session(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    phases = phases_of(found)
    return render(
        request,
        "workshops/manage/session.html",
        {
            "process": request.process,
            "session": found,
            "workshop": found.workshop,
            "phases": phases,
            "tables": tables_of(found),
            "unseated": found.participants.filter(removed_at__isnull=True, table__isnull=True).count(),
            "join_url": join_url(found),
            "join_url_shown": join_url_shown(found),
            "projector_key_path": projector_key_path(found),
            "qr_code": qr_svg(found),
            "pick_phases": [phase for phase in phases if _can_pick(phase)],
        },
    )


def _can_pick(phase: SessionPhase) -> bool:
    return phase.input_phase_id is not None and phase.state == PhaseState.PENDING and phase.opened_at is None


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def session_edit(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    form = SessionTitleForm(request.POST or None, initial={"title": found.title})
    if save_form(
        request, form, lambda: session_update(session=found, actor=request.user, title=form.cleaned_data["title"])
    ):
        messages.success(request, _("The session has been saved."))
        return redirect(session_url(found))
    return render_form(
        request,
        form=form,
        title=_("Edit the session “%(title)s”") % {"title": found},
        cancel_url=session_url(found),
        delete_url=reverse("workshops_manage:session_delete", args=[process_pk, found.pk]),
    )


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def session_delete_view(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    parent = found.workshop
    try:
        return confirm_delete(
            request,
            obj=found,
            title=_("Delete the session “%(title)s”?") % {"title": found},
            warning=_("Every phase, card, vote and result of the session is deleted with it."),
            cancel_url=session_url(found),
            success_url=workshop_url(parent),
            delete=lambda: session_delete(session=found, actor=request.user),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(session_url(found))


@process_permission_required("workshops.manage")
@require_POST
def session_start_view(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    try:
        session_start(session=found, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(session_url(found))
    messages.success(
        request, _("The session is live: participants can join with the code %(code)s.") % {"code": found.join_code}
    )
    return redirect(console_url(found))


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def session_end_view(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    if request.method == "POST":
        try:
            session_end(session=found, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The session has ended; its results are kept in the documentation."))
        return redirect(session_url(found))
    return render(
        request,
        "workshops/manage/session_end.html",
        {"process": request.process, "session": found, "cancel_url": console_url(found)},
    )


# --- phases ----------------------------------------------------------------------------------------------------


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def phase_create(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    """First the kind (a GET form: ``?art=``), then the phase's fields and the settings of that kind."""
    found = session_or_404(request, session_pk)
    kind = request.POST.get("art") or request.GET.get("art") or ""
    if kind not in PhaseKind.values:
        kind_form = PhaseKindForm(request.GET if "art" in request.GET else None)
        if "art" in request.GET:
            kind_form.is_valid()
        return render(
            request,
            "workshops/manage/phase_kind.html",
            {"process": request.process, "session": found, "form": kind_form, "cancel_url": session_url(found)},
        )
    form = PhaseForm(request.POST or None, session=found, kind=kind)
    if saved := save_form(
        request,
        form,
        lambda: phase_add(session=found, actor=request.user, data=cast(PhaseData, form.service_data())),
    ):
        messages.success(request, _("The phase “%(title)s” has been added.") % {"title": saved.value})
        return redirect(session_url(found, f"phase-{saved.value.pk}"))
    return render_form(
        request,
        form=form,
        title=_("New phase: %(kind)s") % {"kind": PhaseKind(kind).label},
        submit_label=_("Add phase"),
        cancel_url=session_url(found),
        template="workshops/manage/phase_form.html",
        session=found,
        kind_label=PhaseKind(kind).label,
    )


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def phase_edit(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    phase = phase_or_404(found, phase_pk)
    form = PhaseForm(request.POST or None, session=found, kind=phase.kind, phase=phase)
    if save_form(
        request,
        form,
        lambda: phase_update(phase=phase, actor=request.user, data=cast(PhaseData, form.service_data())),
    ):
        messages.success(request, _("The phase has been saved."))
        return redirect(session_url(found, f"phase-{phase.pk}"))
    return render_form(
        request,
        form=form,
        title=_("Edit the phase “%(title)s”") % {"title": phase},
        cancel_url=session_url(found),
        template="workshops/manage/phase_form.html",
        session=found,
        kind_label=phase.get_kind_display(),
        phase=phase,
        delete_url=reverse("workshops_manage:phase_delete", args=[process_pk, found.pk, phase.pk]),
    )


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def phase_delete_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    phase = phase_or_404(found, phase_pk)
    try:
        return confirm_delete(
            request,
            obj=phase,
            title=_("Delete the phase “%(title)s”?") % {"title": phase},
            warning=_(
                "Its cards, votes and result are deleted with it; later phases that take their items from it "
                "and have not been opened take none any more."
            ),
            cancel_url=session_url(found),
            success_url=session_url(found),
            delete=lambda: phase_delete(phase=phase, actor=request.user),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(session_url(found))


@process_permission_required("workshops.manage")
@require_POST
def phase_move_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    found = session_or_404(request, session_pk)
    phase = phase_or_404(found, phase_pk)
    direction = request.POST.get("richtung", "")
    ordered = [entry.pk for entry in phases_of(found)]
    position = ordered.index(phase.pk) + 1
    if direction not in ("hoch", "runter"):
        messages.error(request, _("Choose whether the phase moves up or down."))
        return redirect(session_url(found))
    try:
        phase_move(phase=phase, actor=request.user, position=position - 1 if direction == "hoch" else position + 1)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The phase “%(title)s” has been moved.") % {"title": phase})
    return redirect(session_url(found, f"phase-{phase.pk}"))


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def phase_pick_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    """The facilitator's pick: check boxes of the input phase's items that go on into this phase."""
    found = session_or_404(request, session_pk)
    phase = phase_or_404(found, phase_pk)
    back = console_url(found) if request.GET.get("von") == "moderation" else session_url(found, f"phase-{phase.pk}")
    source = phase.input_phase
    if source is None:
        messages.error(request, _("Choose the earlier phase whose items this phase takes first (edit the phase)."))
        return redirect(back)
    items = _pickable(source)
    picked = phase.picked if phase.input_mode == InputMode.PICK else []
    form = PickForm(request.POST or None, items=items, picked=picked)
    if save_form(request, form, lambda: phase_pick(phase=phase, actor=request.user, item_ids=form.item_ids())):
        count = len(form.item_ids())
        messages.success(
            request,
            _("%(count)d items go on into the phase “%(title)s”.") % {"count": count, "title": phase},
        )
        return redirect(back)
    return render_form(
        request,
        form=form,
        title=_("Pick the items for “%(title)s”") % {"title": phase},
        submit_label=_("Save the pick"),
        cancel_url=back,
        template="workshops/manage/pick.html",
        phase=phase,
        source=source,
        items=items,
    )


def _pickable(source: SessionPhase) -> list[Any]:
    """What can be picked from the input phase: what counts there on its own (clusters, unclustered cards), in
    the order of its result for a voting phase."""
    probe = SessionPhase(session_id=source.session_id, input_phase=source, input_mode=InputMode.ALL)
    items = input_items(probe)
    if source.is_voting:
        from standortkompass.workshops.selectors.results import ranked_item_ids

        order = {pk: index for index, pk in enumerate(ranked_item_ids(source))}
        items.sort(key=lambda item: order.get(item.pk, len(order)))
    return items
