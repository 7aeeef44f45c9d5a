"""One TOTP code (or one backup code) is accepted once, even when it arrives several times at once.

The threads need committed rows and their own database connections, hence ``transaction=True``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.helpers import current_code, log_in
from conftest import PASSWORD
from standortkompass.accounts.models import User
from standortkompass.accounts.services import backup_codes_create, second_factor_verify

PARALLEL = 6


def _in_parallel(attempt: Callable[[], bool]) -> list[bool]:
    """``attempt`` run by PARALLEL threads released at the same moment; each closes its connection."""
    barrier = threading.Barrier(PARALLEL)

    def run() -> bool:
        try:
            barrier.wait()
            return attempt()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(lambda _: run(), range(PARALLEL)))


@pytest.fixture
def user(transactional_db: None) -> User:
    return User.objects.create_user("totp@example.org", PASSWORD, full_name="Test TOTP")


@pytest.fixture
def device(user: User) -> TOTPDevice:
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    return device


@pytest.mark.django_db(transaction=True)
def test_six_parallel_submissions_of_one_totp_code_are_accepted_once(user, device):
    code = current_code(device)
    results = _in_parallel(lambda: second_factor_verify(user=user, code=code).ok)
    assert results.count(True) == 1
    assert second_factor_verify(user=user, code=code).ok is False


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_that_loaded_the_device_before_the_code_arrived_accept_it_once(user, device):
    """Each request holds its own copy of the device row, read before any of them verified."""
    code = current_code(device)
    copies = [TOTPDevice.objects.get(pk=device.pk) for _ in range(PARALLEL)]
    results = _in_parallel(lambda: second_factor_verify(user=user, code=code, device=copies.pop()).ok)
    assert results.count(True) == 1


@pytest.mark.django_db(transaction=True)
def test_a_backup_code_submitted_in_parallel_is_accepted_once(user, device):
    code = backup_codes_create(user=user)[0]
    results = _in_parallel(lambda: second_factor_verify(user=user, code=code).ok)
    assert results.count(True) == 1


@pytest.mark.django_db(transaction=True)
def test_six_sessions_posting_one_code_to_the_second_factor_page_at_once_pass_only_one(user, device):
    clients = []
    for _ in range(PARALLEL):
        client = Client()
        assert log_in(client, user.email, PASSWORD).status_code == 302
        clients.append(client)
    code = current_code(device)

    def post() -> bool:
        response = clients.pop().post("/konto/zweiter-faktor/", {"code": code, "next": "/konto/"})
        return response.status_code == 302 and response["Location"] == "/konto/"

    assert _in_parallel(post).count(True) == 1
