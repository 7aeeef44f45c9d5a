"""What the installation holds about one person, contributed by every app (DSGVO Art. 15 and 17).

Each app registers, in its ``AppConfig.ready``, the kinds of personal data it keeps: a label, what
erasing does to them, a ``collect`` function that returns the person's records as plain values, and
an ``erase`` function that deletes or anonymises them and returns how many records it changed. The
accounts service (``accounts.services.personal_data``) exports all kinds as one file and erases them
in one transaction, so this base app knows no app above it (docs/decisions/0002).

A person is found by e-mail address: with an account (its e-mail address) or without one (an invited
company contact, a sender of feedback). Kinds are erased in the reverse order of their registration,
so the account (registered early by ``accounts``) goes after the records of the apps above it, and the
audit log (registered first) is cleaned last.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise

if TYPE_CHECKING:
    from standortkompass.accounts.models import User

Label = str | Promise
Value = str | int | float | bool | None | list["Value"] | dict[str, "Value"]
Record = dict[str, Value]


@dataclass(frozen=True)
class Person:
    """The person a request is about: an e-mail address (lower case) and the account with it, if any."""

    email: str
    user: User | None


@dataclass(frozen=True)
class Kind:
    name: str  # "<app>.<subject>", e.g. "processes.contact_persons"
    label: Label  # what the records are, e.g. "Contact person records of organisations"
    effect: Label  # what erasing does, e.g. "deleted"
    collect: Callable[[Person], list[Record]]
    erase: Callable[[Person], int]


_kinds: dict[str, Kind] = {}


def register(
    name: str,
    *,
    label: Label,
    effect: Label,
    collect: Callable[[Person], list[Record]],
    erase: Callable[[Person], int],
) -> Kind:
    """Register a kind of personal data; a name is registered once (again only with the same functions)."""
    kind = Kind(name=name, label=label, effect=effect, collect=collect, erase=erase)
    known = _kinds.get(name)
    if known is not None and (known.collect, known.erase) != (collect, erase):
        raise ImproperlyConfigured(f"The personal data kind {name!r} is registered twice.")
    _kinds[name] = kind
    return kind


def registered_kinds() -> list[Kind]:
    """The kinds in the order of their registration."""
    return list(_kinds.values())


def mentions(text: str, email: str) -> bool:
    """Whether ``text`` names the e-mail address as a whole (``kim@example.org`` is not in ``max.kim@example.org``)."""
    return re.search(rf"(?<![\w.+-]){re.escape(email)}(?![\w-])", text, re.IGNORECASE) is not None


def plain(value: object) -> Value:
    """A value as JSON can hold it: times in ISO 8601 (local time), other objects as text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return str(value)


def fields_of(obj: models.Model, names: Iterable[str]) -> Record:
    """``{verbose name: value}`` of the named fields (choices as their label), for the export."""
    record: Record = {}
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if getattr(field, "choices", None) and value:
            value = getattr(obj, f"get_{name}_display")()
        record[str(getattr(field, "verbose_name", name))] = plain(value)
    return record
