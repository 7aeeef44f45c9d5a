"""Export files made by background tasks, kept outside the public media directory."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV for Excel")
    XLSX = "xlsx", _("Excel workbook with codebook")
    SAV = "sav", _("SPSS (.sav)")
    DTA = "dta", _("Stata (.dta)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("in progress")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class ExportJob(models.Model):
    survey = models.ForeignKey(
        "surveys.Survey", verbose_name=_("survey"), on_delete=models.CASCADE, related_name="exports"
    )
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    suppressed = models.BooleanField(
        _("small groups suppressed"),
        default=True,
        help_text=_("Only Administration may export without small-cell suppression."),
    )
    status = models.CharField(_("status"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress in per cent"), default=0)
    file_name = models.CharField(_("file"), max_length=200, blank=True, editable=False)
    row_count = models.PositiveIntegerField(_("responses"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.survey} ({self.get_format_display()})"
