"""The WebSocket routes of live sessions (config/asgi.py mounts them behind the Origin check and the session's
authentication; docs/workshops.md, "Real time")."""

from django.urls import path

from standortkompass.workshops.consumers import ParticipantConsumer, WatchConsumer

websocket_urlpatterns = [
    # A participant's phone: the token in the session's cookie (selectors.participants.cookie_name).
    path("ws/mitmachen/<str:code>/", ParticipantConsumer.as_asgi(), name="ws_participant"),
    # The facilitators' console (a logged-in user with workshops.manage) and the projector (?key=<projector key>).
    path("ws/werkstatt/<int:session_id>/", WatchConsumer.as_asgi(), name="ws_watch"),
]
