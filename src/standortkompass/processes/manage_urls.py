from django.urls import path

from standortkompass.processes.views import manage

app_name = "manage"

urlpatterns = [
    path("", manage.home, name="home"),
]
