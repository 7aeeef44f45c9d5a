"""The short report form of a project lead: status, progress, milestones reached, the current values of the
project's indicators without an official statistic (optional), three short texts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.core.forms import KernForm
from standortkompass.monitoring.actuals_file import value_text
from standortkompass.monitoring.models import ProjectReport
from standortkompass.monitoring.services.reports import INDICATOR_PREFIX
from standortkompass.processes.forms.manage import DateInput
from standortkompass.strategy.forms.fields import GermanFloatField
from standortkompass.strategy.models import IndicatorActual, ProjectSheet, ProjectStatus, StrategyIndicator

TEXT_LIMIT = 2000
MILESTONE_PREFIX = "milestone_"
YEAR_SUFFIX = "_year"


class ReportForm(KernForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=ProjectStatus.choices,
        error_messages={
            "required": gettext_lazy("Choose the status of the project."),
            "invalid_choice": gettext_lazy("Choose one of the listed statuses of the project."),
        },
    )
    progress = forms.IntegerField(
        label=gettext_lazy("Progress in percent"),
        min_value=0,
        max_value=100,
        help_text=gettext_lazy("A whole number from 0 to 100: how far the project has come as a whole."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1", "min": "0", "max": "100"}),
        error_messages={
            "required": gettext_lazy("Enter the progress in percent (0 to 100)."),
            "invalid": gettext_lazy("Enter the progress in percent as a whole number from 0 to 100."),
            "min_value": gettext_lazy("The progress cannot be less than 0 percent."),
            "max_value": gettext_lazy("The progress cannot be more than 100 percent."),
        },
    )
    achieved = forms.CharField(
        label=gettext_lazy("What has happened since the last report?"),
        help_text=gettext_lazy("A few sentences; published on the project's monitoring page."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        error_messages={
            "required": gettext_lazy("Write in a few sentences what has happened since the last report."),
            "max_length": gettext_lazy("What has happened: at most %(limit_value)d characters, please."),
        },
    )
    next_steps = forms.CharField(
        label=gettext_lazy("What are the next steps?"),
        help_text=gettext_lazy("Published on the project's monitoring page."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMIT,
        required=False,
        error_messages={"max_length": gettext_lazy("Next steps: at most %(limit_value)d characters, please.")},
    )
    problems = forms.CharField(
        label=gettext_lazy("Problems or support needed"),
        help_text=gettext_lazy("Only the agency reads this; it is not published."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMIT,
        required=False,
        error_messages={"max_length": gettext_lazy("Problems: at most %(limit_value)d characters, please.")},
    )

    def __init__(
        self,
        *args: Any,
        sheet: ProjectSheet | None,
        report: ProjectReport | None = None,
        indicators: list[StrategyIndicator] | None = None,
        default_year: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.milestones = list(sheet.milestones.order_by("order", "due_date", "id")) if sheet is not None else []
        self.indicators = [indicator for indicator in indicators or [] if indicator.statistic_id is None]
        initial = kwargs.setdefault("initial", {})
        if report is not None:
            for name in ("status", "progress", "achieved", "next_steps", "problems"):
                initial.setdefault(name, getattr(report, name))
        elif sheet is not None:
            initial.setdefault("status", sheet.status)
            initial.setdefault("progress", sheet.progress)
        super().__init__(*args, **kwargs)
        for milestone in self.milestones:
            name = f"{MILESTONE_PREFIX}{milestone.pk}"
            hint = (
                _("Due %(date)s. Leave empty while it is not reached.")
                % {"date": date_format(milestone.due_date, "j. F Y")}
                if milestone.due_date
                else _("Leave empty while it is not reached.")
            )
            self.fields[name] = forms.DateField(
                label=_("Reached on: %(milestone)s") % {"milestone": milestone.title},
                required=False,
                help_text=hint,
                widget=DateInput(attrs={"class": "kern-form-input__input", "aria-describedby": f"id_{name}-hint"}),
                initial=milestone.reached_on,
                error_messages={
                    "invalid": _("Enter the day “%(milestone)s” was reached as a date, e.g. 15.03.2027.")
                    % {"milestone": milestone.title}
                },
            )
        self._add_indicator_fields(report, default_year)

    def _add_indicator_fields(self, report: ProjectReport | None, default_year: int | None) -> None:
        """A value and its year per indicator; the values a corrected report gave, else empty (the year preset)."""
        given = {item.get("indicator"): item for item in (report.indicators_reported if report is not None else [])}
        latest: dict[int, IndicatorActual] = {}
        for actual in IndicatorActual.objects.filter(indicator__in=self.indicators).order_by("year"):
            latest[actual.indicator_id] = actual
        for indicator in self.indicators:
            name = f"{INDICATOR_PREFIX}{indicator.pk}"
            before = given.get(indicator.pk, {})
            last = latest.get(indicator.pk)
            unit = f" {indicator.unit}" if indicator.unit else ""
            hint = (
                _("Last value: %(value)s%(unit)s (%(year)s). Leave empty if you have no new value.")
                % {"value": value_text(last.value), "unit": unit, "year": last.year}
                if last is not None
                else _("No value yet. Leave empty if you have none.")
            )
            invalid = _("Enter the current value of “%(indicator)s” as a number, e.g. 1.250 or 12,5.") % {
                "indicator": indicator.name
            }
            self.fields[name] = GermanFloatField(
                label=_("Current value of “%(indicator)s”%(unit)s")
                % {"indicator": indicator.name, "unit": f" ({indicator.unit})" if indicator.unit else ""},
                required=False,
                help_text=hint,
                initial=before.get("value"),
                invalid=invalid,
            )
            self.fields[name].widget.attrs.update(
                {"class": "kern-form-input__input", "aria-describedby": f"id_{name}-hint"}
            )
            year_error = _("Enter the year of the value of “%(indicator)s” as a year between 1950 and 2100.") % {
                "indicator": indicator.name
            }
            self.fields[f"{name}{YEAR_SUFFIX}"] = forms.IntegerField(
                label=_("Year of the value of “%(indicator)s”") % {"indicator": indicator.name},
                required=False,
                min_value=1950,
                max_value=2100,
                initial=before.get("year", default_year),
                widget=forms.NumberInput(
                    attrs={
                        "class": "kern-form-input__input",
                        "inputmode": "numeric",
                        "step": "1",
                        "min": "1950",
                        "max": "2100",
                    }
                ),
                error_messages={"invalid": year_error, "min_value": year_error, "max_value": year_error},
            )

    def milestone_fields(self) -> list[forms.BoundField]:
        return [self[f"{MILESTONE_PREFIX}{milestone.pk}"] for milestone in self.milestones]

    def indicator_fields(self) -> list[tuple[StrategyIndicator, forms.BoundField, forms.BoundField]]:
        return [
            (
                indicator,
                self[f"{INDICATOR_PREFIX}{indicator.pk}"],
                self[f"{INDICATOR_PREFIX}{indicator.pk}{YEAR_SUFFIX}"],
            )
            for indicator in self.indicators
        ]

    def text_fields(self) -> list[forms.BoundField]:
        return [self["achieved"], self["next_steps"], self["problems"]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        today = dt.date.today()
        for milestone in self.milestones:
            name = f"{MILESTONE_PREFIX}{milestone.pk}"
            reached = cleaned.get(name)
            if isinstance(reached, dt.date) and reached > today + dt.timedelta(days=1):
                self.add_error(
                    name,
                    _("“%(milestone)s” cannot have been reached in the future.") % {"milestone": milestone.title},
                )
        for indicator in self.indicators:
            name = f"{INDICATOR_PREFIX}{indicator.pk}"
            year_name = f"{name}{YEAR_SUFFIX}"
            if cleaned.get(name) is not None and cleaned.get(year_name) is None and year_name not in self.errors:
                self.add_error(
                    year_name,
                    _("Enter the year of the value of “%(indicator)s”, e.g. %(year)s.")
                    % {"indicator": indicator.name, "year": dt.date.today().year},
                )
        return cleaned

    def reached(self) -> dict[int, dt.date | None]:
        return {
            milestone.pk: self.cleaned_data.get(f"{MILESTONE_PREFIX}{milestone.pk}") for milestone in self.milestones
        }

    def indicator_values(self) -> dict[int, tuple[int, float]]:
        """The values given: indicator id → (year, value); indicators left empty are not named."""
        values: dict[int, tuple[int, float]] = {}
        for indicator in self.indicators:
            name = f"{INDICATOR_PREFIX}{indicator.pk}"
            value, year = self.cleaned_data.get(name), self.cleaned_data.get(f"{name}{YEAR_SUFFIX}")
            if value is not None and year is not None:
                values[indicator.pk] = (year, value)
        return values

    def report_data(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in ("status", "progress", "achieved", "next_steps", "problems")}
