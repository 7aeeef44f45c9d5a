"""URLs of survey setup (filled by its views module)."""

urlpatterns: list = []
