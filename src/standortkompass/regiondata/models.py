from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    COUNTRY = "country", _("Germany")
    STATE = "state", _("Federal state")
    GOVERNMENT_DISTRICT = "government_district", _("Government district")
    DISTRICT = "district", _("District")
    MUNICIPALITY = "municipality", _("Municipality")


LEVEL_BY_CODE_LENGTH = {
    2: RegionLevel.STATE,
    3: RegionLevel.GOVERNMENT_DISTRICT,
    5: RegionLevel.DISTRICT,
    8: RegionLevel.MUNICIPALITY,
}


def level_for_code(code: str) -> RegionLevel:
    """The level of a region from its AGS key (``DG`` is Germany)."""
    if code == "DG":
        return RegionLevel.COUNTRY
    try:
        return LEVEL_BY_CODE_LENGTH[len(code)]
    except KeyError:
        raise ValueError(f"{code!r} is not an AGS key of 2, 3, 5 or 8 digits") from None


class Region(models.Model):
    """An administrative region identified by its Amtlicher Gemeindeschlüssel (AGS)."""

    code = models.CharField(_("AGS"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=30, choices=RegionLevel.choices, db_index=True)
    kind = models.CharField(_("type"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent region"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    nuts3 = models.CharField(_("NUTS-3 code"), max_length=5, blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=2, null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population as of"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
