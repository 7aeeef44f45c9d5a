"""Findings and statistics import in the management area, under /verwaltung/<process_pk>/standortanalyse/."""

from django.urls import path

from standortkompass.standortanalyse.views import statistics_import as views_import

app_name = "standortanalyse_manage"

urlpatterns: list[object] = []

# Statistics import --------------------------------------------------------------------------
urlpatterns += [
    path("statistik/", views_import.statistics_upload, name="statistics_upload"),
    path("statistik/pruefen/", views_import.statistics_preview, name="statistics_preview"),
]

# Findings (Befunde, SWOT) and publication of the analysis ------------------------------------
from standortkompass.standortanalyse.views import manage as analysis_manage  # noqa: E402

urlpatterns += [
    path("befunde/", analysis_manage.findings, name="findings"),
    path("befunde/neu/", analysis_manage.finding_create_view, name="finding_create"),
    path("befunde/<int:finding_pk>/", analysis_manage.finding_edit, name="finding_edit"),
    path("befunde/<int:finding_pk>/loeschen/", analysis_manage.finding_delete_view, name="finding_delete"),
    path("veroeffentlichung/", analysis_manage.publication, name="publication"),
]
