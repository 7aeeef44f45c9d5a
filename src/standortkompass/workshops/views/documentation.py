"""The documentation of held workshops and the hand-over of their results to the strategy.

The list of documented sessions and a session's documentation are for everyone who may see the results
(``workshops.view_results``: Redaktion, Administration and the board members); the hand-over (a result becomes an
element of the strategy's draft, or is cited by one) is for facilitators (``workshops.manage``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import add_service_errors
from standortkompass.strategy.models import Strategy
from standortkompass.workshops.forms.handover import HandoverForm, HandoverLinkForm
from standortkompass.workshops.models import Item
from standortkompass.workshops.selectors.documentation import session_documentation, sessions_with_results
from standortkompass.workshops.selectors.evidence import documentation_url, item_standings
from standortkompass.workshops.services.exports import export_notes
from standortkompass.workshops.services.handover import handover_link, handover_refusal, handover_to_strategy
from standortkompass.workshops.views.exports import process_session


@process_permission_required("workshops.view_results")
def documentations(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """The sessions of the process whose results are documented (at least one phase closed)."""
    return render(
        request,
        "workshops/documentation/index.html",
        {"process": request.process, "sessions": sessions_with_results(request.process.pk)},
    )


@process_permission_required("workshops.view_results")
def documentation(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    session = process_session(request, session_pk)
    can_manage = request.user.has_perm("workshops.manage", request.process)
    return render(
        request,
        "workshops/documentation/session.html",
        {
            "process": request.process,
            "doc": session_documentation(session, can_hand_over=can_manage),
            "can_manage": can_manage,
            "export_notes": export_notes(),
        },
    )


@process_permission_required("workshops.manage")
def handover(request: ProcessRequest, process_pk: int, session_pk: int, item_pk: int) -> HttpResponse:
    """GET: what the result can become; POST ``action=create`` makes a new element of it, ``action=link`` cites
    it for an element that exists."""
    session = process_session(request, session_pk)
    item = get_object_or_404(
        Item.objects.select_related("phase__session__workshop"), pk=item_pk, phase__session=session
    )
    strategy = Strategy.objects.filter(process=request.process).first()
    back = documentation_url(session, item.pk)
    action = request.POST.get("action") if request.method == "POST" else None
    if action not in (None, "create", "link"):
        action = None
    create_form = HandoverForm(
        request.POST if action == "create" else None,
        strategy=strategy,
        prefix="neu",
        initial={"title": item.text[:200]},
    )
    link_form = HandoverLinkForm(request.POST if action == "link" else None, strategy=strategy, prefix="zuordnen")
    if action == "create" and create_form.is_valid():
        try:
            element = handover_to_strategy(
                item=item,
                actor=request.user,
                element_kind=create_form.cleaned_data["element_kind"],
                parent=create_form.parent_element(),
                title=create_form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_service_errors(create_form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now in the strategy's draft as %(kind)s.")
                % {"title": element.title, "kind": element.get_kind_display()},
            )
            return redirect(back)
    elif action == "link" and link_form.is_valid():
        try:
            link = handover_link(
                item=item, actor=request.user, element=link_form.chosen(), note=link_form.cleaned_data["note"] or None
            )
        except ValidationError as error:
            add_service_errors(link_form, error)
        else:
            messages.success(request, _("“%(title)s” now cites this result.") % {"title": link.element.title})
            return redirect(back)
    refusal = handover_refusal(item)
    standing = None if refusal else item_standings(item.phase).get(item.pk)
    return render(
        request,
        "workshops/documentation/handover.html",
        {
            "process": request.process,
            "session": session,
            "item": item,
            "standing": standing,
            "refusal": refusal,
            "create_form": create_form,
            "link_form": link_form,
            "back_url": back,
            "has_elements": bool(link_form.elements),
        },
    )
