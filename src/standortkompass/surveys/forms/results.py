"""Forms of the results pages: cross-tab choice, open-answer search, coding, findings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.standortanalyse.models import FindingKind


class CrossTabForm(KernForm):
    zeile = forms.ChoiceField(label=_("Rows: answers to"))
    spalte = forms.ChoiceField(label=_("Columns: groups by"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("zeile", "spalte"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("zeile") and data.get("zeile") == data.get("spalte"):
            raise forms.ValidationError(_("Please choose two different questions."))
        return data


class SearchForm(KernForm):
    q = forms.CharField(label=_("Search the answers"), required=False, max_length=200)


class CodeAssignForm(KernForm):
    response = forms.UUIDField(widget=forms.HiddenInput)
    code = forms.TypedChoiceField(label=_("Code"), required=False, coerce=int, empty_value=None)
    new_label = forms.CharField(label=_("or a new code"), required=False, max_length=120)

    def __init__(self, *args: Any, codes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("– choose a code –")), *codes]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("code") and not (data.get("new_label") or "").strip():
            raise forms.ValidationError(_("Please choose a code or name a new one."))
        return data


class CodeUnassignForm(KernForm):
    response = forms.UUIDField(widget=forms.HiddenInput)
    code = forms.IntegerField(widget=forms.HiddenInput)


class CodeRenameForm(KernForm):
    label = forms.CharField(label=_("Name of the code"), max_length=120)


class ResultFindingForm(KernForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=FindingKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    reference = forms.CharField(widget=forms.HiddenInput, max_length=300)
    is_public = forms.BooleanField(label=_("Public"), required=False)
