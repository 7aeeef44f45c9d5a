"""Reading meetings: the lists of the area, one meeting as a viewer sees it, the invitation's recipients."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from standortkompass.governance.models import (
    AgendaItem,
    Attendance,
    Confidentiality,
    Document,
    Meeting,
    MeetingInvitation,
    RegisterEntry,
)
from standortkompass.governance.selectors.access import Viewer
from standortkompass.processes import evidence
from standortkompass.processes.evidence import ResolvedEvidence
from standortkompass.processes.models import BoardMember, StrategyProcess


def meetings_of(process: StrategyProcess, viewer: Viewer) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(board__process=process)
        .filter(viewer.q())
        .select_related("board", "event", "minutes_approved_at__event")
        .order_by("event__start", "id")
    )


def meeting_for(process: StrategyProcess, viewer: Viewer, pk: int) -> Meeting | None:
    """The meeting if it exists in the process and the viewer may see it (else None: the page is not found)."""
    meeting = (
        Meeting.objects.filter(board__process=process, pk=pk)
        .select_related("board", "event", "minutes_approved_at__event")
        .first()
    )
    if meeting is None or not viewer.sees_meeting(meeting):
        return None
    return meeting


def visible_confidentialities(viewer: Viewer, board_id: int) -> list[str]:
    """The confidentialities of one board's material this viewer sees."""
    return [value for value in Confidentiality.values if viewer.allows(board_id, value)]


@dataclass(frozen=True)
class ShownSource:
    kind_label: str
    resolved: ResolvedEvidence | None  # None: the source is gone


@dataclass(frozen=True)
class ShownItem:
    item: AgendaItem
    number: int
    sources: list[ShownSource]
    documents: list[Document]


def agenda_of(meeting: Meeting, viewer: Viewer) -> list[ShownItem]:
    shown = visible_confidentialities(viewer, meeting.board_id)
    documents = Document.objects.filter(confidentiality__in=shown).order_by("title", "id")
    items = (
        meeting.agenda_items.filter(confidentiality__in=shown)
        .prefetch_related("elements", "sources", Prefetch("documents", queryset=documents))
        .order_by("order", "id")
    )
    process = meeting.board.process
    result = []
    for number, item in enumerate(items, start=1):
        sources = []
        for source in item.sources.all():
            kind = evidence.kind(source.kind)
            sources.append(
                ShownSource(
                    kind_label=str(kind.label) if kind else source.kind,
                    resolved=evidence.resolve(process, source.kind, source.reference, public=False),
                )
            )
        result.append(ShownItem(item=item, number=number, sources=sources, documents=list(item.documents.all())))
    return result


def attendance_of(meeting: Meeting) -> list[Attendance]:
    return list(meeting.attendance.select_related("member__organisation").order_by("is_guest", "id"))


def documents_of_meeting(meeting: Meeting, viewer: Viewer) -> list[Document]:
    shown = visible_confidentialities(viewer, meeting.board_id)
    return list(meeting.documents.filter(confidentiality__in=shown).order_by("title", "id"))


def entries_of_meeting(meeting: Meeting, viewer: Viewer) -> list[RegisterEntry]:
    return list(meeting.register_entries.filter(viewer.q()).order_by("kind", "id"))


def invitations_of(meeting: Meeting) -> list[MeetingInvitation]:
    return list(meeting.invitations.select_related("created_by").prefetch_related("deliveries"))


def members_to_invite(meeting: Meeting) -> list[tuple[BoardMember, str]]:
    """The board's members who can be reached by e-mail, with their address: the active account's, else the
    address kept on the seat for a member without an account."""
    found = []
    for member in meeting.board.members.select_related("user").order_by("order", "name"):
        if member.user is not None:
            if member.user.is_active and member.user.email:
                found.append((member, member.user.email))
        elif member.email:
            found.append((member, member.email))
    return found


def later_meetings_of_board(meeting: Meeting) -> QuerySet[Meeting]:
    """The meetings that can approve this meeting's minutes: later meetings of the same board."""
    return (
        Meeting.objects.filter(board=meeting.board, event__start__gt=meeting.event.start)
        .select_related("event")
        .order_by("event__start")
    )


def next_meetings_for_member(process: StrategyProcess, board_ids: frozenset[int]) -> QuerySet[Meeting]:
    """The coming meetings of the boards a member sits on, which the member may see."""
    return (
        Meeting.objects.filter(
            board__process=process,
            board_id__in=board_ids,
            confidentiality__in=[Confidentiality.BOARD, Confidentiality.PUBLIC],
            event__start__gte=timezone.now(),
        )
        .select_related("board", "event")
        .order_by("event__start", "id")
    )
