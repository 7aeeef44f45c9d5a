from django.urls import path

from standortkompass.accounts.views import account, invitations

app_name = "accounts"

urlpatterns = [
    path("", account.account, name="account"),
    path("anmelden/", account.login, name="login"),
    path("abmelden/", account.logout, name="logout"),
    path("zweiter-faktor/", account.second_factor, name="second_factor"),
    path("zweiter-faktor/einrichten/", account.second_factor_enrol, name="second_factor_enrol"),
    path("zweiter-faktor/sicherungscodes/", account.backup_codes, name="backup_codes"),
    path("zweiter-faktor/sicherungscodes/neu/", account.backup_codes_new, name="backup_codes_new"),
    path("passwort-aendern/", account.password_change, name="password_change"),
    path("passwort-vergessen/", account.password_reset, name="password_reset"),
    path("passwort-vergessen/gesendet/", account.password_reset_done, name="password_reset_done"),
    path("passwort-neu/fertig/", account.password_reset_complete, name="password_reset_complete"),
    path("passwort-neu/<uidb64>/<token>/", account.password_reset_confirm, name="password_reset_confirm"),
    path("einladung/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
