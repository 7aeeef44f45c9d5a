"""Warming at start (core.warmup): an app process fills the cache and draws its pages before it accepts connections."""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

import pytest

from standortkompass.core import warmup
from standortkompass.core.warmup import WarmAtStartup, register_warm_pages, register_warmer, warm_all, warm_pages


@pytest.fixture
def no_registrations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "_warmers", [])
    monkeypatch.setattr(warmup, "_pages", [])


def test_warm_all_runs_every_warmer_and_a_failing_one_does_not_stop_the_others(no_registrations):
    ran = []

    def broken() -> None:
        raise RuntimeError("no data")

    register_warmer("broken", broken)
    register_warmer("pages", lambda: ran.append("pages"))
    register_warmer("pages", lambda: ran.append("twice"))  # one registration per name
    assert warm_all() == ["pages"]
    assert ran == ["pages"]


def test_the_registered_pages_are_requested_through_the_site_and_a_failing_one_is_logged(
    no_registrations, db, requests_keep_the_test_transaction, caplog
):
    def unlisted() -> list[str]:
        raise RuntimeError("no process")

    register_warm_pages("site", lambda: ["/", "/impressum/", "/gibt-es-nicht/"])
    register_warm_pages("site", lambda: ["/twice/"])  # one registration per name
    register_warm_pages("broken", unlisted)
    with caplog.at_level(logging.WARNING, logger="standortkompass.core.warmup"):
        assert warm_pages() == 2
    logged = caplog.text
    assert "/gibt-es-nicht/ answered 404" in logged
    assert "The pages of broken to warm could not be listed" in logged
    assert "/twice/" not in logged


def test_a_page_is_requested_with_a_host_the_site_accepts(settings):
    settings.ALLOWED_HOSTS = [".kreis-beispiel.de", "www.kreis-beispiel.de"]
    assert warmup._warm_host() == "kreis-beispiel.de"
    settings.ALLOWED_HOSTS = ["*"]
    assert warmup._warm_host() == "localhost"
    settings.ALLOWED_HOSTS = []
    assert warmup._warm_host() == "localhost"


def _lifespan(application: WarmAtStartup) -> list[dict[str, Any]]:
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(application({"type": "lifespan"}, receive, send))
    return sent


@pytest.mark.parametrize("enabled", [True, False])
def test_the_process_is_warmed_on_lifespan_startup_before_startup_completes(monkeypatch, settings, enabled):
    settings.WARM_AT_START = enabled
    events: list[str] = []
    monkeypatch.setattr(warmup, "warm_process", lambda: events.append("warmed"))

    async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
        events.append("request")

    sent = _lifespan(WarmAtStartup(application))
    assert [message["type"] for message in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert events == (["warmed"] if enabled else [])


def test_a_process_whose_warming_fails_still_starts_and_says_why(monkeypatch, settings, caplog):
    settings.WARM_AT_START = True

    def unreachable() -> None:
        raise ConnectionError("database not reachable")

    monkeypatch.setattr(warmup, "warm_process", unreachable)

    async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
        pass

    with caplog.at_level(logging.ERROR, logger="standortkompass.core.warmup"):
        sent = _lifespan(WarmAtStartup(application))
    assert sent[0]["type"] == "lifespan.startup.complete"
    assert "Warming the app process failed" in caplog.text


def test_requests_pass_through_to_the_application():
    seen: list[str] = []

    async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.append(scope["type"])

    asyncio.run(WarmAtStartup(application)({"type": "http"}, None, None))  # type: ignore[arg-type]
    assert seen == ["http"]


@pytest.mark.parametrize(
    ("setting", "no_warm", "reload", "warmed"),
    [(True, False, False, True), (True, True, False, False), (True, False, True, False), (False, False, False, False)],
)
def test_serve_tells_its_app_processes_whether_to_warm(monkeypatch, settings, setting, no_warm, reload, warmed):
    from standortkompass.core.management.commands import serve

    monkeypatch.setenv("WARM_AT_START", "true" if setting else "false")
    settings.WARM_AT_START = setting
    serve.Command()._configure_warming(enabled=settings.WARM_AT_START and not no_warm and not reload)
    assert os.environ["WARM_AT_START"] == ("true" if warmed else "false")
    assert settings.WARM_AT_START is warmed


def test_the_production_entry_point_warms_on_lifespan_startup():
    from standortkompass.config.asgi import application

    assert isinstance(application, WarmAtStartup)
