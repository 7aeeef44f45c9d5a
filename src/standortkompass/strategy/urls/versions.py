"""Versions, comparison, consultation rounds and approval (part of the manage URLs)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
