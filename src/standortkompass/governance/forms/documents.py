"""Forms of board documents: upload and change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.governance.forms.meetings import BoardChoiceField, MeetingChoiceField, confidentiality_field
from standortkompass.governance.models import Meeting, RegisterEntry
from standortkompass.processes.models import Board, StrategyProcess


class EntryChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: RegisterEntry) -> str:
        return f"{obj.get_kind_display()} {obj.decided_on:%d.%m.%Y}: {obj.subject}"


class DocumentEditForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    confidentiality = confidentiality_field()
    meeting = MeetingChoiceField(label=_("Meeting"), required=False, queryset=Meeting.objects.none())
    entry = EntryChoiceField(label=_("Register entry"), required=False, queryset=RegisterEntry.objects.none())

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting: forms.ModelChoiceField = self.fields["meeting"]  # type: ignore[type-arg,assignment]
        meeting.queryset = (
            Meeting.objects.filter(board__process=process).select_related("event").order_by("-event__start")
        )
        meeting.empty_label = _("No meeting")
        entry: forms.ModelChoiceField = self.fields["entry"]  # type: ignore[type-arg,assignment]
        entry.queryset = RegisterEntry.objects.filter(board__process=process).order_by("-decided_on", "-id")
        entry.empty_label = _("No register entry")


class DocumentUploadForm(DocumentEditForm):
    file = forms.FileField(label=_("File"))
    board = BoardChoiceField(label=_("Board"), queryset=Board.objects.none(), empty_label=None)
    field_order = ["file", "title", "board", "confidentiality", "meeting", "entry"]

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, process=process, **kwargs)
        board: forms.ModelChoiceField = self.fields["board"]  # type: ignore[type-arg,assignment]
        board.queryset = process.boards.order_by("order", "name")
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG or plain text, at most %(limit)s MB."
        ) % {"limit": settings.GOVERNANCE_DOCUMENT_MAX_MB}
        self.fields["file"].widget.attrs["aria-describedby"] = f"id_{self.add_prefix('file')}-hint"
