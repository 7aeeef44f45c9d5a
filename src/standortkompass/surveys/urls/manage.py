"""Management of questionnaires and surveys under /verwaltung/<process>/befragungen/."""

from django.urls import include, path

app_name = "surveys_manage"

urlpatterns = [
    path("", include("standortkompass.surveys.urls.setup")),
    path("<int:survey_pk>/versand/", include("standortkompass.surveys.urls.distribution")),
    path("<int:survey_pk>/ergebnisse/", include("standortkompass.surveys.urls.results")),
    path("<int:survey_pk>/export/", include("standortkompass.surveys.urls.exports")),
]
