"""Findings and statistics import in the management area, under /verwaltung/<process_pk>/standortanalyse/."""

app_name = "standortanalyse_manage"

urlpatterns: list[object] = []
