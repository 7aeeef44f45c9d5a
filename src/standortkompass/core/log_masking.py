"""Secrets in URLs never reach a log: the route is logged, the token is replaced by ``***``.

Some URLs carry a secret (a survey invitation, an opt-out link, an account invitation, a password reset). Which
ones is read from the URL configuration itself: every route parameter named in ``SECRET_PARAMETERS`` is a
secret, and a log text has it masked after the fixed path segment that precedes it, e.g.
``/befragung/umfrage/einladung/***/``. A route added later with such a parameter is masked without further ado.

:class:`SecretMaskingFilter` applies :func:`mask_secrets` to a log record (message, arguments and traceback
text); the project's ``LOGGING`` sets it on the console handler and on the loggers that name request paths
(``django.request``, ``django.server``), and :func:`uvicorn_log_config` on uvicorn's access and error log.
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from typing import Any

# Route parameters whose values are secrets.
SECRET_PARAMETERS = frozenset({"token", "uidb64", "key"})
# Query parameters whose values are secrets (the projector's WebSocket: ``/ws/werkstatt/5/?key=…``).
SECRET_QUERY_PARAMETERS = ("key",)
MASK = "***"
_QUERY_SECRET = re.compile(rf"(?P<name>[?&](?:{'|'.join(SECRET_QUERY_PARAMETERS)})=)[^&#\s'\"<>]+")

_PARAMETER = re.compile(r"^<(?:[^>:]+:)?(?P<name>[^>]+)>$")
_SEGMENT = r"[^/?#\s'\"<>]+"  # one path segment as it can appear in a log text


def secret_routes() -> tuple[tuple[str, int], ...]:
    """The fixed path segment before a secret and how many secret segments follow it, read from the URL
    configuration, e.g. ``("einladung", 1)`` and ``("passwort-neu", 2)``; empty until Django is ready."""
    from django.apps import apps

    if not apps.ready:
        return ()
    return _routes_of_url_configuration()


@functools.cache
def _routes_of_url_configuration() -> tuple[tuple[str, int], ...]:
    from django.urls import URLPattern, URLResolver, get_resolver

    found: set[tuple[str, int]] = set()

    def walk(patterns: list[URLPattern | URLResolver]) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns)
                continue
            found.update(_secrets_of_route(str(entry.pattern)))

    walk(get_resolver().url_patterns)
    return tuple(sorted(found))


def _secrets_of_route(route: str) -> list[tuple[str, int]]:
    parts = route.strip("^$/").split("/")
    routes = []
    index = 0
    while index < len(parts):
        matched = _PARAMETER.match(parts[index])
        if matched and matched["name"] in SECRET_PARAMETERS and index > 0 and not _PARAMETER.match(parts[index - 1]):
            count = 1
            while index + count < len(parts) and (following := _PARAMETER.match(parts[index + count])):
                if following["name"] not in SECRET_PARAMETERS:
                    break
                count += 1
            routes.append((parts[index - 1], count))
            index += count
            continue
        index += 1
    return routes


@functools.cache
def _pattern(routes: tuple[tuple[str, int], ...]) -> re.Pattern[str] | None:
    if not routes:
        return None
    # The word as a whole path segment (not "einladungen/5"), then its secret segments.
    alternatives = "|".join(rf"(?<![\w-]){re.escape(word)}/{'/'.join([_SEGMENT] * count)}" for word, count in routes)
    return re.compile(alternatives)


def mask_secrets(text: str) -> str:
    """``text`` with every secret of a secret-bearing route replaced by ``***`` (the route's words stay)."""
    if "=" in text:
        text = _QUERY_SECRET.sub(rf"\g<name>{MASK}", text)
    pattern = _pattern(secret_routes())
    if pattern is None or "/" not in text:
        return text
    return pattern.sub(_masked, text)


def _masked(match: re.Match[str]) -> str:
    word, *secrets = match.group(0).split("/")
    return "/".join([word, *([MASK] * len(secrets))])


def _masked_argument(value: object) -> object:
    """A text masked; another value (e.g. an exception that names a path) as masked text only if it shows a
    secret, else unchanged (a number stays a number for ``%d``)."""
    if isinstance(value, str):
        return mask_secrets(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    text = str(value)
    masked = mask_secrets(text)
    return masked if masked != text else value


class SecretMaskingFilter(logging.Filter):
    """Masks secrets of URLs in a record's message, its arguments and its traceback; lets every record pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask_secrets(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_masked_argument(value) for value in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _masked_argument(value) for key, value in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        return True


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration with :class:`SecretMaskingFilter` on its access and error log."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"mask_secrets": {"()": f"{__name__}.SecretMaskingFilter"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["mask_secrets"]
    for name in ("uvicorn.access", "uvicorn.error"):
        config["loggers"].setdefault(name, {})["filters"] = ["mask_secrets"]
    return config
