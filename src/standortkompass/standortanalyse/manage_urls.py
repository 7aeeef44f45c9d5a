"""Findings and statistics import in the management area, under /verwaltung/<process_pk>/standortanalyse/."""

from django.urls import path

from standortkompass.standortanalyse import views_import

app_name = "standortanalyse_manage"

urlpatterns: list[object] = []

# Statistics import --------------------------------------------------------------------------
urlpatterns += [
    path("statistik/", views_import.statistics_upload, name="statistics_upload"),
    path("statistik/pruefen/", views_import.statistics_preview, name="statistics_preview"),
]
