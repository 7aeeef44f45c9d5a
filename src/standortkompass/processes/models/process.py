from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProcessStatus(models.TextChoices):
    PREPARATION = "preparation", _("In preparation")
    RUNNING = "running", _("Running")
    IMPLEMENTATION = "implementation", _("Implementation")
    COMPLETED = "completed", _("Completed")


class StrategyProcess(models.Model):
    """One cycle of a Zukunftsstrategie for a region, e.g. 2026–2027 for Landkreis Ludwigsburg."""

    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title – English version (optional)"), max_length=200, blank=True)
    region = models.ForeignKey(
        "regiondata.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="processes"
    )
    short_description = models.CharField(_("short description"), max_length=500)
    short_description_en = models.CharField(
        _("short description – English version (optional)"), max_length=500, blank=True
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Formatted text (Markdown)."))
    description_en = models.TextField(
        _("description – English version (optional)"), blank=True, help_text=_("Formatted text (Markdown).")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProcessStatus.choices, default=ProcessStatus.PREPARATION
    )
    is_public = models.BooleanField(_("public"), default=False, help_text=_("Shown on the public website."))
    is_demo = models.BooleanField(_("demo content"), default=False)
    agency_name = models.CharField(
        _("agency"), max_length=200, help_text=_("The business development agency running the process.")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("strategy process")
        verbose_name_plural = _("strategy processes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def current_phase(self, today: dt.date | None = None) -> Phase | None:
        """The phase marked active, else the one whose dates include today."""
        phases = list(self.phases.all())
        active = [phase for phase in phases if phase.state == PhaseState.ACTIVE]
        if active:
            return active[0]
        today = today or timezone.localdate()
        for phase in phases:
            if phase.start_date and phase.end_date and phase.start_date <= today <= phase.end_date:
                return phase
        return None


class PhaseState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


DEFAULT_PHASES = (
    ("Analysephase", "Analyse der Wirtschaftsdaten, Online-Unternehmensbefragung und Unternehmensworkshop."),
    (
        "Strategiewerkstatt",
        "Eingrenzung der Handlungsfelder mit Blick auf die Möglichkeiten der Kommunen und Akteure vor Ort.",
    ),
    ("Zukunftswerkstatt", "Erarbeitung von Zielen, Maßnahmen und Projektideen."),
    ("Beratung und Beschluss", "Beratung im Sounding Board und Beschluss im Lenkungskreis."),
    ("Umsetzung", "Umsetzung der Projekte und Monitoring des Umsetzungsstands."),
)


class Phase(models.Model):
    process = models.ForeignKey(
        StrategyProcess, verbose_name=_("process"), on_delete=models.CASCADE, related_name="phases"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name – English version (optional)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description – English version (optional)"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=PhaseState.choices, default=PhaseState.PLANNED)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["process", "order", "start_date", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end must not be before the start.")})
