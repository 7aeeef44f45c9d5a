"""Actions on a strategy version that apps above the strategy contribute (e.g. recording the decision).

The steering committee's decision on a submitted version is recorded in the boards' register (``governance``,
above ``strategy``); the version's page offers the way there without importing it: an app registers a provider
in its ``AppConfig.ready``; the provider gets the version and the user and returns the links to show now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from standortkompass.accounts.models import User
    from standortkompass.strategy.models import StrategyVersion


@dataclass(frozen=True)
class VersionAction:
    label: str
    url: str


Provider = Callable[["StrategyVersion", "User"], list[VersionAction]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def version_actions(version: StrategyVersion, user: User) -> list[VersionAction]:
    return [action for provider in _providers for action in provider(version, user)]
