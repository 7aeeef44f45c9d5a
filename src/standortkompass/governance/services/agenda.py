"""Writing a meeting's agenda: items in an explicit order, each with its text, confidentiality and links to
strategy elements, sources (the evidence kinds of ``processes.evidence``) and documents of the board."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.governance.models import AgendaItem, AgendaSource, Document, Meeting
from standortkompass.processes import evidence
from standortkompass.processes.services.process import update_audited
from standortkompass.strategy.models import Element

ITEM_FIELDS = ("title", "text", "confidentiality")


class AgendaItemData(TypedDict, total=False):
    title: str
    text: str
    confidentiality: str


class SourceData(TypedDict):
    kind: str
    reference: dict[str, Any]


def _check_links(meeting: Meeting, elements: Iterable[Element], documents: Iterable[Document]) -> None:
    process_id = meeting.board.process_id
    if any(element.strategy.process_id != process_id for element in elements):
        raise ValidationError({"elements": _("A strategy element of another process cannot be linked.")})
    if any(document.board_id != meeting.board_id for document in documents):
        raise ValidationError({"documents": _("Only documents of the meeting's board can be linked.")})


def _set_sources(item: AgendaItem, sources: Sequence[SourceData]) -> None:
    item.sources.all().delete()
    for source in sources:
        kind = evidence.kind(source["kind"])
        if kind is None:
            raise ValidationError({"sources": _("Unknown kind of source.")})
        row = AgendaSource(
            item=item, kind=kind.key, reference=source["reference"], source_key=kind.source_key(source["reference"])
        )
        row.full_clean(exclude=["item"])
        if not item.sources.filter(source_key=row.source_key).exists():
            row.save()


def _set_links(
    item: AgendaItem,
    *,
    elements: Sequence[Element] | None,
    documents: Sequence[Document] | None,
    sources: Sequence[SourceData] | None,
) -> None:
    _check_links(item.meeting, elements or (), documents or ())
    if elements is not None:
        item.elements.set(elements)
    if documents is not None:
        item.documents.set(documents)
    if sources is not None:
        _set_sources(item, sources)


def agenda_item_create(
    *,
    meeting: Meeting,
    actor: User | None,
    data: AgendaItemData,
    elements: Sequence[Element] = (),
    documents: Sequence[Document] = (),
    sources: Sequence[SourceData] = (),
) -> AgendaItem:
    with transaction.atomic():
        last = meeting.agenda_items.aggregate(highest=Max("order"))["highest"]
        item = AgendaItem(meeting=meeting, order=(last + 1) if last is not None else 0)
        for key in ITEM_FIELDS:
            if key in data:
                setattr(item, key, data[key])  # type: ignore[literal-required]
        item.full_clean()
        item.save()
        _set_links(item, elements=elements, documents=documents, sources=sources)
        audit_record(
            actor=actor,
            action="governance.agenda.create",
            obj=item,
            process=meeting.process,
            changes={"title": ["", item.title], "meeting": ["", str(meeting)]},
        )
        return item


def agenda_item_update(
    *,
    item: AgendaItem,
    actor: User,
    data: AgendaItemData,
    elements: Sequence[Element] | None = None,
    documents: Sequence[Document] | None = None,
    sources: Sequence[SourceData] | None = None,
) -> AgendaItem:
    with transaction.atomic():
        _set_links(item, elements=elements, documents=documents, sources=sources)
        return update_audited(
            item,
            actor=actor,
            action="governance.agenda.update",
            process=item.meeting.process,
            fields=ITEM_FIELDS,
            data=data,
        )


def agenda_item_delete(*, item: AgendaItem, actor: User) -> None:
    with transaction.atomic():
        meeting = item.meeting
        title = item.title
        pk = item.pk
        item.delete()
        audit_record(
            actor=actor,
            action="governance.agenda.delete",
            obj=meeting,
            process=meeting.process,
            changes={"agenda_item": [f"{pk}: {title}", ""]},
        )


def agenda_item_move(*, item: AgendaItem, actor: User, direction: str) -> AgendaItem:
    """Move an item one place up or down; the order is renumbered 0, 1, 2 … on the way."""
    if direction not in {"up", "down"}:
        raise ValidationError(_("Move an item up or down."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        items = list(meeting.agenda_items.order_by("order", "id"))
        index = next(position for position, other in enumerate(items) if other.pk == item.pk)
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        for order, other in enumerate(items):
            if other.order != order:
                AgendaItem.objects.filter(pk=other.pk).update(order=order)
        audit_record(
            actor=actor,
            action="governance.agenda.move",
            obj=item,
            process=meeting.process,
            changes={"order": [str(index + 1), str(max(0, min(target, len(items) - 1)) + 1)]},
        )
        item.refresh_from_db()
        return item
