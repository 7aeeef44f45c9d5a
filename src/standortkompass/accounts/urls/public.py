from django.urls import path

from standortkompass.accounts.views import account as views
from standortkompass.accounts.views import invitations as views_invitations

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("anmelden/", views.login, name="login"),
    path("abmelden/", views.logout, name="logout"),
    path("zweiter-faktor/", views.second_factor, name="second_factor"),
    path("zweiter-faktor/einrichten/", views.second_factor_enrol, name="second_factor_enrol"),
    path("zweiter-faktor/sicherungscodes/", views.backup_codes, name="backup_codes"),
    path("zweiter-faktor/sicherungscodes/neu/", views.backup_codes_new, name="backup_codes_new"),
    path("passwort-aendern/", views.password_change, name="password_change"),
    path("passwort-vergessen/", views.password_reset, name="password_reset"),
    path("passwort-vergessen/gesendet/", views.password_reset_done, name="password_reset_done"),
    path("passwort-neu/fertig/", views.password_reset_complete, name="password_reset_complete"),
    path("passwort-neu/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("einladung/<str:token>/", views_invitations.invitation_accept, name="invitation_accept"),
]
