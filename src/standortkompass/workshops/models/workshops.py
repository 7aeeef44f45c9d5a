"""Workshops and their live sessions with phases and tables (issue 13; docs/workshops.md).

A **workshop** (Unternehmensworkshop, Strategiewerkstatt, Zukunftswerkstatt or a free format) belongs to a
process, is linked to its event of kind "Workshop" and to a phase of the process, and has one or more **live
sessions**. A session has a short join code, a state, the phase now shown and an ordered list of **phases**.
Each phase has a kind (collect cards, dot vote, matrix …), a scope (plenary or per table), a state, an input
selection (which items of an earlier phase it works on: all, the top N or the facilitator's pick — the
narrowing funnel) and its settings. Closing a phase freezes its result as a snapshot.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from standortkompass.processes.models import StrategyProcess


class WorkshopKind(models.TextChoices):
    COMPANY = "company", _("Company workshop")
    STRATEGY = "strategy", _("Strategy workshop")
    FUTURE = "future", _("Future workshop")
    FREE = "free", _("Free format")


class WorkshopMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Workshop(models.Model):
    process = models.ForeignKey(
        StrategyProcess, verbose_name=_("process"), on_delete=models.CASCADE, related_name="workshops"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=WorkshopKind.choices, default=WorkshopKind.FREE)
    mode = models.CharField(_("mode"), max_length=20, choices=WorkshopMode.choices, default=WorkshopMode.ON_SITE)
    event = models.ForeignKey(
        "processes.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshops",
        help_text=_("The date of kind “Workshop” in the process's calendar."),
    )
    phase = models.ForeignKey(
        "processes.Phase",
        verbose_name=_("process phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshops",
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Formatted text (Markdown)."))
    programme = models.TextField(
        _("programme"), blank=True, help_text=_("The agenda of the day as formatted text (Markdown).")
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.title


class SessionState(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    LIVE = "live", _("Live")
    ENDED = "ended", _("Ended")


class LiveSession(models.Model):
    """One live run of a workshop: participants join it by its code while it is live."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    # Short, unambiguous characters (services.codes); unique across the installation.
    join_code = models.CharField(_("join code"), max_length=12, unique=True)
    # The secret part of the projector's address (a projector laptop need not log in).
    projector_key = models.CharField(_("projector key"), max_length=64, unique=True)
    state = models.CharField(_("state"), max_length=20, choices=SessionState.choices, default=SessionState.PREPARED)
    current_phase = models.ForeignKey(
        "workshops.SessionPhase",
        verbose_name=_("current phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Raised with every change participants, tables or the projector should see (services.live); clients that
    # miss a number fetch the whole state.
    sequence = models.PositiveBigIntegerField(_("sequence number"), default=0)
    # The table round (World Café): participants move to other tables between rounds.
    round = models.PositiveSmallIntegerField(_("table round"), default=1)
    # Where the session came from (a template's key), for the documentation.
    template = models.CharField(_("template"), max_length=40, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.title

    @property
    def process(self) -> StrategyProcess:
        return self.workshop.process


class PhaseKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    CHECK_IN = "check_in", _("Check-in question")
    COLLECT = "collect", _("Collect cards")
    CLUSTER = "cluster", _("Cluster")
    DOT_VOTE = "dot_vote", _("Dot vote")
    POINTS = "points", _("100-point allocation")
    RATING = "rating", _("Rating on a scale")
    MATRIX = "matrix", _("Matrix of two criteria")
    PAIRWISE = "pairwise", _("Pairwise comparison")
    RANKING = "ranking", _("Ranking")
    CANVAS = "canvas", _("Project canvas")
    COMMITMENTS = "commitments", _("Commitments")
    SUMMARY = "summary", _("Summary")


# Kinds in which participants vote on items (one ballot per participant and phase).
VOTING_KINDS = frozenset(
    {PhaseKind.DOT_VOTE, PhaseKind.POINTS, PhaseKind.RATING, PhaseKind.MATRIX, PhaseKind.PAIRWISE, PhaseKind.RANKING}
)
# Kinds in which participants write items (cards, answers, canvases).
WRITING_KINDS = frozenset({PhaseKind.CHECK_IN, PhaseKind.COLLECT, PhaseKind.CANVAS})


class PhaseScope(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    TABLE = "table", _("Per table")


class PhaseState(models.TextChoices):
    PENDING = "pending", _("Pending")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class InputMode(models.TextChoices):
    NONE = "none", _("No items from an earlier phase")
    ALL = "all", _("All items of an earlier phase")
    TOP = "top", _("The top N of an earlier phase")
    PICK = "pick", _("The facilitator's pick")


class Reveal(models.TextChoices):
    LIVE = "live", _("Live, while voting")
    ON_CLOSE = "on_close", _("When the phase closes")
    MANUAL = "manual", _("When the facilitator reveals them")


# The settings a phase may carry, with their defaults (services.phases validates them per kind).
DEFAULT_SETTINGS: dict[str, Any] = {
    "timer_seconds": 0,
    "anonymous": True,
    "reveal": Reveal.ON_CLOSE.value,
    "budget": 5,
    "cap_per_item": 0,
    "self_voting": True,
    "scale_min": 1,
    "scale_max": 5,
    "allow_cannot_judge": True,
    # Matrix criteria (x, y) or the rating's criterion: [{"key": "impact", "label": "Wirkung"}, …]
    "criteria": [],
    # Canvas fields asked (services.templates.CANVAS_FIELDS by default).
    "canvas_fields": [],
    "max_cards_per_participant": 0,
}


class SessionPhase(models.Model):
    session = models.ForeignKey(LiveSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=PhaseKind.choices)
    title = models.CharField(_("title"), max_length=200)
    prompt = models.TextField(_("prompt"), blank=True, help_text=_("The question or task participants see."))
    scope = models.CharField(_("scope"), max_length=10, choices=PhaseScope.choices, default=PhaseScope.PLENARY)
    state = models.CharField(_("state"), max_length=10, choices=PhaseState.choices, default=PhaseState.PENDING)
    input_mode = models.CharField(_("input"), max_length=10, choices=InputMode.choices, default=InputMode.NONE)
    input_phase = models.ForeignKey(
        "self",
        verbose_name=_("input phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="output_phases",
    )
    input_top_n = models.PositiveSmallIntegerField(_("top N"), null=True, blank=True)
    # The facilitator's pick: ids of items of the input phase.
    picked = models.JSONField(_("picked items"), default=list, blank=True)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    revealed = models.BooleanField(_("results revealed"), default=False)
    # Show results split by stakeholder group (projector, documentation).
    split_by_group = models.BooleanField(_("split by stakeholder group"), default=False)
    timer_ends_at = models.DateTimeField(_("timer ends"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The frozen result (what the projector showed and what is exported), written when the phase closes.
    snapshot = models.JSONField(_("result snapshot"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ("session", "position", "id")

    def __str__(self) -> str:
        return self.title

    def setting(self, name: str) -> Any:
        return self.settings.get(name, DEFAULT_SETTINGS[name])

    @property
    def is_voting(self) -> bool:
        return self.kind in VOTING_KINDS

    @property
    def is_writing(self) -> bool:
        return self.kind in WRITING_KINDS


class Table(models.Model):
    """A table (group) for World-Café rounds and Zukunftswerkstatt groups."""

    session = models.ForeignKey(LiveSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=100)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    host = models.ForeignKey(
        "workshops.Participant",
        verbose_name=_("table host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_tables",
    )

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ("session", "position", "id")

    def __str__(self) -> str:
        return self.name
