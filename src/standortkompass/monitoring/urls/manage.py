"""Monitoring in the management area, under /verwaltung/<id>/umsetzung/."""

from django.urls import URLPattern, path

from standortkompass.monitoring.views import actuals_import, imports, reports, rounds

app_name = "monitoring_manage"

urlpatterns: list[URLPattern] = [
    path("", rounds.overview, name="overview"),
    path("runden/neu/", rounds.round_open_view, name="round_open"),
    path("runden/<int:round_pk>/", rounds.round_detail, name="round"),
    path("runden/<int:round_pk>/schliessen/", rounds.round_close_view, name="round_close"),
    path("runden/<int:round_pk>/erinnern/", rounds.round_remind_view, name="round_remind"),
    path("runden/<int:round_pk>/projekte/<int:project_pk>/bericht/", reports.report, name="report"),
    path("import/", imports.import_upload, name="import"),
    path("import/pruefen/", imports.import_preview, name="import_preview"),
    path("import/vorlage.csv", imports.import_template_csv, name="import_template_csv"),
    path("kennzahlen/import/", actuals_import.actuals_import_upload, name="actuals_import"),
    path("kennzahlen/import/pruefen/", actuals_import.actuals_import_preview, name="actuals_import_preview"),
    path("kennzahlen/import/vorlage.csv", actuals_import.actuals_template_csv, name="actuals_import_template_csv"),
]
