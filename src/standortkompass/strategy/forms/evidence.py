"""Forms of the evidence links: a source chosen from a kind's options, or entered (free kinds), and the note."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.processes.evidence import EvidenceKind, EvidenceOption
from standortkompass.strategy.forms.fields import GroupedRadios

NOTE_LABEL = _("Note")
NOTE_HELP = _("How the source supports the element, in one or two sentences.")

# Labels of the fields of free kinds; a field not listed here is labelled with its name.
FREE_FIELD_LABELS: dict[str, Any] = {
    "title": _("Title of the document"),
    "url": _("Web address"),
    "publisher": _("Publisher"),
}
FREE_FIELD_REQUIRED = frozenset({"title"})


def option_value(reference: dict[str, Any]) -> str:
    """An option's reference as the value of its radio button (stable across the two requests)."""
    return json.dumps(reference, sort_keys=True, ensure_ascii=False)


def _note_field() -> forms.CharField:
    return forms.CharField(
        label=NOTE_LABEL, max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=NOTE_HELP
    )


class SourceForm(KernForm):
    """A form that names a source: ``reference()`` is what the evidence link stores."""

    def reference(self) -> dict[str, Any]:
        raise NotImplementedError


class EvidenceOptionForm(SourceForm):
    """Choose one of the sources a kind offers (grouped as the kind groups them). Made by ``option_form``."""

    options: dict[str, EvidenceOption]

    def reference(self) -> dict[str, Any]:
        return dict(self.options[self.cleaned_data["reference"]].reference)


def option_form(kind: EvidenceKind, options: list[EvidenceOption]) -> type[EvidenceOptionForm]:
    """The form class for choosing one of ``options`` (a class, so that the KERN markup reaches its fields)."""
    by_value = {option_value(option.reference): option for option in options}
    groups: dict[str, list[tuple[str, str]]] = {}
    for value, option in by_value.items():
        groups.setdefault(option.group, []).append((value, option.label))
    choices: list[Any] = []
    for group, members in groups.items():
        if group:
            choices.append((group, members))
        else:
            choices.extend(members)
    fields: dict[str, Any] = {
        "options": by_value,
        "reference": forms.ChoiceField(
            label=str(kind.label),
            choices=choices,
            widget=GroupedRadios,
            error_messages={
                "required": _("Choose the source."),
                "invalid_choice": _("This source cannot be chosen (any more); choose another one."),
            },
        ),
        "note": _note_field(),
    }
    return type("KindOptionForm", (EvidenceOptionForm,), fields)


class EvidenceFreeForm(SourceForm):
    """A source of a free kind (an external document), entered field by field. Made by ``free_form``."""

    kind: EvidenceKind

    def reference(self) -> dict[str, Any]:
        return {name: str(self.cleaned_data.get(name) or "").strip() for name in self.kind.free_fields}


def free_form(kind: EvidenceKind) -> type[EvidenceFreeForm]:
    fields: dict[str, Any] = {"kind": kind}
    for name in kind.free_fields:
        label = FREE_FIELD_LABELS.get(name, name)
        if name == "url":
            fields[name] = forms.URLField(
                label=label,
                max_length=500,
                required=False,
                assume_scheme="https",
                help_text=_("e.g. https://www.example.org/bericht.pdf"),
                error_messages={"invalid": _("Enter the web address in full, e.g. https://www.example.org/.")},
            )
        else:
            fields[name] = forms.CharField(
                label=label,
                max_length=300,
                required=name in FREE_FIELD_REQUIRED,
                error_messages={"required": _("Enter the title of the document.")} if name == "title" else {},
            )
    fields["note"] = _note_field()
    return type("KindFreeForm", (EvidenceFreeForm,), fields)


class EvidenceNoteForm(KernForm):
    note = forms.CharField(
        label=NOTE_LABEL, max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=NOTE_HELP
    )
