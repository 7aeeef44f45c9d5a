"""Boards (Gremien) and their members in the management area."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from standortkompass.accounts.models import User
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import Board, BoardMember, Organisation, StrategyProcess


@pytest.fixture
def board(process: StrategyProcess) -> Board:
    return Board.objects.create(process=process, name="Lenkungskreis", kind="steering_committee")


@pytest.fixture
def chamber(process: StrategyProcess) -> Organisation:
    return Organisation.objects.create(process=process, name="IHK Region Stuttgart", type="chamber")


def test_editor_creates_a_board_and_lands_on_its_page(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("editor").post(
        reverse("manage:board_create", args=[process.pk]),
        {"name": "Sounding Board", "kind": "sounding_board", "description": "Berät.", "is_public": "on", "order": "1"},
    )
    board = Board.objects.get(process=process, name="Sounding Board")
    assert response.status_code == 302
    assert response.url == reverse("manage:board", args=[process.pk, board.pk])
    assert AuditEntry.objects.filter(process=process, action="board.create").exists()


def test_a_second_board_with_the_same_name_is_refused_next_to_the_name(
    process: StrategyProcess, board: Board, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").post(
        reverse("manage:board_create", args=[process.pk]),
        {"name": "lenkungskreis", "kind": "other", "order": "0"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_name-error"' in html
    assert "Dieser Prozess hat bereits ein Gremium mit diesem Namen." in html
    assert process.boards.count() == 1


def test_editing_a_board_keeps_its_own_name_allowed(
    process: StrategyProcess, board: Board, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").post(
        reverse("manage:board_edit", args=[process.pk, board.pk]),
        {"name": "Lenkungskreis", "kind": "steering_committee", "description": "Beschließt.", "order": "2"},
    )
    assert response.status_code == 302
    board.refresh_from_db()
    assert board.description == "Beschließt."
    assert not board.is_public
    entry = AuditEntry.objects.get(action="board.update")
    assert set(entry.changes) == {"description", "order", "is_public"}


def test_board_member_with_organisation_function_and_account_is_added(
    process: StrategyProcess,
    board: Board,
    chamber: Organisation,
    users: dict[str, User],
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("editor").post(
        reverse("manage:board_member_create", args=[process.pk, board.pk]),
        {
            "name": "Dr. Erika Muster",
            "organisation": chamber.pk,
            "function": "Vorsitz",
            "user": users["board"].pk,
            "order": "0",
        },
    )
    assert response.status_code == 302
    member = BoardMember.objects.get(board=board)
    assert (member.organisation, member.function, member.user) == (chamber, "Vorsitz", users["board"])
    page = client_for("editor").get(reverse("manage:board", args=[process.pk, board.pk])).content.decode()
    assert "Dr. Erika Muster" in page
    assert "IHK Region Stuttgart" in page
    assert AuditEntry.objects.get(action="board_member.create").changes["function"] == ["", "Vorsitz"]


def test_board_member_cannot_link_an_organisation_or_account_from_outside_the_process(
    process: StrategyProcess, board: Board, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    other = StrategyProcess.objects.create(
        slug="anderer", title="Anderer", region=process.region, short_description="x", agency_name="y"
    )
    foreign = Organisation.objects.create(process=other, name="Fremd GmbH", type="company")
    response = client_for("admin").post(
        reverse("manage:board_member_create", args=[process.pk, board.pk]),
        {"name": "X", "organisation": foreign.pk, "function": "Mitglied", "user": users["outsider"].pk, "order": "0"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_organisation-error"' in html
    assert 'id="id_user-error"' in html
    assert not BoardMember.objects.exists()


def test_board_member_is_edited_and_removed_after_confirmation(
    process: StrategyProcess, board: Board, client_for: Callable[[str], Client]
) -> None:
    member = BoardMember.objects.create(board=board, name="Max Beispiel", function="Mitglied")
    client = client_for("admin")
    client.post(
        reverse("manage:board_member_edit", args=[process.pk, board.pk, member.pk]),
        {"name": "Max Beispiel", "function": "stellv. Vorsitz", "order": "1"},
    )
    member.refresh_from_db()
    assert member.function == "stellv. Vorsitz"
    url = reverse("manage:board_member_delete", args=[process.pk, board.pk, member.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not BoardMember.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.filter(action="board_member.delete").exists()


def test_deleting_a_board_removes_its_members(
    process: StrategyProcess, board: Board, client_for: Callable[[str], Client]
) -> None:
    BoardMember.objects.create(board=board, name="Max Beispiel")
    client = client_for("editor")
    url = reverse("manage:board_delete", args=[process.pk, board.pk])
    assert "Das Gremium hat 1 Mitglied; es wird ebenfalls gelöscht." in client.get(url).content.decode()
    response = client.post(url)
    assert response.url == reverse("manage:boards", args=[process.pk])
    assert not Board.objects.exists()
    assert not BoardMember.objects.exists()


def test_member_of_another_board_is_not_found_under_this_board(
    process: StrategyProcess, board: Board, client_for: Callable[[str], Client]
) -> None:
    other_board = Board.objects.create(process=process, name="Sounding Board")
    member = BoardMember.objects.create(board=other_board, name="Max")
    url = reverse("manage:board_member_edit", args=[process.pk, board.pk, member.pk])
    assert client_for("admin").get(url).status_code == 404


def test_board_list_shows_member_counts(
    process: StrategyProcess, board: Board, client_for: Callable[[str], Client]
) -> None:
    BoardMember.objects.create(board=board, name="A")
    BoardMember.objects.create(board=board, name="B")
    response = client_for("editor").get(reverse("manage:boards", args=[process.pk]))
    assert [b.member_count for b in response.context["boards"]] == [2]


def test_a_member_whose_name_may_be_published_needs_the_day_of_consent(
    process: StrategyProcess, board: Board, client_for: Callable[[str], Client]
) -> None:
    url = reverse("manage:board_member_create", args=[process.pk, board.pk])
    client = client_for("editor")

    refused = client.post(url, {"name": "Erika Beispiel", "function": "Vorsitz", "order": "0", "name_is_public": "on"})
    accepted = client.post(
        url,
        {
            "name": "Erika Beispiel",
            "function": "Vorsitz",
            "order": "0",
            "name_is_public": "on",
            "name_consent_on": "2026-09-01",
        },
    )

    assert refused.status_code == 200
    assert 'id="id_name_consent_on-error"' in refused.content.decode()
    assert accepted.status_code == 302
    member = BoardMember.objects.get(board=board)
    assert member.name_is_public is True
    assert str(member.name_consent_on) == "2026-09-01"
