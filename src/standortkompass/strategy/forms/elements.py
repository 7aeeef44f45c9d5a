"""Forms of the strategy draft: the strategy's title, its elements per kind, ordering, fact sheets and milestones."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm, KernModelForm
from standortkompass.processes.forms.manage import DateInput
from standortkompass.processes.models import ContactPerson, Organisation, StrategyProcess
from standortkompass.regiondata.models import Region, RegionLevel
from standortkompass.strategy.forms.fields import GermanDecimalField, GroupedCheckboxes
from standortkompass.strategy.models import Element, ElementKind, FundingSource, Milestone, ProjectSheet, Strategy

MARKDOWN_HELP = _("Markdown: paragraphs, lists, links, emphasis.")

# The German slugs of the kinds in the addresses of the create pages (/strategie/elemente/neu/ziel/).
KIND_SLUGS: dict[str, str] = {
    "leitbild": ElementKind.VISION,
    "ziel": ElementKind.GOAL,
    "handlungsfeld": ElementKind.FIELD,
    "massnahme": ElementKind.MEASURE,
    "projekt": ElementKind.PROJECT,
}
SLUG_OF_KIND: dict[str, str] = {kind: slug for slug, kind in KIND_SLUGS.items()}

# The fields of the element form per kind (``serves`` and ``parent`` are the relations).
KIND_FIELDS: dict[str, list[str]] = {
    ElementKind.VISION: ["title", "summary", "text"],
    ElementKind.GOAL: ["title", "summary", "text"],
    ElementKind.FIELD: ["title", "summary", "text", "rationale"],
    ElementKind.MEASURE: ["title", "parent", "summary", "text", "rationale"],
    ElementKind.PROJECT: ["title", "summary", "text"],
}


class StrategyForm(KernModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 8})}


class FieldChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Element) -> str:
        return obj.title


class ElementForm(KernModelForm):
    """An element of one kind: its texts, and for a measure its field of action and the goals it serves, for a
    project the measures it implements (checkboxes, the measures grouped by their field of action)."""

    serves = forms.ModelMultipleChoiceField(queryset=Element.objects.none(), required=False, widget=GroupedCheckboxes)

    class Meta:
        model = Element
        fields = ["title", "summary", "text", "rationale", "parent"]
        field_classes = {"parent": FieldChoice}
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "rationale": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, strategy: Strategy, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.strategy = strategy
        self.instance.kind = kind
        wanted = KIND_FIELDS[kind]
        for name in list(self.fields):
            if name not in wanted and name != "serves":
                del self.fields[name]
        self.fields["title"].error_messages["required"] = _("Enter the title.")
        self.fields["summary"].label = _("Short claim") if kind == ElementKind.VISION else _("Short text")
        self.fields["summary"].help_text = (
            _("One sentence that sums up the vision statement.")
            if kind == ElementKind.VISION
            else _("One or two sentences, shown in lists.")
        )
        self.fields["text"].label = _("Text") if kind == ElementKind.VISION else _("Description")
        self.fields["text"].help_text = MARKDOWN_HELP
        if "rationale" in self.fields:
            self.fields["rationale"].help_text = _("Why this matters for the location (Markdown).")
        elements = Element.objects.filter(strategy=strategy)
        if "parent" in self.fields:
            parent = self.fields["parent"]
            assert isinstance(parent, forms.ModelChoiceField)
            parent.queryset = elements.filter(kind=ElementKind.FIELD).order_by("order", "id")
            parent.required = True
            parent.empty_label = _("Please choose")
            parent.error_messages["required"] = _("Choose the field of action this measure belongs to.")
            parent.error_messages["invalid_choice"] = _("Choose a field of action of this strategy.")
            parent.help_text = _("Choosing another field of action moves the measure to the end of that field.")
        serves = self.fields["serves"]
        assert isinstance(serves, forms.ModelMultipleChoiceField)
        if kind == ElementKind.MEASURE:
            goals = list(elements.filter(kind=ElementKind.GOAL).order_by("order", "id"))
            serves.queryset = elements.filter(kind=ElementKind.GOAL)
            serves.label = _("Goals this measure serves")
            serves.choices = [(goal.pk, goal.title) for goal in goals]
        elif kind == ElementKind.PROJECT:
            measures = list(
                elements.filter(kind=ElementKind.MEASURE).select_related("parent").order_by("parent__order", "order")
            )
            serves.queryset = elements.filter(kind=ElementKind.MEASURE)
            serves.label = _("Measures this project implements")
            groups: dict[str, list[tuple[int, str]]] = {}
            for measure in measures:
                groups.setdefault(measure.parent.title if measure.parent else "", []).append(
                    (measure.pk, measure.title)
                )
            serves.choices = list(groups.items())
        if kind not in (ElementKind.MEASURE, ElementKind.PROJECT) or not serves.choices:
            del self.fields["serves"]
        elif self.instance.pk is not None:
            self.initial.setdefault("serves", [other.pk for other in self.instance.serves.all()])

    def element_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "serves"}

    def serves_chosen(self) -> list[Element] | None:
        """The chosen elements; None when the form has no choice (nothing to serve yet)."""
        if "serves" not in self.fields:
            return None if self.instance.pk is not None else []
        return list(self.cleaned_data.get("serves") or [])


class MoveForm(KernForm):
    """Up or down by one place (``richtung``), or to a position (``position``, 1-based)."""

    richtung = forms.ChoiceField(choices=[("hoch", "hoch"), ("runter", "runter")], required=False)
    position = forms.IntegerField(required=False, min_value=1)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("richtung") and cleaned.get("position") is None:
            raise forms.ValidationError(_("Enter the position to move the element to, as a number from 1."))
        return cleaned


class OrganisationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class ContactChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: ContactPerson) -> str:
        return f"{obj.name} ({obj.organisation.name})"


def _grouped_organisations(organisations: list[Organisation]) -> list[tuple[str, list[tuple[int, str]]]]:
    groups: dict[str, list[tuple[int, str]]] = {}
    for organisation in organisations:
        groups.setdefault(str(organisation.get_type_display()), []).append((organisation.pk, organisation.name))
    return sorted(groups.items())


class SheetForm(KernModelForm):
    """A project's fact sheet (Projektsteckbrief)."""

    budget = GermanDecimalField(
        label=_("Budget (EUR)"),
        required=False,
        decimals=2,
        invalid=_("Enter the budget in euros as a number, e.g. 250.000 or 12.500,50."),
        help_text=_("In euros, e.g. 250.000 or 12.500,50."),
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("A whole number from 0 to 100."),
        error_messages={
            "invalid": _("Enter the progress as a whole number from 0 to 100."),
            "min_value": _("Enter the progress as a whole number from 0 to 100."),
            "max_value": _("Enter the progress as a whole number from 0 to 100."),
            "required": _("Enter the progress as a whole number from 0 to 100."),
        },
    )

    class Meta:
        model = ProjectSheet
        fields = [
            "goal",
            "status",
            "progress",
            "lead_organisation",
            "partners",
            "other_partners",
            "target_groups",
            "municipalities",
            "start_date",
            "end_date",
            "budget",
            "funding_source",
            "funding_note",
            "risks",
            "contact",
        ]
        field_classes = {"lead_organisation": OrganisationChoice, "contact": ContactChoice}
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 4}),
            "risks": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "partners": GroupedCheckboxes,
            "municipalities": GroupedCheckboxes,
        }
        error_messages = {
            "start_date": {"invalid": _("Enter the start as a date, e.g. 2027-03-01.")},
            "end_date": {"invalid": _("Enter the end as a date, e.g. 2028-12-31.")},
        }

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = list(process.organisations.order_by("name", "pk"))
        lead = self.fields["lead_organisation"]
        partners = self.fields["partners"]
        municipalities = self.fields["municipalities"]
        contact = self.fields["contact"]
        assert isinstance(lead, forms.ModelChoiceField)
        assert isinstance(partners, forms.ModelMultipleChoiceField)
        assert isinstance(municipalities, forms.ModelMultipleChoiceField)
        assert isinstance(contact, forms.ModelChoiceField)
        lead.queryset = process.organisations.all()
        lead.choices = [("", _("No lead organisation yet")), *_grouped_organisations(organisations)]
        lead.help_text = _("From the actors of the process.")
        partners.queryset = process.organisations.all()
        partners.choices = _grouped_organisations(organisations)
        partners.help_text = _("From the actors of the process; others below under further partners.")
        towns = Region.objects.filter(level=RegionLevel.MUNICIPALITY, code__startswith=process.region.code)
        municipalities.queryset = towns
        municipalities.choices = [(town.pk, town.name) for town in towns.order_by("name", "code")]
        municipalities.help_text = _("The municipalities of the district the project concerns.")
        contact.queryset = ContactPerson.objects.filter(organisation__process=process).select_related("organisation")
        contact.queryset = contact.queryset.order_by("name", "pk")
        contact.empty_label = _("No contact person")
        contact.help_text = _("From the contact persons of the actors of the process.")
        funding: forms.ChoiceField = self.fields["funding_source"]  # type: ignore[assignment]
        funding.choices = [("", _("Not known yet")), *FundingSource.choices]
        for name in ("partners", "municipalities"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            if not field.choices:
                del self.fields[name]

    GROUPS = (
        (_("Goal and state"), ("goal", "status", "progress")),
        (_("Who takes part"), ("lead_organisation", "partners", "other_partners", "target_groups", "contact")),
        (_("Where and when"), ("municipalities", "start_date", "end_date")),
        (_("Funding"), ("budget", "funding_source", "funding_note")),
        (_("Risks"), ("risks",)),
    )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in the fieldsets of the form page."""
        return [(str(legend), [self[name] for name in names if name in self.fields]) for legend, names in self.GROUPS]

    def sheet_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name not in ("partners", "municipalities")}


class MilestoneForm(KernModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "reached_on"]
        widgets = {"due_date": DateInput(), "reached_on": DateInput()}
        error_messages = {
            "due_date": {"invalid": _("Enter the due date as a date, e.g. 2027-06-30.")},
            "reached_on": {"invalid": _("Enter the date the milestone was reached, e.g. 2027-06-30.")},
        }

    def __init__(self, *args: Any, sheet: ProjectSheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.project = sheet
