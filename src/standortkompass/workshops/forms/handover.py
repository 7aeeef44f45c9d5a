"""Forms of the hand-over of a workshop result to the strategy (``services.handover``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.strategy.models import Element, ElementKind, Strategy
from standortkompass.workshops.services.handover import HANDOVER_KINDS, TITLE_LENGTH


def _grouped(elements: list[Element], kinds: tuple[str, ...]) -> list[tuple[str, list[tuple[int, str]]]]:
    labels = dict(ElementKind.choices)
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    for kind in kinds:
        choices = [(element.pk, element.title) for element in elements if element.kind == kind]
        if choices:
            groups.append((str(labels[kind]), choices))
    return groups


def _elements(strategy: Strategy | None) -> list[Element]:
    if strategy is None:
        return []
    return list(
        strategy.elements.filter(kind__in=HANDOVER_KINDS)
        .select_related("parent")
        .order_by("kind", "parent__order", "order", "id")
    )


class HandoverForm(KernForm):
    """A new element of the draft made from the item."""

    element_kind = forms.ChoiceField(
        label=_("Hand over as"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the result becomes in the strategy.")},
    )
    title = forms.CharField(
        label=_("Title in the strategy"),
        max_length=TITLE_LENGTH,
        help_text=_("The item's text; shorten or rephrase it if needed."),
        error_messages={"required": _("Give the element a title.")},
    )
    parent = forms.TypedChoiceField(
        label=_("Belongs to"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("A measure belongs to a field of action; a project can implement a measure."),
    )

    def __init__(self, *args: Any, strategy: Strategy | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(ElementKind.choices)
        kind = self.fields["element_kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [
            (ElementKind.FIELD.value, _("Candidate field of action")),
            (ElementKind.MEASURE.value, labels[ElementKind.MEASURE]),
            (ElementKind.PROJECT.value, _("Project idea")),
        ]
        self.elements = {element.pk: element for element in _elements(strategy)}
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ChoiceField)
        parent.choices = [
            ("", _("none")),
            *_grouped(list(self.elements.values()), (ElementKind.FIELD, ElementKind.MEASURE)),
        ]

    def parent_element(self) -> Element | None:
        pk = self.cleaned_data.get("parent")
        return self.elements.get(pk) if pk is not None else None


class HandoverLinkForm(KernForm):
    """The item cited by an element that exists already."""

    element = forms.TypedChoiceField(
        label=_("Element of the strategy"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Choose the element this result went into.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_("How the result supports the element; by default the workshop, phase and day."),
    )

    def __init__(self, *args: Any, strategy: Strategy | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.elements = {element.pk: element for element in _elements(strategy)}
        element = self.fields["element"]
        assert isinstance(element, forms.ChoiceField)
        element.choices = [("", _("Please choose")), *_grouped(list(self.elements.values()), HANDOVER_KINDS)]

    def chosen(self) -> Element:
        return self.elements[self.cleaned_data["element"]]
