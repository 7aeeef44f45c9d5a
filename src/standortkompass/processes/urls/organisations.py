"""Organisations, contacts and the organisation import, under /verwaltung/<process_pk>/akteure/."""

from django.urls import path

from standortkompass.processes.views import organisations as views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("neu/", views.organisation_create, name="create"),
    path("<int:organisation_pk>/", views.organisation_detail, name="detail"),
    path("<int:organisation_pk>/bearbeiten/", views.organisation_edit, name="edit"),
    path("<int:organisation_pk>/loeschen/", views.organisation_delete, name="delete"),
    path("<int:organisation_pk>/ansprechpersonen/neu/", views.contact_create, name="contact_create"),
    path(
        "<int:organisation_pk>/ansprechpersonen/<int:contact_pk>/bearbeiten/", views.contact_edit, name="contact_edit"
    ),
    path(
        "<int:organisation_pk>/ansprechpersonen/<int:contact_pk>/loeschen/", views.contact_delete, name="contact_delete"
    ),
    path("import/", views.import_upload, name="import"),
    path("import/vorschau/", views.import_preview, name="import_preview"),
    path("import/vorlage.xlsx", views.import_template_xlsx, name="import_template_xlsx"),
    path("import/vorlage.csv", views.import_template_csv, name="import_template_csv"),
]
