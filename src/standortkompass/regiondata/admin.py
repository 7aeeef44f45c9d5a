"""Django admin for looking into the statistics store (writing goes through the importers).

The ModelAdmin generics are not subscriptable at run time (django-stubs-ext is not patched in).
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from standortkompass.regiondata.models import (
    ImportBatch,
    Indicator,
    Observation,
    ObservationRevision,
    Region,
    RegionBoundary,
    RegionSuccession,
    SpatialType,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "level", "kind", "nuts3", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["code", "name", "nuts3"]
    raw_id_fields = ["parent"]
    show_full_result_count = False


@admin.register(RegionSuccession)
class RegionSuccessionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["predecessor", "successor", "date", "description"]
    raw_id_fields = ["predecessor", "successor"]


@admin.register(SpatialType)
class SpatialTypeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["region", "typology", "code", "name"]
    list_filter = ["typology"]
    search_fields = ["region__code", "region__name", "name"]
    raw_id_fields = ["region"]
    list_select_related = ["region"]


@admin.register(RegionBoundary)
class RegionBoundaryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["region", "reference_date", "source"]
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[RegionBoundary]:
        return super().get_queryset(request).select_related("region").defer("geometry")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "unit", "has_sectors"]
    search_fields = ["code", "name"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["indicator", "region", "sector", "year", "value", "status", "qualifier", "source_table"]
    list_filter = ["status", "indicator"]
    search_fields = ["region__code", "indicator__code"]
    raw_id_fields = ["indicator", "region", "batch"]
    list_select_related = ["indicator", "region"]
    show_full_result_count = False


class RevisionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ObservationRevision
    raw_id_fields = ["observation"]
    extra = 0
    can_delete = False


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["file_name", "format", "source_table", "created", "updated", "unchanged", "imported_at"]
    list_filter = ["format"]
    search_fields = ["file_name", "sha256"]
    raw_id_fields = ["imported_by"]
    inlines = [RevisionInline]
