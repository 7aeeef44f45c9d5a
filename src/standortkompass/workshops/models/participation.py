"""Participants and what they contribute: cards (items), votes and ratings (contributions), commitments.

A participant is pseudonymous: a random token in a first-party cookie, set only when someone actively joins
and ending with the workshop; the database keeps only the token's SHA-256. A display name, the stakeholder
group and a link to an account or organisation are optional.

Every item and contribution belongs to one phase. Items carried into a later phase (the funnel) are copies
that point back to their source item, so each phase's result stands on its own and the lineage of an idea
can be followed ("Was wurde aus dieser Idee?").
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standortkompass.workshops.models.workshops import LiveSession, SessionPhase, Table

# Card text is short: what fits on a card on the wall.
CARD_MAX_LENGTH = 280


class StakeholderGroup(models.TextChoices):
    COMPANY = "company", pgettext_lazy("stakeholder group", "Company")
    MUNICIPALITY = "municipality", pgettext_lazy("stakeholder group", "Municipality")
    CHAMBER = "chamber", pgettext_lazy("stakeholder group", "Chamber or association")
    ADMINISTRATION = "administration", pgettext_lazy("stakeholder group", "Administration")
    SCIENCE = "science", pgettext_lazy("stakeholder group", "Science")
    OTHER = "other", pgettext_lazy("stakeholder group", "Other")


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    HOST = "host", _("Table host")


class Participant(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        LiveSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="participants"
    )
    # SHA-256 of the cookie's token; the token itself is never stored.
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    group = models.CharField(_("stakeholder group"), max_length=20, choices=StakeholderGroup.choices, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT
    )
    table = models.ForeignKey(
        Table, verbose_name=_("table"), null=True, blank=True, on_delete=models.SET_NULL, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshop_participations",
    )
    organisation = models.ForeignKey(
        "processes.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshop_participants",
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    # A facilitator removed this participant (disruptive); the token no longer works.
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ("joined_at",)

    def __str__(self) -> str:
        return self.display_name or str(_("Participant"))

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class ItemKind(models.TextChoices):
    CARD = "card", _("Card")
    CLUSTER = "cluster", _("Cluster")


class ItemOrigin(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    FACILITATOR = "facilitator", _("Facilitator")
    # Typed in from paper (cards on a pinboard); marked as such everywhere.
    PAPER = "paper", _("Paper")
    # Carried over from an earlier phase (the funnel) or prefilled from the strategy's sources.
    CARRIED = "carried", _("Carried over")


class Item(models.Model):
    """A card, an answer, a cluster or a project canvas in one phase."""

    phase = models.ForeignKey(SessionPhase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices, default=ItemKind.CARD)
    text = models.CharField(_("text"), max_length=CARD_MAX_LENGTH)
    # Canvas fields (goal, first steps, lead, partners, resources, risks, indicator) or a longer explanation.
    canvas = models.JSONField(_("canvas"), default=dict, blank=True)
    origin = models.CharField(_("origin"), max_length=20, choices=ItemOrigin.choices, default=ItemOrigin.PARTICIPANT)
    author = models.ForeignKey(
        "workshops.Participant",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    table = models.ForeignKey(
        Table, verbose_name=_("table"), null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    # The item of an earlier phase this one was carried over from.
    source_item = models.ForeignKey(
        "self",
        verbose_name=_("source item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_items",
    )
    # A card's cluster (an item of kind cluster in the same phase).
    cluster = models.ForeignKey(
        "self", verbose_name=_("cluster"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # Where an item prefilled from the strategy's sources came from (an evidence reference, e.g. a finding).
    source_reference = models.JSONField(_("source reference"), default=dict, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False, help_text=_("Hidden by the facilitator."))
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ("phase", "position", "id")
        indexes = [models.Index(fields=("phase", "kind"), name="workshop_item_phase_kind")]

    def __str__(self) -> str:
        return self.text


class ContributionOrigin(models.TextChoices):
    ONLINE = "online", _("Online")
    # Dot counts from a pinboard, typed in by the facilitator.
    PAPER = "paper", _("Paper")


class Contribution(models.Model):
    """One vote, allocation, rating, pairwise choice or rank of a participant on an item of a phase.

    ``ballot_key`` names what the value is about within the participant's ballot — the item (dot vote, points,
    rating, ranking), the item and criterion (matrix: ``"12:impact"``) or the pair (``"12-17"``, smaller id
    first; ``item`` is then the preferred one, ``value`` the strength, 0 for "equal"). The database keeps one
    row per participant, phase and key. ``value`` is ``None`` for "kann ich nicht beurteilen". Paper results
    have no participant and carry the count in ``value``.
    """

    phase = models.ForeignKey(
        SessionPhase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="contributions"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="contributions")
    other_item = models.ForeignKey(
        Item, verbose_name=_("other item"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.CharField(_("criterion"), max_length=40, blank=True)
    ballot_key = models.CharField(_("ballot key"), max_length=80)
    value = models.IntegerField(_("value"), null=True, blank=True)
    origin = models.CharField(
        _("origin"), max_length=10, choices=ContributionOrigin.choices, default=ContributionOrigin.ONLINE
    )
    # The participant's stakeholder group and table when they voted (kept if the participant leaves).
    group = models.CharField(_("stakeholder group"), max_length=20, choices=StakeholderGroup.choices, blank=True)
    table = models.ForeignKey(Table, verbose_name=_("table"), null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ("phase", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("phase", "participant", "ballot_key"),
                condition=Q(participant__isnull=False),
                name="workshop_contribution_once",
            )
        ]
        indexes = [models.Index(fields=("phase", "item"), name="workshop_contribution_item")]

    def __str__(self) -> str:
        return f"{self.ballot_key}={self.value}"


class Commitment(models.Model):
    """Someone signs up to carry an idea forward."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        SUPPORT = "support", _("Support")

    phase = models.ForeignKey(
        SessionPhase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="commitments"
    )
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="commitments")
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SUPPORT)
    # Name and organisation as the person wants to be named (required for paper entries).
    name = models.CharField(_("name"), max_length=120, blank=True)
    note = models.CharField(_("what I contribute"), max_length=280, blank=True)
    origin = models.CharField(
        _("origin"), max_length=10, choices=ContributionOrigin.choices, default=ContributionOrigin.ONLINE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ("item", "created_at")
        constraints = [
            models.UniqueConstraint(
                fields=("item", "participant"),
                condition=Q(participant__isnull=False),
                name="workshop_commitment_once",
            )
        ]

    def __str__(self) -> str:
        return self.name or str(self.item)
