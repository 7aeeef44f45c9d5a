"""HEAD wherever GET, no-store for logged-in users, the cookie names and lifetimes."""

from __future__ import annotations

import runpy
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from standortkompass.config import settings as config
from test_permission_matrix import ACCESS, _arguments, all_url_names, url_for, world  # noqa: F401  (fixture)


@pytest.mark.parametrize("role", ["admin", "anonymous"])
def test_every_url_answers_head_exactly_as_it_answers_get_but_without_a_body(role, world, client_for):  # noqa: F811
    client = client_for(role)
    arguments = _arguments()
    wrong = []
    for name in all_url_names():
        url = url_for(name, arguments[name], world)
        got = client.get(url)
        head = client.head(url)
        if head.status_code != got.status_code or head.get("Location") != got.get("Location"):
            wrong.append(f"HEAD {url} ({name}): {head.status_code}, GET: {got.status_code}")
        elif (b"".join(head.streaming_content) if head.streaming else head.content) != b"":
            wrong.append(f"HEAD {url} ({name}) has a body")
        elif not got.streaming and got.status_code == 200 and not head.has_header("Content-Length"):
            # The length GET would send (not compared byte for byte: an XLSX carries its time).
            wrong.append(f"HEAD {url} ({name}) has no Content-Length")
    assert ACCESS
    assert not wrong, "\n".join(wrong)


def test_a_head_request_answers_a_get_only_view_that_django_would_refuse(client, db):
    # /healthz is decorated with require_GET, which alone would answer HEAD with 405.
    response = client.head("/healthz")
    assert response.status_code == client.get("/healthz").status_code != 405
    assert response.content == b""
    assert response["Content-Type"].startswith("application/json")


def test_every_response_to_a_logged_in_user_says_no_store(client_for, process):
    client = client_for("admin")
    for url in ["/", "/verwaltung/", "/konto/", f"/prozesse/{process.slug}/", "/standortanalyse/"]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url


def test_a_reader_without_a_session_gets_no_no_store_and_no_cookie(client, process):
    response = client.get(f"/prozesse/{process.slug}/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert not response.cookies


def test_the_csrf_cookie_ends_with_the_browser_session_like_the_session_cookie(client: Client, db: None) -> None:
    response = client.get("/barriere-melden/")
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def _settings_with(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(config.__file__)


def test_with_https_every_cookie_is_named_with_the_host_prefix(monkeypatch):
    values = _settings_with(monkeypatch, USE_HTTPS="true")
    names = [values[f"{kind}_COOKIE_NAME"] for kind in ("SESSION", "CSRF", "LANGUAGE", "MESSAGES")]
    assert names == ["__Host-sessionid", "__Host-csrftoken", "__Host-sk_language", "__Host-messages"]
    assert all(values[f"{kind}_COOKIE_SECURE"] for kind in ("SESSION", "CSRF", "LANGUAGE"))
    # __Host- cookies must not name a domain and must cover the whole site.
    assert all(values.get(f"{kind}_COOKIE_DOMAIN") is None for kind in ("SESSION", "CSRF", "LANGUAGE"))
    assert all(values.get(f"{kind}_COOKIE_PATH", "/") == "/" for kind in ("SESSION", "CSRF", "LANGUAGE"))


def test_without_https_the_cookies_keep_their_plain_names(monkeypatch):
    values = _settings_with(monkeypatch, USE_HTTPS="false")
    assert (values["SESSION_COOKIE_NAME"], values["CSRF_COOKIE_NAME"]) == ("sessionid", "csrftoken")


def test_a_message_after_a_form_travels_in_the_configured_cookie(client_for, settings):
    settings.MESSAGES_COOKIE_NAME = "__Host-messages"
    client = client_for("admin")
    client.post("/konto/abmelden/")
    assert "__Host-messages" in client.cookies
