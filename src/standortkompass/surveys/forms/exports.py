"""Form of the exports page: format, partial responses and (for Administration) no suppression."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.surveys.models import ExportFormat


class ExportRequestForm(KernForm):
    format = forms.ChoiceField(label=_("Format"), choices=ExportFormat.choices, initial=ExportFormat.XLSX)
    include_partial = forms.BooleanField(
        label=_("Include responses that are not completed"),
        required=False,
        help_text=_("A column “status” then tells completed from unfinished responses."),
    )
    unsuppressed = forms.BooleanField(
        label=_("Without suppression of small groups"),
        required=False,
        help_text=_(
            "Only for Administration: the file then contains free-text answers and values of groups with fewer "
            "companies than the threshold. Do not pass it on."
        ),
    )

    def __init__(self, *args: Any, may_unsuppress: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_unsuppress:
            del self.fields["unsuppressed"]
