"""Evidence links of an element: what it rests on ("Worauf stützt sich dieses Element?")."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes import evidence
from standortkompass.processes.views.kit import render_form, save_form
from standortkompass.strategy.forms.evidence import EvidenceNoteForm, SourceForm, free_form, option_form
from standortkompass.strategy.models import Element, ElementKind, EvidenceLink
from standortkompass.strategy.services.evidence import evidence_add, evidence_remove, evidence_update
from standortkompass.strategy.views.editing import MANAGE, draft_element, element_url


def _citing_element(request: ProcessRequest, element_pk: int) -> Element:
    found = draft_element(request, element_pk)
    if found.kind == ElementKind.VISION:
        raise Http404(_("Page not found."))
    return found


def _link(request: ProcessRequest, pk: int) -> EvidenceLink:
    return get_object_or_404(
        EvidenceLink.objects.select_related("element", "element__strategy"),
        pk=pk,
        element__strategy__process=request.process,
    )


@process_permission_required("strategy.edit")
@require_GET
def evidence_kinds(request: ProcessRequest, process_pk: int, element_pk: int) -> HttpResponse:
    """The first step of adding a source: which kind of source."""
    found = _citing_element(request, element_pk)
    return render(
        request,
        MANAGE + "evidence_kinds.html",
        {"process": request.process, "element": found, "kinds": evidence.kinds()},
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def evidence_add_view(request: ProcessRequest, process_pk: int, element_pk: int, kind: str) -> HttpResponse:
    """The second step: choose one of the kind's sources, or enter a free one (an external document)."""
    found = _citing_element(request, element_pk)
    registered = evidence.kind(kind)
    if registered is None:
        raise Http404(_("Page not found."))
    process = request.process
    form_class: type[SourceForm]
    if registered.free_fields:
        form_class = free_form(registered)
        has_options = True
    else:
        options = registered.options(process)
        form_class = option_form(registered, options)
        has_options = bool(options)
    form = form_class(request.POST or None)
    if has_options and save_form(
        request,
        form,
        lambda: evidence_add(
            element=found,
            actor=request.user,
            kind=registered.key,
            reference=form.reference(),
            note=form.cleaned_data["note"],
        ),
    ):
        messages.success(
            request,
            _("“%(title)s” now cites a source: %(kind)s.") % {"title": found.title, "kind": registered.label},
        )
        return redirect(element_url(process_pk, found, "belege"))
    return render_form(
        request,
        form=form,
        title=_("Add a source to “%(title)s”") % {"title": found.title},
        submit_label=_("Add source"),
        cancel_url=element_url(process_pk, found, "belege"),
        template=MANAGE + "evidence_form.html",
        process=process,
        element=found,
        kind=registered,
        has_options=has_options,
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def evidence_edit(request: ProcessRequest, process_pk: int, evidence_pk: int) -> HttpResponse:
    link = _link(request, evidence_pk)
    form = EvidenceNoteForm(request.POST or None, initial={"note": link.note})
    if save_form(request, form, lambda: evidence_update(link=link, actor=request.user, note=form.cleaned_data["note"])):
        messages.success(request, _("The note has been saved."))
        return redirect(element_url(process_pk, link.element, "belege"))
    kind = evidence.kind(link.kind)
    resolved = evidence.resolve(request.process, link.kind, link.reference, public=False)
    return render_form(
        request,
        form=form,
        title=_("Note on the source of “%(title)s”") % {"title": link.element.title},
        cancel_url=element_url(process_pk, link.element, "belege"),
        template=MANAGE + "evidence_note_form.html",
        kind_label=kind.label if kind else _("Source"),
        resolved=resolved,
    )


@process_permission_required("strategy.edit")
@require_POST
def evidence_remove_view(request: ProcessRequest, process_pk: int, evidence_pk: int) -> HttpResponse:
    link = _link(request, evidence_pk)
    element = link.element
    evidence_remove(link=link, actor=request.user)
    messages.success(request, _("The source has been removed from “%(title)s”.") % {"title": element.title})
    return redirect(element_url(process_pk, element, "belege"))
