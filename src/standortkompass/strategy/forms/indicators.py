"""Forms of the indicators (Kennzahlen) of the draft and their actual values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm, KernModelForm
from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.models import Indicator, Region, RegionLevel
from standortkompass.strategy.forms.fields import GermanFloatField
from standortkompass.strategy.models import Element, IndicatorActual, StrategyIndicator

NUMBER_HELP = _("A number, e.g. 1.250 or 12,5.")


class StatisticChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.name} ({obj.code})"


class RegionChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.name} ({obj.code})"


def statistic_regions(process: StrategyProcess) -> list[Region]:
    """The regions an indicator of the process may be bound to: the district, the regions above it, its
    municipalities."""
    district = process.region
    above = []
    parent = district.parent
    while parent is not None:
        above.append(parent.pk)
        parent = parent.parent
    towns = Q(level=RegionLevel.MUNICIPALITY, code__startswith=district.code)
    regions = list(Region.objects.filter(Q(pk=district.pk) | Q(pk__in=above) | towns))
    rank = {pk: index for index, pk in enumerate([district.pk, *above])}
    return sorted(regions, key=lambda region: (rank.get(region.pk, len(rank)), region.name, region.code))


class IndicatorForm(KernModelForm):
    baseline_value = GermanFloatField(
        label=_("Baseline value"),
        required=False,
        help_text=NUMBER_HELP,
        invalid=_("Enter the baseline value as a number, e.g. 1.250 or 12,5."),
    )
    target_value = GermanFloatField(
        label=_("Target value"),
        required=False,
        help_text=NUMBER_HELP,
        invalid=_("Enter the target value as a number, e.g. 1.250 or 12,5."),
    )

    class Meta:
        model = StrategyIndicator
        fields = [
            "name",
            "definition",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "source",
            "statistic",
            "region",
        ]
        field_classes = {"statistic": StatisticChoice, "region": RegionChoice}
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "baseline_year": {
                "invalid": _("Enter the baseline year as a year, e.g. 2024."),
                "min_value": _("Enter the baseline year as a year between 1950 and 2100."),
                "max_value": _("Enter the baseline year as a year between 1950 and 2100."),
            },
            "target_year": {
                "invalid": _("Enter the target year as a year, e.g. 2030."),
                "min_value": _("Enter the target year as a year between 1950 and 2100."),
                "max_value": _("Enter the target year as a year between 1950 and 2100."),
            },
        }

    def __init__(self, *args: Any, element: Element, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.element = element
        statistic = self.fields["statistic"]
        region = self.fields["region"]
        assert isinstance(statistic, forms.ModelChoiceField)
        assert isinstance(region, forms.ModelChoiceField)
        statistic.queryset = Indicator.objects.order_by("name", "code")
        statistic.empty_label = _("None: actual values are entered")
        statistic.help_text = _(
            "Bound to an official statistic, the actual values follow its imports and are not entered."
        )
        regions = statistic_regions(process)
        region.queryset = Region.objects.filter(pk__in=[r.pk for r in regions])
        region.choices = [("", _("Please choose")), *[(r.pk, f"{r.name} ({r.code})") for r in regions]]
        region.help_text = _("Only for an official statistic: the region whose figures are meant.")
        if self.instance.pk is None or self.instance.region_id is None:
            self.initial["region"] = process.region.pk

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Without a statistic the region (pre-set to the district) means nothing: it is not stored.
        if cleaned.get("statistic") is None and "statistic" not in self.errors:
            cleaned["region"] = None
        return cleaned


class ActualForm(KernForm):
    """A new actual value of an indicator for a year."""

    year = forms.IntegerField(
        label=_("Year"),
        min_value=1950,
        max_value=2100,
        error_messages={
            "required": _("Enter the year of the value, e.g. 2025."),
            "invalid": _("Enter the year of the value, e.g. 2025."),
            "min_value": _("Enter the year as a year between 1950 and 2100."),
            "max_value": _("Enter the year as a year between 1950 and 2100."),
        },
    )
    value = GermanFloatField(
        label=_("Value"),
        help_text=NUMBER_HELP,
        invalid=_("Enter the value as a number, e.g. 1.250 or 12,5."),
        error_messages={"required": _("Enter the value as a number, e.g. 1.250 or 12,5.")},
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, indicator: StrategyIndicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if IndicatorActual.objects.filter(indicator=self.indicator, year=year).exists():
            raise forms.ValidationError(
                _("This indicator already has a value for %(year)s; change it in the list."), params={"year": year}
            )
        return year


class ActualChangeForm(KernModelForm):
    """The value and note of an actual value (its year stays)."""

    value = GermanFloatField(
        label=_("Value"),
        help_text=NUMBER_HELP,
        invalid=_("Enter the value as a number, e.g. 1.250 or 12,5."),
        error_messages={"required": _("Enter the value as a number, e.g. 1.250 or 12,5.")},
    )

    class Meta:
        model = IndicatorActual
        fields = ["value", "note"]
