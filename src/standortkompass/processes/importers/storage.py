"""Uploaded import files kept between the preview and the confirmation.

A file is stored under ``MEDIA_ROOT/imports/`` with a random 128-bit name and readable only by
the application; the name goes into the uploader's session and nowhere else. Files are removed
after the import or cancellation, and any left over (abandoned previews) after a day.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600
_NAME = re.compile(r"^[0-9a-f]{32}\.(csv|xlsx|tsv|gz)$")


def _directory() -> Path:
    directory = Path(settings.MEDIA_ROOT) / "imports"
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _path(name: str) -> Path | None:
    if not _NAME.match(name):
        return None
    return _directory() / name


def upload_store(*, data: bytes, suffix: str) -> str:
    """Store ``data`` and return the name under which ``upload_read`` finds it again."""
    uploads_purge_stale()
    name = f"{secrets.token_hex(16)}{suffix.lower()}"
    path = _path(name)
    if path is None:
        raise ValueError(suffix)
    path.touch(mode=0o600)
    path.write_bytes(data)
    return name


def upload_read(name: str) -> bytes | None:
    """The stored bytes, or None if the name is not one of ours or the file is gone."""
    path = _path(name)
    if path is None or not path.is_file():
        return None
    return path.read_bytes()


def upload_discard(name: str) -> None:
    path = _path(name)
    if path is not None:
        path.unlink(missing_ok=True)


def uploads_purge_stale(*, max_age_seconds: int = MAX_AGE_SECONDS) -> int:
    """Remove stored uploads older than ``max_age_seconds``; returns how many were removed."""
    limit = time.time() - max_age_seconds
    removed = 0
    for path in _directory().iterdir():
        if _NAME.match(path.name) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
