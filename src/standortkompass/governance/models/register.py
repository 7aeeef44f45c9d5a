"""The register of the boards' recommendations (Sounding Board) and decisions (Lenkungskreis), with follow-up actions.

A decision may be the steering committee's decision on a submitted strategy version: recording it records the
decision on the version too (``strategy.services.versions.version_decide``, in the same transaction).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from standortkompass.governance.models.meetings import Confidentiality, Meeting
from standortkompass.processes.models import StrategyProcess


class EntryKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Recommendation")
    DECISION = "decision", _("Decision")


class EntryStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    DONE = "done", _("Done")
    REJECTED = "rejected", _("Rejected")


class RegisterEntry(models.Model):
    board = models.ForeignKey(
        "processes.Board", verbose_name=_("board"), on_delete=models.CASCADE, related_name="register_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices, default=EntryKind.RECOMMENDATION)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"), help_text=_("The wording of the recommendation or decision (Markdown)."))
    rationale = models.TextField(_("rationale"), blank=True, help_text=_("Formatted text (Markdown)."))
    decided_on = models.DateField(_("date"))
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="register_entries",
    )
    status = models.CharField(_("status"), max_length=15, choices=EntryStatus.choices, default=EntryStatus.OPEN)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=10, choices=Confidentiality.choices, default=Confidentiality.BOARD
    )
    elements = models.ManyToManyField(
        "strategy.Element", verbose_name=_("strategy elements"), blank=True, related_name="governance_entries"
    )
    votes_yes = models.PositiveIntegerField(_("votes in favour"), null=True, blank=True)
    votes_no = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True, help_text=_("Formatted text (Markdown)."))
    # The strategy version this decision approves (or does not approve).
    strategy_version = models.ForeignKey(
        "strategy.StrategyVersion",
        verbose_name=_("strategy version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="governance_decisions",
    )
    version_approved = models.BooleanField(_("version approved"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["confidentiality", "decided_on"], name="governance_entry_public")]

    def __str__(self) -> str:
        return self.subject

    @property
    def process(self) -> StrategyProcess:
        process: StrategyProcess = self.board.process
        return process

    @property
    def has_votes(self) -> bool:
        return any(value is not None for value in (self.votes_yes, self.votes_no, self.votes_abstain))

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.meeting is not None and self.board_id and self.meeting.board_id != self.board_id:
            errors["meeting"] = _("The meeting is one of another board.")
        if self.kind != EntryKind.DECISION:
            if self.has_votes:
                errors["votes_yes"] = _("Votes are counted for decisions only.")
            if self.strategy_version_id is not None:
                errors["strategy_version"] = _("Only a decision can approve a strategy version.")
        if self.strategy_version_id is not None and self.version_approved is None:
            errors["version_approved"] = _("Say whether the version is approved.")
        if errors:
            raise ValidationError(errors)


class FollowUpAction(models.Model):
    entry = models.ForeignKey(
        RegisterEntry, verbose_name=_("register entry"), on_delete=models.CASCADE, related_name="actions"
    )
    text = models.CharField(_("action"), max_length=300)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible (account)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="governance_actions",
    )
    owner_name = models.CharField(_("responsible (name)"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="governance_action_due")]

    def __str__(self) -> str:
        return self.text

    @property
    def owner_label(self) -> str:
        if self.owner_user is not None:
            return str(self.owner_user.full_name or self.owner_user.email)
        return self.owner_name

    def clean(self) -> None:
        if self.owner_user_id is None and not self.owner_name.strip():
            raise ValidationError({"owner_name": _("Name who is responsible: an account or a name.")})


class ActionReminder(models.Model):
    """The reminder of an action for one due date. Its unique pair makes each due date reminded once."""

    action = models.ForeignKey(
        FollowUpAction, verbose_name=_("follow-up action"), on_delete=models.CASCADE, related_name="reminders"
    )
    due_on = models.DateField(_("due on"))
    email = models.EmailField(_("e-mail address"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["action", "due_on"]
        constraints = [models.UniqueConstraint(fields=["action", "due_on"], name="one_reminder_per_due_date")]

    def __str__(self) -> str:
        return f"{self.action} ({self.due_on})"
