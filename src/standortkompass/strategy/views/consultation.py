"""Consultation rounds in the management area: the list, opening a round, the round, its outcome, handling.

The round's page and its outcome are for the round's participants only (``strategy.take_part_in_consultation``
on the round): everyone else with a role in the process gets 404, as an outsider does, and learns nothing
about the round.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import render_form, save_form
from standortkompass.strategy.forms.consultation import CommentForm, CommentResponseForm, ConsultationOpenForm
from standortkompass.strategy.models import ConsultationComment, ConsultationRound, ElementKind, StrategyVersion
from standortkompass.strategy.selectors.consultation import comments_of, invited, is_open, rounds_of
from standortkompass.strategy.selectors.tree import StrategyTree
from standortkompass.strategy.selectors.versions import version_tree
from standortkompass.strategy.services.consultation import (
    comment_respond,
    comment_submit,
    consultation_close,
    consultation_open,
)
from standortkompass.strategy.views.versions import OutlineItem, outline


def _round(request: ProcessRequest, round_pk: int) -> ConsultationRound:
    """The round, for its participants; 404 for everyone else (as for a round that does not exist)."""
    consultation = (
        ConsultationRound.objects.select_related("version__strategy__process")
        .filter(pk=round_pk, version__strategy__process=request.process)
        .first()
    )
    if consultation is None or not request.user.has_perm("strategy.take_part_in_consultation", consultation):
        raise Http404(_("Page not found."))
    return consultation


def _comment_prefix(element_id: int | None) -> str:
    return f"e{element_id}" if element_id is not None else "version"


def _posted_element(request: ProcessRequest) -> int | None:
    """The element a posted comment is about (the hidden field ``element``; empty: the version as a whole)."""
    value = request.POST.get("element", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404(_("Page not found."))
    return int(value)


def _by_element(consultation: ConsultationRound) -> dict[int | None, list[ConsultationComment]]:
    grouped: dict[int | None, list[ConsultationComment]] = defaultdict(list)
    for comment in comments_of(consultation):
        grouped[comment.element_id].append(comment)
    return grouped


# --- the list and opening a round --------------------------------------------------------------------------


@process_permission_required("strategy.edit")
@require_GET
def consultations(request: ProcessRequest, process_pk: int) -> HttpResponse:
    rounds = list(rounds_of(request.process))
    return render(
        request,
        "strategy/manage/consultations.html",
        {
            "process": request.process,
            "rounds": [(consultation, invited(consultation), is_open(consultation)) for consultation in rounds],
            "can_open": request.user.has_perm("strategy.manage_versions", request.process),
            "has_versions": StrategyVersion.objects.filter(strategy__process=request.process).exists(),
        },
    )


@process_permission_required("strategy.manage_versions")
@require_http_methods(["GET", "POST"])
def consultation_open_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    initial = {}
    if (wanted := request.GET.get("version", "")).isdigit():
        initial["version"] = wanted
    form = ConsultationOpenForm(request.POST or None, process=process, initial=initial)
    if saved := save_form(
        request,
        form,
        lambda: consultation_open(
            version=form.cleaned_data["version"],
            actor=request.user,
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
            boards=form.cleaned_data["boards"],
            for_partners=form.cleaned_data["for_partners"],
            deadline=form.cleaned_data["deadline"],
        ),
    ):
        messages.success(request, _("The consultation round “%(title)s” is open.") % {"title": saved.value.title})
        return redirect("strategy_manage:consultation", process_pk=process.pk, round_pk=saved.value.pk)
    return render_form(
        request,
        form=form,
        title=_("Open a consultation round"),
        submit_label=_("Open round"),
        cancel_url=reverse("strategy_manage:consultations", args=[process.pk]),
        template="strategy/manage/consultation_open.html",
        process=process,
    )


# --- the round, its outcome --------------------------------------------------------------------------------


@process_permission_required("processes.view_participant_area")
@require_http_methods(["GET", "POST"])
def consultation(request: ProcessRequest, process_pk: int, round_pk: int) -> HttpResponse:
    """The version's tree with a comment form per element (while the round is open) and the comments so far."""
    found = _round(request, round_pk)
    accepting = is_open(found)
    tree: StrategyTree = version_tree(found.version)
    posted: CommentForm | None = None
    posted_element: int | None = None
    if request.method == "POST":
        posted_element = _posted_element(request)
        node = tree.by_id.get(posted_element) if posted_element is not None else None
        if posted_element is not None and node is None:
            raise Http404(_("Page not found."))
        posted = CommentForm(request.POST, prefix=_comment_prefix(posted_element), about=node.title if node else "")
        if saved := save_form(
            request,
            posted,
            lambda: comment_submit(
                consultation=found,
                actor=request.user,
                text=posted.cleaned_data["text"],
                element_id=posted_element,
            ),
        ):
            messages.success(request, _("Thank you, your comment has been saved."))
            anchor = f"element-{saved.value.element_id}" if saved.value.element_id else "version-insgesamt"
            url = reverse("strategy_manage:consultation", kwargs={"process_pk": process_pk, "round_pk": found.pk})
            return redirect(f"{url}#{anchor}")
    grouped = _by_element(found)

    def form_for(element_id: int | None, title: str = "") -> CommentForm | None:
        if posted is not None and posted_element == element_id:
            return posted
        if not accepting:
            return None
        return CommentForm(prefix=_comment_prefix(element_id), about=title)

    def extra(item: OutlineItem) -> None:
        item.form = form_for(item.node.id, item.node.title)
        item.comments = grouped.get(item.node.id, [])

    return render(
        request,
        "strategy/manage/consultation.html",
        {
            "process": request.process,
            "consultation": found,
            "version": found.version,
            "invited": invited(found),
            "accepting": accepting,
            "tree": tree,
            # Partners see the sources the public sees; the agency and board members see them as in the draft.
            "sections": outline(
                request.process,
                tree,
                public=not request.user.has_perm("strategy.view_draft", request.process),
                extra=extra,
            ),
            "whole_form": form_for(None),
            "whole_comments": grouped.get(None, []),
            "comment_count": sum(len(comments) for comments in grouped.values()),
            "can_handle": request.user.has_perm("strategy.edit", request.process),
            "can_close": accepting and request.user.has_perm("strategy.manage_versions", request.process),
        },
    )


