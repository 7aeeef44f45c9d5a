from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.test import Client, override_settings

from accounts.helpers import german, log_in
from conftest import PASSWORD
from standortkompass.accounts.models import UserSession
from standortkompass.config import settings as project_settings


def test_the_login_page_asks_for_email_and_password(client, db):
    response = client.get("/konto/anmelden/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="email"' in html
    assert 'name="username"' in html
    assert 'type="password"' in html
    assert 'class="kern-form-input__input"' in html


def test_a_partner_logs_in_with_email_and_password_and_lands_in_the_management_area(client, users):
    response = log_in(client, "partner@example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/verwaltung/"
    assert client.get("/konto/").status_code == 200


def test_the_email_address_is_not_case_sensitive(client, users):
    response = log_in(client, "Partner@Example.ORG", PASSWORD)
    assert response.status_code == 302


def test_a_wrong_password_is_refused_with_a_clear_message(client, users):
    response = log_in(client, "partner@example.org", "falsch")
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    expected = german(
        "The e-mail address or the password is not correct. After %(limit)s failed attempts, "
        "logging in is blocked for %(minutes)s minutes.",
        limit=settings.AXES_FAILURE_LIMIT,
        minutes=round(settings.AXES_COOLOFF_TIME * 60),
    )
    assert expected in response.content.decode()
    assert not UserSession.objects.exists()


def test_a_disabled_account_cannot_log_in(client, users):
    users["partner"].is_active = False
    users["partner"].save()
    assert log_in(client, "partner@example.org", PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_is_blocked_after_the_failure_limit_and_says_when_to_try_again(client, users):
    limit = settings.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        assert log_in(client, "partner@example.org", "falsch").status_code == 200
    response = log_in(client, "partner@example.org", "falsch")
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [template.name for template in response.templates]
    html = response.content.decode()
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    sentence = german("Please wait %(minutes)s minutes and try again after %(time)s.")
    assert sentence.split("%(time)s")[0] % {"minutes": minutes} in html
    # Even the right password does not help until the waiting time is over.
    response = log_in(client, "partner@example.org", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_another_account_is_not_blocked_by_someone_elses_failures(client, users):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "partner@example.org", "falsch")
    assert log_in(client, "company@example.org", PASSWORD).status_code == 302


def test_logging_in_gives_the_session_a_new_key_and_records_it(client, users):
    before = client.session
    before["chosen_before_login"] = "yes"
    before.save()
    old_key = before.session_key
    log_in(client, "partner@example.org", PASSWORD)
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert UserSession.objects.get(session_key=new_key).user == users["partner"]


@pytest.mark.parametrize("role", ["admin", "editor", "board"])
def test_staff_and_board_members_go_to_the_second_factor_after_the_password(client, users, role):
    response = log_in(client, f"{role}@example.org", PASSWORD, next_url="/konto/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/zweiter-faktor/?next=%2Fkonto%2F"
    # Until the second factor is passed, protected pages send them back there.
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zweiter-faktor/?next=")


@pytest.mark.parametrize("role", ["partner", "company"])
def test_partners_and_companies_need_no_second_factor(client, users, role):
    response = log_in(client, f"{role}@example.org", PASSWORD, next_url="/konto/")
    assert response["Location"] == "/konto/"
    assert client.get("/konto/").status_code == 200


def test_a_next_address_on_another_site_is_ignored(client, users):
    response = log_in(client, "partner@example.org", PASSWORD, next_url="https://evil.example/")
    assert response["Location"] == "/verwaltung/"


@override_settings(REQUIRE_SECOND_FACTOR=False)
def test_without_the_second_factor_requirement_staff_log_in_with_the_password_only(client, users):
    response = log_in(client, "admin@example.org", PASSWORD, next_url="/konto/")
    assert response["Location"] == "/konto/"


def test_argon2_is_the_password_hasher_of_the_project():
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        assert make_password("Richtig-Langes-Passwort").startswith("argon2$")


def test_the_login_page_of_a_logged_in_user_still_works(users):
    client = Client()
    client.force_login(users["partner"])
    assert client.get("/konto/anmelden/").status_code == 200
