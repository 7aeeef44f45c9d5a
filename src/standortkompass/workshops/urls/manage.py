"""The workshops' manage URLs (docs/workshops.md)."""

from django.urls import URLPattern, URLResolver, include, path

from standortkompass.workshops.urls.documentation import urlpatterns as documentation_urlpatterns

app_name = "workshops_manage"

urlpatterns: list[URLPattern | URLResolver] = [
    # The documentation, exports and hand-over of held workshops.
    path("", include(documentation_urlpatterns)),
]
