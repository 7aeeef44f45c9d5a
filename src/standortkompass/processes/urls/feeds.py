from django.urls import path

from standortkompass.processes.views import feeds

app_name = "feeds"

urlpatterns = [
    path("termine.ics", feeds.events_ics, name="events"),
    path("termine/<uuid:uid>.ics", feeds.event_ics, name="event"),
    path("aktuelles/feed/", feeds.NewsFeed(), name="news"),
]
