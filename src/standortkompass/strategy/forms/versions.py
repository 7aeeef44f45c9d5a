"""Forms of the versions: freezing the draft as a version, and choosing two versions to compare."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.strategy.models import StrategyVersion

# The value that stands for the current draft in the comparison's choices.
DRAFT = "entwurf"


class VersionFreezeForm(KernForm):
    label = forms.CharField(
        label=_("Label"),
        max_length=200,
        help_text=_("A short name, e.g. “Entwurf für den Sounding Board”."),
    )
    note = forms.CharField(
        label=_("What changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is new compared with the last version, in a few sentences."),
    )


class CompareForm(KernForm):
    """Two states of the strategy: versions by id, or the current draft (``DRAFT``)."""

    alt = forms.ChoiceField(label=_("Compare"))
    neu = forms.ChoiceField(label=_("with"))

    def __init__(self, *args: Any, versions: list[StrategyVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(DRAFT, gettext("Current draft"))] + [
            (
                str(version.pk),
                gettext("Version %(number)s: %(label)s") % {"number": version.number, "label": version.label},
            )
            for version in versions
        ]
        for name in ("alt", "neu"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("alt") and cleaned.get("alt") == cleaned.get("neu"):
            self.add_error("neu", gettext("Choose two different states of the strategy."))
        return cleaned
