"""Public monitoring: /umsetzung/."""

from django.urls import URLPattern, path

from standortkompass.monitoring.views import public

app_name = "monitoring"

urlpatterns: list[URLPattern] = [
    path("", public.overview, name="overview"),
    path("kennzahlen/<int:indicator_pk>/daten.csv", public.indicator_csv, name="indicator_csv"),
    path("<slug:slug>/", public.project, name="project"),
]
