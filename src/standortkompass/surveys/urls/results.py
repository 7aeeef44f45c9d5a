"""URLs of survey results under /verwaltung/<process>/befragungen/<survey>/ergebnisse/ (namespace surveys_manage)."""

from django.urls import path

from standortkompass.surveys.views import results, results_coding

urlpatterns = [
    path("", results.results, name="results"),
    path("frage/<str:question>/", results.results_question, name="results_question"),
    path("frage/<str:question>/csv/", results.results_question_csv, name="results_question_csv"),
    path("kreuztabelle/", results.results_crosstab, name="results_crosstab"),
    path("kreuztabelle/csv/", results.results_crosstab_csv, name="results_crosstab_csv"),
    path("offen/<str:question>/", results_coding.results_open, name="results_open"),
    path("offen/<str:question>/codieren/", results_coding.results_code_assign, name="results_code_assign"),
    path("offen/<str:question>/code-entfernen/", results_coding.results_code_unassign, name="results_code_unassign"),
    path("codes/<str:question>/", results_coding.results_codes, name="results_codes"),
    path(
        "codes/<str:question>/<int:code_pk>/umbenennen/", results_coding.results_code_rename, name="results_code_rename"
    ),
    path(
        "codes/<str:question>/<int:code_pk>/loeschen/", results_coding.results_code_delete, name="results_code_delete"
    ),
    path("befund/", results_coding.results_finding, name="results_finding"),
]
