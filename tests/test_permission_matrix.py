"""The permission matrix: for every URL of the app, what each role may see and do.

Every named URL must be listed in ``ACCESS`` with the audience it is meant for; a URL that
is missing there fails the test, so a new view cannot slip in without a decision. For each
audience the expected answer per role is fixed below, for GET and for a POST without data
(a refused POST must be refused exactly like the GET, and must change nothing).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from api import permission_access as api_access
from governance import permission_access as governance_access
from monitoring import permission_access as monitoring_access
from permission_audiences import (
    ADMINS,
    BOARD_MATTERS,
    EDITORS,
    INSTALLATION_ADMINS,
    LOGGED_IN,
    LOGIN,
    NO_DATA,
    PUBLIC,
    ROLES,
    SECOND_FACTOR_DONE,
    UNKNOWN_TOKEN,
    Audience,
    post_only,
)
from standortkompass.accounts.models import Invitation, Role
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import (
    AccessibilityFeedback,
    Board,
    BoardMember,
    ContactPerson,
    Event,
    NewsItem,
    Organisation,
    OrganisationType,
    SitePage,
    Visibility,
)
from standortkompass.standortanalyse.models import AnalysisSettings, Finding
from strategy import permission_access as strategy_access
from surveys import permission_access as survey_access
from workshops import permission_access as workshop_access
from workshops import sockets

# URL name -> audience. Keep in the order of the URL modules.
ACCESS: dict[str, Audience] = {
    "healthz": PUBLIC,
    "feeds:events": PUBLIC,
    "feeds:event": PUBLIC,
    "feeds:news": PUBLIC,
    "public:home": PUBLIC,
    "public:events": PUBLIC,
    "public:event": PUBLIC,
    "public:news": PUBLIC,
    "public:news_item": PUBLIC,
    "public:actors": PUBLIC,
    "public:boards": PUBLIC,
    "public:processes": PUBLIC,
    "public:process": PUBLIC,
    "public:feedback": PUBLIC,
    "public:page": PUBLIC,
    "accounts:account": LOGGED_IN,
    "accounts:login": PUBLIC,
    "accounts:logout": LOGGED_IN,
    "accounts:second_factor": SECOND_FACTOR_DONE,
    "accounts:second_factor_enrol": LOGGED_IN,
    "accounts:backup_codes": LOGGED_IN,
    "accounts:backup_codes_new": LOGGED_IN,
    "accounts:password_change": LOGGED_IN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:invitation_accept": UNKNOWN_TOKEN,
    "manage:home": LOGGED_IN,
    "manage:process_create": INSTALLATION_ADMINS,
    "manage:site_pages": INSTALLATION_ADMINS,
    "manage:go_live": INSTALLATION_ADMINS,
    "manage:site_page_edit": INSTALLATION_ADMINS,
    "manage:feedback": INSTALLATION_ADMINS,
    "manage:feedback_status": post_only(INSTALLATION_ADMINS),
    "manage:personal_data:search": INSTALLATION_ADMINS,
    "manage:personal_data:export": post_only(INSTALLATION_ADMINS),
    "manage:personal_data:erase": post_only(INSTALLATION_ADMINS),
    "manage:overview": EDITORS,
    "manage:process_edit": ADMINS,
    "manage:process_publish": post_only(ADMINS),
    "manage:audit_log": ADMINS,
    "manage:phases": EDITORS,
    "manage:phase_create": EDITORS,
    "manage:phase_edit": EDITORS,
    "manage:phase_delete": EDITORS,
    "manage:phase_move": post_only(EDITORS),
    "manage:boards": EDITORS,
    "manage:board_create": EDITORS,
    "manage:board": EDITORS,
    "manage:board_edit": EDITORS,
    "manage:board_delete": EDITORS,
    "manage:board_member_create": EDITORS,
    "manage:board_member_edit": EDITORS,
    "manage:board_member_delete": EDITORS,
    "manage:events": EDITORS,
    "manage:event_create": EDITORS,
    "manage:event_edit": EDITORS,
    "manage:event_delete": EDITORS,
    "manage:board_events": BOARD_MATTERS,
    "manage:news": EDITORS,
    "manage:news_create": EDITORS,
    "manage:news_edit": EDITORS,
    "manage:news_delete": EDITORS,
    "manage:organisations:list": EDITORS,
    "manage:organisations:create": EDITORS,
    "manage:organisations:detail": EDITORS,
    "manage:organisations:edit": EDITORS,
    "manage:organisations:delete": EDITORS,
    "manage:organisations:contact_create": EDITORS,
    "manage:organisations:contact_edit": EDITORS,
    "manage:organisations:contact_delete": EDITORS,
    "manage:organisations:import": EDITORS,
    "manage:organisations:import_preview": EDITORS,
    "manage:organisations:import_template_xlsx": EDITORS,
    "manage:organisations:import_template_csv": EDITORS,
    "manage:members:list": ADMINS,
    "manage:members:invite": ADMINS,
    "manage:members:invitations": ADMINS,
    "manage:members:invitation_resend": ADMINS,
    "manage:members:invitation_revoke": ADMINS,
    "manage:members:change_role": ADMINS,
    "manage:members:remove": ADMINS,
    "manage:members:disable_account": ADMINS,
    # Standortanalyse: the world publishes the analysis (without statistics: the pages say so).
    "standortanalyse:overview": PUBLIC,
    "standortanalyse:structure": PUBLIC,
    "standortanalyse:dynamics": PUBLIC,
    "standortanalyse:labour": PUBLIC,
    "standortanalyse:maps": PUBLIC,
    "standortanalyse:swot": PUBLIC,
    "standortanalyse:chart_csv": NO_DATA,  # with data: tests/standortanalyse/test_pages.py
    "standortanalyse:chart_spec": NO_DATA,
    "standortanalyse_manage:findings": EDITORS,
    "standortanalyse_manage:finding_create": EDITORS,
    "standortanalyse_manage:finding_edit": EDITORS,
    "standortanalyse_manage:finding_delete": EDITORS,
    "standortanalyse_manage:publication": ADMINS,
    "standortanalyse_manage:statistics_upload": EDITORS,
    "standortanalyse_manage:statistics_preview": EDITORS,
}
ACCESS.update(survey_access.ACCESS)
ACCESS.update(strategy_access.ACCESS)
ACCESS.update(governance_access.ACCESS)
ACCESS.update(monitoring_access.ACCESS)
ACCESS.update(api_access.ACCESS)
ACCESS.update(workshop_access.ACCESS)

# Views that only read even on POST, or whose POST is tested elsewhere because it needs data.
GET_ONLY = {
    "healthz",
    "feeds:events",
    "feeds:event",
    "feeds:news",
    "standortanalyse:chart_csv",
    "standortanalyse:chart_spec",
    *survey_access.GET_ONLY,
    *strategy_access.GET_ONLY,
    *governance_access.GET_ONLY,
    *monitoring_access.GET_ONLY,
    *api_access.GET_ONLY,
    *workshop_access.GET_ONLY,
}
# URLs outside the matrix, with the reason.
EXCLUDED_PREFIXES = {
    "admin:": "Django's admin checks is_staff itself; tested in tests/core/test_django_admin.py",
}


def _walk(patterns: list[Any], prefix: str = "", outer: tuple[str, ...] = ()) -> Iterator[tuple[str, list[str]]]:
    """(namespaced URL name, names of all its arguments, including those of enclosing includes)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace, outer + tuple(entry.pattern.converters))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", [*outer, *entry.pattern.converters]


