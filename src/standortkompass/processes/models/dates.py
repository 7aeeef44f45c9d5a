from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    BOARD_MEETING = "board_meeting", _("Board meeting")
    DEADLINE = "deadline", _("Deadline")
    INFORMATION = "information", _("Information event")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    BOARD = "board", _("Board members only")


class Event(models.Model):
    process = models.ForeignKey(
        "processes.StrategyProcess", verbose_name=_("process"), on_delete=models.CASCADE, related_name="events"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title – English version (optional)"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices, default=EventKind.OTHER)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Formatted text (Markdown)."))
    description_en = models.TextField(
        _("description – English version (optional)"), blank=True, help_text=_("Formatted text (Markdown).")
    )
    phase = models.ForeignKey(
        "processes.Phase",
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    visibility = models.CharField(_("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    registration_url = models.URLField(_("registration link"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["visibility", "start"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})
        if self.phase is not None and self.process_id and self.phase.process_id != self.process_id:
            raise ValidationError({"phase": _("The phase belongs to another process.")})
