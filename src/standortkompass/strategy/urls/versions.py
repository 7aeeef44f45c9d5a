"""Versions, comparison, consultation rounds and approval (part of the manage URLs)."""

from django.urls import URLPattern, path

from standortkompass.strategy.views import consultation, versions

urlpatterns: list[URLPattern] = [
    path("versionen/", versions.versions, name="versions"),
    path("versionen/einfrieren/", versions.version_freeze_view, name="version_freeze"),
    path("versionen/zurueckziehen/", versions.version_withdraw_view, name="version_withdraw"),
    path("versionen/<int:version_pk>/", versions.version_detail, name="version"),
    path("versionen/<int:version_pk>/einreichen/", versions.version_submit_view, name="version_submit"),
    path("versionen/<int:version_pk>/veroeffentlichen/", versions.version_publish_view, name="version_publish"),
    path("vergleich/", versions.compare, name="compare"),
    path("konsultationen/", consultation.consultations, name="consultations"),
    path("konsultationen/neu/", consultation.consultation_open_view, name="consultation_open"),
    path("konsultationen/<int:round_pk>/", consultation.consultation, name="consultation"),
    path("konsultationen/<int:round_pk>/ergebnis/", consultation.consultation_outcome, name="consultation_outcome"),
    path("konsultationen/<int:round_pk>/beenden/", consultation.consultation_close_view, name="consultation_close"),
    path(
        "konsultationen/<int:round_pk>/kommentare/<int:comment_pk>/",
        consultation.consultation_comment,
        name="consultation_comment",
    ),
]
