"""Questionnaires and their versions. A published version is frozen; editing makes a new draft."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Questionnaire(models.Model):
    process = models.ForeignKey(
        "processes.StrategyProcess",
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=120)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="unique_questionnaire_slug_per_process")
        ]

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class SourceFormat(models.TextChoices):
    XLSFORM = "xlsform", _("XLSForm")
    LSS = "lss", _("LimeSurvey structure file")


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    schema = models.JSONField(_("questionnaire definition"))
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    source_format = models.CharField(
        _("source format"), max_length=20, choices=SourceFormat.choices, default=SourceFormat.XLSFORM
    )
    source_file_name = models.CharField(_("source file name"), max_length=255, blank=True)
    import_notes = models.JSONField(
        _("import notes"), default=list, blank=True, help_text=_("What the import could not take over.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="unique_version_number_per_questionnaire")
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} (v{self.number})"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED
