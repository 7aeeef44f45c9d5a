"""Forms of the Standortanalyse management: findings and publication."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm, KernModelForm
from standortkompass.processes.forms.manage import KernRadioSelect
from standortkompass.regiondata.models import Region, RegionLevel
from standortkompass.standortanalyse.models import Finding, FindingKind
from standortkompass.standortanalyse.pages import chart_choices


class FindingForm(KernModelForm):
    references = forms.MultipleChoiceField(
        label=_("Supporting charts"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The SWOT page links the finding to these charts."),
    )

    class Meta:
        model = Finding
        fields = ["kind", "title", "text", "references", "is_public", "order"]
        widgets = {"kind": KernRadioSelect, "text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        references = self.fields["references"]
        kind = self.fields["kind"]
        assert isinstance(references, forms.MultipleChoiceField)
        assert isinstance(kind, forms.TypedChoiceField | forms.ChoiceField)
        references.choices = chart_choices()
        kind.choices = list(FindingKind.choices)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Findings of the same kind are listed by this number (empty: 0).")

    def clean_order(self) -> int:
        return self.cleaned_data.get("order") or 0


class AnalysisSettingsForm(KernForm):
    is_public = forms.BooleanField(
        label=_("Publish the location analysis on the public website"),
        required=False,
    )
    peer_codes = forms.CharField(
        label=_("Comparison districts (AGS keys)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Five-digit keys separated by commas or spaces, e.g. 08115, 08116. "
            "Empty: the districts of the same BBSR settlement type in the same Land."
        ),
    )

    def clean_peer_codes(self) -> list[str]:
        raw = self.cleaned_data["peer_codes"].replace(",", " ").split()
        codes = list(dict.fromkeys(code.strip() for code in raw if code.strip()))
        known = set(Region.objects.filter(code__in=codes, level=RegionLevel.DISTRICT).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise forms.ValidationError(_("These keys are not districts: %(codes)s.") % {"codes": ", ".join(unknown)})
        return codes
