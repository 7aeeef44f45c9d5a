"""The tasks of a board member in "My area": the next meeting of their boards with its agenda, their open
follow-up actions."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standortkompass.accounts.models import Role, User
from standortkompass.governance.selectors.access import viewer_of
from standortkompass.governance.selectors.meetings import next_meetings_for_member
from standortkompass.governance.selectors.register import open_actions_of
from standortkompass.processes.member_tasks import MemberTask
from standortkompass.processes.models import BoardMember, StrategyProcess


def board_member_tasks(user: User, process: StrategyProcess, role: Role) -> list[MemberTask]:
    if role != Role.BOARD:
        return []
    tasks = []
    board_ids = frozenset(
        BoardMember.objects.filter(user=user, board__process=process).values_list("board_id", flat=True)
    )
    meeting = next_meetings_for_member(process, board_ids).first() if board_ids else None
    if meeting is not None:
        start = timezone.localtime(meeting.event.start)
        count = meeting.agenda_items.filter(confidentiality__in=["board", "public"]).count()
        tasks.append(
            MemberTask(
                title=_("Next meeting: %(board)s on %(date)s")
                % {"board": meeting.board.name, "date": date_format(start, "SHORT_DATETIME_FORMAT")},
                text=ngettext("The agenda has %(count)s item.", "The agenda has %(count)s items.", count)
                % {"count": count}
                if count
                else _("The agenda has not been published yet."),
                url=reverse("governance_manage:meeting", kwargs={"process_pk": process.pk, "meeting_pk": meeting.pk}),
                link_text=_("Agenda and documents"),
                order=25,
            )
        )
    viewer = viewer_of(user, process)
    for action in open_actions_of(user, process)[:10]:
        entry_url = reverse("governance_manage:entry", kwargs={"process_pk": process.pk, "entry_pk": action.entry_id})
        tasks.append(
            MemberTask(
                title=_("Follow-up action: %(text)s") % {"text": action.text},
                text=_("Due on %(date)s (from “%(entry)s”).")
                % {"date": date_format(action.due_on, "SHORT_DATE_FORMAT"), "entry": action.entry.subject},
                url=entry_url if viewer.sees_entry(action.entry) else "",
                link_text=_("Open the register entry"),
                order=15,
            )
        )
    return tasks
