from __future__ import annotations

import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.helpers import german, log_in
from conftest import PASSWORD
from standortkompass.accounts.middleware import LAST_SEEN_KEY, LOGIN_AT_KEY
from standortkompass.accounts.models import UserSession
from standortkompass.accounts.services import user_disable


def _session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_logging_out_asks_for_confirmation_on_get(client_for):
    client = client_for("partner")
    response = client.get("/konto/abmelden/")
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert client.get("/konto/").status_code == 200


def test_logging_out_deletes_the_session_on_the_server(client_for):
    client = client_for("partner")
    key = _session_key(client)
    assert UserSession.objects.filter(session_key=key).exists()
    response = client.post("/konto/abmelden/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert client.get("/konto/")["Location"].startswith("/konto/anmelden/")


def test_a_stolen_session_cookie_is_useless_after_logging_out(client_for):
    client = client_for("partner")
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = _session_key(client)
    assert thief.get("/konto/").status_code == 200
    client.post("/konto/abmelden/")
    assert thief.get("/konto/").status_code == 302


def test_a_disabled_user_is_logged_out_on_the_next_request_everywhere(client_for, users):
    first = client_for("partner")
    second = Client()
    log_in(second, "partner@example.org", PASSWORD)
    keys = {_session_key(first), _session_key(second)}
    assert set(UserSession.objects.filter(user=users["partner"]).values_list("session_key", flat=True)) == keys

    user_disable(user=users["partner"], actor=users["admin"], process=users["admin"].memberships.get().process)

    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.filter(user=users["partner"]).exists()
    for client in (first, second):
        response = client.get("/konto/")
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/anmelden/")
    assert log_in(Client(), "partner@example.org", PASSWORD).status_code == 200


def test_a_session_idle_for_longer_than_the_limit_ends(client_for):
    client = client_for("partner")
    key = _session_key(client)
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")
    assert not Session.objects.filter(session_key=key).exists()
    login_page = client.get(response["Location"])
    assert (
        german(
            "You were logged out after %(minutes)s minutes without activity. Please log in again.",
            minutes=settings.SESSION_IDLE_TIMEOUT // 60,
        )
        in login_page.content.decode()
    )


def test_a_session_in_use_stays_logged_in_within_the_idle_limit(client_for):
    client = client_for("partner")
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT + 60
    session.save()
    assert client.get("/konto/").status_code == 200
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5


def test_a_session_ends_after_the_absolute_limit_however_active_it_was(client_for):
    client = client_for("partner")
    session = client.session
    session[LOGIN_AT_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE - 5
    session[LAST_SEEN_KEY] = int(time.time()) - 10
    session.save()
    response = client.get("/konto/")
    assert response["Location"].startswith("/konto/anmelden/")
    login_page = client.get(response["Location"])
    assert (
        german(
            "You were logged out because a session lasts at most %(hours)s hours. Please log in again.",
            hours=settings.SESSION_COOKIE_AGE // 3600,
        )
        in login_page.content.decode()
    )


def test_a_session_just_inside_the_absolute_limit_is_still_valid(client_for):
    client = client_for("partner")
    session = client.session
    session[LOGIN_AT_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE + 60
    session.save()
    assert client.get("/konto/").status_code == 200


def test_the_session_cookie_ends_with_the_browser_and_the_server_side_session_expires():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_IDLE_TIMEOUT < settings.SESSION_COOKIE_AGE
