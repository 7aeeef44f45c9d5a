"""Reading the public register of recommendations and decisions for the API (``governance.selectors.register``).

Only public entries of public boards of a public process, as /beschluesse/ shows them; their strategy elements
only as far as the published version has them (the others counted), their public documents. Follow-up actions
(with the names of the people responsible) are never given out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from standortkompass.governance.models import RegisterEntry
from standortkompass.governance.selectors.register import RegisterFilter, public_documents_of_entry, public_entries
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import Element
from standortkompass.strategy.selectors.tree import StrategyTree

Absolute = Callable[[str], str]


def decisions_of(process: StrategyProcess, where: RegisterFilter) -> QuerySet[RegisterEntry]:
    return public_entries(process, where).prefetch_related(
        Prefetch("elements", queryset=Element.objects.only("id").order_by("id"))
    )


def decision_items(
    entries: list[RegisterEntry], tree: StrategyTree | None, *, is_current: bool, absolute: Absolute
) -> list[dict[str, Any]]:
    items = []
    for entry in entries:
        element_ids = [element.pk for element in entry.elements.all()]
        published = [pk for pk in element_ids if tree is not None and pk in tree.by_id]
        version = entry.strategy_version
        items.append(
            {
                "id": entry.pk,
                "kind": entry.kind,
                "subject": entry.subject,
                "text": entry.text,
                "rationale": entry.rationale,
                "conditions": entry.conditions,
                "decided_on": entry.decided_on,
                "board": {"id": entry.board.pk, "name": entry.board.name},
                "status": entry.status,
                "votes_yes": entry.votes_yes,
                "votes_no": entry.votes_no,
                "votes_abstain": entry.votes_abstain,
                "strategy_version": version.number if version is not None else None,
                "version_approved": entry.version_approved,
                "elements": published,
                "unpublished_element_count": len(element_ids) - len(published),
                "documents": [
                    {
                        "id": document.pk,
                        "title": document.title,
                        "file_type": document.file_type,
                        "size": document.size,
                        "url": absolute(reverse("governance:document", kwargs={"pk": document.pk}))
                        if is_current
                        else None,
                    }
                    for document in public_documents_of_entry(entry)
                ],
                "url": absolute(reverse("governance:entry", kwargs={"pk": entry.pk})) if is_current else None,
            }
        )
    return items


def decision_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **item,
            "board": item["board"]["name"],
            "documents": [document["title"] for document in item["documents"]],
        }
        for item in items
    ]


DECISION_COLUMNS = (
    "id",
    "kind",
    "subject",
    "text",
    "rationale",
    "conditions",
    "decided_on",
    "board",
    "status",
    "votes_yes",
    "votes_no",
    "votes_abstain",
    "strategy_version",
    "version_approved",
    "elements",
    "unpublished_element_count",
    "documents",
    "url",
)
