"""The files of board documents: under ``MEDIA_ROOT/governance/`` with a random 128-bit name and no extension,
readable only by the application; they are read only by the permission-checked download view."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

_NAME = re.compile(r"^[0-9a-f]{32}$")


def _directory() -> Path:
    directory = Path(settings.MEDIA_ROOT) / "governance"
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def document_path(name: str) -> Path | None:
    """Where the stored file of that name is, or None if the name is not one of ours."""
    if not _NAME.match(name):
        return None
    return _directory() / name


def document_store(chunks: Iterable[bytes]) -> tuple[str, int, str]:
    """Write the file; returns its stored name, its size and its SHA-256 checksum."""
    name = secrets.token_hex(16)
    path = _directory() / name
    digest = hashlib.sha256()
    size = 0
    path.touch(mode=0o600)
    with path.open("wb") as target:
        for chunk in chunks:
            target.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return name, size, digest.hexdigest()


def document_discard(name: str) -> None:
    path = document_path(name)
    if path is not None:
        path.unlink(missing_ok=True)
