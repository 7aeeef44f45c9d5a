"""Fixtures of the governance tests (see helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from conftest import verified_client
from governance.helpers import GovernanceWorld, build_governance
from standortkompass.accounts.models import User
from standortkompass.processes.models import StrategyProcess


@pytest.fixture(autouse=True)
def private_media(settings: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    yield


@pytest.fixture
def gov(process: StrategyProcess, users: dict[str, User]) -> GovernanceWorld:
    return build_governance(process, users)


@pytest.fixture
def other_board_client(gov: GovernanceWorld) -> Client:
    """A board member who sits on the steering committee only."""
    return verified_client(gov.other_member)
