"""Forms of the register: a recommendation or decision, and a follow-up action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from standortkompass.accounts.models import User
from standortkompass.core.forms import KernModelForm
from standortkompass.governance.forms.agenda import ElementChoiceField, elements_of
from standortkompass.governance.forms.meetings import BoardChoiceField, MeetingChoiceField
from standortkompass.governance.forms.widgets import KernCheckboxes
from standortkompass.governance.models import CONFIDENTIALITY_HELP, FollowUpAction, Meeting, RegisterEntry
from standortkompass.processes.forms.manage import AccountChoiceField, DateInput, KernRadioSelect
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import Element, StrategyVersion, VersionState


class VersionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: StrategyVersion) -> str:
        return f"{_('Version')} {obj.number}: {obj.label} ({obj.get_state_display()})"


VERSION_RESULTS = [("", _("No decision on a version")), ("yes", _("Approved")), ("no", _("Not approved"))]


def _approved(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class EntryForm(KernModelForm):
    elements = ElementChoiceField(
        label=_("Strategy elements"), required=False, queryset=Element.objects.none(), widget=KernCheckboxes
    )
    version_approved = forms.TypedChoiceField(
        label=_("Result on the strategy version"),
        choices=VERSION_RESULTS,
        coerce=_approved,
        empty_value=None,
        required=False,
        widget=KernRadioSelect,
    )

    class Meta:
        model = RegisterEntry
        fields = [
            "board",
            "kind",
            "subject",
            "text",
            "rationale",
            "decided_on",
            "meeting",
            "status",
            "confidentiality",
            "elements",
            "votes_yes",
            "votes_no",
            "votes_abstain",
            "conditions",
            "strategy_version",
            "version_approved",
        ]
        field_classes = {
            "board": BoardChoiceField,
            "meeting": MeetingChoiceField,
            "strategy_version": VersionChoiceField,
        }
        widgets = {
            "kind": KernRadioSelect,
            "status": KernRadioSelect,
            "confidentiality": KernRadioSelect,
            "decided_on": DateInput,
            "text": forms.Textarea(attrs={"rows": 6}),
            "rationale": forms.Textarea(attrs={"rows": 4}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "confidentiality": CONFIDENTIALITY_HELP,
            "decided_on": _("The day of the recommendation or decision."),
            "votes_yes": _("Only for decisions, if the votes were counted."),
            "strategy_version": _(
                "Only for a decision of the steering committee on a strategy version submitted to it: recording "
                "the decision records it on the version too (and cannot be undone)."
            ),
        }

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        instance: RegisterEntry | None = kwargs.get("instance")
        if instance is not None and instance.pk:
            approved = instance.version_approved
            kwargs.setdefault("initial", {})["version_approved"] = (
                "" if approved is None else ("yes" if approved else "no")
            )
        super().__init__(*args, **kwargs)
        board: forms.ModelChoiceField = self.fields["board"]  # type: ignore[type-arg,assignment]
        board.queryset = process.boards.order_by("order", "name")
        board.empty_label = None
        meeting: forms.ModelChoiceField = self.fields["meeting"]  # type: ignore[type-arg,assignment]
        meeting.queryset = (
            Meeting.objects.filter(board__process=process).select_related("event").order_by("-event__start")
        )
        meeting.empty_label = _("No meeting")
        elements: forms.ModelMultipleChoiceField = self.fields["elements"]  # type: ignore[type-arg,assignment]
        elements.queryset = elements_of(process)
        version: forms.ModelChoiceField = self.fields["strategy_version"]  # type: ignore[type-arg,assignment]
        versions = StrategyVersion.objects.filter(strategy__process=process)
        decided = instance.strategy_version_id if instance is not None else None
        if decided is not None:
            version.queryset = versions.filter(pk=decided)
            version.disabled = True
            self.fields["version_approved"].disabled = True
        else:
            version.queryset = versions.filter(state=VersionState.SUBMITTED)
        version.empty_label = _("No strategy version")


class AccountOrNobodyField(AccountChoiceField):
    pass


class ActionForm(KernModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["text", "owner_user", "owner_name", "due_on", "done_on"]
        field_classes = {"owner_user": AccountOrNobodyField}
        widgets = {"due_on": DateInput, "done_on": DateInput}
        help_texts = {
            "owner_user": _("A person with a log-in gets an e-mail reminder when the action is due."),
            "owner_name": _("Or the name of a person or organisation without a log-in."),
            "done_on": _("Left empty while the action is open."),
        }

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner: forms.ModelChoiceField = self.fields["owner_user"]  # type: ignore[type-arg,assignment]
        owner.queryset = User.objects.filter(memberships__process=process, is_active=True).order_by(
            "full_name", "email"
        )
        owner.empty_label = _("No log-in")
