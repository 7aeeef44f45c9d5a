"""Members and invitations of one process, under /verwaltung/<process_pk>/mitglieder/."""

from django.urls import path

from standortkompass.accounts.views import manage as views_manage

app_name = "members"

urlpatterns = [
    path("", views_manage.member_list, name="list"),
    path("einladen/", views_manage.invite, name="invite"),
    path("einladungen/", views_manage.invitation_list, name="invitations"),
    path("einladungen/<int:invitation_pk>/erneut-senden/", views_manage.invitation_resend, name="invitation_resend"),
    path("einladungen/<int:invitation_pk>/zurueckziehen/", views_manage.invitation_revoke, name="invitation_revoke"),
    path("<int:membership_pk>/rolle/", views_manage.change_role, name="change_role"),
    path("<int:membership_pk>/entfernen/", views_manage.remove, name="remove"),
    path("<int:membership_pk>/deaktivieren/", views_manage.disable_account, name="disable_account"),
]
