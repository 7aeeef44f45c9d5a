"""Versions of the strategy in the management area: the list, freezing, a version's page, comparing, approval.

Redaktion freezes the draft as a version; Administration submits a version to the steering committee,
publishes an approved version and withdraws the publication. The decision itself is recorded by the
decision register (``strategy.services.versions.version_decide``); the version's page shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes import evidence
from standortkompass.processes.models import ContactPerson, StrategyProcess
from standortkompass.processes.views.kit import error_text, render_form, save_form
from standortkompass.strategy.forms.versions import DRAFT, CompareForm, VersionFreezeForm
from standortkompass.strategy.models import ElementKind, Strategy, StrategyVersion, VersionState
from standortkompass.strategy.selectors.compare import Comparison, compare_trees, default_evidence_label
from standortkompass.strategy.selectors.consultation import rounds_taking_part
from standortkompass.strategy.selectors.evidence import ShownEvidence, evidence_shown
from standortkompass.strategy.selectors.tree import ElementNode, EvidenceNode, StrategyTree, draft_tree
from standortkompass.strategy.selectors.versions import strategy_of, version_tree
from standortkompass.strategy.services.elements import strategy_ensure
from standortkompass.strategy.services.versions import (
    version_freeze,
    version_publish,
    version_submit,
    version_withdraw,
)
from standortkompass.strategy.version_actions import version_actions

# --- the tree of a version as the pages show it ------------------------------------------------------------


@dataclass
class OutlineItem:
    """An element in the reading order, with its heading level and what the page adds (a comment form …)."""

    node: ElementNode
    level: int
    kind_label: str
    serves: list[str]
    evidence: list[ShownEvidence] = field(default_factory=list)
    children: list[OutlineItem] = field(default_factory=list)
    form: Any = None
    comments: list[Any] = field(default_factory=list)


@dataclass
class OutlineSection:
    key: str
    title: str
    level: int
    items: list[OutlineItem]


def outline(
    process: StrategyProcess,
    tree: StrategyTree,
    *,
    level: int = 2,
    public: bool = False,
    extra: Callable[[OutlineItem], None] | None = None,
) -> list[OutlineSection]:
    """The tree as sections (vision, goals, fields with their measures, projects) whose headings start at
    ``level``; each element with its evidence (only public sources resolved for ``public``, e.g. for partners)
    and what ``extra`` adds."""
    labels = dict(ElementKind.choices)

    def item(node: ElementNode, depth: int) -> OutlineItem:
        built = OutlineItem(
            node=node,
            level=level + depth,
            kind_label=str(labels.get(node.kind, node.kind)),
            serves=[other.title for other in tree.serves(node)],
            evidence=evidence_shown(process, node.evidence, public=public),
        )
        if extra is not None:
            extra(built)
        return built

    fields = []
    for field_node in tree.of_kind(ElementKind.FIELD):
        parent = item(field_node, 1)
        parent.children = [item(child, 2) for child in tree.children(field_node)]
        fields.append(parent)
    sections = [
        OutlineSection(
            "leitbild", _("Vision statement"), level, [item(node, 1) for node in tree.of_kind(ElementKind.VISION)]
        ),
        OutlineSection("ziele", _("Goals"), level, [item(node, 1) for node in tree.of_kind(ElementKind.GOAL)]),
        OutlineSection("handlungsfelder", _("Fields of action and measures"), level, fields),
        OutlineSection("projekte", _("Projects"), level, [item(node, 1) for node in tree.of_kind(ElementKind.PROJECT)]),
    ]
    return [section for section in sections if section.items]


# --- helpers -----------------------------------------------------------------------------------------------


def _version(request: ProcessRequest, version_pk: int) -> StrategyVersion:
    return get_object_or_404(
        StrategyVersion.objects.select_related("strategy", "created_by"),
        pk=version_pk,
        strategy__process=request.process,
    )


def _versions(strategy: Strategy | None) -> list[StrategyVersion]:
    if strategy is None:
        return []
    return list(strategy.versions.select_related("created_by").order_by("-number"))


def _back(process_pk: int, version: StrategyVersion) -> HttpResponse:
    return redirect("strategy_manage:version", process_pk=process_pk, version_pk=version.pk)


# --- the list, freezing, a version -------------------------------------------------------------------------


@process_permission_required("strategy.view_draft")
@require_GET
def versions(request: ProcessRequest, process_pk: int) -> HttpResponse:
    strategy = strategy_of(request.process)
    return render(
        request,
        "strategy/manage/versions.html",
        {"process": request.process, "strategy": strategy, "versions": _versions(strategy)},
    )


@process_permission_required("strategy.edit")
@require_http_methods(["GET", "POST"])
def version_freeze_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = VersionFreezeForm(request.POST or None)
    if saved := save_form(
        request,
        form,
        lambda: version_freeze(
            strategy=strategy_ensure(process=process),
            actor=request.user,
            label=form.cleaned_data["label"],
            note=form.cleaned_data["note"],
        ),
    ):
        messages.success(
            request,
            _("The draft has been frozen as version %(number)s “%(label)s”.")
            % {"number": saved.value.number, "label": saved.value.label},
        )
        return _back(process.pk, saved.value)
    return render_form(
        request,
        form=form,
        title=_("Freeze a version"),
        submit_label=_("Freeze version"),
        cancel_url=reverse("strategy_manage:versions", args=[process.pk]),
        template="strategy/manage/version_freeze.html",
        process=process,
    )


@process_permission_required("strategy.view_draft")
@require_GET
def version_detail(request: ProcessRequest, process_pk: int, version_pk: int) -> HttpResponse:
    process = request.process
    version = _version(request, version_pk)
    strategy = version.strategy
    tree = version_tree(version)
    previous = strategy.versions.filter(number__lt=version.number).order_by("-number").first()
    return render(
        request,
        "strategy/manage/version.html",
        {
            "process": process,
            "strategy": strategy,
            "version": version,
            "tree": tree,
            "sections": outline(process, tree, level=3),
            "is_published": strategy.published_version_id == version.pk,
            "previous": previous,
            "consultations": [
                consultation
                for consultation in rounds_taking_part(request.user, process)
                if consultation.version_id == version.pk
            ],
            "can_manage": request.user.has_perm("strategy.manage_versions", process),
            # What apps above the strategy offer here (the boards' register: record the decision).
            "actions": version_actions(version, request.user),
            "can_submit": version.state == VersionState.FROZEN,
            "can_publish": version.state == VersionState.APPROVED and strategy.published_version_id != version.pk,
        },
    )


@process_permission_required("strategy.manage_versions")
@require_POST
def version_submit_view(request: ProcessRequest, process_pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, version_pk)
    try:
        version_submit(version=version, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("Version %(number)s has been submitted to the steering committee.") % {"number": version.number},
        )
    return _back(process_pk, version)


@process_permission_required("strategy.manage_versions")
@require_POST
def version_publish_view(request: ProcessRequest, process_pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, version_pk)
    try:
        version_publish(version=version, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("Version %(number)s is published: the public strategy pages show it.") % {"number": version.number},
        )
    return _back(process_pk, version)


@process_permission_required("strategy.manage_versions")
@require_POST
def version_withdraw_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    strategy = strategy_of(request.process)
    if strategy is None or strategy.published_version_id is None:
        messages.info(request, _("No version of the strategy is published."))
    else:
        version_withdraw(strategy=strategy, actor=request.user)
        messages.success(request, _("The strategy has been withdrawn from the public pages."))
    return redirect("strategy_manage:versions", process_pk=process_pk)


# --- comparing ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareSide:
    label: str
    tree: StrategyTree


def _side(strategy: Strategy, value: str, by_pk: dict[str, StrategyVersion]) -> CompareSide:
    if value == DRAFT:
        return CompareSide(_("Current draft"), draft_tree(strategy))
    version = by_pk[value]
    return CompareSide(
        _("Version %(number)s: %(label)s") % {"number": version.number, "label": version.label},
        version_tree(version),
    )


def _contacts(process: StrategyProcess, *trees: StrategyTree) -> dict[int, str]:
    ids = {node.sheet.contact_id for tree in trees for node in tree.elements if node.sheet and node.sheet.contact_id}
    if not ids:
        return {}
    return dict(ContactPerson.objects.filter(pk__in=ids, organisation__process=process).values_list("pk", "name"))


def _evidence_labeller(process: StrategyProcess) -> Callable[[EvidenceNode], str]:
    cache: dict[str, str] = {}

    def label(link: EvidenceNode) -> str:
        if link.source_key not in cache:
            kind = evidence.kind(link.kind)
            resolved = evidence.resolve(process, link.kind, link.reference, public=False)
            title = resolved.title if resolved is not None else default_evidence_label(link)
            cache[link.source_key] = f"{kind.label}: {title}" if kind is not None else title
        return cache[link.source_key]

    return label


def compare_states(process: StrategyProcess, old: CompareSide, new: CompareSide) -> Comparison:
    return compare_trees(
        old.tree,
        new.tree,
        contacts=_contacts(process, old.tree, new.tree),
        evidence_label=_evidence_labeller(process),
    )


@process_permission_required("strategy.view_draft")
@require_GET
def compare(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """Two states of the strategy side by side (``?alt=…&neu=…``: version ids or ``entwurf``).

    Without a choice: the latest version with the current draft."""
    process = request.process
    strategy = strategy_of(process)
    listed = _versions(strategy)
    by_pk = {str(version.pk): version for version in listed}
    data: dict[str, str] | None = (
        {name: request.GET.get(name, "") for name in ("alt", "neu")}
        if "alt" in request.GET or "neu" in request.GET
        else None
    )
    if data is None and listed:
        data = {"alt": str(listed[0].pk), "neu": DRAFT}
    form = CompareForm(data, versions=listed)
    context: dict[str, Any] = {"process": process, "strategy": strategy, "form": form, "versions": listed}
    if strategy is not None and form.is_bound and form.is_valid():
        old = _side(strategy, form.cleaned_data["alt"], by_pk)
        new = _side(strategy, form.cleaned_data["neu"], by_pk)
        context.update(old=old, new=new, comparison=compare_states(process, old, new))
    return render(request, "strategy/manage/version_compare.html", context)
