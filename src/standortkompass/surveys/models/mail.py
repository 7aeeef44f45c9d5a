"""Invitation and reminder mails: editable templates, scheduled waves, one delivery per person and wave."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailKind(models.TextChoices):
    INVITATION = "invitation", _("invitation")
    REMINDER = "reminder", _("reminder")


class MailTemplate(models.Model):
    survey = models.ForeignKey(
        "surveys.Survey", verbose_name=_("survey"), on_delete=models.CASCADE, related_name="mail_templates"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MailKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("mail template")
        verbose_name_plural = _("mail templates")
        ordering = ["survey", "kind"]
        constraints = [models.UniqueConstraint(fields=["survey", "kind"], name="one_mail_template_per_kind")]

    def __str__(self) -> str:
        return f"{self.survey}: {self.get_kind_display()}"


class WaveStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    SENDING = "sending", _("sending")
    DONE = "done", _("sent")
    CANCELLED = "cancelled", _("cancelled")


class MailWave(models.Model):
    survey = models.ForeignKey(
        "surveys.Survey", verbose_name=_("survey"), on_delete=models.CASCADE, related_name="waves"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MailKind.choices)
    scheduled_at = models.DateTimeField(_("send on"))
    status = models.CharField(_("status"), max_length=20, choices=WaveStatus.choices, default=WaveStatus.SCHEDULED)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    sent_count = models.PositiveIntegerField(_("sent"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    task_id = models.CharField(_("task"), max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("mail wave")
        verbose_name_plural = _("mail waves")
        ordering = ["survey", "scheduled_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_at:%d.%m.%Y}"


class MailDelivery(models.Model):
    """One mail of a wave to one invitation. The unique pair is what makes a wave never send twice."""

    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    wave = models.ForeignKey(MailWave, verbose_name=_("mail wave"), on_delete=models.CASCADE, related_name="deliveries")
    invitation = models.ForeignKey(
        "surveys.SurveyInvitation", verbose_name=_("invitation"), on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    error = models.CharField(_("error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("mail delivery")
        verbose_name_plural = _("mail deliveries")
        ordering = ["wave", "id"]
        constraints = [models.UniqueConstraint(fields=["wave", "invitation"], name="one_delivery_per_wave")]

    def __str__(self) -> str:
        return f"{self.wave}: {self.invitation}"
