"""Fixtures of the workshop tests: a workshop with a live session, built directly from the models (the services
are tested on top of them)."""

from __future__ import annotations

import pytest

from standortkompass.processes.models import StrategyProcess
from standortkompass.workshops.models import LiveSession, SessionState, Workshop, WorkshopKind


@pytest.fixture
def workshop(process: StrategyProcess) -> Workshop:
    return Workshop.objects.create(process=process, title="Strategiewerkstatt (Test)", kind=WorkshopKind.STRATEGY)


@pytest.fixture
def live_session(workshop: Workshop) -> LiveSession:
    return LiveSession.objects.create(
        workshop=workshop,
        title="Sitzung 1",
        join_code="TEST34",
        projector_key="projector-key-for-tests-0123456789",
        state=SessionState.LIVE,
    )
