"""Operational endpoints."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache did not return the value just written")
    return "ok"


def _check_channel_layer() -> str:
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer")
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.send)(channel, {"type": "healthz"})
    message = async_to_sync(layer.receive)(channel)
    if message.get("type") != "healthz":
        raise RuntimeError("channel layer returned another message")
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report database, cache and channel layer; 503 if any of them fails."""
    checks = {"database": _check_database}
    if settings.REDIS_URL:
        checks |= {"cache": _check_cache, "channel_layer": _check_channel_layer}
    result: dict[str, str] = {}
    healthy = True
    for name, check in checks.items():
        try:
            result[name] = check()
        except Exception as exc:  # any failure of a dependency means unhealthy
            result[name] = f"error: {exc.__class__.__name__}"
            healthy = False
    return JsonResponse({"status": "ok" if healthy else "error", "checks": result}, status=200 if healthy else 503)
