"""The respondent's pages under /befragung/<survey>/."""

from django.urls import path

from standortkompass.surveys.views import distribution, respondent

app_name = "survey"

urlpatterns = [
    path("<slug:survey_slug>/", respondent.start, name="start"),
    path("<slug:survey_slug>/einladung/<str:token>/", respondent.invitation, name="invitation"),
    path("<slug:survey_slug>/fortsetzen/", respondent.resume, name="resume"),
    path("<slug:survey_slug>/seite/<str:page_name>/", respondent.page, name="page"),
    path("<slug:survey_slug>/sprache/", respondent.language, name="language"),
    path("<slug:survey_slug>/unterbrochen/", respondent.paused, name="paused"),
    path("<slug:survey_slug>/danke/", respondent.thanks, name="thanks"),
    path("<slug:survey_slug>/fragebogen/", respondent.printable, name="printable"),
    path("<slug:survey_slug>/abmelden/<str:token>/", distribution.optout, name="optout"),
]
