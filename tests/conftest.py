"""Shared fixtures: a small region tree, a process, and one user per role plus an outsider.

The cast (as in every permission test): ``admin`` (Administration), ``editor`` (Redaktion),
``board`` (Gremienmitglied), ``partner``, ``company``, ``outsider`` (an account with no role
in this process) and ``anonymous`` (no account).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from standortkompass.accounts.models import Membership, Role, User
from standortkompass.core import cache as core_cache
from standortkompass.core import ratelimit
from standortkompass.processes.models import Phase, PhaseState, StrategyProcess
from standortkompass.processes.navigation import navigation_forget
from standortkompass.regiondata.models import Region, RegionLevel
from standortkompass.strategy.selectors.versions import clear_version_trees
from standortkompass.surveys.selectors.responses import published_schema

ROLES = ["admin", "editor", "board", "partner", "company", "outsider", "anonymous"]
PASSWORD = "Richtig-Langes-Passwort-2026"


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the site's default language; a request to /en/ does not leak into the next test."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fresh_rate_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test counts its own attempts: the cache (Redis in the PostgreSQL pass) outlives tests."""
    monkeypatch.setattr(ratelimit, "KEY_PREFIX", f"ratelimit-test-{uuid.uuid4().hex}")


@pytest.fixture(autouse=True)
def fresh_process_memory() -> None:
    """Values kept in process memory by data version (core.cache) do not pass to the next test, whose database
    may reuse the same ids and so the same version; nor does a questionnaire version's definition kept by its id."""
    core_cache.memory.clear()
    published_schema.cache_clear()
    clear_version_trees()
    navigation_forget()


@pytest.fixture(autouse=True)
def fresh_channel_layer() -> Iterator[None]:
    """Each test gets its own channel layer: the Redis layer keeps locks bound to the event loop that first used
    them, and a test (each ``async_to_sync`` runs its own loop) must not find one left locked by another."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def requests_keep_the_test_transaction() -> Iterator[None]:
    """A request closes the database connection when it ends, as it should, but not the test's (as Django's test
    client does it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def regions(db: None) -> dict[str, Region]:
    germany = Region.objects.create(code="DG", name="Deutschland", level=RegionLevel.COUNTRY)
    bw = Region.objects.create(code="08", name="Baden-Württemberg", level=RegionLevel.STATE, parent=germany)
    stuttgart = Region.objects.create(
        code="081", name="Reg.-Bez. Stuttgart", level=RegionLevel.GOVERNMENT_DISTRICT, parent=bw
    )
    district = Region.objects.create(
        code="08118", name="Ludwigsburg", level=RegionLevel.DISTRICT, kind="Landkreis", nuts3="DE115", parent=stuttgart
    )
    towns = {
        code: Region.objects.create(code=code, name=name, level=RegionLevel.MUNICIPALITY, parent=district)
        for code, name in [
            ("08118048", "Ludwigsburg, Stadt"),
            ("08118003", "Asperg, Stadt"),
            ("08118001", "Affalterbach"),
        ]
    }
    return {"DG": germany, "08": bw, "081": stuttgart, "08118": district, **towns}


@pytest.fixture
def process(regions: dict[str, Region]) -> StrategyProcess:
    process = StrategyProcess.objects.create(
        slug="zukunftsstrategie-test",
        title="Zukunftsstrategie Test",
        region=regions["08118"],
        short_description="Ein Prozess für die Tests.",
        agency_name="Wirtschaftsförderung Test",
        is_public=True,
    )
    start = dt.date(2026, 9, 1)
    for order, name in enumerate(["Analysephase", "Strategiewerkstatt", "Zukunftswerkstatt"]):
        Phase.objects.create(
            process=process,
            order=order,
            name=name,
            start_date=start + dt.timedelta(days=90 * order),
            end_date=start + dt.timedelta(days=90 * order + 89),
            state=PhaseState.ACTIVE if order == 0 else PhaseState.PLANNED,
        )
    return process


@pytest.fixture
def users(process: StrategyProcess) -> dict[str, User]:
    cast: dict[str, User] = {}
    for role in ["admin", "editor", "board", "partner", "company", "outsider"]:
        user = User.objects.create_user(f"{role}@example.org", PASSWORD, full_name=f"Test {role.title()}")
        if role != "outsider":
            Membership.objects.create(user=user, process=process, role=Role(role))
        cast[role] = user
    return cast


def verified_client(user: User) -> Client:
    """A client logged in as ``user`` who has also passed the second factor."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="Test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(users: dict[str, User]) -> Callable[[str], Client]:
    """``client_for("admin")`` → a logged-in, second-factor-verified client; "anonymous" → none."""

    def make(role: str) -> Client:
        if role == "anonymous":
            return Client()
        return verified_client(users[role])

    return make
