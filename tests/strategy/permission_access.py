"""The strategy part of the permission matrix (merged into tests/test_permission_matrix.py).

``strategy_world`` adds the small strategy of ``tests/strategy/conftest.py`` with a published version;
``ACCESS`` declares the audience of every strategy URL, ``KWARGS``/``BY_ARGUMENT`` fill their arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from permission_audiences import BOARD_MATTERS, PUBLIC, Audience
from standortkompass.accounts.models import User
from standortkompass.processes.models import Board, BoardMember, StrategyProcess
from standortkompass.strategy.services.consultation import comment_submit, consultation_open
from standortkompass.strategy.services.versions import version_decide, version_freeze, version_publish, version_submit
from strategy import access_editing, access_public, access_versions
from strategy.conftest import build_small_strategy


def strategy_world(*, process: StrategyProcess, users: dict[str, User]) -> dict[str, Any]:
    small = build_small_strategy(process, users["editor"])
    version = version_freeze(strategy=small.strategy, actor=users["editor"], label="Entwurf")
    version = version_submit(version=version, actor=users["admin"])
    version = version_decide(
        version=version, actor=users["admin"], approved=True, decided_on=dt.date(2027, 3, 1), summary="Beschlossen"
    )
    version_publish(version=version, actor=users["admin"])
    # A consultation round on the version for the Strategiebeirat (where the world's board member has a seat) and
    # the partners, with one comment.
    board = Board.objects.create(process=process, name="Strategiebeirat", kind="other")
    BoardMember.objects.create(board=board, name="Test Board", user=users["board"])
    consultation = consultation_open(
        version=version,
        actor=users["admin"],
        title="Konsultation",
        deadline=timezone.now() + dt.timedelta(days=14),
        boards=[board],
        for_partners=True,
    )
    comment = comment_submit(consultation=consultation, actor=users["board"], text="Gut so.")
    return {
        "strategy": small.strategy,
        "strategy_version": version,
        "element": small.measures[0],
        "strategy_project": small.projects[0],
        **access_editing.editing_world(small, users["editor"]),
        "consultation": consultation,
        "consultation_comment": comment,
    }


ACCESS: dict[str, Audience] = {
    "strategy:overview": PUBLIC,
    "strategy:element": PUBLIC,
    "strategy:projects": PUBLIC,
    "strategy:project": PUBLIC,
    "strategy_manage:draft": BOARD_MATTERS,
    "strategy_manage:element": BOARD_MATTERS,
    **access_editing.ACCESS,
    **access_versions.ACCESS,
    **access_public.ACCESS,
}

GET_ONLY: set[str] = {*access_editing.GET_ONLY, *access_versions.GET_ONLY, *access_public.GET_ONLY}

KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "strategy:element": lambda w: {"slug": w["element"].slug},
    "strategy:project": lambda w: {"slug": w["strategy_project"].slug},
    # "version_pk" is also the surveys' questionnaire version (BY_ARGUMENT): named per URL here.
    **{
        f"strategy_manage:{name}": lambda w: {"process_pk": w["process"].pk, "version_pk": w["strategy_version"].pk}
        for name in ("version", "version_submit", "version_publish")
    },
    **access_editing.KWARGS,
    **access_versions.KWARGS,
    **access_public.KWARGS,
}

BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {
    "element_pk": lambda w: w["element"].pk,
    **access_editing.BY_ARGUMENT,
    **access_versions.BY_ARGUMENT,
    **access_public.BY_ARGUMENT,
}
