"""The TOTP second factor (django-otp): enrolment, verification with throttling, backup codes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from standortkompass.accounts.models import User

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
_TOTP_CODE = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class SecondFactorCheck:
    """The outcome of checking a code: the device that accepted it, or why none did."""

    device: Any = None
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.device is not None


def totp_device_pending(*, user: User) -> Any:
    """The not yet confirmed TOTP device of ``user`` (created with a new random key if none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


def backup_codes_create(*, user: User) -> list[str]:
    """Replace the backup codes of ``user`` with new ones; returns them (shown to the user once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        device.full_clean()
        device.save()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def totp_device_confirm(*, device: Any) -> list[str]:
    """Make ``device`` the user's only TOTP device and issue fresh backup codes.

    Call only after the user entered a valid code from the device.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.name = TOTP_DEVICE_NAME
        device.full_clean()
        # Only these fields: a copy read before the code was checked must not undo its spent step.
        device.save(update_fields=["confirmed", "name"])
        return backup_codes_create(user=device.user)


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


def second_factor_verify(*, user: User, code: str, device: Any = None) -> SecondFactorCheck:
    """Check ``code`` against ``device`` or, without one, the user's confirmed devices.

    Six digits are a TOTP code; anything else is tried as a backup code (each works once).
    Wrong codes slow further attempts down (django-otp's throttling: 1, 2, 4, 8 … seconds);
    while a device is throttled, ``locked_until`` says until when. A code is accepted once, even
    when it arrives several times at once; the accepting device is returned freshly read.
    """
    code = _normalise(code)
    if device is not None:
        candidates = [device]
    elif _TOTP_CODE.match(code):
        candidates = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    else:
        candidates = list(StaticDevice.objects.filter(user=user, confirmed=True))
    waits: list[dt.datetime] = []
    for candidate in candidates:
        # The device row as it is now, locked until the check is saved: parallel submissions of
        # one code wait here (a row lock on PostgreSQL, the IMMEDIATE transaction on SQLite) and
        # then find the step or backup code spent. A copy read earlier would accept it again.
        with transaction.atomic():
            device = type(candidate).objects.select_for_update().get(pk=candidate.pk)
            allowed, details = device.verify_is_allowed()
            if not allowed:
                waits.append((details or {}).get("locked_until") or timezone.now())
                continue
            if device.verify_token(code):
                return SecondFactorCheck(device=device)
    return SecondFactorCheck(locked_until=max(waits) if waits else None)


def demo_totp_device(*, user: User, key_hex: str) -> Any:
    """Give a demo user a confirmed TOTP device with a known key (replacing any other).

    Used by ``standortkompass demo``; ``standortkompass demo_totp_code`` prints its codes.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice(user=user, name="Demo", key=key_hex.lower(), confirmed=True)
        device.full_clean()
        device.save()
    return device
