"""URLs of survey exports under /verwaltung/<process>/befragungen/<survey>/export/ (namespace surveys_manage)."""

from django.urls import path

from standortkompass.surveys.views import exports

urlpatterns = [
    path("", exports.exports, name="exports"),
    path("anfordern/", exports.export_request_view, name="export_request"),
    path("<int:export_pk>/datei/", exports.export_download, name="export_download"),
]
