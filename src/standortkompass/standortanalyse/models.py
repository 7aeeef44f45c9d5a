"""The Standortanalyse of a process: whether it is public, its peer group, and the findings (SWOT)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnalysisSettings(models.Model):
    """How the analysis of a process's district is shown to the public.

    ``peer_codes`` lists the AGS keys of the comparison districts; empty means the default
    peer group (districts of the same BBSR settlement structure type in the same Land).
    """

    process = models.OneToOneField(
        "processes.StrategyProcess",
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="analysis_settings",
    )
    is_public = models.BooleanField(_("published"), default=False)
    peer_codes = models.JSONField(_("comparison districts"), default=list, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("analysis settings")
        verbose_name_plural = _("analysis settings")

    def __str__(self) -> str:
        return str(_("Location analysis of %(process)s") % {"process": self.process})


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    WEAKNESS = "weakness", _("Weakness")
    OPPORTUNITY = "opportunity", _("Opportunity")
    THREAT = "threat", _("Threat")


class Finding(models.Model):
    """A finding (Befund) of the analysis: one SWOT entry with the evidence that supports it.

    ``references`` lists chart ids of the analysis pages (see ``standortanalyse.charts.CHARTS``)
    or indicator codes; the SWOT page links each to its chart.
    """

    process = models.ForeignKey(
        "processes.StrategyProcess", verbose_name=_("process"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown: paragraphs, lists, links, emphasis."))
    references = models.JSONField(_("supporting charts and indicators"), default=list, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)
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
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["kind", "order", "id"]
        indexes = [models.Index(fields=["process", "kind", "order"], name="finding_process_kind_order")]

    def __str__(self) -> str:
        return self.title
