"""Forms of meetings: create and change a meeting, minutes and their approval, attendance, invitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.governance.models import CONFIDENTIALITY_HELP, AttendanceStatus, Confidentiality, Meeting
from standortkompass.governance.services.meetings import GuestData
from standortkompass.processes.forms.manage import BerlinDateTimeField, KernRadioSelect
from standortkompass.processes.models import Board, Event, EventKind, StrategyProcess


class BoardChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Board) -> str:
        return obj.name


class EventChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Event) -> str:
        from django.utils import timezone
        from django.utils.formats import date_format

        return f"{date_format(timezone.localtime(obj.start), 'SHORT_DATETIME_FORMAT')}: {obj.title}"


def confidentiality_field(initial: str = Confidentiality.BOARD) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Confidentiality"),
        choices=Confidentiality.choices,
        widget=KernRadioSelect,
        initial=initial,
        help_text=CONFIDENTIALITY_HELP,
    )


class MeetingDateFields(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    start = BerlinDateTimeField(label=_("Start"), required=False, help_text=_("Date and time (German time)."))
    end = BerlinDateTimeField(label=_("End"), required=False, help_text=_("Date and time (German time)."))
    location = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")


class MeetingCreateForm(MeetingDateFields):
    board = BoardChoiceField(label=_("Board"), queryset=Board.objects.none(), empty_label=None)
    confidentiality = confidentiality_field()
    event = EventChoiceField(
        label=_("Existing date"),
        required=False,
        queryset=Event.objects.none(),
        empty_label=_("Create a new date with the fields below"),
        help_text=_("A board meeting in the dates of the process that has no meeting yet."),
    )
    field_order = ["board", "confidentiality", "event", "title", "start", "end", "location", "online_url"]

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        board: forms.ModelChoiceField = self.fields["board"]  # type: ignore[type-arg,assignment]
        board.queryset = process.boards.order_by("order", "name")
        event: forms.ModelChoiceField = self.fields["event"]  # type: ignore[type-arg,assignment]
        event.queryset = process.events.filter(kind=EventKind.BOARD_MEETING, meeting__isnull=True).order_by("start")
        self.fields["title"].help_text = _("Only for a new date.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("event") is None:
            if not data.get("title"):
                self.add_error("title", _("Give the title of the new date, or choose an existing date."))
            if not data.get("start"):
                self.add_error("start", _("Give the start of the new date, or choose an existing date."))
        return data


class MeetingEditForm(MeetingDateFields):
    confidentiality = confidentiality_field()
    field_order = ["confidentiality", "title", "start", "end", "location", "online_url"]

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        event = meeting.event
        kwargs["initial"] = {
            "title": event.title,
            "start": event.start,
            "end": event.end,
            "location": event.location,
            "online_url": event.online_url,
            "confidentiality": meeting.confidentiality,
        }
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True
        self.fields["start"].required = True


class MinutesForm(KernForm):
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Formatted text (Markdown). The minutes can be changed until a later meeting approves them."),
    )


class MeetingChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Meeting) -> str:
        from django.utils import timezone
        from django.utils.formats import date_format

        return f"{date_format(timezone.localtime(obj.event.start), 'SHORT_DATE_FORMAT')}: {obj.event.title}"


class MinutesApproveForm(KernForm):
    approving = MeetingChoiceField(
        label=_("Approved at the meeting"),
        queryset=Meeting.objects.none(),
        empty_label=None,
        help_text=_("A later meeting of the same board."),
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        approving: forms.ModelChoiceField = self.fields["approving"]  # type: ignore[type-arg,assignment]
        approving.queryset = meetings


class AttendanceForm(KernForm):
    """One choice per member of the board, and the guests (one per line: name, organisation)."""

    guests = forms.CharField(
        label=_("Guests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One guest per line: name, then after a comma the organisation (optional)."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recorded = {row.member_id: row.status for row in meeting.attendance.all() if row.member_id}
        self.members = list(meeting.board.members.select_related("organisation").order_by("order", "name"))
        for member in self.members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=f"{member.name} ({member.function})",
                choices=AttendanceStatus.choices,
                widget=KernRadioSelect,
                initial=recorded.get(member.pk, AttendanceStatus.PRESENT),
            )
        guests = [row for row in meeting.attendance.all() if row.is_guest]
        self.fields["guests"].initial = "\n".join(
            f"{row.name}, {row.organisation}" if row.organisation else row.name for row in guests
        )
        self.order_fields([f"member_{member.pk}" for member in self.members] + ["guests"])

    def statuses(self) -> dict[int, str]:
        return {member.pk: self.cleaned_data[f"member_{member.pk}"] for member in self.members}

    def clean_guests(self) -> list[GuestData]:
        guests: list[GuestData] = []
        for number, line in enumerate(str(self.cleaned_data.get("guests") or "").splitlines(), start=1):
            if not line.strip():
                continue
            name, _comma, organisation = line.partition(",")
            if not name.strip() or len(name.strip()) > 200 or len(organisation.strip()) > 200:
                raise ValidationError(
                    _("Line %(number)s: give a name (at most 200 characters), then the organisation.")
                    % {"number": number}
                )
            guests.append(
                {"name": name.strip(), "organisation": organisation.strip(), "status": AttendanceStatus.PRESENT}
            )
        return guests


class InviteForm(KernForm):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few words above the agenda in the mail, e.g. what to prepare."),
    )
