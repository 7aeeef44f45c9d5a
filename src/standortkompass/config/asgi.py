"""ASGI entry point: HTTP through Django, WebSocket for the live workshops (workshops.routing: participants'
phones, the facilitators' console, the projector) behind the Origin check (ALLOWED_HOSTS) and the log-in
session. The ASGI lifespan startup warms the process before it accepts connections (core.warmup)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standortkompass.config.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from standortkompass.core.warmup import WarmAtStartup  # noqa: E402
from standortkompass.workshops.routing import websocket_urlpatterns  # noqa: E402

application = WarmAtStartup(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            # A browser sends the page's Origin: a page of another site cannot open a live connection.
            "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
        }
    )
)
