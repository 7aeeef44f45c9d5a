from __future__ import annotations

from django.conf import settings
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
    """An administrative region identified by its Amtlicher Gemeindeschlüssel (AGS).

    ``valid_from``/``valid_to`` bound the territorial status in which the key exists (empty:
    no known bound). Official tables use each year's territorial status, so a Kreis merged
    away keeps its observations up to ``valid_to``; ``RegionSuccession`` links it to the
    region that took over its territory.
    """

    code = models.CharField(_("AGS"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=30, choices=RegionLevel.choices, db_index=True)
    kind = models.CharField(_("type"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    nuts3 = models.CharField(_("NUTS-3 code"), max_length=5, blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=2, null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population as of"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_to")),
                name="region_validity_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class RegionSuccession(models.Model):
    """A territorial change: on ``date`` the territory of ``predecessor`` passed (wholly or partly) to ``successor``."""

    predecessor = models.ForeignKey(
        Region, verbose_name=_("predecessor"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        Region, verbose_name=_("successor"), on_delete=models.CASCADE, related_name="predecessions"
    )
    date = models.DateField(_("effective date"))
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("territorial change")
        verbose_name_plural = _("territorial changes")
        ordering = ["date", "predecessor__code"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_region_succession"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.code} → {self.successor.code} ({self.date:%d.%m.%Y})"


class SpatialTypology(models.TextChoices):
    """BBSR spatial classifications (INKAR reference tables) stored per region."""

    # Kreise
    LABOUR_MARKET_REGION = "labour_market_region", _("Labour market region")
    LIGNITE_REGION = "lignite_region", _("Lignite mining region")
    DISTRICT_REGION = "district_region", _("District region")
    SPATIAL_PLANNING_REGION = "spatial_planning_region", _("Spatial planning region")
    WEST_EAST = "west_east", _("West/East")
    LOCATION_TYPE = "location_type", _("Spatial type by location")
    SETTLEMENT_DISTRICT_TYPE = "settlement_district_type", _("Settlement structure district type")
    SETTLEMENT_REGION_TYPE = "settlement_region_type", _("Settlement structure region type")
    URBAN_RURAL = "urban_rural", _("Urban or rural area")
    GROWTH = "growth", _("Growing or shrinking")
    # Gemeinden
    CENTRAL_PLACE = "central_place", _("Central place")
    CENTRAL_PLACE_LEVEL = "central_place_level", _("Central place level")
    MUNICIPAL_ASSOCIATION = "municipal_association", _("Municipal association")
    MIDDLE_ORDER_AREA = "middle_order_area", _("BBSR middle-order area")
    METROPOLITAN_REGION = "metropolitan_region", _("Metropolitan region")
    METROPOLITAN_CATCHMENT = "metropolitan_catchment", _("Metropolitan catchment area")
    CHAMBER_DISTRICT = "chamber_district", _("Chamber of commerce district")
    REGIOSTAR_17 = "regiostar17", _("RegioStaR 17")
    REGIOSTAR_7 = "regiostar7", _("RegioStaR 7")
    REGIOSTAR_2 = "regiostar2", _("RegioStaR 2")
    REGIOSTAR_GEM_5 = "regiostar_gem5", _("RegioStaRGem 5")
    MUNICIPALITY_TYPE = "municipality_type", _("Town and municipality type")
    MUNICIPALITY_TYPE_DETAILED = "municipality_type_detailed", _("Town and municipality type (detailed)")


class SpatialType(models.Model):
    """The class of a region in one BBSR typology, e.g. Siedlungsstruktureller Kreistyp 2 "Städtischer Kreis"."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="spatial_types")
    typology = models.CharField(_("typology"), max_length=40, choices=SpatialTypology.choices)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    reference_date = models.DateField(_("territorial status"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("spatial type")
        verbose_name_plural = _("spatial types")
        ordering = ["region__code", "typology"]
        constraints = [models.UniqueConstraint(fields=["region", "typology"], name="unique_spatial_type_per_region")]
        indexes = [models.Index(fields=["typology", "code"], name="spatialtype_typology_code")]

    def __str__(self) -> str:
        return f"{self.region.code} {self.typology}: {self.code} {self.name}"


class RegionBoundary(models.Model):
    """The outline of a region as a GeoJSON geometry (WGS84), kept apart from Region so lists stay light."""

    region = models.OneToOneField(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="boundary")
    geometry = models.TextField(_("GeoJSON geometry"))
    reference_date = models.DateField(_("territorial status"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")
        ordering = ["region__code"]

    def __str__(self) -> str:
        return f"{self.region.code} ({self.reference_date:%d.%m.%Y})"


class Indicator(models.Model):
    """A statistical variable, e.g. employees subject to social insurance at the workplace."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    has_sectors = models.BooleanField(
        _("broken down by sector"), default=False, help_text=_("Totals of such indicators carry the sector code TOTAL.")
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ValueStatus(models.TextChoices):
    """The symbols of the official tables. A flagged observation has no value; it is never read as zero."""

    VALUE = "", _("value")
    UNKNOWN = ".", _("unknown or confidential")
    NOTHING = "-", _("nothing (exactly zero) or region did not exist")
    LOCKED = "x", _("cell locked, statement not meaningful")
    UNRELIABLE = "/", _("not published, too uncertain")
    LATER = "...", _("not yet available")


class ImportFormat(models.TextChoices):
    GENESIS = "genesis", _("Regionaldatenbank/GENESIS table (CSV)")
    XLSX = "xlsx", _("Regionaldatenbank/GENESIS table (XLSX)")
    LONG = "long", _("Long CSV")
    EUROSTAT = "eurostat", _("Eurostat TSV")
    OFFICIAL = "official", _("Shipped official data")


class ImportBatch(models.Model):
    """One imported file: what it was and what it changed."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    format = models.CharField(_("format"), max_length=20, choices=ImportFormat.choices)
    loader = models.CharField(
        _("loader"), max_length=60, blank=True, help_text=_("Version of the reader that loaded a shipped file.")
    )
    source_table = models.CharField(_("source table"), max_length=100, blank=True)
    rows = models.PositiveIntegerField(_("observations read"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    regions_created = models.PositiveIntegerField(_("regions created"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%d.%m.%Y %H:%M})"


class Observation(models.Model):
    """One value of an indicator for a region, sector and year (or reference date)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="observations"
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="observations")
    sector = models.CharField(
        _("sector"), max_length=10, blank=True, help_text=_("WZ 2008 code or aggregate (B-E, G-I, TOTAL); empty: none.")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    reference_date = models.DateField(_("reference date"), null=True, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=3, choices=ValueStatus.choices, blank=True)
    qualifier = models.CharField(
        _("qualifier"),
        max_length=10,
        blank=True,
        help_text=_("Flags of the source, e.g. p (provisional), e (estimated)."),
    )
    source_table = models.CharField(_("source table"), max_length=100, blank=True)
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import batch"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "region", "sector", "year"], name="unique_observation"),
            models.CheckConstraint(
                condition=(models.Q(status="") & models.Q(value__isnull=False))
                | (~models.Q(status="") & models.Q(value__isnull=True)),
                name="observation_value_xor_status",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "year"], name="observation_indicator_year")]

    def __str__(self) -> str:
        shown = self.status if self.status else self.value
        return f"{self.indicator_id} {self.region_id} {self.sector or '-'} {self.year}: {shown}"


class ObservationRevision(models.Model):
    """A value an import replaced: old value → new value."""

    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import batch"), on_delete=models.CASCADE, related_name="revisions"
    )
    observation = models.ForeignKey(
        Observation, verbose_name=_("observation"), on_delete=models.CASCADE, related_name="revisions"
    )
    old_value = models.FloatField(_("old value"), null=True, blank=True)
    old_status = models.CharField(_("old status"), max_length=3, choices=ValueStatus.choices, blank=True)
    new_value = models.FloatField(_("new value"), null=True, blank=True)
    new_status = models.CharField(_("new status"), max_length=3, choices=ValueStatus.choices, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["batch", "observation"]

    def __str__(self) -> str:
        return f"{self.old_status or self.old_value} → {self.new_status or self.new_value}"
