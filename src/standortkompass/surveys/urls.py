"""The respondent's pages under /befragung/<survey>/."""

app_name = "survey"

urlpatterns: list = []
