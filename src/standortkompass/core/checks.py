"""System checks of the installation (``standortkompass check --deploy``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def debug_from_local_settings(
    *, app_configs: Sequence[AppConfig] | None, databases: Sequence[str] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Name the file when DEBUG is on only because ``make run``/``make demo-data`` wrote it for a local demo."""
    if not settings.DEBUG or "DEBUG" not in settings.LOCAL_SETTINGS_APPLIED:
        return []
    return [
        checks.Warning(
            f"DEBUG is on because {settings.LOCAL_SETTINGS_FILE} says so (written by make run or make demo-data "
            "for a local demo).",
            hint="On a server set DEBUG=false in the service's environment or delete that file.",
            id="standortkompass.W001",
        )
    ]
