"""Who sees which material of the boards: by its confidentiality and its board.

Administration and Redaktion see everything. A board member sees what is public and the board-level material
of the boards they sit on (``processes.BoardMember.user``), never internal material, nor another board's.
The public sees only what is public (``public_q``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from standortkompass.accounts.models import User
from standortkompass.governance.models import (
    AgendaItem,
    Confidentiality,
    Document,
    Meeting,
    RegisterEntry,
)
from standortkompass.processes.models import BoardMember, StrategyProcess


@dataclass(frozen=True)
class Viewer:
    """What one user may see in one process."""

    editor: bool
    board_ids: frozenset[int]

    def allows(self, board_id: int, confidentiality: str) -> bool:
        if self.editor or confidentiality == Confidentiality.PUBLIC:
            return True
        return confidentiality == Confidentiality.BOARD and board_id in self.board_ids

    def q(self, prefix: str = "") -> Q:
        """The rows this viewer sees, for a query set whose rows (or ``prefix``) have board and confidentiality."""
        if self.editor:
            return Q()
        return Q(**{f"{prefix}confidentiality": Confidentiality.PUBLIC}) | Q(
            **{f"{prefix}confidentiality": Confidentiality.BOARD, f"{prefix}board_id__in": self.board_ids}
        )

    def sees_meeting(self, meeting: Meeting) -> bool:
        return self.allows(meeting.board_id, meeting.confidentiality)

    def sees_item(self, item: AgendaItem) -> bool:
        return self.sees_meeting(item.meeting) and self.allows(item.meeting.board_id, item.confidentiality)

    def sees_entry(self, entry: RegisterEntry) -> bool:
        return self.allows(entry.board_id, entry.confidentiality)

    def sees_document(self, document: Document) -> bool:
        if not self.allows(document.board_id, document.confidentiality):
            return False
        if document.meeting is not None and not self.sees_meeting(document.meeting):
            return False
        return document.entry is None or self.sees_entry(document.entry)


def viewer_of(user: User, process: StrategyProcess) -> Viewer:
    editor = bool(user.has_perm("governance.manage", process))
    seats = BoardMember.objects.filter(user=user, board__process=process) if user.is_authenticated else None
    board_ids = frozenset(seats.values_list("board_id", flat=True)) if seats is not None else frozenset()
    return Viewer(editor=editor, board_ids=board_ids)


def public_q(prefix: str = "") -> Q:
    """Public material of a public board of a public process."""
    return Q(
        **{
            f"{prefix}confidentiality": Confidentiality.PUBLIC,
            f"{prefix}board__is_public": True,
            f"{prefix}board__process__is_public": True,
        }
    )
