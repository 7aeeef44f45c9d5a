"""Indicators (Kennzahlen) of goals, fields of action and projects, and their actual values.

An indicator may be bound to an official statistic of ``regiondata`` (indicator code and region): its
actual values are then the observations, which follow every new import. Otherwise actual values are
entered or imported (``IndicatorActual``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from standortkompass.strategy.models.elements import WITH_INDICATORS, ChangeAuthor, Element

YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]


class StrategyIndicator(models.Model):
    element = models.ForeignKey(Element, verbose_name=_("element"), on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    definition = models.TextField(_("definition"), blank=True, help_text=_("What is counted or measured, and how."))
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("e.g. %, ha, number of companies"))
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    source = models.CharField(_("source"), max_length=300, blank=True)
    statistic = models.ForeignKey(
        "regiondata.Indicator",
        verbose_name=_("official statistic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Actual values then follow the imports of the official statistics."),
    )
    region = models.ForeignKey(
        "regiondata.Region",
        verbose_name=_("region of the statistic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["element", "order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.element_id is not None and self.element.kind not in WITH_INDICATORS:
            errors["element"] = _("Indicators belong to goals, fields of action and projects.")
        if (self.statistic_id is None) != (self.region_id is None):
            field = "region" if self.region_id is None else "statistic"
            errors[field] = _("An official statistic needs both the indicator and the region.")
        if self.baseline_value is not None and self.baseline_year is None:
            errors["baseline_year"] = _("Give the year of the baseline value.")
        if self.target_value is not None and self.target_year is None:
            errors["target_year"] = _("Give the year by which the target is to be reached.")
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            errors["target_year"] = _("The target year lies before the baseline year.")
        if errors:
            raise ValidationError(errors)


class ActualOrigin(models.TextChoices):
    ENTERED = "entered", _("Entered")
    IMPORTED = "imported", _("Imported")
    REPORTED = "reported", _("Reported by the project lead")


class IndicatorActual(ChangeAuthor):
    """An actual value of an indicator that is not bound to an official statistic."""

    indicator = models.ForeignKey(
        StrategyIndicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="actuals"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.FloatField(_("value"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    origin = models.CharField(_("origin"), max_length=10, choices=ActualOrigin.choices, default=ActualOrigin.ENTERED)

    class Meta:
        verbose_name = _("actual value")
        verbose_name_plural = _("actual values")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="one_actual_per_indicator_and_year",
                violation_error_message=_("This indicator already has a value for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.year})"
