"""Evidence of the strategy: the external-source kind, what an element cites, and who cites a source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.processes import evidence
from standortkompass.processes.evidence import Citation, EvidenceKind, EvidenceOption, Reference, ResolvedEvidence
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import ElementKind, EvidenceLink
from standortkompass.strategy.selectors.tree import ElementNode, EvidenceNode
from standortkompass.strategy.selectors.versions import published_tree


def _external_options(process: StrategyProcess) -> list[EvidenceOption]:
    return []


def _external_resolve(process: StrategyProcess, reference: Reference, *, public: bool) -> ResolvedEvidence | None:
    title = str(reference.get("title", "")).strip()
    url = str(reference.get("url", "")).strip()
    if not title:
        return None
    if url and not url.startswith(("https://", "http://")):
        url = ""
    return ResolvedEvidence(title=title, url=url, source=str(reference.get("publisher", "")))


def _external_key(reference: Reference) -> str:
    return "external:" + (str(reference.get("url", "")).strip() or str(reference.get("title", "")).strip())[:180]


EXTERNAL_SOURCE = EvidenceKind(
    key="external",
    label=gettext_lazy("External document or web address"),
    options=_external_options,
    resolve=_external_resolve,
    source_key=_external_key,
    free_fields=("title", "url", "publisher"),
    order=90,
)


@dataclass(frozen=True)
class ShownEvidence:
    """An evidence link as a page shows it: the kind's label, the resolved source and the note."""

    kind_label: str
    note: str
    resolved: ResolvedEvidence | None  # None: the source is gone or not public (the page says so)
    link_id: int


def evidence_shown(process: StrategyProcess, links: tuple[EvidenceNode, ...], *, public: bool) -> list[ShownEvidence]:
    """The links as a page shows them; the sources of one kind are looked up together."""
    resolved = evidence.resolve_all(process, [(link.kind, link.reference) for link in links], public=public)
    shown = []
    for link, answer in zip(links, resolved, strict=True):
        kind = evidence.kind(link.kind)
        shown.append(
            ShownEvidence(
                kind_label=str(kind.label) if kind else _("Source"),
                note=link.note,
                resolved=answer,
                link_id=link.id,
            )
        )
    return shown


def public_element_url(element: ElementNode) -> str:
    if element.kind == ElementKind.PROJECT:
        return reverse("strategy:project", kwargs={"slug": element.slug})
    return reverse("strategy:element", kwargs={"slug": element.slug})


def strategy_citations(process: StrategyProcess, source_key: str, *, public: bool) -> list[Citation]:
    """The elements citing a source: of the published version for the public, of the draft otherwise."""
    labels = dict(ElementKind.choices)
    if public:
        found = published_tree(process)
        if found is None:
            return []
        _version, tree = found
        return [
            Citation(
                title=element.title,
                kind_label=str(labels[element.kind]),
                url=public_element_url(element),
                note=link.note,
            )
            for element in tree.walk()
            for link in element.evidence
            if link.source_key == source_key
        ]
    links = (
        EvidenceLink.objects.filter(element__strategy__process=process, source_key=source_key)
        .select_related("element")
        .order_by("element__kind", "element__order", "element_id")
    )
    return [
        Citation(
            title=link.element.title,
            kind_label=str(labels[link.element.kind]),
            url=reverse("strategy_manage:element", kwargs={"process_pk": process.pk, "element_pk": link.element_id}),
            note=link.note,
        )
        for link in links
    ]


def free_reference(values: dict[str, Any], kind: EvidenceKind) -> dict[str, Any]:
    """The reference of a free kind (an external document) from the form's values."""
    return {name: str(values.get(name, "")).strip() for name in kind.free_fields}
