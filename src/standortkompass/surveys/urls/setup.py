"""URLs of survey setup: questionnaires (upload, versions, publishing, XLSForm) and surveys (settings, opening)."""

from django.urls import path

from standortkompass.surveys.views import questionnaire_upload, setup

urlpatterns = [
    path("", setup.survey_list, name="list"),
    path("fragebogen/hochladen/", questionnaire_upload.questionnaire_upload, name="questionnaire_upload"),
    path("fragebogen/standard/", setup.questionnaire_default, name="questionnaire_default"),
    path("fragebogen/<int:questionnaire_pk>/", setup.questionnaire_detail, name="questionnaire"),
    path(
        "fragebogen/<int:questionnaire_pk>/neue-version/",
        questionnaire_upload.questionnaire_version_upload,
        name="questionnaire_version_upload",
    ),
    path(
        "fragebogen/<int:questionnaire_pk>/versionen/<int:version_pk>/veroeffentlichen/",
        setup.questionnaire_publish_view,
        name="questionnaire_publish",
    ),
    path(
        "fragebogen/<int:questionnaire_pk>/versionen/<int:version_pk>/xlsform/",
        setup.questionnaire_xlsform,
        name="questionnaire_xlsform",
    ),
    path("neu/", setup.survey_create_view, name="survey_create"),
    path("<int:survey_pk>/", setup.survey_detail, name="survey"),
    path("<int:survey_pk>/bearbeiten/", setup.survey_edit, name="survey_edit"),
    path("<int:survey_pk>/oeffnen/", setup.survey_open_view, name="survey_open"),
    path("<int:survey_pk>/schliessen/", setup.survey_close_view, name="survey_close"),
    path("<int:survey_pk>/kontaktwuensche/", setup.survey_contact_requests, name="survey_contact_requests"),
]
