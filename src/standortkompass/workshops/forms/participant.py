"""The participant's forms: the join code, joining (stakeholder group, optional name), cards, points, ratings,
pairwise choices, rankings, clusters, canvases and commitments.

The forms only read what was sent and name the field of a mistake; whether a vote fits the budget, the phase
is open or the item belongs to the phase is decided by the services (``services.contributions``). The votes
of a phase come as one field per item (``rating-12``, ``rating-12-impact``, ``pair-12-17``, ``rank-12``):
the functions below turn them into plain values for the services.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.processes.forms.manage import KernRadioSelect
from standortkompass.workshops.models import CARD_MAX_LENGTH, Commitment, StakeholderGroup

T = TypeVar("T")
DISPLAY_NAME_MAX_LENGTH = 60
# Strengths of a pairwise preference (1 = a little more important … 3 = much more important).
STRENGTHS = (1, 2, 3)
EQUAL = "equal"
CANNOT_JUDGE = "none"


class JoinCodeForm(KernForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six letters and digits shown on the projector or in your invitation, e.g. K7X4PQ."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "text", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Please type the code of the workshop.")},
    )


class JoinForm(KernForm):
    group = forms.ChoiceField(
        label=_("I am here for"),
        choices=StakeholderGroup.choices,
        widget=KernRadioSelect,
        help_text=_("The results are shown by stakeholder group; nobody sees who voted what."),
        error_messages={"required": _("Please choose the group you are here for.")},
    )
    display_name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("Shown to the facilitators only. You can leave it empty."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


class ProfileForm(JoinForm):
    """Change one's name or group after joining (the same fields)."""


class CardForm(KernForm):
    text = forms.CharField(
        label=_("Your card"),
        max_length=CARD_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please write something on the card.")},
    )
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PointsForm(KernForm):
    item = forms.IntegerField(widget=forms.HiddenInput)
    delta = forms.TypedChoiceField(
        choices=[(value, str(value)) for value in (-10, -1, 1, 10)], coerce=int, widget=forms.HiddenInput
    )


class ClusterMoveForm(KernForm):
    item = forms.IntegerField(widget=forms.HiddenInput)
    cluster = forms.IntegerField(required=False)


class ClusterCreateForm(KernForm):
    text = forms.CharField(
        label=_("Name of the new cluster"),
        max_length=CARD_MAX_LENGTH,
        error_messages={"required": _("Please give the cluster a name.")},
    )


class CommitmentForm(KernForm):
    item = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("My role"), choices=Commitment.Role.choices, initial=Commitment.Role.SUPPORT)
    name = forms.CharField(
        label=_("Name and organisation"),
        required=False,
        max_length=120,
    )
    note = forms.CharField(label=_("What I contribute"), required=False, max_length=280)


class CommitmentWithdrawForm(KernForm):
    item = forms.IntegerField(widget=forms.HiddenInput)


def canvas_form(fields: Sequence[tuple[str, str]], *, data: Mapping[str, object] | None = None) -> forms.Form:
    """A form with the title of the project idea and the phase's canvas fields (key, label), all but the title
    optional."""

    class CanvasForm(KernForm):
        item = forms.IntegerField(required=False, widget=forms.HiddenInput)
        text = forms.CharField(
            label=_("Title of the project idea"),
            max_length=CARD_MAX_LENGTH,
            error_messages={"required": _("Please give the project idea a title.")},
        )

    form = CanvasForm(data=data)
    for key, label in fields:
        form.fields[f"canvas_{key}"] = forms.CharField(
            label=label, required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
        )
    return form


# Votes on several items at once -------------------------------------------------------------------------------


@dataclass
class Parsed(Generic[T]):
    """What a vote form held: the values by field name, and the mistakes by field name."""

    values: dict[str, T] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


# (item id, criterion, value or None for "cannot judge")
RatingValue = tuple[int, str, int | None]
# (item a, item b, the preferred item's id or None for "equal", strength)
PairValue = tuple[int, int, int | None, int]


