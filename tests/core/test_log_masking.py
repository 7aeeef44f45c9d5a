"""Logs name the route, never the token: the app's own log and uvicorn's access log (issue 10 §4)."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from core.test_serve import _environment, _free_port
from standortkompass.core.log_masking import (
    SecretMaskingFilter,
    _secrets_of_route,
    mask_secrets,
    secret_routes,
    uvicorn_log_config,
)

TOKEN = "Gk3vQ9zSECRETx7Lm2"


def test_the_secret_routes_are_read_from_the_url_configuration() -> None:
    routes = dict(secret_routes())
    assert routes["einladung"] == 1  # survey and account invitations
    assert routes["abmelden"] == 1  # opt-out of survey mails
    assert routes["passwort-neu"] == 2  # password reset: user and token


def test_a_route_with_a_secret_parameter_is_found_wherever_it_is() -> None:
    assert _secrets_of_route("<slug:survey_slug>/einladung/<str:token>/") == [("einladung", 1)]
    assert _secrets_of_route("passwort-neu/<uidb64>/<token>/") == [("passwort-neu", 2)]
    assert _secrets_of_route("einladungen/<int:invitation_pk>/erneut-senden/") == []
    assert _secrets_of_route("<slug:survey_slug>/seite/<str:page_name>/") == []


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("survey:invitation", {"survey_slug": "umfrage", "token": TOKEN}),
        ("survey:optout", {"survey_slug": "umfrage", "token": TOKEN}),
        ("accounts:invitation_accept", {"token": TOKEN}),
        ("accounts:password_reset_confirm", {"uidb64": "MTI", "token": TOKEN}),
    ],
)
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_url_with_a_token_is_masked_and_keeps_its_route(name: str, kwargs: dict[str, str], language: str) -> None:
    from django.utils import translation

    with translation.override(language):
        path = reverse(name, kwargs=kwargs)
    masked = mask_secrets(f'127.0.0.1:5000 - "GET {path}?a=1 HTTP/1.1" 404')
    assert TOKEN not in masked
    assert "/***/" in masked
    assert masked.endswith('?a=1 HTTP/1.1" 404')
    if "survey_slug" in kwargs:
        assert "/umfrage/" in masked


def test_paths_without_a_secret_are_left_alone() -> None:
    for text in (
        "/verwaltung/4/einladungen/12/erneut-senden/",
        "/konto/passwort-neu/fertig/",
        "/befragung/umfrage/seite/eins/",
        "no path at all",
    ):
        assert mask_secrets(text) == text


def test_a_path_in_an_error_message_is_masked_too() -> None:
    text = f"Resolver404: {{'path': 'befragung/x/einladung/{TOKEN}/'}}"
    assert mask_secrets(text) == "Resolver404: {'path': 'befragung/x/einladung/***/'}"


def test_a_not_found_at_a_token_url_is_logged_with_the_token_masked(
    db: None, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="django.request")  # 404s are logged from WARNING on
    answer = client.get(f"/befragung/gibt-es-nicht/einladung/{TOKEN}/")
    assert answer.status_code == 404
    assert "Not Found: /befragung/gibt-es-nicht/einladung/***/" in caplog.messages
    assert TOKEN not in caplog.text


def test_a_server_error_at_a_token_url_is_logged_with_the_token_masked(
    db: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from standortkompass.surveys.views import respondent

    def broken(**kwargs: object) -> None:
        raise RuntimeError(f"broken while reading /befragung/umfrage/einladung/{kwargs['token']}/")

    monkeypatch.setattr(respondent, "_survey", lambda slug: object())
    monkeypatch.setattr(respondent, "invitation_for_token", broken)
    answer = Client(raise_request_exception=False).get(f"/en/befragung/umfrage/einladung/{TOKEN}/")
    assert answer.status_code == 500
    (record,) = [record for record in caplog.records if record.name == "django.request"]
    assert record.getMessage() == "Internal Server Error: /en/befragung/umfrage/einladung/***/"
    assert "RuntimeError: broken while reading /befragung/umfrage/einladung/***/" in caplog.text
    assert TOKEN not in caplog.text


def test_the_filter_keeps_the_arguments_uvicorn_formats_its_access_line_from() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/befragung/umfrage/einladung/{TOKEN}/", "1.1", 302),
        None,
    )
    assert SecretMaskingFilter().filter(record)
    assert record.args == ("127.0.0.1:5000", "GET", "/befragung/umfrage/einladung/***/", "1.1", 302)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /befragung/umfrage/einladung/***/ HTTP/1.1" 302'


def test_uvicorns_log_configuration_masks_its_access_and_error_log() -> None:
    config = uvicorn_log_config()
    assert config["handlers"]["access"]["filters"] == ["mask_secrets"]
    assert config["handlers"]["default"]["filters"] == ["mask_secrets"]
    assert config["loggers"]["uvicorn.access"]["filters"] == ["mask_secrets"]
    assert config["filters"]["mask_secrets"]["()"].endswith("SecretMaskingFilter")


COMMAND = Path(sys.executable).with_name("standortkompass")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="starts the server as a process")
def test_the_served_access_log_names_the_route_and_not_the_token(tmp_path: Path) -> None:
    """The real server: uvicorn's access line for an invitation link, as it is written to standard output."""
    env = _environment(tmp_path)
    subprocess.run(  # noqa: S603 - our own command with fixed arguments
        [str(COMMAND), "migrate", "--no-input", "-v", "0"], env=env, check=True, timeout=300
    )
    port = _free_port()
    output = tmp_path / "served.log"
    with output.open("wb") as sink:
        server = subprocess.Popen(  # noqa: S603 - our own command with fixed arguments
            [str(COMMAND), "serve", "--port", str(port), "--no-warm"],
            env={**env, "TASKS_WORKER": "false"},
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}/befragung/gibt-es-nicht/einladung/{TOKEN}/"
            status = None
            deadline = time.monotonic() + 60
            while status is None and time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(url, timeout=2)
                except urllib.error.HTTPError as error:
                    status = error.code
                except OSError:
                    time.sleep(0.3)
            assert status == 404
            time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=30)
    written = output.read_text()
    assert '"GET /befragung/gibt-es-nicht/einladung/***/ HTTP/1.1" 404' in written
    assert TOKEN not in written


def test_the_projector_key_is_masked_in_its_address_and_in_the_websocket_query() -> None:
    assert dict(secret_routes())["beamer"] == 1
    masked = mask_secrets(f"GET /mitmachen/K7X4PQ/beamer/{TOKEN}/ HTTP/1.1")
    assert masked == "GET /mitmachen/K7X4PQ/beamer/***/ HTTP/1.1"
    assert mask_secrets(f'"WebSocket /ws/werkstatt/5/?key={TOKEN}&lang=de" [accepted]') == (
        '"WebSocket /ws/werkstatt/5/?key=***&lang=de" [accepted]'
    )
    assert mask_secrets("/ws/werkstatt/5/?lang=de&monkey=1") == "/ws/werkstatt/5/?lang=de&monkey=1"
