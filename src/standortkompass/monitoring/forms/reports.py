"""The short report form of a project lead: status, progress, milestones reached, three short texts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.core.forms import KernForm
from standortkompass.monitoring.models import ProjectReport
from standortkompass.processes.forms.manage import DateInput
from standortkompass.strategy.models import ProjectSheet, ProjectStatus

TEXT_LIMIT = 2000
MILESTONE_PREFIX = "milestone_"


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
        self, *args: Any, sheet: ProjectSheet | None, report: ProjectReport | None = None, **kwargs: Any
    ) -> None:
        self.milestones = list(sheet.milestones.order_by("order", "due_date", "id")) if sheet is not None else []
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

    def milestone_fields(self) -> list[forms.BoundField]:
        return [self[f"{MILESTONE_PREFIX}{milestone.pk}"] for milestone in self.milestones]

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
        return cleaned

    def reached(self) -> dict[int, dt.date | None]:
        return {
            milestone.pk: self.cleaned_data.get(f"{MILESTONE_PREFIX}{milestone.pk}") for milestone in self.milestones
        }

    def report_data(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in ("status", "progress", "achieved", "next_steps", "problems")}
