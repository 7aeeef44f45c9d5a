"""Reading the register of recommendations and decisions: the area's list, the public list, one entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from standortkompass.accounts.models import User
from standortkompass.governance.models import (
    Document,
    EntryKind,
    EntryStatus,
    FollowUpAction,
    RegisterEntry,
)
from standortkompass.governance.selectors.access import Viewer, public_q
from standortkompass.governance.selectors.meetings import visible_confidentialities
from standortkompass.processes.models import Board, StrategyProcess
from standortkompass.strategy.models import ElementKind
from standortkompass.strategy.selectors.evidence import public_element_url
from standortkompass.strategy.selectors.versions import published_tree


@dataclass(frozen=True)
class RegisterFilter:
    board: int | None = None
    kind: str = ""
    status: str = ""

    @classmethod
    def of(cls, params: object) -> RegisterFilter:
        """The filter from the query parameters ``gremium``, ``art`` and ``status``; unknown values are ignored."""
        get = getattr(params, "get", lambda key, default="": default)
        board = str(get("gremium", "") or "")
        kind = str(get("art", "") or "")
        status = str(get("status", "") or "")
        return cls(
            board=int(board) if board.isdigit() else None,
            kind=kind if kind in EntryKind.values else "",
            status=status if status in EntryStatus.values else "",
        )

    def apply(self, entries: QuerySet[RegisterEntry]) -> QuerySet[RegisterEntry]:
        if self.board is not None:
            entries = entries.filter(board_id=self.board)
        if self.kind:
            entries = entries.filter(kind=self.kind)
        if self.status:
            entries = entries.filter(status=self.status)
        return entries

    def query(self) -> dict[str, str]:
        return {
            "gremium": str(self.board) if self.board is not None else "",
            "art": self.kind,
            "status": self.status,
        }


def _with_relations(entries: QuerySet[RegisterEntry]) -> QuerySet[RegisterEntry]:
    return entries.select_related("board", "meeting__event", "strategy_version")


def entries_of(
    process: StrategyProcess, viewer: Viewer, where: RegisterFilter | None = None
) -> QuerySet[RegisterEntry]:
    entries = RegisterEntry.objects.filter(board__process=process).filter(viewer.q())
    return _with_relations((where or RegisterFilter()).apply(entries)).order_by("-decided_on", "-id")


def entry_for(process: StrategyProcess, viewer: Viewer, pk: int) -> RegisterEntry | None:
    entry = _with_relations(RegisterEntry.objects.filter(board__process=process, pk=pk)).first()
    if entry is None or not viewer.sees_entry(entry):
        return None
    return entry


def actions_of(entry: RegisterEntry) -> list[FollowUpAction]:
    return list(entry.actions.select_related("owner_user").order_by("done_on", "due_on", "id"))


def documents_of_entry(entry: RegisterEntry, viewer: Viewer) -> list[Document]:
    shown = visible_confidentialities(viewer, entry.board_id)
    documents = entry.documents.filter(confidentiality__in=shown).select_related("meeting", "entry")
    return [document for document in documents.order_by("title", "id") if viewer.sees_document(document)]


def public_entries(process: StrategyProcess, where: RegisterFilter | None = None) -> QuerySet[RegisterEntry]:
    entries = RegisterEntry.objects.filter(public_q(), board__process=process)
    return _with_relations((where or RegisterFilter()).apply(entries)).order_by("-decided_on", "-id")


def has_public_entries(process: StrategyProcess) -> bool:
    """Whether the public register shows anything (for the main navigation's entry)."""
    return RegisterEntry.objects.filter(public_q(), board__process=process).exists()


def public_entry(process: StrategyProcess, pk: int) -> RegisterEntry | None:
    return public_entries(process).filter(pk=pk).first()


def public_boards_with_entries(process: StrategyProcess) -> QuerySet[Board]:
    return Board.objects.filter(pk__in=public_entries(process).values("board_id")).order_by("order", "name")


def public_documents_of_entry(entry: RegisterEntry) -> list[Document]:
    documents = entry.documents.filter(public_q()).select_related("meeting")
    return [
        document
        for document in documents.order_by("title", "id")
        if document.meeting is None or document.meeting.confidentiality == "public"
    ]


def public_document(process: StrategyProcess, pk: int) -> Document | None:
    """A document anyone may download: public itself, and public where it belongs (its meeting and entry)."""
    document = (
        Document.objects.filter(public_q(), board__process=process, pk=pk).select_related("meeting", "entry").first()
    )
    if document is None:
        return None
    if document.meeting is not None and document.meeting.confidentiality != "public":
        return None
    if document.entry is not None and document.entry.confidentiality != "public":
        return None
    return document


@dataclass(frozen=True)
class LinkedElement:
    title: str
    kind_label: str
    url: str = ""


def elements_shown(entry: RegisterEntry, *, public: bool) -> tuple[list[LinkedElement], int]:
    """The strategy elements an entry names: for the public only those of the published version (with their
    public page), and how many more the draft has; in the area the draft's elements."""
    elements = list(entry.elements.order_by("kind", "order", "id"))
    labels = dict(ElementKind.choices)
    if not public:
        return [
            LinkedElement(title=element.title, kind_label=str(labels.get(element.kind, ""))) for element in elements
        ], 0
    found = published_tree(entry.board.process)
    if found is None:
        return [], len(elements)
    _version, tree = found
    shown = []
    for element in elements:
        node = tree.by_id.get(element.pk)
        if node is not None:
            shown.append(
                LinkedElement(title=node.title, kind_label=str(labels.get(node.kind, "")), url=public_element_url(node))
            )
    return shown, len(elements) - len(shown)


def open_actions_of(user: User, process: StrategyProcess) -> QuerySet[FollowUpAction]:
    return (
        FollowUpAction.objects.filter(owner_user=user, done_on__isnull=True, entry__board__process=process)
        .select_related("entry")
        .order_by("due_on", "id")
    )


def due_actions(today: dt.date | None = None) -> QuerySet[FollowUpAction]:
    """Open actions due today or earlier whose owner has an account with an e-mail address."""
    day = today or timezone.localdate()
    return (
        FollowUpAction.objects.filter(
            done_on__isnull=True, due_on__lte=day, owner_user__isnull=False, owner_user__is_active=True
        )
        .exclude(owner_user__email="")
        .select_related("owner_user", "entry__board__process")
        .prefetch_related(Prefetch("reminders"))
        .order_by("due_on", "id")
    )
