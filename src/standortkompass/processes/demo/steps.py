"""The parts of the demo that other apps contribute: the analysis findings, the demo survey, …

A feature app registers its step in its ``AppConfig.ready``; ``demo_load`` runs the steps in the
order the apps are installed, inside its transaction, once the demo process with its actors,
boards, dates and news exists. So this base app loads the whole demo without knowing the apps
that contribute to it (docs/decisions/0002).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from standortkompass.processes.models import StrategyProcess


class DemoStep(Protocol):
    """Writes one app's demo content for the process; running it again changes nothing."""

    __name__: str

    def __call__(self, *, process: StrategyProcess) -> object: ...


_steps: list[DemoStep] = []


def register(step: DemoStep) -> DemoStep:
    if step not in _steps:
        _steps.append(step)
    return step


def demo_steps() -> tuple[DemoStep, ...]:
    return tuple(_steps)