@process_permission_required("strategy.manage_versions")
@require_POST
def consultation_close_view(request: ProcessRequest, process_pk: int, round_pk: int) -> HttpResponse:
    """Administration ends a round before its deadline; the outcome stays readable."""
    found = _round(request, round_pk)
    consultation_close(consultation=found, actor=request.user)
    messages.success(request, _("The round has been closed; comments are no longer accepted."))
    return redirect("strategy_manage:consultation", process_pk=process_pk, round_pk=found.pk)


@process_permission_required("processes.view_participant_area")
def consultation_outcome(request: ProcessRequest, process_pk: int, round_pk: int) -> HttpResponse:
    """Every comment of the round with its handling, in the order of the version's tree."""
    found = _round(request, round_pk)  # first: who takes no part learns nothing, whatever the method
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    grouped = _by_element(found)
    tree = version_tree(found.version)
    groups = []
    if grouped.get(None):
        groups.append((_("The version as a whole"), "", grouped[None]))
    labels = {str(kind): str(label) for kind, label in ElementKind.choices}
    listed = set()
    for node in tree.walk():
        if node.id in grouped:
            groups.append((node.title, labels.get(node.kind, ""), grouped[node.id]))
            listed.add(node.id)
    for element_id, comments in grouped.items():
        if element_id is not None and element_id not in listed:
            groups.append((comments[0].element_title, "", comments))
    return render(
        request,
        "strategy/manage/consultation_outcome.html",
        {
            "process": request.process,
            "consultation": found,
            "version": found.version,
            "invited": invited(found),
            "accepting": is_open(found),
            "groups": groups,
            "comment_count": sum(len(comments) for comments in grouped.values()),
            "can_handle": request.user.has_perm("strategy.edit", request.process),
        },
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def consultation_comment(request: ProcessRequest, process_pk: int, round_pk: int, comment_pk: int) -> HttpResponse:
    """Redaktion answers a comment or marks it taken up / not taken up (with the reason)."""
    found = _round(request, round_pk)
    comment = get_object_or_404(ConsultationComment, pk=comment_pk, consultation=found)
    initial = {
        "disposition": comment.disposition if comment.disposition != "open" else "",
        "response": comment.response,
    }
    form = CommentResponseForm(request.POST or None, initial=initial)
    if save_form(
        request,
        form,
        lambda: comment_respond(
            comment=comment,
            actor=request.user,
            disposition=form.cleaned_data["disposition"],
            response=form.cleaned_data["response"],
        ),
    ):
        messages.success(request, _("The handling of the comment has been saved."))
        url = reverse("strategy_manage:consultation_outcome", kwargs={"process_pk": process_pk, "round_pk": found.pk})
        return redirect(f"{url}#kommentar-{comment.pk}")
    return render_form(
        request,
        form=form,
        title=_("Handle a comment"),
        submit_label=_("Save handling"),
        cancel_url=reverse("strategy_manage:consultation_outcome", args=[process_pk, found.pk]),
        template="strategy/manage/consultation_comment.html",
        process=request.process,
        consultation=found,
        comment=comment,
    )
