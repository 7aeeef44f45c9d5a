"""/healthz tells a load balancer whether this app process can serve requests."""

from __future__ import annotations

from django.conf import settings

from standortkompass.core import views


def _expected_checks() -> set[str]:
    # Cache and channel layer are checked only when they are shared (Redis); in memory they cannot fail.
    return {"database", "cache", "channel_layer"} if settings.REDIS_URL else {"database"}


def test_healthz_reports_ok_for_every_configured_dependency(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == _expected_checks()
    assert set(body["checks"].values()) == {"ok"}


def test_healthz_answers_503_when_the_database_fails(client, db, monkeypatch):
    def broken() -> str:
        raise ConnectionError("database is down")

    monkeypatch.setattr(views, "_check_database", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "error: ConnectionError"


def test_healthz_checks_cache_and_channel_layer_when_redis_is_configured(client, db, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"

    def broken() -> str:
        raise RuntimeError("cache is down")

    monkeypatch.setattr(views, "_check_cache", broken)
    monkeypatch.setattr(views, "_check_channel_layer", lambda: "ok")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "error: RuntimeError", "channel_layer": "ok"}


def test_healthz_is_never_cached_and_sets_no_cookie(client, db):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_healthz_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405
