"""Prominent links on the public home page that other apps contribute (e.g. an open survey).

An app registers a provider in its ``AppConfig.ready``; the provider gets the process and
returns the links to show now. The home page renders them above everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from standortkompass.processes.models import StrategyProcess


@dataclass(frozen=True)
class CallToAction:
    title: str
    text: str
    url: str
    link_text: str


Provider = Callable[["StrategyProcess"], list[CallToAction]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def calls_to_action(process: StrategyProcess) -> list[CallToAction]:
    return [action for provider in _providers for action in provider(process)]
