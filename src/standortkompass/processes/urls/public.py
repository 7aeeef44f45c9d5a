from django.urls import path, register_converter

from standortkompass.processes.models import SitePage
from standortkompass.processes.views import public


class SitePageConverter:
    regex = "|".join(SitePage.SLUGS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(SitePageConverter, "sitepage")

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("termine/", public.event_list, name="events"),
    path("termine/<uuid:uid>/", public.event_detail, name="event"),
    path("aktuelles/", public.news_list, name="news"),
    path("aktuelles/<int:pk>/<slug:slug>/", public.news_detail, name="news_item"),
    path("akteure/", public.actors, name="actors"),
    path("gremien/", public.boards, name="boards"),
    path("prozesse/", public.process_list, name="processes"),
    path("prozesse/<slug:slug>/", public.process_detail, name="process"),
    path("barriere-melden/", public.feedback, name="feedback"),
    path("<sitepage:slug>/", public.page, name="page"),
]
