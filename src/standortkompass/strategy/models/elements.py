"""The strategy of a process and its elements: Leitbild, Ziele, Handlungsfelder, Maßnahmen, Projekte.

All elements are rows of one model (``Element``) with a kind, so that evidence links, comments,
ordering and the versions treat them alike. A measure belongs to one field of action (``parent``) and
serves goals; a project implements measures (both ``serves``). A project's fact sheet is a row of
``ProjectSheet`` next to its element.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Strategy(models.Model):
    """The Zukunftsstrategie of one process: its draft (the elements) and its versions."""

    process = models.OneToOneField(
        "processes.StrategyProcess", verbose_name=_("process"), on_delete=models.CASCADE, related_name="strategy"
    )
    title = models.CharField(_("title"), max_length=200, default="Zukunftsstrategie")
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Markdown: paragraphs, lists, links, emphasis.")
    )
    published_version = models.ForeignKey(
        "strategy.StrategyVersion",
        verbose_name=_("published version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.title


class ElementKind(models.TextChoices):
    VISION = "vision", _("Vision statement (Leitbild)")
    GOAL = "goal", _("Goal")
    FIELD = "field", _("Field of action")
    MEASURE = "measure", _("Measure")
    PROJECT = "project", _("Project")


# Which kinds an element of a kind serves (``Element.serves``) and which kind its parent has.
SERVES: dict[str, str] = {ElementKind.MEASURE: ElementKind.GOAL, ElementKind.PROJECT: ElementKind.MEASURE}
PARENT: dict[str, str] = {ElementKind.MEASURE: ElementKind.FIELD}
# Kinds that carry indicators (Kennzahlen).
WITH_INDICATORS = frozenset({ElementKind.GOAL, ElementKind.FIELD, ElementKind.PROJECT})


class Element(models.Model):
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="elements"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ElementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=80)
    summary = models.CharField(
        _("short text"), max_length=300, blank=True, help_text=_("For the vision statement: its short claim.")
    )
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown: paragraphs, lists, links, emphasis."))
    rationale = models.TextField(
        _("rationale"), blank=True, help_text=_("Why this matters for the location (Markdown).")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("field of action"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    serves = models.ManyToManyField(
        "self", verbose_name=_("serves"), symmetrical=False, blank=True, related_name="served_by"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("strategy element")
        verbose_name_plural = _("strategy elements")
        ordering = ["strategy", "kind", "parent_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "slug"], name="unique_element_slug_per_strategy"),
            models.UniqueConstraint(
                fields=["strategy"],
                condition=Q(kind="vision"),
                name="one_vision_per_strategy",
                violation_error_message=_("The strategy already has a vision statement."),
            ),
        ]
        indexes = [models.Index(fields=["strategy", "kind", "order"], name="element_strategy_kind_order")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        parent_kind = PARENT.get(self.kind)
        if parent_kind is None and self.parent_id is not None:
            errors["parent"] = _("Only a measure belongs to a field of action.")
        elif parent_kind is not None:
            if self.parent_id is None:
                errors["parent"] = _("Choose the field of action this measure belongs to.")
            elif self.parent is not None and (
                self.parent.kind != parent_kind or self.parent.strategy_id != self.strategy_id
            ):
                errors["parent"] = _("Choose a field of action of this strategy.")
        if errors:
            raise ValidationError(errors)


class ProjectStatus(models.TextChoices):
    IDEA = "idea", pgettext_lazy("project status", "Idea")
    PLANNING = "planning", pgettext_lazy("project status", "In planning")
    IMPLEMENTATION = "implementation", pgettext_lazy("project status", "In implementation")
    COMPLETED = "completed", pgettext_lazy("project status", "Completed")
    DEFERRED = "deferred", pgettext_lazy("project status", "Deferred")


class FundingSource(models.TextChoices):
    OWN = "own", _("Own funds")
    LAND = "land", _("Programme of the Land")
    EFRE = "efre", _("EFRE (European Regional Development Fund)")
    GRW = "grw", _("GRW (joint task regional economic structure)")
    LEADER = "leader", _("LEADER")
    OTHER = "other", _("Other")


class ProjectSheet(models.Model):
    """The fact sheet (Projektsteckbrief) of a project element."""

    element = models.OneToOneField(
        Element, verbose_name=_("project"), on_delete=models.CASCADE, primary_key=True, related_name="sheet"
    )
    goal = models.TextField(_("project goal"), blank=True)
    lead_organisation = models.ForeignKey(
        "processes.Organisation",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )
    partners = models.ManyToManyField(
        "processes.Organisation", verbose_name=_("partners"), blank=True, related_name="partner_projects"
    )
    other_partners = models.CharField(
        _("further partners"), max_length=500, blank=True, help_text=_("Partners not in the actors registry.")
    )
    target_groups = models.CharField(_("target groups"), max_length=500, blank=True)
    municipalities = models.ManyToManyField(
        "regiondata.Region",
        verbose_name=_("municipalities concerned"),
        blank=True,
        related_name="+",
        limit_choices_to={"level": "municipality"},
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(_("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=10, choices=FundingSource.choices, blank=True)
    funding_note = models.CharField(
        _("funding details"), max_length=300, blank=True, help_text=_("e.g. the programme and its share.")
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    risks = models.TextField(_("risks"), blank=True)
    contact = models.ForeignKey(
        "processes.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("status last reported"), null=True, blank=True)

    class Meta:
        verbose_name = _("project fact sheet")
        verbose_name_plural = _("project fact sheets")

    def __str__(self) -> str:
        return str(self.element)

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end lies before the start.")
        if self.budget is not None and self.budget < 0:
            errors["budget"] = _("The budget cannot be negative.")
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    project = models.ForeignKey(
        ProjectSheet, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due"), null=True, blank=True)
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "order", "due_date", "id"]

    def __str__(self) -> str:
        return self.title


class ChangeAuthor(models.Model):
    """Abstract: who created a row (kept when the account is gone)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True
