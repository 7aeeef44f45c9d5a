"""Members and invitations of one process, under /verwaltung/<process_pk>/mitglieder/."""

app_name = "members"

urlpatterns: list[object] = []
