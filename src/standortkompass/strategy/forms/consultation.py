"""Forms of the consultation rounds: opening a round, a comment, the handling of a comment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.processes.forms.manage import BerlinDateTimeField, KernRadioSelect
from standortkompass.processes.models import Board, StrategyProcess
from standortkompass.strategy.models import CommentDisposition, StrategyVersion


class KernCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with KERN markup (the fieldset and legend come from core/field.html)."""

    template_name = "strategy/includes/consultation_checkboxes.html"


class ConsultationOpenForm(KernForm):
    version = forms.ModelChoiceField(label=_("Version"), queryset=StrategyVersion.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. “Konsultation des Sounding Boards”."))
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What participants are asked to do. Markdown: paragraphs, lists, links, emphasis."),
    )
    boards = forms.ModelMultipleChoiceField(
        label=_("Boards invited"),
        queryset=Board.objects.none(),
        required=False,
        widget=KernCheckboxes,
        help_text=_("Members of these boards with an account can read the version and comment."),
    )
    for_partners = forms.BooleanField(
        label=_("Invite the partners"),
        required=False,
        help_text=_("Every account with the Partner role in this process can read the version and comment."),
    )
    deadline = BerlinDateTimeField(label=_("Deadline"), help_text=_("Comments are accepted until then."))

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version_field = self.fields["version"]
        assert isinstance(version_field, forms.ModelChoiceField)
        version_field.queryset = StrategyVersion.objects.filter(strategy__process=process).order_by("-number")
        boards_field = self.fields["boards"]
        assert isinstance(boards_field, forms.ModelMultipleChoiceField)
        boards_field.queryset = Board.objects.filter(process=process).order_by("order", "name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("boards") and not cleaned.get("for_partners") and "boards" not in self.errors:
            self.add_error("boards", _("Choose at least one board, or invite the partners."))
        deadline = cleaned.get("deadline")
        if deadline is not None and deadline <= timezone.now():
            self.add_error("deadline", _("The deadline must lie in the future."))
        return cleaned


class CommentForm(KernForm):
    """A comment on one element of the version or on the version as a whole (prefixed per element on the page;
    the element goes in a hidden field ``element`` of its own)."""

    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args: Any, about: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = (
            gettext("Your comment on “%(title)s”") % {"title": about}
            if about
            else gettext("Your comment on the version as a whole")
        )


HANDLING_CHOICES = [
    (CommentDisposition.ANSWERED.value, _("Answered")),
    (CommentDisposition.TAKEN_UP.value, _("Taken up")),
    (CommentDisposition.NOT_TAKEN_UP.value, _("Not taken up")),
]


class CommentResponseForm(KernForm):
    disposition = forms.ChoiceField(label=_("Handling"), choices=HANDLING_CHOICES, widget=KernRadioSelect)
    response = forms.CharField(
        label=_("Response of the editorial team"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you answer the comment or do not take it up (then give the reason)."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        disposition = cleaned.get("disposition")
        if disposition == CommentDisposition.NOT_TAKEN_UP and not str(cleaned.get("response", "")).strip():
            self.add_error("response", _("Give the reason why the comment was not taken up."))
        if disposition == CommentDisposition.ANSWERED and not str(cleaned.get("response", "")).strip():
            self.add_error("response", _("Write the answer."))
        return cleaned
