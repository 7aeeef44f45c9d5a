"""The personal data of the boards' work, for requests about one person (registered in ``GovernanceConfig.ready``).

A person is found through their account: their attendance at meetings (through their board seat) and the
follow-up actions they own; invitation and reminder mails by the address they went to. Erasing anonymises the
attendance (the minutes keep how many were present), releases the actions from their owner and deletes the
records of mails sent.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from standortkompass.accounts import personal_data
from standortkompass.accounts.personal_data import Person, Record, fields_of
from standortkompass.governance.models import ActionReminder, Attendance, FollowUpAction, InvitationDelivery

ERASED_NAME = "–"


def _attendance(person: Person) -> Q:
    if person.user is None:
        return Q(pk__in=[])
    return Q(member__user=person.user)


def _attendance_records(person: Person) -> list[Record]:
    rows = Attendance.objects.filter(_attendance(person)).select_related("meeting__event", "meeting__board")
    return [
        {"meeting": str(row.meeting), "board": str(row.meeting.board), **fields_of(row, ["name", "status"])}
        for row in rows.order_by("meeting__event__start", "id")
    ]


def _attendance_erase(person: Person) -> int:
    return int(Attendance.objects.filter(_attendance(person)).update(member=None, name=ERASED_NAME, organisation=""))


def _actions(person: Person) -> Q:
    return Q(owner_user=person.user) if person.user is not None else Q(pk__in=[])


def _action_records(person: Person) -> list[Record]:
    actions = FollowUpAction.objects.filter(_actions(person)).select_related("entry")
    return [
        {"entry": str(action.entry), **fields_of(action, ["text", "owner_name", "due_on", "done_on"])}
        for action in actions.order_by("due_on", "id")
    ]


def _actions_erase(person: Person) -> int:
    actions = FollowUpAction.objects.filter(_actions(person))
    ActionReminder.objects.filter(action__in=actions).update(email="")
    return int(actions.update(owner_user=None, owner_name=ERASED_NAME))


def _mails(person: Person) -> tuple[list[InvitationDelivery], list[ActionReminder]]:
    invitations = InvitationDelivery.objects.filter(email__iexact=person.email).select_related("invitation__meeting")
    reminders = ActionReminder.objects.filter(email__iexact=person.email).select_related("action")
    return list(invitations.order_by("sent_at", "id")), list(reminders.order_by("sent_at", "id"))


def _mail_records(person: Person) -> list[Record]:
    invitations, reminders = _mails(person)
    return [
        {"meeting": str(row.invitation.meeting), **fields_of(row, ["email", "sent_at", "failed"])}
        for row in invitations
    ] + [{"action": str(row.action), **fields_of(row, ["email", "due_on", "sent_at"])} for row in reminders]


def _mails_erase(person: Person) -> int:
    invitations = InvitationDelivery.objects.filter(email__iexact=person.email).delete()[0]
    reminders = ActionReminder.objects.filter(email__iexact=person.email).update(email="")
    return int(invitations) + int(reminders)


def register_personal_data() -> None:
    personal_data.register(
        "governance.attendance",
        label=_("Attendance at board meetings"),
        effect=_("anonymised (the minutes keep the count)"),
        collect=_attendance_records,
        erase=_attendance_erase,
    )
    personal_data.register(
        "governance.actions",
        label=_("Follow-up actions of the boards one is responsible for"),
        effect=_("responsibility removed"),
        collect=_action_records,
        erase=_actions_erase,
    )
    personal_data.register(
        "governance.mails",
        label=_("Invitation and reminder mails of the boards"),
        effect=_("deleted"),
        collect=_mail_records,
        erase=_mails_erase,
    )
