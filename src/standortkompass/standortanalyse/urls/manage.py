"""Findings and statistics import in the management area, under /verwaltung/<process_pk>/standortanalyse/."""

from django.urls import path

from standortkompass.standortanalyse.views import manage, statistics_import

app_name = "standortanalyse_manage"

urlpatterns = [
    # Statistics import
    path("statistik/", statistics_import.statistics_upload, name="statistics_upload"),
    path("statistik/pruefen/", statistics_import.statistics_preview, name="statistics_preview"),
    # Findings (Befunde, SWOT) and publication of the analysis
    path("befunde/", manage.findings, name="findings"),
    path("befunde/neu/", manage.finding_create_view, name="finding_create"),
    path("befunde/<int:finding_pk>/", manage.finding_edit, name="finding_edit"),
    path("befunde/<int:finding_pk>/loeschen/", manage.finding_delete_view, name="finding_delete"),
    path("veroeffentlichung/", manage.publication, name="publication"),
]
