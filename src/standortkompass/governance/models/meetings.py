"""Board meetings: the meeting of a board at a date of the process, its agenda, attendance, minutes, invitations.

A meeting belongs to a board (``processes.Board``) and to its date (``processes.Event`` of the kind
"board meeting"), so that the calendar, the feeds and the members' dates keep working as they do. Each
meeting, agenda item, document and register entry carries a confidentiality: internal (Administration and
Redaktion), board (plus the members of that board) or public.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from standortkompass.processes.models import EventKind, StrategyProcess


class Confidentiality(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    BOARD = "board", _("Board")
    PUBLIC = "public", _("Public")


CONFIDENTIALITY_HELP = _(
    "Internal: only Administration and the editorial team. Board: also the members of this board. "
    "Public: everyone, also on the public website."
)


class Meeting(models.Model):
    board = models.ForeignKey(
        "processes.Board", verbose_name=_("board"), on_delete=models.CASCADE, related_name="meetings"
    )
    event = models.OneToOneField(
        "processes.Event", verbose_name=_("date"), on_delete=models.CASCADE, related_name="meeting"
    )
    confidentiality = models.CharField(
        _("confidentiality"), max_length=10, choices=Confidentiality.choices, default=Confidentiality.BOARD
    )
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Formatted text (Markdown)."))
    # The minutes are approved at a later meeting of the same board; from then on they are final.
    minutes_approved_at = models.ForeignKey(
        "self",
        verbose_name=_("minutes approved at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes",
    )
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")
        ordering = ["event__start", "id"]

    def __str__(self) -> str:
        return self.event.title

    @property
    def process(self) -> StrategyProcess:
        process: StrategyProcess = self.board.process
        return process

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_approved_on is not None

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.event_id and self.board_id:
            if self.event.process_id != self.board.process_id:
                errors["event"] = _("The date belongs to another process.")
            elif self.event.kind != EventKind.BOARD_MEETING:
                errors["event"] = _("Choose a date of the kind “board meeting”.")
        approving = self.minutes_approved_at
        if approving is not None:
            if approving.board_id != self.board_id:
                errors["minutes_approved_at"] = _("The minutes are approved at a meeting of the same board.")
            elif approving.pk == self.pk or approving.event.start <= self.event.start:
                errors["minutes_approved_at"] = _("The minutes are approved at a later meeting.")
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, help_text=_("Formatted text (Markdown)."))
    confidentiality = models.CharField(
        _("confidentiality"), max_length=10, choices=Confidentiality.choices, default=Confidentiality.BOARD
    )
    elements = models.ManyToManyField(
        "strategy.Element", verbose_name=_("strategy elements"), blank=True, related_name="governance_agenda_items"
    )
    documents = models.ManyToManyField(
        "governance.Document", verbose_name=_("documents"), blank=True, related_name="agenda_items"
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.title


class AgendaSource(models.Model):
    """A source an agenda item refers to (a finding, a survey result …), stored like an evidence link."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="sources"
    )
    kind = models.CharField(_("kind of source"), max_length=30)
    reference = models.JSONField(_("reference"), default=dict)
    source_key = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("source of an agenda item")
        verbose_name_plural = _("sources of agenda items")
        ordering = ["item", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "source_key"], name="unique_source_per_agenda_item")]

    def __str__(self) -> str:
        return self.source_key


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance")
    # A member of the board, or a guest (no member); the name is kept as it was at the meeting.
    member = models.ForeignKey(
        "processes.BoardMember",
        verbose_name=_("board member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendance",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    is_guest = models.BooleanField(_("guest"), default=False)
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "is_guest", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], condition=Q(member__isnull=False), name="one_attendance_per_member"
            )
        ]

    def __str__(self) -> str:
        return self.name


class MeetingInvitation(models.Model):
    """One sending of the invitation (the first, or an updated one); its mails go out in a background task."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.created_at:%Y-%m-%d})"


class InvitationDelivery(models.Model):
    """The invitation mail to one address. Written before the mail goes out: nobody gets it twice."""

    invitation = models.ForeignKey(
        MeetingInvitation, verbose_name=_("invitation"), on_delete=models.CASCADE, related_name="deliveries"
    )
    member = models.ForeignKey(
        "processes.BoardMember",
        verbose_name=_("board member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("e-mail address"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    failed = models.BooleanField(_("failed"), default=False)

    class Meta:
        verbose_name = _("invitation mail")
        verbose_name_plural = _("invitation mails")
        ordering = ["invitation", "id"]
        constraints = [models.UniqueConstraint(fields=["invitation", "email"], name="one_invitation_mail_per_address")]

    def __str__(self) -> str:
        return self.email
