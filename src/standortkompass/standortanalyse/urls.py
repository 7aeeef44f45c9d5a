"""Public pages of the Standortanalyse, under /standortanalyse/."""

app_name = "standortanalyse"

urlpatterns: list[object] = []
