"""Members and invitations of one process, under /verwaltung/<process_pk>/mitglieder/."""

from django.urls import path

from standortkompass.accounts.views import manage

app_name = "members"

urlpatterns = [
    path("", manage.member_list, name="list"),
    path("einladen/", manage.invite, name="invite"),
    path("einladungen/", manage.invitation_list, name="invitations"),
    path("einladungen/<int:invitation_pk>/erneut-senden/", manage.invitation_resend, name="invitation_resend"),
    path("einladungen/<int:invitation_pk>/zurueckziehen/", manage.invitation_revoke, name="invitation_revoke"),
    path("<int:membership_pk>/rolle/", manage.change_role, name="change_role"),
    path("<int:membership_pk>/entfernen/", manage.remove, name="remove"),
    path("<int:membership_pk>/deaktivieren/", manage.disable_account, name="disable_account"),
]
