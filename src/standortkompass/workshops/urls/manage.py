"""The workshops' manage URLs (docs/workshops.md)."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "workshops_manage"

urlpatterns: list[URLPattern] = []
