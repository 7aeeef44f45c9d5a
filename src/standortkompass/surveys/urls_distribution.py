"""URLs of survey distribution (filled by its views module)."""

urlpatterns: list = []
