"""Writing boards (Gremien) and their members, as done in the management area."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import Membership, User
from standortkompass.processes.models import Board, BoardKind, BoardMember, Organisation, StrategyProcess
from standortkompass.processes.services.process import (
    assign_fields,
    create_audited,
    delete_audited,
    update_audited,
)

BOARD_FIELDS = ("name", "name_en", "kind", "description", "description_en", "order", "is_public")
BOARD_MEMBER_FIELDS = (
    "name",
    "organisation",
    "function",
    "user",
    "email",
    "order",
    "name_is_public",
    "name_consent_on",
)


class BoardData(TypedDict, total=False):
    name: str
    name_en: str
    kind: BoardKind | str
    description: str
    description_en: str
    order: int
    is_public: bool


class BoardMemberData(TypedDict, total=False):
    name: str
    organisation: Organisation | None
    function: str
    user: User | None
    order: int
    name_is_public: bool
    name_consent_on: dt.date | None


def _check_board_name(*, process: StrategyProcess, name: str, exclude_pk: int | None = None) -> None:
    others = process.boards.filter(name__iexact=name)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError({"name": _("This process already has a board with this name.")})


def _check_member_links(*, board: Board, organisation: Organisation | None, user: User | None) -> None:
    """Organisation and user account must belong to the board's process."""
    errors: dict[str, str] = {}
    if organisation is not None and organisation.process_id != board.process_id:
        errors["organisation"] = _("The organisation belongs to another process.")
    if user is not None and not Membership.objects.filter(user=user, process_id=board.process_id).exists():
        errors["user"] = _("This user account has no role in this process.")
    if errors:
        raise ValidationError(errors)


def board_create(*, process: StrategyProcess, actor: User, data: BoardData) -> Board:
    with transaction.atomic():
        board = assign_fields(Board(process=process), data=data, fields=BOARD_FIELDS)
        _check_board_name(process=process, name=board.name)
        return create_audited(board, actor=actor, action="board.create", process=process, fields=BOARD_FIELDS)


def board_update(*, board: Board, actor: User, data: BoardData) -> Board:
    with transaction.atomic():
        if "name" in data:
            _check_board_name(process=board.process, name=data["name"], exclude_pk=board.pk)
        return update_audited(
            board, actor=actor, action="board.update", process=board.process, fields=BOARD_FIELDS, data=data
        )


def board_delete(*, board: Board, actor: User) -> None:
    """Delete a board with all its members."""
    with transaction.atomic():
        delete_audited(board, actor=actor, action="board.delete", process=board.process)


def board_member_create(*, board: Board, actor: User, data: BoardMemberData) -> BoardMember:
    with transaction.atomic():
        member = assign_fields(BoardMember(board=board), data=data, fields=BOARD_MEMBER_FIELDS)
        _check_member_links(board=board, organisation=member.organisation, user=member.user)
        return create_audited(
            member, actor=actor, action="board_member.create", process=board.process, fields=BOARD_MEMBER_FIELDS
        )


def board_member_update(*, member: BoardMember, actor: User, data: BoardMemberData) -> BoardMember:
    with transaction.atomic():
        board = member.board
        _check_member_links(
            board=board,
            organisation=data.get("organisation", member.organisation),
            user=data.get("user", member.user),
        )
        return update_audited(
            member,
            actor=actor,
            action="board_member.update",
            process=board.process,
            fields=BOARD_MEMBER_FIELDS,
            data=data,
        )


def board_member_delete(*, member: BoardMember, actor: User) -> None:
    with transaction.atomic():
        delete_audited(member, actor=actor, action="board_member.delete", process=member.board.process)
