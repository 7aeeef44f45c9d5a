"""Documents of a board: uploaded files, checked by their content, kept under a random name, downloaded only
through a view that checks who may see them (never from a public media address)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from standortkompass.governance.models.meetings import Confidentiality, Meeting
from standortkompass.governance.models.register import RegisterEntry
from standortkompass.processes.models import StrategyProcess


class FileType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    PPTX = "pptx", "PowerPoint (PPTX)"
    ODT = "odt", "OpenDocument Text (ODT)"
    ODS = "ods", "OpenDocument Tabelle (ODS)"
    ODP = "odp", "OpenDocument Präsentation (ODP)"
    PNG = "png", "PNG"
    JPEG = "jpg", "JPEG"
    TEXT = "txt", "Text"


class Document(models.Model):
    board = models.ForeignKey(
        "processes.Board", verbose_name=_("board"), on_delete=models.CASCADE, related_name="documents"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    entry = models.ForeignKey(
        RegisterEntry,
        verbose_name=_("register entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=10, choices=Confidentiality.choices, default=Confidentiality.BOARD
    )
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(_("stored as"), max_length=64, unique=True, editable=False)
    file_type = models.CharField(_("file type"), max_length=5, choices=FileType.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def process(self) -> StrategyProcess:
        process: StrategyProcess = self.board.process
        return process

    def clean(self) -> None:
        errors = {}
        if self.meeting is not None and self.board_id and self.meeting.board_id != self.board_id:
            errors["meeting"] = _("The meeting is one of another board.")
        if self.entry is not None and self.board_id and self.entry.board_id != self.board_id:
            errors["entry"] = _("The register entry is one of another board.")
        if errors:
            raise ValidationError(errors)
