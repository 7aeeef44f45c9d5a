"""The form of a reporting round (Administration)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernModelForm
from standortkompass.monitoring.models import ReportingRound
from standortkompass.processes.forms.manage import DateInput


class RoundForm(KernModelForm):
    class Meta:
        model = ReportingRound
        fields = ["title", "reporting_date", "due_date"]
        widgets = {"reporting_date": DateInput(), "due_date": DateInput()}
        error_messages = {
            "title": {"required": _("Enter the title of the reporting round.")},
            "reporting_date": {
                "required": _("Enter the reporting date (Stichtag)."),
                "invalid": _("Enter the reporting date as a date, e.g. 31.03.2027."),
            },
            "due_date": {
                "required": _("Enter the due date of the reports."),
                "invalid": _("Enter the due date as a date, e.g. 15.04.2027."),
            },
        }
