"""URLs of survey results (filled by its views module)."""

urlpatterns: list = []
