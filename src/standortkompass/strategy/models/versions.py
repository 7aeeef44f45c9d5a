"""Versions of a strategy (frozen snapshots), consultation rounds on a version, and their comments.

A version holds the whole tree with its indicators, fact sheets and evidence links as JSON
(``strategy.selectors.tree``: ``StrategyTree.to_json``), so it stays what it was when later drafts change
or delete elements (decision 0005). Comments name the element by its id in the snapshot.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from standortkompass.strategy.models.elements import ChangeAuthor, Strategy


class VersionState(models.TextChoices):
    FROZEN = "frozen", _("Frozen")
    SUBMITTED = "submitted", _("Submitted to the steering committee")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class StrategyVersion(ChangeAuthor):
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    label = models.CharField(_("label"), max_length=200, help_text=_("e.g. Entwurf für den Sounding Board"))
    note = models.TextField(_("what changed"), blank=True)
    snapshot = models.JSONField(_("snapshot"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=VersionState.choices, default=VersionState.FROZEN)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The decision of the steering committee, as the governance register recorded it.
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_summary = models.CharField(_("decision"), max_length=500, blank=True)
    decision_conditions = models.TextField(_("conditions"), blank=True)
    decision_url = models.CharField(_("link to the decision"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("strategy version")
        verbose_name_plural = _("strategy versions")
        ordering = ["strategy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="unique_version_number_per_strategy")
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.label}"


class ConsultationRound(ChangeAuthor):
    version = models.ForeignKey(
        StrategyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="consultations"
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("What participants are asked to do."))
    boards = models.ManyToManyField(
        "processes.Board", verbose_name=_("boards invited"), blank=True, related_name="consultations"
    )
    for_partners = models.BooleanField(_("partners invited"), default=False)
    deadline = models.DateTimeField(_("deadline"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")
        ordering = ["-deadline", "-id"]

    def __str__(self) -> str:
        return self.title


class CommentDisposition(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    TAKEN_UP = "taken_up", _("Taken up")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


class ConsultationComment(ChangeAuthor):
    consultation = models.ForeignKey(
        ConsultationRound, verbose_name=_("consultation round"), on_delete=models.CASCADE, related_name="comments"
    )
    # The element's id in the version's snapshot; empty for a comment on the version as a whole.
    element_id = models.PositiveIntegerField(_("element"), null=True, blank=True)
    element_title = models.CharField(_("element"), max_length=200, blank=True)
    author_label = models.CharField(
        _("author"), max_length=300, help_text=_("Name and board or organisation, as shown in the round.")
    )
    text = models.TextField(_("comment"))
    disposition = models.CharField(
        _("handling"), max_length=15, choices=CommentDisposition.choices, default=CommentDisposition.OPEN
    )
    response = models.TextField(_("response of the editorial team"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["consultation", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.disposition == CommentDisposition.NOT_TAKEN_UP and not self.response.strip():
            errors["response"] = _("Give the reason why the comment was not taken up.")
        if errors:
            raise ValidationError(errors)
