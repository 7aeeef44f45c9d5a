"""Forms of the workshops' management area: workshops and sessions, a session's phases (the common fields plus
the settings a phase of that kind has, see ``SETTINGS_BY_KIND``), tables and the pick for a later phase. The
console's forms (reopening, the timer, paper results, cards and clusters) are in ``forms.console``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.processes.forms.manage import KernRadioSelect
from standortkompass.processes.models import Event, EventKind, Phase, StrategyProcess
from standortkompass.workshops.models import (
    DEFAULT_SETTINGS,
    InputMode,
    Item,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseScope,
    Reveal,
    SessionPhase,
    Table,
    Workshop,
    WorkshopKind,
    WorkshopMode,
)
from standortkompass.workshops.services.phases import CANVAS_FIELDS

# The longest timer a facilitator can set, in minutes (services.phases: two hours).
TIMER_MAX_MINUTES = 120


class KernCheckboxes(forms.CheckboxSelectMultiple):
    """Check boxes with KERN markup (the fieldset and legend come from core/field.html)."""

    template_name = "workshops/manage/widgets/checkboxes.html"


class ObjectChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class EventChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Event) -> str:
        from django.utils import timezone
        from django.utils.formats import date_format

        return f"{date_format(timezone.localtime(obj.start), 'SHORT_DATETIME_FORMAT')}: {obj.title}"


class PhaseChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Phase) -> str:
        return obj.name


class WorkshopForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of workshop"), choices=WorkshopKind.choices, widget=KernRadioSelect)
    mode = forms.ChoiceField(label=_("Mode"), choices=WorkshopMode.choices, widget=KernRadioSelect)
    event = EventChoiceField(
        label=_("Date"),
        required=False,
        queryset=Event.objects.none(),
        empty_label=_("No date"),
        help_text=_("A date of kind “Workshop” in the process's calendar (Dates)."),
    )
    phase = PhaseChoiceField(
        label=_("Process phase"), required=False, queryset=Phase.objects.none(), empty_label=_("No phase")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Formatted text (Markdown)."),
    )
    programme = forms.CharField(
        label=_("Programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The agenda of the day as formatted text (Markdown)."),
    )

    def __init__(self, *args: Any, process: StrategyProcess, workshop: Workshop | None = None, **kwargs: Any) -> None:
        if workshop is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": workshop.title,
                    "kind": workshop.kind,
                    "mode": workshop.mode,
                    "event": workshop.event_id,
                    "phase": workshop.phase_id,
                    "description": workshop.description,
                    "programme": workshop.programme,
                },
            )
        else:
            kwargs.setdefault("initial", {"kind": WorkshopKind.STRATEGY, "mode": WorkshopMode.ON_SITE})
        super().__init__(*args, **kwargs)
        event: forms.ModelChoiceField = self.fields["event"]  # type: ignore[type-arg,assignment]
        event.queryset = process.events.filter(kind=EventKind.WORKSHOP).order_by("start", "id")
        phase: forms.ModelChoiceField = self.fields["phase"]  # type: ignore[type-arg,assignment]
        phase.queryset = process.phases.order_by("order", "start_date", "id")


TEMPLATE_CHOICES = [
    ("company", _("Company workshop: World Café on strengths, obstacles and needs, harvest, clusters")),
    ("strategy", _("Strategy workshop: candidates, dot vote, table rounds, matrix, pairwise comparison")),
    ("future", _("Future workshop: critique, fantasy and realisation phases, project canvases, commitments")),
    ("", _("Empty: add the phases yourself")),
]
TEMPLATE_FOR_KIND = {
    WorkshopKind.COMPANY: "company",
    WorkshopKind.STRATEGY: "strategy",
    WorkshopKind.FUTURE: "future",
    WorkshopKind.FREE: "",
}


class SessionCreateForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("For example “Session 1” or the date."))
    template = forms.ChoiceField(
        label=_("Template"),
        choices=TEMPLATE_CHOICES,
        widget=KernRadioSelect,
        required=False,
        help_text=_("The template's phases are copied into the session; you can change them afterwards."),
    )

    def __init__(self, *args: Any, workshop: Workshop, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"title": _("Session 1"), "template": TEMPLATE_FOR_KIND.get(WorkshopKind(workshop.kind), "")}
        )
        super().__init__(*args, **kwargs)


class SessionTitleForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)


# The settings each kind of phase has (``SessionPhase.settings``; the defaults in ``DEFAULT_SETTINGS``).
SETTINGS_BY_KIND: dict[str, tuple[str, ...]] = {
    PhaseKind.INFORMATION: ("timer_minutes",),
    PhaseKind.CHECK_IN: ("timer_minutes", "reveal", "anonymous", "max_cards_per_participant"),
    PhaseKind.COLLECT: ("timer_minutes", "reveal", "anonymous", "max_cards_per_participant"),
    PhaseKind.CLUSTER: ("timer_minutes", "reveal"),
    PhaseKind.DOT_VOTE: ("timer_minutes", "reveal", "budget", "cap_per_item", "self_voting"),
    PhaseKind.POINTS: ("timer_minutes", "reveal", "budget", "cap_per_item", "self_voting"),
    PhaseKind.RATING: (
        "timer_minutes",
        "reveal",
        "criterion_x",
        "scale_min",
        "scale_max",
        "allow_cannot_judge",
        "self_voting",
    ),
    PhaseKind.MATRIX: (
        "timer_minutes",
        "reveal",
        "criterion_x",
        "criterion_y",
        "scale_min",
        "scale_max",
        "allow_cannot_judge",
        "self_voting",
    ),
    PhaseKind.PAIRWISE: ("timer_minutes", "reveal", "self_voting"),
    PhaseKind.RANKING: ("timer_minutes", "reveal", "self_voting"),
    PhaseKind.CANVAS: ("timer_minutes", "reveal", "canvas_fields", "max_cards_per_participant"),
    PhaseKind.COMMITMENTS: ("timer_minutes", "reveal"),
    PhaseKind.SUMMARY: (),
}
# Kinds that work on the items of an earlier phase (the others start empty).
INPUT_KINDS = frozenset(
    {
        PhaseKind.CLUSTER,
        PhaseKind.DOT_VOTE,
        PhaseKind.POINTS,
        PhaseKind.RATING,
        PhaseKind.MATRIX,
        PhaseKind.PAIRWISE,
        PhaseKind.RANKING,
        PhaseKind.CANVAS,
        PhaseKind.COMMITMENTS,
        PhaseKind.SUMMARY,
        PhaseKind.COLLECT,
    }
)
_SETTING_FIELDS = {"timer_minutes", "criterion_x", "criterion_y", "canvas_fields"}


def canvas_field_choices() -> list[tuple[str, str]]:
    """The fields a project canvas can ask (``services.phases.CANVAS_FIELDS``), as choices."""
    return [(key, str(label)) for key, label in CANVAS_FIELDS.items()]


class PhaseKindForm(KernForm):
    """The first step of a new phase: its kind (a GET form; the kind decides the settings asked)."""

    art = forms.ChoiceField(label=_("Kind of phase"), choices=PhaseKind.choices, widget=KernRadioSelect)


class PhaseForm(KernForm):
    """A phase's common fields and the settings of its kind."""

    title = forms.CharField(label=_("Title"), max_length=200)
    prompt = forms.CharField(
        label=_("Prompt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The question or task participants see."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=PhaseScope.choices,
        widget=KernRadioSelect,
        help_text=_("Per table: every table works on its own items (World Café, groups)."),
    )
    input_mode = forms.ChoiceField(label=_("Items to work on"), choices=InputMode.choices, widget=KernRadioSelect)
    input_phase = ObjectChoiceField(
        label=_("Earlier phase"),
        required=False,
        queryset=SessionPhase.objects.none(),
        empty_label=_("No earlier phase"),
        help_text=_("The phase whose items this phase takes (all of them, the top N or your pick)."),
    )
    input_top_n = forms.IntegerField(
        label=_("Top N"),
        required=False,
        min_value=1,
        max_value=200,
        help_text=_("Only for “The top N of an earlier phase”: how many items go on."),
    )
    timer_minutes = forms.IntegerField(
        label=_("Time in minutes"),
        required=False,
        min_value=0,
        max_value=TIMER_MAX_MINUTES,
        help_text=_(
            "The timer starts when the phase opens; you can start it anew in the console. 0 or empty for no timer."
        ),
    )
    reveal = forms.ChoiceField(
        label=_("Show results"),
        choices=Reveal.choices,
        widget=KernRadioSelect,
        help_text=_("On the projector and the participants' phones."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous"), required=False, help_text=_("The projector and the cards show no names.")
    )
    max_cards_per_participant = forms.IntegerField(
        label=_("Cards per participant at most"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("0 or empty for no limit."),
    )
    budget = forms.IntegerField(
        label=_("Points per participant"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("Dot vote: the number of dots (e.g. 5); 100-point allocation: 100."),
    )
    cap_per_item = forms.IntegerField(
        label=_("Points per item at most"),
        required=False,
        min_value=0,
        max_value=1000,
        help_text=_("0 or empty for no cap."),
    )
    self_voting = forms.BooleanField(label=_("Participants may vote for their own cards"), required=False)
    criterion_x = forms.CharField(
        label=_("Criterion"),
        max_length=40,
        required=False,
        help_text=_("For example “Wirkung”. A matrix has a second criterion below."),
    )
    criterion_y = forms.CharField(
        label=_("Second criterion"), max_length=40, required=False, help_text=_("For example “Umsetzbarkeit”.")
    )
    scale_min = forms.IntegerField(label=_("Scale from"), required=False, min_value=0, max_value=10)
    scale_max = forms.IntegerField(label=_("Scale to"), required=False, min_value=1, max_value=10)
    allow_cannot_judge = forms.BooleanField(label=_("Offer “I cannot judge this”"), required=False)
    canvas_fields = forms.MultipleChoiceField(
        label=_("Fields of the project canvas"), required=False, widget=KernCheckboxes
    )

    def __init__(
        self,
        *args: Any,
        session: LiveSession,
        kind: str,
        phase: SessionPhase | None = None,
        **kwargs: Any,
    ) -> None:
        self.kind = kind
        self.phase = phase
        kwargs.setdefault("initial", self._initial(kind, phase))
        super().__init__(*args, **kwargs)
        wanted = set(SETTINGS_BY_KIND.get(kind, ()))
        for name in list(self.fields):
            if (name in _SETTING_FIELDS or name in DEFAULT_SETTINGS) and name not in wanted:
                del self.fields[name]
        if kind not in INPUT_KINDS:
            for name in ("input_mode", "input_phase", "input_top_n"):
                del self.fields[name]
        else:
            earlier = session.phases.order_by("position", "id")
            if phase is not None:
                earlier = earlier.filter(position__lt=phase.position).exclude(pk=phase.pk)
            input_phase: forms.ModelChoiceField = self.fields["input_phase"]  # type: ignore[type-arg,assignment]
            input_phase.queryset = earlier
        if "canvas_fields" in self.fields:
            canvas: forms.MultipleChoiceField = self.fields["canvas_fields"]  # type: ignore[assignment]
            canvas.choices = canvas_field_choices()
        if kind == PhaseKind.MATRIX and "criterion_x" in self.fields:
            self.fields["criterion_x"].label = _("First criterion (x axis)")
            self.fields["criterion_x"].help_text = _("For example “Wirkung”.")
            self.fields["criterion_y"].label = _("Second criterion (y axis)")

    @staticmethod
    def _initial(kind: str, phase: SessionPhase | None) -> dict[str, Any]:
        settings: dict[str, Any] = {**DEFAULT_SETTINGS, **(phase.settings if phase else {})}
        if phase is None and kind == PhaseKind.POINTS:
            settings["budget"] = 100
        criteria = settings.get("criteria") or []
        initial: dict[str, Any] = {
            "kind": kind,
            "scope": PhaseScope.PLENARY,
            "input_mode": InputMode.NONE,
            "timer_minutes": (settings.get("timer_seconds") or 0) // 60,
            "reveal": settings.get("reveal"),
            "anonymous": settings.get("anonymous"),
            "max_cards_per_participant": settings.get("max_cards_per_participant"),
            "budget": settings.get("budget"),
            "cap_per_item": settings.get("cap_per_item"),
            "self_voting": settings.get("self_voting"),
            "scale_min": settings.get("scale_min"),
            "scale_max": settings.get("scale_max"),
            "allow_cannot_judge": settings.get("allow_cannot_judge"),
            "criterion_x": criteria[0].get("label", "") if len(criteria) > 0 else "",
            "criterion_y": criteria[1].get("label", "") if len(criteria) > 1 else "",
            "canvas_fields": settings.get("canvas_fields") or [],
        }
        if phase is None:
            initial["title"] = PhaseKind(kind).label if kind in PhaseKind.values else ""
            if kind == PhaseKind.MATRIX:
                initial["criterion_x"], initial["criterion_y"] = _("Impact"), _("Feasibility")
            if kind == PhaseKind.CANVAS:
                initial["canvas_fields"] = [key for key, _label in canvas_field_choices()]
        else:
            initial.update(
                {
                    "title": phase.title,
                    "prompt": phase.prompt,
                    "scope": phase.scope,
                    "input_mode": phase.input_mode,
                    "input_phase": phase.input_phase_id,
                    "input_top_n": phase.input_top_n,
                }
            )
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mode = data.get("input_mode")
        if mode and mode != InputMode.NONE and data.get("input_phase") is None:
            self.add_error("input_phase", _("Choose the earlier phase whose items this phase takes."))
        if mode == InputMode.TOP and not data.get("input_top_n"):
            self.add_error("input_top_n", _("Give how many items go on (the top N)."))
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and low >= high:
            self.add_error("scale_max", _("The scale must end above its start."))
        if self.kind == PhaseKind.MATRIX:
            for name in ("criterion_x", "criterion_y"):
                if name in self.fields and not (data.get(name) or "").strip():
                    self.add_error(name, _("A matrix needs two criteria: give both."))
        return data

    def settings(self) -> dict[str, Any]:
        """The phase's settings from the cleaned data (those of its kind; the others kept as they were)."""
        data = self.cleaned_data
        settings: dict[str, Any] = dict(self.phase.settings) if self.phase else {}
        for name in SETTINGS_BY_KIND.get(self.kind, ()):
            if name in _SETTING_FIELDS:
                continue
            value = data.get(name)
            if value is None:
                value = 100 if name == "budget" and self.kind == PhaseKind.POINTS else DEFAULT_SETTINGS[name]
            settings[name] = value
        if "timer_minutes" in self.fields:
            settings["timer_seconds"] = (data.get("timer_minutes") or 0) * 60
        if "criterion_x" in self.fields:
            labels = [(data.get("criterion_x") or "").strip()]
            if "criterion_y" in self.fields:
                labels.append((data.get("criterion_y") or "").strip())
            old = (self.phase.settings.get("criteria") if self.phase else None) or []
            settings["criteria"] = criteria_from_labels([label for label in labels if label], old)
        if "canvas_fields" in self.fields:
            settings["canvas_fields"] = list(data.get("canvas_fields") or [])
        return settings

    def service_data(self) -> dict[str, Any]:
        """What ``phase_add`` and ``phase_update`` take."""
        data = self.cleaned_data
        result: dict[str, Any] = {
            "kind": self.kind,
            "title": data["title"],
            "prompt": data.get("prompt", ""),
            "scope": data.get("scope") or PhaseScope.PLENARY,
            "input_mode": data.get("input_mode") or InputMode.NONE,
            "input_phase": data.get("input_phase"),
            "input_top_n": data.get("input_top_n"),
            "settings": self.settings(),
        }
        if result["input_mode"] == InputMode.NONE:
            result["input_phase"] = None
            result["input_top_n"] = None
        return result


def criteria_from_labels(labels: Sequence[str], old: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """Criteria (key and label) for the given labels: a criterion keeps the key it had at its position (ballot
    keys of cast votes name it), a new one gets a key from its label."""
    criteria: list[dict[str, str]] = []
    used: set[str] = set()
    for index, label in enumerate(labels):
        key = old[index]["key"] if index < len(old) and old[index].get("key") else ""
        if not key:
            key = re.sub(r"[^a-z0-9]+", "_", slugify(label)).strip("_")[:30]
            if not key or not key[0].isalpha():
                key = f"k_{key}".rstrip("_")[:30]
        while key in used:
            key = f"{key[:28]}_{index + 1}"
        used.add(key)
        criteria.append({"key": key, "label": label})
    return criteria


class ParticipantChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Participant) -> str:
        return participant_label(obj)


class TableForm(KernForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    host = ParticipantChoiceField(
        label=_("Table host"),
        required=False,
        queryset=Participant.objects.none(),
        empty_label=_("No table host"),
        help_text=_("A participant who has joined the session; the host stays when the tables rotate."),
    )

    def __init__(self, *args: Any, session: LiveSession, table: Table | None = None, **kwargs: Any) -> None:
        if table is not None:
            kwargs.setdefault("initial", {"name": table.name, "topic": table.topic, "host": table.host_id})
        super().__init__(*args, **kwargs)
        host: forms.ModelChoiceField = self.fields["host"]  # type: ignore[type-arg,assignment]
        host.queryset = session.participants.filter(removed_at__isnull=True).order_by("joined_at")


def participant_label(participant: Participant) -> str:
    name = participant.display_name or str(_("Participant without a name"))
    if participant.group:
        return f"{name} ({participant.get_group_display()})"
    return name


class PickForm(KernForm):
    items = forms.MultipleChoiceField(
        label=_("Items that go on"),
        required=False,
        widget=KernCheckboxes,
        help_text=_("The chosen items are carried into the phase when it opens, in this order."),
    )

    def __init__(self, *args: Any, items: Sequence[Item], picked: Sequence[object], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"items": [str(value) for value in picked]})
        super().__init__(*args, **kwargs)
        field: forms.MultipleChoiceField = self.fields["items"]  # type: ignore[assignment]
        field.choices = [(str(item.pk), item.text) for item in items]

    def item_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data.get("items") or []]
