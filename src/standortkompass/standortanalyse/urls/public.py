"""Public pages of the Standortanalyse, under /standortanalyse/."""

from django.urls import path

from standortkompass.standortanalyse.views import public

app_name = "standortanalyse"

urlpatterns = [
    path("", public.overview, name="overview"),
    path("wirtschaftsstruktur/", public.structure, name="structure"),
    path("dynamik/", public.dynamics, name="dynamics"),
    path("arbeitsmarkt/", public.labour, name="labour"),
    path("karten/", public.maps, name="maps"),
    path("swot/", public.swot, name="swot"),
    path("daten/<slug:chart_id>.csv", public.chart_csv, name="chart_csv"),
    path("diagramm/<slug:chart_id>.json", public.chart_spec, name="chart_spec"),
]
