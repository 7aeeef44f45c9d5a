"""The settings of a phase, checked per kind: budgets, caps, scales, criteria, canvas fields, timer, reveal."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.workshops.models import DEFAULT_SETTINGS, PhaseKind, Reveal

# The fields of a project canvas, in the order a canvas shows them (``services.templates`` offers them too).
CANVAS_FIELDS: dict[str, str | Promise] = {
    "goal": gettext_lazy("Goal"),
    "first_steps": gettext_lazy("First steps"),
    "lead": gettext_lazy("Lead"),
    "partners": gettext_lazy("Partners"),
    "resources": gettext_lazy("Resources"),
    "risks": gettext_lazy("Risks"),
    "indicator": gettext_lazy("Indicator"),
}

# 7 items make 21 pairs: about what a room compares in ten minutes.
PAIRWISE_MAX_ITEMS = 7
MAX_TOP_N = 50
MAX_TIMER_SECONDS = 2 * 60 * 60

# Every phase has these; the others only where its kind uses them.
COMMON_SETTINGS = ("timer_seconds", "anonymous", "reveal")
KIND_SETTINGS: dict[str, tuple[str, ...]] = {
    PhaseKind.DOT_VOTE: ("budget", "cap_per_item", "self_voting"),
    PhaseKind.POINTS: ("budget", "cap_per_item", "self_voting"),
    PhaseKind.RATING: ("scale_min", "scale_max", "allow_cannot_judge", "criteria", "self_voting"),
    PhaseKind.MATRIX: ("scale_min", "scale_max", "allow_cannot_judge", "criteria", "self_voting"),
    PhaseKind.PAIRWISE: ("self_voting",),
    PhaseKind.RANKING: ("self_voting",),
    PhaseKind.CHECK_IN: ("max_cards_per_participant",),
    PhaseKind.COLLECT: ("max_cards_per_participant",),
    PhaseKind.CANVAS: ("canvas_fields", "max_cards_per_participant"),
}
BUDGETS: dict[str, tuple[int, int, int]] = {
    # kind: (lowest, highest, default)
    PhaseKind.DOT_VOTE: (1, 50, 5),
    PhaseKind.POINTS: (10, 1000, 100),
}
CRITERION_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
CRITERION_LABEL_LENGTH = 100


def _whole_number(settings: Mapping[str, Any], name: str, low: int, high: int, message: str) -> int:
    value = settings.get(name, DEFAULT_SETTINGS[name])
    if isinstance(value, bool):
        raise ValidationError({name: message})
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError({name: message}) from None
    if not low <= number <= high:
        raise ValidationError({name: message})
    return number


def _yes_no(settings: Mapping[str, Any], name: str) -> bool:
    value = settings.get(name, DEFAULT_SETTINGS[name])
    if not isinstance(value, bool):
        raise ValidationError({name: _("Choose yes or no.")})
    return value


def _criteria(kind: str, value: object) -> list[dict[str, str]]:
    if kind == PhaseKind.MATRIX:
        message = _("A matrix needs exactly two criteria, each with a key and a label.")
        wanted: tuple[int, ...] = (2,)
    else:
        message = _("A rating has at most one criterion, with a key and a label.")
        wanted = (0, 1)
    if not isinstance(value, list | tuple) or len(value) not in wanted:
        raise ValidationError({"criteria": message})
    criteria = []
    for entry in value:
        if not isinstance(entry, Mapping):
            raise ValidationError({"criteria": message})
        key = str(entry.get("key", "")).strip()
        label = str(entry.get("label", "")).strip()
        if not key or not label:
            raise ValidationError({"criteria": message})
        if not CRITERION_KEY.match(key):
            raise ValidationError(
                {
                    "criteria": _(
                        "A criterion's key consists of lower-case letters, digits and underscores "
                        "(at most 40 characters), e.g. “impact”."
                    )
                }
            )
        if len(label) > CRITERION_LABEL_LENGTH:
            raise ValidationError({"criteria": _("A criterion's label has at most 100 characters.")})
        criteria.append({"key": key, "label": label})
    if len({criterion["key"] for criterion in criteria}) != len(criteria):
        raise ValidationError({"criteria": _("The two criteria need different keys.")})
    return criteria


def _canvas_fields(value: object) -> list[str]:
    if value in (None, "", [], ()):
        return list(CANVAS_FIELDS)
    if not isinstance(value, list | tuple):
        raise ValidationError({"canvas_fields": _("Choose the canvas fields from the list.")})
    fields: list[str] = []
    for name in value:
        if name not in CANVAS_FIELDS:
            raise ValidationError({"canvas_fields": _("Unknown canvas field “%(field)s”.") % {"field": name}})
        if name not in fields:
            fields.append(str(name))
    return fields


def validate_settings(kind: str, settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """The settings of a phase of ``kind``, checked and complete (defaults filled in, settings the kind does not
    use left out). Raises a ``ValidationError`` naming the setting."""
    settings = dict(settings or {})
    unknown = sorted(name for name in settings if name not in DEFAULT_SETTINGS)
    if unknown:
        raise ValidationError({"settings": _("Unknown setting “%(name)s”.") % {"name": unknown[0]}})
    cleaned: dict[str, Any] = {
        "timer_seconds": _whole_number(
            settings,
            "timer_seconds",
            0,
            MAX_TIMER_SECONDS,
            _("The timer must be between 0 and 7200 seconds (two hours)."),
        ),
        "anonymous": _yes_no(settings, "anonymous"),
    }
    reveal = settings.get("reveal", DEFAULT_SETTINGS["reveal"])
    if reveal not in Reveal.values:
        raise ValidationError({"reveal": _("Choose when the results are shown.")})
    cleaned["reveal"] = str(reveal)
    names = KIND_SETTINGS.get(kind, ())
    if "budget" in names:
        low, high, default = BUDGETS[kind]
        if kind == PhaseKind.DOT_VOTE:
            message = _("A dot vote needs a budget of 1 to 50 dots per participant.")
        else:
            message = _("A point allocation needs a budget of 10 to 1000 points per participant.")
        cleaned["budget"] = _whole_number({"budget": settings.get("budget", default)}, "budget", low, high, message)
        cleaned["cap_per_item"] = _whole_number(
            settings,
            "cap_per_item",
            0,
            cleaned["budget"],
            _("The cap per item must be between 0 (no cap) and the budget."),
        )
    if "self_voting" in names:
        cleaned["self_voting"] = _yes_no(settings, "self_voting")
    if "scale_min" in names:
        cleaned["scale_min"] = _whole_number(settings, "scale_min", 0, 1, _("The scale starts at 0 or 1."))
        cleaned["scale_max"] = _whole_number(
            settings,
            "scale_max",
            cleaned["scale_min"] + 1,
            cleaned["scale_min"] + 9,
            _("The scale needs 2 to 10 points."),
        )
        cleaned["allow_cannot_judge"] = _yes_no(settings, "allow_cannot_judge")
        cleaned["criteria"] = _criteria(kind, settings.get("criteria", []))
    if "canvas_fields" in names:
        cleaned["canvas_fields"] = _canvas_fields(settings.get("canvas_fields"))
    if "max_cards_per_participant" in names:
        cleaned["max_cards_per_participant"] = _whole_number(
            settings,
            "max_cards_per_participant",
            0,
            50,
            _("The limit of cards per participant must be between 0 (no limit) and 50."),
        )
    return cleaned
