"""Requests about one person's data, under /verwaltung/personendaten/ (installation-wide, Administration)."""

from django.urls import path

from standortkompass.accounts.views import personal_data

app_name = "personal_data"

urlpatterns = [
    path("", personal_data.search, name="search"),
    path("auskunft/", personal_data.export, name="export"),
    path("loeschen/", personal_data.erase, name="erase"),
]
