"""The workshops' public URLs (docs/workshops.md)."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "workshops"

urlpatterns: list[URLPattern] = []
