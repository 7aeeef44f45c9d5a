"""Public pages of the strategy: /strategie/ and /projekte/."""

from django.urls import URLPattern, path

from standortkompass.strategy.views import public

app_name = "strategy"

urlpatterns: list[URLPattern] = [
    path("strategie/", public.overview, name="overview"),
    path("strategie/<slug:slug>/", public.element, name="element"),
    path("projekte/", public.projects, name="projects"),
    path("projekte/<slug:slug>/", public.project, name="project"),
]
