"""Reporting rounds, the reports of the project leads and the reminders sent for them.

A round asks every project of the strategy (the published version's projects, else the draft's) for a
report by its due date. A project has at most one report per round (``one_report_per_project_and_round``);
a lead may correct it while the round is open. The live status, progress and milestones of a project stay
on its fact sheet (``strategy.ProjectSheet``), which a report updates; the report keeps what was reported
at the reporting date (Stichtag) for the history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from standortkompass.strategy.models import ProjectStatus


class ReportingRound(models.Model):
    process = models.ForeignKey(
        "processes.StrategyProcess",
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="reporting_rounds",
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. Status report spring 2027"))
    reporting_date = models.DateField(
        _("reporting date"), help_text=_("The day the reports describe (Stichtag), e.g. the end of a quarter.")
    )
    due_date = models.DateField(_("due date"), help_text=_("The day by which the project leads report."))
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-reporting_date", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def clean(self) -> None:
        if self.reporting_date and self.due_date and self.due_date < self.reporting_date:
            raise ValidationError({"due_date": _("The due date lies before the reporting date.")})


class ReportSource(models.TextChoices):
    FORM = "form", _("Report form")
    IMPORT = "import", _("Import")
    DEMO = "demo", _("Demo")


class ProjectReport(models.Model):
    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.CASCADE, related_name="reports"
    )
    project = models.ForeignKey(
        "strategy.Element", verbose_name=_("project"), on_delete=models.CASCADE, related_name="monitoring_reports"
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    # [{"title": …, "reached_on": "YYYY-MM-DD"}]: the milestones reported as reached, as they were named then.
    milestones_reached = models.JSONField(_("milestones reached"), default=list, blank=True)
    # [{"indicator": id, "name": …, "unit": …, "year": …, "value": …}]: the indicator values given with the report
    # (saved as the indicators' actual values, origin "reported"), as the indicators were named then.
    indicators_reported = models.JSONField(_("indicator values reported"), default=list, blank=True)
    achieved = models.TextField(_("what has happened"), max_length=2000, blank=True)
    next_steps = models.TextField(_("next steps"), max_length=2000, blank=True)
    problems = models.TextField(_("problems and support needed"), max_length=2000, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=ReportSource.choices, default=ReportSource.FORM)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"))
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("project report")
        verbose_name_plural = _("project reports")
        ordering = ["round", "project_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "project"],
                name="one_report_per_project_and_round",
                violation_error_message=_("This project has already been reported in this round."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.round})"

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.project_id is not None and self.project.kind != "project":
            errors["project"] = _("Only projects are reported on.")
        if errors:
            raise ValidationError(errors)


class ReminderSent(models.Model):
    """One reminder mail to one lead for one round on one day: written before the mail goes out.

    The unique triple (round, address, day) makes a lead reminded at most once per round and reminder
    date, also when two runs of the reminders overlap.
    """

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.CASCADE, related_name="reminders"
    )
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminder_date = models.DateField(_("reminder date"))
    projects = models.JSONField(_("projects"), default=list, blank=True)  # ids of the projects named in the mail
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    failed = models.BooleanField(_("failed"), default=False)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["round", "reminder_date", "email"]
        constraints = [
            models.UniqueConstraint(
                "round", Lower("email"), "reminder_date", name="one_reminder_per_lead_round_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.reminder_date})"
