"""Fixtures of the governance tests (see helpers.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from conftest import verified_client
from governance.helpers import GovernanceWorld, build_governance
from standortkompass.accounts.models import User
from standortkompass.processes.models import StrategyProcess


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Path) -> None:
    """Each test keeps its documents in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def gov(process: StrategyProcess, users: dict[str, User]) -> GovernanceWorld:
    return build_governance(process, users)


@pytest.fixture
def other_board_client(gov: GovernanceWorld) -> Client:
    """A board member who sits on the steering committee only."""
    return verified_client(gov.other_member)
