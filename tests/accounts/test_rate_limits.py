"""Password reset mails and log-in attempts are limited per client address and per account."""

from __future__ import annotations

from django.core import mail
from django.test import Client

from accounts.helpers import german, log_in
from conftest import PASSWORD

RESET_REFUSAL = "Too many requests to reset a password in a short time. Please try again in %(minutes)s minutes."
LOGIN_REFUSAL = (
    "There have been too many failed log-ins to this account. Please try again in %(minutes)s "
    "minutes or reset your password."
)


def _reset(client: Client, email: str, address: str = "198.51.100.7"):
    return client.post("/konto/passwort-vergessen/", {"email": email}, REMOTE_ADDR=address)


def test_one_account_gets_only_the_allowed_number_of_reset_mails_whatever_the_sender_address(client, users, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT = 3
    answers = [_reset(client, "partner@example.org", f"198.51.100.{n}").status_code for n in range(10)]

    assert answers == [302] * 3 + [429] * 7
    assert len(mail.outbox) == 3


def test_a_refused_reset_names_the_field_in_german(client, users, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT = 1
    settings.RATE_LIMIT_WINDOW_MINUTES = 60
    _reset(client, "partner@example.org")
    response = _reset(client, "partner@example.org")

    assert response.status_code == 429
    assert response.context["form"].errors["email"] == [german(RESET_REFUSAL, minutes=60)]


def test_one_address_cannot_ask_for_reset_mails_to_many_accounts(client, users, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 2
    answers = [_reset(client, f"{role}@example.org").status_code for role in ("admin", "editor", "board")]

    assert answers == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_an_unknown_address_is_counted_like_a_known_one_so_the_answer_reveals_nothing(client, users, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT = 1
    known = [_reset(client, "partner@example.org", "198.51.100.1").status_code for _ in range(2)]
    unknown = [_reset(client, "niemand@example.org", "198.51.100.2").status_code for _ in range(2)]

    assert known == unknown == [302, 429]


def test_failed_log_ins_from_many_addresses_lock_the_account_even_for_the_right_password(client, users, settings):
    settings.LOGIN_LIMIT_PER_ACCOUNT = 4
    settings.RATE_LIMIT_WINDOW_MINUTES = 60
    for n in range(4):  # one failure per address: django-axes alone would never lock
        response = Client(REMOTE_ADDR=f"198.51.100.{n}").post(
            "/konto/anmelden/", {"username": "partner@example.org", "password": "falsch-falsch"}
        )
        assert response.status_code == 200

    response = Client(REMOTE_ADDR="203.0.113.9").post(
        "/konto/anmelden/", {"username": "Partner@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert german(LOGIN_REFUSAL, minutes=60) in response.content.decode()
    assert "_auth_user_id" not in response.client.session


def test_other_accounts_log_in_while_one_account_is_locked(client, users, settings):
    settings.LOGIN_LIMIT_PER_ACCOUNT = 1
    log_in(client, "partner@example.org", "falsch-falsch")
    assert log_in(Client(), "partner@example.org", PASSWORD).status_code == 429

    assert log_in(Client(), "company@example.org", PASSWORD).status_code == 302