def all_url_names() -> list[str]:
    names = {name for name, _ in _walk(get_resolver().url_patterns)}
    return sorted(name for name in names if not any(name.startswith(p) for p in EXCLUDED_PREFIXES))


@pytest.fixture
def world(process, users, regions) -> dict[str, Any]:
    """One object of every kind in the process, so that every URL has something to show."""
    organisation = Organisation.objects.create(
        process=process,
        name="Muster GmbH",
        type=OrganisationType.COMPANY,
        municipality=regions["08118048"],
        sector_section="C",
        size_class="10-49",
        is_public=True,
    )
    contact = ContactPerson.objects.create(organisation=organisation, name="Kim Muster", email="kim@example.org")
    board = Board.objects.create(process=process, name="Sounding Board", kind="sounding_board")
    member = BoardMember.objects.create(board=board, name="Dr. Erika Beispiel", organisation=organisation)
    start = timezone.now() + dt.timedelta(days=10)
    event = Event.objects.create(process=process, title="Workshop", kind="workshop", start=start)
    board_event = Event.objects.create(
        process=process, title="Sitzung", kind="board_meeting", start=start, visibility=Visibility.BOARD
    )
    news = NewsItem.objects.create(
        process=process,
        title="Start",
        slug="start",
        teaser="Los geht's",
        body="Text",
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    pages = {slug: SitePage.objects.create(slug=slug, title=slug.title(), body="Text") for slug in SitePage.SLUGS}
    feedback = AccessibilityFeedback.objects.create(message="Kontrast zu schwach")
    invitation = Invitation.objects.create(
        email="neu@example.org",
        process=process,
        role=Role.PARTNER,
        token_hash="0" * 64,
        expires_at=timezone.now() + dt.timedelta(days=14),
    )
    audit = AuditEntry.objects.create(process=process, action="create", object_repr="Test")
    AnalysisSettings.objects.create(process=process, is_public=True)
    finding = Finding.objects.create(process=process, kind="strength", title="Industrie", text="Stark.")
    return {
        "process": process,
        "organisation": organisation,
        "contact": contact,
        "board": board,
        "member": member,
        "event": event,
        "board_event": board_event,
        "news": news,
        "pages": pages,
        "feedback": feedback,
        "invitation": invitation,
        "finding": finding,
        "audit": audit,
        "membership": users["partner"].memberships.get(),
        "users": users,
        **survey_access.survey_world(process=process, organisation=organisation, contact=contact),
        **strategy_access.strategy_world(process=process, users=users),
        **governance_access.governance_world(process=process, users=users),
        **monitoring_access.monitoring_world(process=process, users=users),
        **workshop_access.workshops_world(process=process, users=users),
    }


# How to fill the arguments of each URL from the world. Keys are URL names; the default
# fills arguments by their name.
KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "feeds:event": lambda w: {"uid": w["event"].uid},
    "public:event": lambda w: {"uid": w["event"].uid},
    "public:news_item": lambda w: {"pk": w["news"].pk, "slug": w["news"].slug},
    "public:process": lambda w: {"slug": w["process"].slug},
    "public:page": lambda w: {"slug": "impressum"},
    "manage:site_page_edit": lambda w: {"slug": "impressum"},
    "accounts:password_reset_confirm": lambda w: {"uidb64": "x", "token": "y"},
    "accounts:invitation_accept": lambda w: {"token": "unknown"},
    "standortanalyse:chart_csv": lambda w: {"chart_id": "portfolio"},
    "standortanalyse:chart_spec": lambda w: {"chart_id": "portfolio"},
    **survey_access.KWARGS,
    **strategy_access.KWARGS,
    **governance_access.KWARGS,
    **monitoring_access.KWARGS,
    **api_access.KWARGS,
    **workshop_access.KWARGS,
}

BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {
    "process_pk": lambda w: w["process"].pk,
    "phase_pk": lambda w: w["process"].phases.order_by("order").first().pk,
    "organisation_pk": lambda w: w["organisation"].pk,
    "contact_pk": lambda w: w["contact"].pk,
    "board_pk": lambda w: w["board"].pk,
    "member_pk": lambda w: w["member"].pk,
    "event_pk": lambda w: w["event"].pk,
    "news_pk": lambda w: w["news"].pk,
    "feedback_pk": lambda w: w["feedback"].pk,
    "invitation_pk": lambda w: w["invitation"].pk,
    "membership_pk": lambda w: w["membership"].pk,
    "finding_pk": lambda w: w["finding"].pk,
    **survey_access.BY_ARGUMENT,
    **strategy_access.BY_ARGUMENT,
    **governance_access.BY_ARGUMENT,
    **monitoring_access.BY_ARGUMENT,
    **workshop_access.BY_ARGUMENT,
}


def url_for(name: str, arguments: list[str], world: dict[str, Any]) -> str:
    if name in KWARGS:
        return reverse(name, kwargs=KWARGS[name](world))
    missing = [argument for argument in arguments if argument not in BY_ARGUMENT]
    assert not missing, f"{name}: say in KWARGS how to fill {missing}"
    return reverse(name, kwargs={argument: BY_ARGUMENT[argument](world) for argument in arguments})


