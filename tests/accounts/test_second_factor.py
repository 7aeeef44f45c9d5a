from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.helpers import current_code, german, log_in
from conftest import PASSWORD
from standortkompass.accounts.services import BACKUP_CODE_COUNT, backup_codes_create, demo_totp_device

KEY = "3132333435363738393031323334353637383930"


@pytest.fixture
def admin_client(users) -> Client:
    """Logged in as Administration with the password, second factor not yet passed."""
    client = Client()
    log_in(client, "admin@example.org", PASSWORD)
    return client


def test_without_a_device_the_second_factor_step_offers_enrolment_with_a_qr_code(admin_client, users):
    response = admin_client.get("/konto/zweiter-faktor/?next=/konto/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg role="img"' in html
    assert "data:" not in html
    device = TOTPDevice.objects.get(user=users["admin"], confirmed=False)
    secret = response.context["secret"]
    assert len(secret.split(" ")[0]) == 4
    assert secret.replace(" ", "") in device.config_url
    # Reloading the page shows the same key (the pending device is kept).
    admin_client.get("/konto/zweiter-faktor/")
    assert TOTPDevice.objects.filter(user=users["admin"]).count() == 1


def test_enrolment_is_confirmed_with_a_real_code_and_shows_ten_backup_codes_once(admin_client, users):
    admin_client.get("/konto/zweiter-faktor/?next=/konto/")
    device = TOTPDevice.objects.get(user=users["admin"], confirmed=False)
    response = admin_client.post("/konto/zweiter-faktor/", {"code": current_code(device), "next": "/konto/"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/zweiter-faktor/sicherungscodes/?next=%2Fkonto%2F"
    device.refresh_from_db()
    assert device.confirmed
    response = admin_client.get(response["Location"])
    codes = response.context["codes"]
    assert len(codes) == BACKUP_CODE_COUNT
    assert all(code in response.content.decode() for code in codes)
    assert set(StaticToken.objects.filter(device__user=users["admin"]).values_list("token", flat=True)) == set(codes)
    # Shown only once.
    assert admin_client.get("/konto/zweiter-faktor/sicherungscodes/").context["codes"] is None
    # The session has passed the second factor.
    assert admin_client.get("/konto/").status_code == 200


def test_a_wrong_code_during_enrolment_confirms_nothing(admin_client, users):
    admin_client.get("/konto/zweiter-faktor/")
    device = TOTPDevice.objects.get(user=users["admin"])
    wrong = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"
    response = admin_client.post("/konto/zweiter-faktor/", {"code": wrong})
    assert response.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    assert admin_client.get("/konto/").status_code == 302


def test_with_a_device_the_step_asks_for_the_current_code(admin_client, users):
    device = demo_totp_device(user=users["admin"], key_hex=KEY)
    response = admin_client.get("/konto/zweiter-faktor/?next=/konto/")
    assert "accounts/second_factor.html" in [template.name for template in response.templates]
    response = admin_client.post("/konto/zweiter-faktor/", {"code": current_code(device), "next": "/konto/"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    assert admin_client.get("/konto/").status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_message(admin_client, users):
    device = demo_totp_device(user=users["admin"], key_hex=KEY)
    wrong = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"
    response = admin_client.post("/konto/zweiter-faktor/", {"code": wrong})
    assert response.status_code == 200
    assert german("This code is not correct. Please enter the code your app shows right now.") in (
        response.content.decode()
    )
    assert admin_client.get("/konto/").status_code == 302


def test_repeated_wrong_codes_are_throttled_even_for_the_right_code(admin_client, users):
    device = demo_totp_device(user=users["admin"], key_hex=KEY)
    device.throttling_failure_count = 5
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    response = admin_client.post("/konto/zweiter-faktor/", {"code": current_code(device)})
    assert response.status_code == 200
    html = response.content.decode()
    message = german(
        "Too many wrong codes. For your protection, please wait until %(time)s and then enter the current code."
    )
    assert message.split("%(time)s")[0] in html
    assert admin_client.get("/konto/").status_code == 302
    # Once the waiting time is over, the right code works again.
    device.throttling_failure_timestamp = timezone.now() - dt.timedelta(minutes=5)
    device.save()
    response = admin_client.post("/konto/zweiter-faktor/", {"code": current_code(device)})
    assert response.status_code == 302


def test_a_backup_code_passes_the_second_factor_once(users):
    demo_totp_device(user=users["admin"], key_hex=KEY)
    codes = backup_codes_create(user=users["admin"])
    first = Client()
    log_in(first, "admin@example.org", PASSWORD)
    response = first.post("/konto/zweiter-faktor/", {"code": codes[0].upper(), "next": "/konto/"})
    assert response["Location"] == "/konto/"
    assert first.get("/konto/").status_code == 200
    assert StaticToken.objects.filter(device__user=users["admin"]).count() == BACKUP_CODE_COUNT - 1

    second = Client()
    log_in(second, "admin@example.org", PASSWORD)
    response = second.post("/konto/zweiter-faktor/", {"code": codes[0]})
    assert response.status_code == 200
    assert second.get("/konto/").status_code == 302


def test_the_second_factor_step_sends_anonymous_visitors_to_the_login(client, db):
    response = client.get("/konto/zweiter-faktor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_an_already_verified_session_is_sent_on(client_for):
    response = client_for("admin").get("/konto/zweiter-faktor/?next=/konto/")
    assert response["Location"] == "/konto/"


def test_a_new_app_replaces_the_old_device_after_confirmation(client_for, users):
    client = client_for("editor")
    old = TOTPDevice.objects.get(user=users["editor"])
    response = client.get("/konto/zweiter-faktor/einrichten/")
    assert response.status_code == 200
    assert response.context["replacing"]
    new = TOTPDevice.objects.get(user=users["editor"], confirmed=False)
    response = client.post("/konto/zweiter-faktor/einrichten/", {"code": current_code(new)})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=users["editor"])) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert client.get("/konto/").status_code == 200


def test_setting_up_a_new_app_requires_the_current_second_factor(users):
    demo_totp_device(user=users["admin"], key_hex=KEY)
    client = Client()
    log_in(client, "admin@example.org", PASSWORD)
    response = client.get("/konto/zweiter-faktor/einrichten/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zweiter-faktor/?next=")


def test_new_backup_codes_replace_the_old_ones(client_for, users):
    client = client_for("admin")
    old = backup_codes_create(user=users["admin"])
    assert client.get("/konto/zweiter-faktor/sicherungscodes/neu/").status_code == 200
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(old)
    response = client.post("/konto/zweiter-faktor/sicherungscodes/neu/")
    assert response.status_code == 302
    new = client.get(response["Location"]).context["codes"]
    assert len(new) == BACKUP_CODE_COUNT
    tokens = set(StaticToken.objects.filter(device__user=users["admin"]).values_list("token", flat=True))
    assert tokens == set(new)
    assert not tokens & set(old)