def rating_field(item_id: int, criterion: str = "") -> str:
    return f"rating-{item_id}-{criterion}" if criterion else f"rating-{item_id}"


def pair_field(first_id: int, second_id: int) -> str:
    return f"pair-{min(first_id, second_id)}-{max(first_id, second_id)}"


def parse_ratings(
    data: Mapping[str, str],
    *,
    item_ids: Sequence[int],
    criteria: Sequence[str],
    scale: Sequence[int],
    allow_cannot_judge: bool,
) -> Parsed[RatingValue]:
    """The ratings sent: ``(item id, criterion) → value`` (``None`` for "cannot judge"); items left empty are
    not in it (not changed)."""
    parsed: Parsed[RatingValue] = Parsed()
    for item_id in item_ids:
        for criterion in criteria or [""]:
            name = rating_field(item_id, criterion)
            raw = str(data.get(name, "") or "").strip()
            if not raw:
                continue
            if raw == CANNOT_JUDGE and allow_cannot_judge:
                parsed.values[name] = (item_id, criterion, None)
                continue
            try:
                value = int(raw)
            except ValueError:
                value = None
            if value is None or value not in scale:
                parsed.errors[name] = gettext("Choose a value from %(low)s to %(high)s.") % {
                    "low": min(scale),
                    "high": max(scale),
                }
                continue
            parsed.values[name] = (item_id, criterion, value)
    return parsed


def parse_pairs(data: Mapping[str, str], *, pairs: Sequence[tuple[int, int]]) -> Parsed[PairValue]:
    """The pairwise choices sent: ``field → (item a, item b, preferred id or None, strength)``. The preferred
    item is one of the pair or "equal"; the strength 1–3 (a missing strength counts as 1)."""
    parsed: Parsed[PairValue] = Parsed()
    for first, second in pairs:
        name = pair_field(first, second)
        raw = str(data.get(name, "") or "").strip()
        if not raw:
            continue
        if raw == EQUAL:
            parsed.values[name] = (first, second, None, 0)
            continue
        if raw not in {str(first), str(second)}:
            parsed.errors[name] = gettext("Choose one of the two or “equally important”.")
            continue
        strength_raw = str(data.get(f"{name}-strength", "") or "1").strip()
        try:
            strength = int(strength_raw)
        except ValueError:
            strength = 0
        if strength not in STRENGTHS:
            parsed.errors[f"{name}-strength"] = gettext("Choose how much more important it is.")
            continue
        parsed.values[name] = (first, second, int(raw), strength)
    return parsed


def parse_ranking(data: Mapping[str, str], *, item_ids: Sequence[int]) -> Parsed[list[int]]:
    """The ranking sent as a place per item (``rank-<id>``, the place shown before in ``prev-<id>``), then an
    optional move (``move`` = ``<id>:up`` or ``<id>:down``). ``values["order"]`` is the list of item ids, best
    first.

    A place chosen for one entry puts it there and moves the others along (an entry whose place was changed comes
    before one that kept the same place), so two entries on one place are no mistake."""
    parsed: Parsed[list[int]] = Parsed()
    count = len(item_ids)
    keys: dict[int, tuple[int, int, int]] = {}
    for position, item_id in enumerate(item_ids, start=1):
        name = f"rank-{item_id}"
        previous = _number(data.get(f"prev-{item_id}"), default=position)
        place = _number(data.get(name), default=previous)
        if not 1 <= place <= count:
            parsed.errors[name] = gettext("Choose a place from 1 to %(count)s.") % {"count": count}
            continue
        keys[item_id] = (place, 0 if place != previous else 1, previous)
    if parsed.errors:
        return parsed
    order = sorted(item_ids, key=lambda item_id: keys[item_id])
    move = str(data.get("move", "") or "")
    raw_id, _separator, direction = move.partition(":")
    moved = _number(raw_id, default=0)
    if moved in order and direction in {"up", "down"}:
        index = order.index(moved)
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(order):
            order[index], order[target] = order[target], order[index]
    parsed.values["order"] = order
    return parsed


def _number(raw: object, *, default: int) -> int:
    text = str(raw or "").strip()
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        return -1
