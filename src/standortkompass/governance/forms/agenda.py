"""The form of an agenda item: title, text, confidentiality and its links."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.governance.forms.meetings import confidentiality_field
from standortkompass.governance.forms.widgets import KernCheckboxes
from standortkompass.governance.models import AgendaItem, Document, Meeting
from standortkompass.governance.services.agenda import SourceData
from standortkompass.processes import evidence
from standortkompass.strategy.models import Element, ElementKind


class ElementChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Element) -> str:
        return f"{ElementKind(obj.kind).label}: {obj.title}"


class DocumentChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Document) -> str:
        return f"{obj.title} ({obj.get_confidentiality_display()})"


def source_value(kind: str, reference: dict[str, Any]) -> str:
    return f"{kind}|{json.dumps(reference, sort_keys=True, separators=(',', ':'))}"


def source_choices(process: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """The sources that can be linked, grouped by kind (free kinds such as external documents are left out:
    the item's text can link them)."""
    groups = []
    for kind in evidence.kinds():
        if kind.free_fields:
            continue
        options = [(source_value(kind.key, option.reference), option.label) for option in kind.options(process)]
        if options:
            groups.append((str(kind.label), options))
    return groups


def elements_of(process: Any) -> Any:
    return Element.objects.filter(strategy__process=process).order_by("kind", "order", "id")


class AgendaItemForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Formatted text (Markdown)."),
    )
    confidentiality = confidentiality_field()
    elements = ElementChoiceField(
        label=_("Strategy elements"), required=False, queryset=Element.objects.none(), widget=KernCheckboxes
    )
    sources = forms.MultipleChoiceField(
        label=_("Sources"),
        required=False,
        widget=KernCheckboxes,
        help_text=_("Findings, survey results, recommendations and decisions the item refers to."),
    )
    documents = DocumentChoiceField(
        label=_("Documents"), required=False, queryset=Document.objects.none(), widget=KernCheckboxes
    )

    def __init__(self, *args: Any, meeting: Meeting, item: AgendaItem | None = None, **kwargs: Any) -> None:
        if item is not None:
            kwargs["initial"] = {
                "title": item.title,
                "text": item.text,
                "confidentiality": item.confidentiality,
                "elements": list(item.elements.all()),
                "documents": list(item.documents.all()),
                "sources": [source_value(source.kind, source.reference) for source in item.sources.all()],
            }
        else:
            kwargs["initial"] = {"confidentiality": meeting.confidentiality}
        super().__init__(*args, **kwargs)
        process = meeting.board.process
        elements: forms.ModelMultipleChoiceField = self.fields["elements"]  # type: ignore[type-arg,assignment]
        elements.queryset = elements_of(process)
        sources: forms.MultipleChoiceField = self.fields["sources"]  # type: ignore[assignment]
        sources.choices = source_choices(process)
        documents: forms.ModelMultipleChoiceField = self.fields["documents"]  # type: ignore[type-arg,assignment]
        documents.queryset = meeting.board.documents.order_by("title", "id")

    def clean_sources(self) -> list[SourceData]:
        sources: list[SourceData] = []
        for value in self.cleaned_data.get("sources") or []:
            kind, _bar, reference = str(value).partition("|")
            try:
                parsed = json.loads(reference)
            except json.JSONDecodeError as error:
                raise ValidationError(_("Unknown source.")) from error
            sources.append({"kind": kind, "reference": parsed})
        return sources
