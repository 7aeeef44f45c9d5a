"""Forms of the facilitator console: reopening a phase with a reason, the timer, paper results (cards typed in,
dots counted on a pinboard), the card list's actions (merge, move into a cluster, hide, show) and clusters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.workshops.forms.manage import TIMER_MAX_MINUTES, ObjectChoiceField
from standortkompass.workshops.models import CARD_MAX_LENGTH, Item, ItemKind, LiveSession, Table

# How many cards one paper entry may hold (a pinboard of a whole room).
PAPER_CARDS_MAX = 200
# The most dots one item can get from a pinboard.
PAPER_POINTS_MAX = 10_000


class ReopenForm(KernForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit log, for example “Paper votes were missing”."),
    )


class TimerForm(KernForm):
    minutes = forms.IntegerField(
        label=_("Timer in minutes"),
        min_value=1,
        max_value=TIMER_MAX_MINUTES,
        help_text=_("Starts anew from now; participants and the projector see the time left."),
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class PaperCardsForm(KernForm):
    texts = forms.CharField(
        label=_("Cards from paper"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One card per line, as written on the paper cards. They are marked “Paper”."),
    )
    table = ObjectChoiceField(
        label=_("Table"), required=False, queryset=Table.objects.none(), empty_label=_("No table (plenary)")
    )

    def __init__(self, *args: Any, session: LiveSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        table: forms.ModelChoiceField = self.fields["table"]  # type: ignore[type-arg,assignment]
        table.queryset = session.tables.order_by("position", "id")
        if not session.tables.exists():
            self.fields["table"].widget = forms.HiddenInput()

    def clean_texts(self) -> list[str]:
        lines = _lines(self.cleaned_data["texts"])
        if not lines:
            raise forms.ValidationError(_("Type at least one card (one per line)."))
        if len(lines) > PAPER_CARDS_MAX:
            raise forms.ValidationError(
                _("At most %(count)d cards at once; enter the rest in a second step.") % {"count": PAPER_CARDS_MAX}
            )
        for number, line in enumerate(lines, start=1):
            if len(line) > CARD_MAX_LENGTH:
                raise forms.ValidationError(
                    _("Line %(line)d is longer than %(max)d characters: shorten it or split it into two cards.")
                    % {"line": number, "max": CARD_MAX_LENGTH}
                )
        return lines


class PaperPointsForm(KernForm):
    """Dot counts from a pinboard: one number per item (empty = no dots)."""

    def __init__(self, *args: Any, items: Iterable[Item], counts: dict[int, int] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.IntegerField(
                label=item.text,
                required=False,
                min_value=0,
                max_value=PAPER_POINTS_MAX,
                initial=(counts or {}).get(item.pk) or None,
                widget=forms.NumberInput(attrs={"class": "paper-count", "inputmode": "numeric"}),
            )

    def counts(self) -> dict[int, int]:
        return {item.pk: self.cleaned_data.get(f"item_{item.pk}") or 0 for item in self.items}


class CardsForm(KernForm):
    """The console's card list: cards chosen with check boxes, then merged, moved into a cluster, hidden or shown.

    One form for the list (no nested forms): each card's own "Hide" button sends its id as ``hide`` or ``show``."""

    ACTIONS = ("merge", "move", "hide", "show")

    items = forms.MultipleChoiceField(label=_("Cards"), required=False)
    target = forms.ChoiceField(label=_("Merge into"), required=False)
    cluster = forms.ChoiceField(label=_("Move into the cluster"), required=False)
    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS], required=False)
    hide = forms.IntegerField(required=False)
    show = forms.IntegerField(required=False)

    def __init__(
        self, *args: Any, cards: Sequence[Item], clusters: Sequence[Item], every: Sequence[Item], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cards = {item.pk: item for item in cards}
        self.clusters = {item.pk: item for item in clusters}
        # Every item of the phase, hidden ones too: what a single "Hide" or "Show" button may name.
        self.every = {item.pk: item for item in every}
        choices = [(str(item.pk), item.text) for item in cards]
        items: forms.MultipleChoiceField = self.fields["items"]  # type: ignore[assignment]
        items.choices = choices
        target: forms.ChoiceField = self.fields["target"]  # type: ignore[assignment]
        target.choices = [("", _("Choose the card to keep")), *choices]
        cluster: forms.ChoiceField = self.fields["cluster"]  # type: ignore[assignment]
        cluster.choices = [
            ("", _("Choose a cluster")),
            ("none", _("No cluster (take out)")),
            *[(str(item.pk), item.text) for item in clusters],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("hide") is not None or data.get("show") is not None:
            single = data.get("hide") if data.get("hide") is not None else data.get("show")
            if single not in self.every:
                raise forms.ValidationError(_("This card is not part of the phase."))
            data["action"] = "hide" if data.get("hide") is not None else "show"
            data["chosen"] = [self.every[single]]
            return data
        action = data.get("action")
        chosen = [self.cards[int(pk)] for pk in data.get("items") or []]
        data["chosen"] = chosen
        if not action:
            raise forms.ValidationError(_("Choose what to do with the cards."))
        if not chosen:
            self.add_error("items", _("Choose at least one card."))
            return data
        if action == "merge":
            target = data.get("target")
            if not target:
                self.add_error("target", _("Choose the card the others are merged into."))
            else:
                data["target_item"] = self.cards[int(target)]
                if len([item for item in chosen if item.pk != int(target)]) < 1:
                    self.add_error("items", _("Choose at least one card besides the one to keep."))
        if action == "move":
            cluster = data.get("cluster")
            if not cluster:
                self.add_error("cluster", _("Choose the cluster the cards go into."))
            else:
                data["cluster_item"] = None if cluster == "none" else self.clusters[int(cluster)]
        return data


class ClusterForm(KernForm):
    text = forms.CharField(label=_("Name of the cluster"), max_length=CARD_MAX_LENGTH)


class ClusterRenameForm(KernForm):
    cluster = forms.ChoiceField(label=_("Cluster"))
    text = forms.CharField(label=_("New name"), max_length=CARD_MAX_LENGTH)

    def __init__(self, *args: Any, clusters: Sequence[Item], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clusters = {item.pk: item for item in clusters if item.kind == ItemKind.CLUSTER}
        cluster: forms.ChoiceField = self.fields["cluster"]  # type: ignore[assignment]
        cluster.choices = [(str(pk), item.text) for pk, item in self.clusters.items()]

    def cluster_item(self) -> Item:
        return self.clusters[int(self.cleaned_data["cluster"])]