def _arguments() -> dict[str, list[str]]:
    return dict(_walk(get_resolver().url_patterns))


def test_every_url_has_a_declared_audience():
    undeclared = [name for name in all_url_names() if name not in ACCESS]
    assert not undeclared, f"Declare the audience of these URLs in ACCESS: {undeclared}"


def test_the_matrix_lists_no_url_that_does_not_exist():
    assert not set(ACCESS) - set(all_url_names())


def _answer(response: Any) -> int | str:
    if response.status_code == 302 and "/konto/anmelden/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_matrix_says(role, world, client_for):
    client = client_for(role)
    arguments = _arguments()
    wrong = []
    for name in all_url_names():
        if name not in ACCESS:
            continue  # reported by test_every_url_has_a_declared_audience
        audience = ACCESS[name]
        url = url_for(name, arguments[name], world)
        expected = audience.expected[role]
        got = _answer(client.get(url))
        if got != expected:
            wrong.append(f"GET {url} ({name}, {audience.name}): expected {expected}, got {got}")
        refused = expected not in (200, 405)  # 405: allowed, but only by POST (not sent here: it would act)
        if refused and name not in GET_ONLY:
            got_post = _answer(client.post(url, {}))
            if got_post != expected:
                wrong.append(f"POST {url} ({name}, {audience.name}): expected {expected}, got {got_post}")
    assert not wrong, f"role {role}:\n" + "\n".join(wrong)


# --- the WebSocket routes ---------------------------------------------------------------------------------------


def all_websocket_route_names() -> list[str]:
    """The names of the WebSocket routes of the project's apps (each one's ``routing.websocket_urlpatterns``)."""
    names = []
    for app in apps.get_app_configs():
        if not app.name.startswith("standortkompass."):
            continue
        try:
            routing = import_module(f"{app.name}.routing")
        except ModuleNotFoundError:
            continue
        names += [pattern.name for pattern in routing.websocket_urlpatterns]
    return sorted(names)


def test_every_websocket_route_has_a_declared_audience():
    assert all_websocket_route_names() == sorted(workshop_access.WEBSOCKETS)


async def _live_answer(communicator: Any) -> str:
    """ "open" when the connection is welcomed (hello), "4403" when it is refused."""
    accepted, _ = await communicator.connect(timeout=sockets.WAIT)
    assert accepted
    first = await communicator.receive_output(timeout=sockets.WAIT)
    if first["type"] == "websocket.close":
        await communicator.disconnect(code=first["code"])
        return str(first["code"])
    assert json.loads(first["text"])["type"] == "hello", first
    await communicator.disconnect()
    return "open"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_the_live_connections_the_matrix_says(role, world, client_for, monkeypatch):
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)  # keep the test's transaction
    client = client_for(role)
    login = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    wrong = []

    async def body() -> None:
        for name, audience in workshop_access.WEBSOCKETS.items():
            path = audience.path(world)
            expected = "open" if role in audience.roles else "4403"
            got = await _live_answer(sockets.socket(path, cookie=login))
            if got != expected:
                wrong.append(f"{path} ({name}, {audience.name}) on the log-in alone: expected {expected}, got {got}")
            cookie, query = audience.credential(world)
            with_credential = "; ".join(part for part in (login, cookie) if part)
            got = await _live_answer(sockets.socket(path + query, cookie=with_credential))
            if got != "open":
                wrong.append(f"{path} ({name}) with its credential: expected open, got {got}")

    sockets.run(body)
    assert not wrong, f"role {role}:\n" + "\n".join(wrong)
