"""Organisations, contacts and the organisation import, under /verwaltung/<process_pk>/akteure/."""

app_name = "organisations"

urlpatterns: list[object] = []
