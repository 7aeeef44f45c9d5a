from django.urls import include, path

from standortkompass.processes.views import manage

app_name = "manage"

urlpatterns = [
    path("", manage.home, name="home"),
    path("<int:process_pk>/akteure/", include("standortkompass.processes.organisation_urls")),
    path("<int:process_pk>/mitglieder/", include("standortkompass.accounts.manage_urls")),
]
