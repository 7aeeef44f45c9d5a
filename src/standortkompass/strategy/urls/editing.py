"""Editing the draft: elements, order, indicators, fact sheets, evidence (part of the manage URLs)."""

from django.urls import URLPattern, path

from standortkompass.strategy.views import editing

urlpatterns: list[URLPattern] = [
    path("", editing.draft, name="draft"),
    path("elemente/<int:element_pk>/", editing.element, name="element"),
]
