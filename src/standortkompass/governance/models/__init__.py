from standortkompass.governance.models.documents import Document, FileType
from standortkompass.governance.models.meetings import (
    CONFIDENTIALITY_HELP,
    AgendaItem,
    AgendaSource,
    Attendance,
    AttendanceStatus,
    Confidentiality,
    InvitationDelivery,
    Meeting,
    MeetingInvitation,
)
from standortkompass.governance.models.register import (
    ActionReminder,
    EntryKind,
    EntryStatus,
    FollowUpAction,
    RegisterEntry,
)

__all__ = [
    "CONFIDENTIALITY_HELP",
    "ActionReminder",
    "AgendaItem",
    "AgendaSource",
    "Attendance",
    "AttendanceStatus",
    "Confidentiality",
    "Document",
    "EntryKind",
    "EntryStatus",
    "FileType",
    "FollowUpAction",
    "InvitationDelivery",
    "Meeting",
    "MeetingInvitation",
    "RegisterEntry",
]
