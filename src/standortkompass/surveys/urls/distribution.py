"""URLs of survey distribution under /verwaltung/<process>/befragungen/<survey>/versand/ (namespace surveys_manage)."""

from django.urls import path

from standortkompass.surveys.views import distribution

urlpatterns = [
    path("", distribution.distribution, name="distribution"),
    path("einladungen/", distribution.invitations, name="distribution_invitations"),
    path("einladungen/anlegen/", distribution.invitations_create, name="distribution_invitations_create"),
    path("einladungen/unzustellbar/", distribution.invitation_bounce, name="distribution_invitation_bounce"),
    path("texte/<slug:mail_kind>/", distribution.template, name="distribution_template"),
    path("texte/<slug:mail_kind>/vorschau/", distribution.preview, name="distribution_preview"),
    path("wellen/planen/", distribution.wave_schedule_view, name="distribution_wave_schedule"),
    path("wellen/abbrechen/", distribution.wave_cancel_view, name="distribution_wave_cancel"),
]
