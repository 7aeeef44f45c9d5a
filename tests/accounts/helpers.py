"""Helpers shared by the accounts tests."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.utils import translation
from django_otp.oath import totp


def german(msgid: str, **params: object) -> str:
    """A message as the German pages show it (the English msgid until it is translated)."""
    with translation.override("de"):
        text = translation.gettext(msgid)
    return text % params if params else text


def current_code(device: object) -> str:
    key, step, t0, digits, drift = (getattr(device, name) for name in ("bin_key", "step", "t0", "digits", "drift"))
    return f"{totp(key, step=step, t0=t0, digits=digits, drift=drift):0{digits}d}"


def link_in_last_mail(pattern: str) -> str:
    """The path of the first link in the last e-mail that matches ``pattern``."""
    body = mail.outbox[-1].body
    match = re.search(rf"https?://[^/\s]+({pattern})", body)
    assert match, body
    return match.group(1)


def log_in(client: Client, email: str, password: str, next_url: str = "") -> object:
    data = {"username": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/konto/anmelden/", data)
