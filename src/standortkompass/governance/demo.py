"""The demo of the boards' work (written later in this file)."""

from __future__ import annotations

from standortkompass.processes.models import StrategyProcess


def governance_demo_load(*, process: StrategyProcess) -> None:
    return None
