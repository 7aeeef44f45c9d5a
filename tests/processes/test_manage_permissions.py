"""Who may open which page of the management area.

Content pages (phases, boards, dates, news): Administration and Redaktion. Settings, publishing and
the audit log: Administration only. Board members, partners and companies get 403 on their
process; an outsider gets 404; an anonymous visitor is sent to the log-in page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from standortkompass.processes.models import Board, BoardMember, Event, NewsItem, StrategyProcess

CONTENT_ROLES = {"admin", "editor"}
ADMIN_ROLES = {"admin"}
ALL_ROLES = ["admin", "editor", "board", "partner", "company", "outsider", "anonymous"]


@pytest.fixture
def content(process: StrategyProcess) -> dict[str, int]:
    board = Board.objects.create(process=process, name="Sounding Board")
    member = BoardMember.objects.create(board=board, name="Erika Muster", function="Vorsitz")
    event = Event.objects.create(process=process, title="Workshop", start=timezone.now() + dt.timedelta(days=3))
    item = NewsItem.objects.create(process=process, title="Start", slug="start", teaser="Es geht los.", body="Text")
    return {
        "phase": process.phases.first().pk,  # type: ignore[union-attr]
        "board": board.pk,
        "member": member.pk,
        "event": event.pk,
        "news": item.pk,
    }


def process_pages(process_pk: int, ids: dict[str, int]) -> list[tuple[str, list[object], set[str]]]:
    """(URL name, arguments, roles that may open it with GET)."""
    p = process_pk
    return [
        ("manage:overview", [p], CONTENT_ROLES),
        ("manage:process_edit", [p], ADMIN_ROLES),
        ("manage:audit_log", [p], ADMIN_ROLES),
        ("manage:phases", [p], CONTENT_ROLES),
        ("manage:phase_create", [p], CONTENT_ROLES),
        ("manage:phase_edit", [p, ids["phase"]], CONTENT_ROLES),
        ("manage:phase_delete", [p, ids["phase"]], CONTENT_ROLES),
        ("manage:boards", [p], CONTENT_ROLES),
        ("manage:board_create", [p], CONTENT_ROLES),
        ("manage:board", [p, ids["board"]], CONTENT_ROLES),
        ("manage:board_edit", [p, ids["board"]], CONTENT_ROLES),
        ("manage:board_delete", [p, ids["board"]], CONTENT_ROLES),
        ("manage:board_member_create", [p, ids["board"]], CONTENT_ROLES),
        ("manage:board_member_edit", [p, ids["board"], ids["member"]], CONTENT_ROLES),
        ("manage:board_member_delete", [p, ids["board"], ids["member"]], CONTENT_ROLES),
        ("manage:events", [p], CONTENT_ROLES),
        ("manage:event_create", [p], CONTENT_ROLES),
        ("manage:event_edit", [p, ids["event"]], CONTENT_ROLES),
        ("manage:event_delete", [p, ids["event"]], CONTENT_ROLES),
        ("manage:board_events", [p], CONTENT_ROLES | {"board"}),
        ("manage:news", [p], CONTENT_ROLES),
        ("manage:news_create", [p], CONTENT_ROLES),
        ("manage:news_edit", [p, ids["news"]], CONTENT_ROLES),
        ("manage:news_delete", [p, ids["news"]], CONTENT_ROLES),
    ]


def expected_answer(role: str, allowed: set[str]) -> int | str:
    if role == "anonymous":
        return "login"
    if role == "outsider":
        return 404
    return 200 if role in allowed else 403


def answer(response: HttpResponseBase) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return "login"
    return response.status_code


@pytest.mark.parametrize("role", ALL_ROLES)
def test_process_pages_answer_each_role_as_declared(
    role: str, process: StrategyProcess, content: dict[str, int], client_for: Callable[[str], Client]
) -> None:
    client = client_for(role)
    wrong = []
    for name, args, allowed in process_pages(process.pk, content):
        url = reverse(name, args=args)
        expected = expected_answer(role, allowed)
        if (got := answer(client.get(url))) != expected:
            wrong.append(f"GET {url}: expected {expected}, got {got}")
        if expected != 200 and (got := answer(client.post(url, {}))) != expected:
            wrong.append(f"POST {url}: expected {expected}, got {got}")
    assert not wrong
    assert Event.objects.count() == 1
    assert NewsItem.objects.count() == 1
    assert Board.objects.count() == 1


@pytest.mark.parametrize("role", ALL_ROLES)
def test_post_only_actions_refuse_like_pages_and_answer_405_to_get(
    role: str, process: StrategyProcess, content: dict[str, int], client_for: Callable[[str], Client]
) -> None:
    client = client_for(role)
    for name, args, allowed in [
        ("manage:phase_move", [process.pk, content["phase"]], CONTENT_ROLES),
        ("manage:process_publish", [process.pk], ADMIN_ROLES),
    ]:
        url = reverse(name, args=args)
        expected = expected_answer(role, allowed)
        assert answer(client.get(url)) == (405 if expected == 200 else expected), url
        if expected != 200:
            assert answer(client.post(url, {"richtung": "runter", "oeffentlich": "0"})) == expected, url
    process.refresh_from_db()
    if role != "admin":
        assert process.is_public


def test_editor_may_not_publish_the_process(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    response = client_for("editor").post(reverse("manage:process_publish", args=[process.pk]), {"oeffentlich": "0"})
    assert response.status_code == 403
    process.refresh_from_db()
    assert process.is_public


def test_objects_of_another_process_are_not_found(
    process: StrategyProcess, content: dict[str, int], client_for: Callable[[str], Client], users: dict
) -> None:
    other = StrategyProcess.objects.create(
        slug="anderer", title="Anderer Prozess", region=process.region, short_description="x", agency_name="y"
    )
    from standortkompass.accounts.models import Membership, Role

    Membership.objects.create(user=users["admin"], process=other, role=Role.ADMIN)
    client = client_for("admin")
    assert client.get(reverse("manage:event_edit", args=[other.pk, content["event"]])).status_code == 404
    assert client.get(reverse("manage:news_edit", args=[other.pk, content["news"]])).status_code == 404
    assert client.get(reverse("manage:board", args=[other.pk, content["board"]])).status_code == 404
    assert client.get(reverse("manage:phase_edit", args=[other.pk, content["phase"]])).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("editor", 404), ("board", 404), ("partner", 404), ("company", 404), ("outsider", 404)],
)
@pytest.mark.parametrize("name", ["manage:site_pages", "manage:go_live", "manage:feedback", "manage:process_create"])
def test_installation_pages_are_for_administration_only(
    name: str, role: str, expected: int, client_for: Callable[[str], Client]
) -> None:
    assert client_for(role).get(reverse(name)).status_code == expected


@pytest.mark.parametrize("name", ["manage:site_pages", "manage:go_live", "manage:feedback", "manage:process_create"])
def test_installation_pages_send_anonymous_visitors_to_the_log_in_for_get_and_post(
    name: str, client_for: Callable[[str], Client]
) -> None:
    client = client_for("anonymous")
    assert answer(client.get(reverse(name))) == "login"
    assert answer(client.post(reverse(name), {})) == "login"


def test_site_page_editor_is_for_administration_only(client_for: Callable[[str], Client]) -> None:
    url = reverse("manage:site_page_edit", args=["impressum"])
    assert client_for("admin").get(url).status_code == 200
    assert client_for("editor").get(url).status_code == 404
    anonymous = client_for("anonymous").get(url)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("accounts:login"))


def test_unknown_site_page_is_not_found(client_for: Callable[[str], Client]) -> None:
    assert client_for("admin").get(reverse("manage:site_page_edit", args=["unbekannt"])).status_code == 404


@pytest.mark.parametrize("role", ["admin", "editor", "board", "partner", "company", "outsider"])
def test_my_area_opens_for_every_logged_in_user(role: str, client_for: Callable[[str], Client]) -> None:
    assert client_for(role).get(reverse("manage:home")).status_code == 200


def test_my_area_sends_anonymous_visitors_to_the_log_in(client_for: Callable[[str], Client]) -> None:
    response = client_for("anonymous").get(reverse("manage:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
