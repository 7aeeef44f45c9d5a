"""ASGI entry point: HTTP through Django; WebSocket routes join here when live workshops arrive. The ASGI
lifespan startup warms the process before it accepts connections (core.warmup)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standortkompass.config.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402

from standortkompass.core.warmup import WarmAtStartup  # noqa: E402

application = WarmAtStartup(ProtocolTypeRouter({"http": django_asgi_app}))
