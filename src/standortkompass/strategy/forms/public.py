"""The filter of the public project list (GET parameters with German names)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from standortkompass.core.content_language import content_language
from standortkompass.core.forms import KernForm
from standortkompass.strategy.selectors.public import ProjectFilterOptions, ProjectFilters


class EditorialChoiceSelect(forms.Select):
    """A select whose options but the empty one are editorial text (German): marked with lang on other pages."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)
        language = content_language()
        if option["value"] and (get_language() or language).split("-")[0] != language:
            option["attrs"] = {**option["attrs"], "lang": language}
        return option


class ProjectFilterForm(KernForm):
    handlungsfeld = forms.ChoiceField(label=_("Field of action"), required=False, widget=EditorialChoiceSelect)
    status = forms.ChoiceField(label=_("Status"), required=False)
    kommune = forms.ChoiceField(label=_("Municipality"), required=False)
    federfuehrung = forms.ChoiceField(label=_("Lead organisation"), required=False)

    def __init__(self, *args: Any, options: ProjectFilterOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "handlungsfeld": [("", _("All fields of action")), *options.fields],
            "status": [("", _("Any status")), *options.statuses],
            "kommune": [("", _("All municipalities")), *options.municipalities],
            "federfuehrung": [("", _("All lead organisations")), *options.leads],
        }
        for name, values in choices.items():
            self.fields[name].choices = values  # type: ignore[attr-defined]

    def filters(self) -> ProjectFilters:
        """The valid filters; an invalid value is shown as an error on its field and not applied."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ProjectFilters(
            field=data.get("handlungsfeld") or "",
            status=data.get("status") or "",
            municipality=data.get("kommune") or "",
            lead=data.get("federfuehrung") or "",
        )
