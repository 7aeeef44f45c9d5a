"""The governance part of the permission matrix (merged into tests/test_permission_matrix.py).

``governance_world`` adds a board on which ``users["board"]`` sits, with a board-level meeting (minutes written,
a later meeting to approve them), an agenda item, a public recommendation with a follow-up action and a public
document; ``ACCESS`` declares the audience of every governance URL. That a member of another board or of no
board gets 404 for board-level material is tested in tests/governance/test_views_access.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from governance.helpers import pdf_bytes, upload
from permission_audiences import BOARD_MATTERS, EDITORS, PUBLIC, Audience, post_only
from standortkompass.accounts.models import User
from standortkompass.governance.services.agenda import agenda_item_create
from standortkompass.governance.services.documents import document_upload
from standortkompass.governance.services.meetings import meeting_create, minutes_save
from standortkompass.governance.services.register import action_create, entry_create
from standortkompass.processes.models import Board, BoardKind, BoardMember, StrategyProcess


def governance_world(*, process: StrategyProcess, users: dict[str, User]) -> dict[str, Any]:
    editor = users["editor"]
    board = Board.objects.create(process=process, name="Lenkungskreis (Matrix)", kind=BoardKind.STEERING_COMMITTEE)
    BoardMember.objects.create(board=board, name="Test Board", user=users["board"])
    start = timezone.now() + dt.timedelta(days=20)
    meeting = meeting_create(
        process=process,
        actor=editor,
        data={"board": board, "confidentiality": "board", "title": "Sitzung", "start": start},
    )
    meeting_create(
        process=process,
        actor=editor,
        data={
            "board": board,
            "confidentiality": "board",
            "title": "Folgesitzung",
            "start": start + dt.timedelta(days=30),
        },
    )
    minutes_save(meeting=meeting, actor=editor, minutes="Protokoll der Sitzung.")
    item = agenda_item_create(meeting=meeting, actor=editor, data={"title": "Begrüßung", "confidentiality": "board"})
    entry = entry_create(
        process=process,
        actor=editor,
        data={
            "board": board,
            "kind": "decision",
            "subject": "Zeitplan",
            "text": "Beschlossen.",
            "decided_on": dt.date(2027, 1, 1),
            "meeting": meeting,
            "status": "open",
            "confidentiality": "public",
        },
    )
    action = action_create(
        entry=entry,
        actor=editor,
        data={"text": "Einladen", "owner_name": "Wirtschaftsförderung", "due_on": dt.date(2027, 2, 1)},
    )
    document = document_upload(
        process=process,
        actor=editor,
        data={"board": board, "entry": entry, "title": "Vorlage", "confidentiality": "public"},
        upload=upload("vorlage.pdf", pdf_bytes()),
    )
    return {
        "governance_meeting": meeting,
        "governance_item": item,
        "governance_entry": entry,
        "governance_action": action,
        "governance_document": document,
    }


ACCESS: dict[str, Audience] = {
    "governance_manage:meetings": BOARD_MATTERS,
    "governance_manage:meeting_create": EDITORS,
    "governance_manage:meeting": BOARD_MATTERS,
    "governance_manage:meeting_edit": EDITORS,
    "governance_manage:meeting_delete": EDITORS,
    "governance_manage:invite": EDITORS,
    "governance_manage:attendance": EDITORS,
    "governance_manage:minutes": EDITORS,
    "governance_manage:minutes_approve": EDITORS,
    "governance_manage:item_create": EDITORS,
    "governance_manage:item_edit": EDITORS,
    "governance_manage:item_delete": EDITORS,
    "governance_manage:item_move": post_only(EDITORS),
    "governance_manage:register": BOARD_MATTERS,
    "governance_manage:entry_create": EDITORS,
    "governance_manage:entry": BOARD_MATTERS,
    "governance_manage:entry_edit": EDITORS,
    "governance_manage:entry_delete": EDITORS,
    "governance_manage:action_create": EDITORS,
    "governance_manage:action_edit": EDITORS,
    "governance_manage:action_delete": EDITORS,
    "governance_manage:documents": BOARD_MATTERS,
    "governance_manage:upload": EDITORS,
    "governance_manage:download": BOARD_MATTERS,
    "governance_manage:document_edit": EDITORS,
    "governance_manage:document_delete": EDITORS,
    "governance:register": PUBLIC,
    "governance:entry": PUBLIC,
    "governance:document": PUBLIC,
}

# The public pages only read; a POST is refused alike for all (405), which the GET row does not describe.
GET_ONLY: set[str] = {"governance:register", "governance:entry", "governance:document"}

KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "governance:entry": lambda w: {"pk": w["governance_entry"].pk},
    "governance:document": lambda w: {"pk": w["governance_document"].pk},
}

BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {
    "meeting_pk": lambda w: w["governance_meeting"].pk,
    "item_pk": lambda w: w["governance_item"].pk,
    "entry_pk": lambda w: w["governance_entry"].pk,
    "action_pk": lambda w: w["governance_action"].pk,
    "document_pk": lambda w: w["governance_document"].pk,
}
