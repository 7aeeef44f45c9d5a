from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from accounts.helpers import link_in_last_mail, log_in
from conftest import PASSWORD

NEW_PASSWORD = "Ganz-Neues-Passwort-2027"


def test_the_password_reset_page_uses_kern_markup(client, db):
    response = client.get("/konto/passwort-vergessen/")
    assert response.status_code == 200
    assert 'class="kern-form-input__input"' in response.content.decode()


def test_a_password_is_reset_through_the_link_in_the_email(client, users):
    other_device = Client()
    log_in(other_device, "partner@example.org", PASSWORD)
    other_key = other_device.cookies[settings.SESSION_COOKIE_NAME].value

    response = client.post("/konto/passwort-vergessen/", {"email": "Partner@example.org"})
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["partner@example.org"]
    link = link_in_last_mail(r"/konto/passwort-neu/[^/\s]+/[^/\s]+/")

    response = client.get(link)
    assert response.status_code == 302  # Django hides the token from the address bar
    form_url = response["Location"]
    response = client.get(form_url)
    assert response.context["validlink"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/konto/passwort-neu/fertig/"

    assert log_in(Client(), "partner@example.org", NEW_PASSWORD).status_code == 302
    assert log_in(Client(), "partner@example.org", PASSWORD).status_code == 200
    # Whoever was logged in with the old password is logged out.
    assert not Session.objects.filter(session_key=other_key).exists()
    # The link works only once.
    assert not client.get(link, follow=True).context["validlink"]


def test_a_reset_for_an_unknown_address_sends_nothing_but_looks_the_same(client, db):
    response = client.post("/konto/passwort-vergessen/", {"email": "niemand@example.org"})
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert mail.outbox == []


def test_a_weak_new_password_is_refused(client, users):
    client.post("/konto/passwort-vergessen/", {"email": "partner@example.org"})
    form_url = client.get(link_in_last_mail(r"/konto/passwort-neu/[^/\s]+/[^/\s]+/"))["Location"]
    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]


def test_a_logged_in_user_changes_the_password_and_other_sessions_end(client_for, users):
    client = client_for("partner")
    other = Client()
    log_in(other, "partner@example.org", PASSWORD)
    response = client.post(
        "/konto/passwort-aendern/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/konto/"
    assert client.get("/konto/").status_code == 200
    assert other.get("/konto/").status_code == 302
    users["partner"].refresh_from_db()
    assert users["partner"].check_password(NEW_PASSWORD)


def test_changing_the_password_needs_the_old_one(client_for, users):
    response = client_for("partner").post(
        "/konto/passwort-aendern/",
        {"old_password": "falsch", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]


def test_the_password_change_page_requires_login(client, db):
    assert client.get("/konto/passwort-aendern/")["Location"].startswith("/konto/anmelden/")
