from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.helpers import current_code
from standortkompass.accounts.models import Membership, Role
from standortkompass.accounts.services import backup_codes_create, demo_totp_device
from standortkompass.processes.models import StrategyProcess

KEY = "3132333435363738393031323334353637383930"


def test_a_demo_device_is_confirmed_with_the_given_key_and_replaces_others(users):
    first = demo_totp_device(user=users["admin"], key_hex="AB" * 20)
    device = demo_totp_device(user=users["admin"], key_hex=KEY)
    assert list(TOTPDevice.objects.filter(user=users["admin"])) == [device]
    assert device.confirmed
    assert device.key == KEY
    assert not TOTPDevice.objects.filter(pk=first.pk).exists()


def test_a_demo_device_refuses_a_key_that_is_not_hex(users):
    with pytest.raises(ValidationError, match="key"):
        demo_totp_device(user=users["admin"], key_hex="kein-hex")


def test_the_demo_code_command_prints_the_current_code_of_a_demo_account(users, process):
    StrategyProcess.objects.filter(pk=process.pk).update(is_demo=True)
    device = demo_totp_device(user=users["admin"], key_hex=KEY)
    out = io.StringIO()
    call_command("demo_totp_code", "Admin@example.org", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == current_code(device)


def test_the_demo_code_command_refuses_accounts_of_real_processes(users, process):
    demo_totp_device(user=users["admin"], key_hex=KEY)
    with pytest.raises(CommandError) as error:
        call_command("demo_totp_code", "admin@example.org", stdout=io.StringIO())
    assert error.value.returncode == 2
    assert "demo" in str(error.value)


def test_the_demo_code_command_refuses_an_account_that_is_also_in_a_real_process(users, process, regions):
    StrategyProcess.objects.filter(pk=process.pk).update(is_demo=True)
    real = StrategyProcess.objects.create(
        slug="echt", title="Echter Prozess", region=regions["08118"], short_description="x", agency_name="y"
    )
    Membership.objects.create(user=users["admin"], process=real, role=Role.ADMIN)
    demo_totp_device(user=users["admin"], key_hex=KEY)
    with pytest.raises(CommandError) as error:
        call_command("demo_totp_code", "admin@example.org", stdout=io.StringIO())
    assert error.value.returncode == 2


@pytest.mark.parametrize("email", ["outsider@example.org", "niemand@example.org"])
def test_the_demo_code_command_refuses_accounts_without_demo_processes(users, email):
    with pytest.raises(CommandError) as error:
        call_command("demo_totp_code", email, stdout=io.StringIO())
    assert error.value.returncode == 2


def test_my_account_shows_name_email_roles_and_second_factor(client_for, users, process):
    backup_codes_create(user=users["board"])
    response = client_for("board").get("/konto/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test Board" in html
    assert "board@example.org" in html
    assert process.title in html
    assert str(Role.BOARD.label) in html
    assert "/konto/passwort-aendern/" in html
    assert "/konto/zweiter-faktor/einrichten/" in html
    assert "/konto/zweiter-faktor/sicherungscodes/neu/" in html
    assert response.context["second_factor"].backup_codes_left == 10


def test_my_account_requires_login(client, db):
    assert client.get("/konto/")["Location"] == "/konto/anmelden/?next=/konto/"
