"""The way from a submitted strategy version to recording the steering committee's decision in the register.

Registered with ``strategy.version_actions``: the version's page links the register's entry form, which then
starts as a decision of the steering committee on that version.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.governance.models import EntryKind
from standortkompass.processes.models import BoardKind, StrategyProcess
from standortkompass.strategy.models import StrategyVersion, VersionState
from standortkompass.strategy.version_actions import VersionAction

VERSION_PARAMETER = "fassung"


def record_decision_action(version: StrategyVersion, user: User) -> list[VersionAction]:
    process = version.strategy.process
    if version.state != VersionState.SUBMITTED or not user.has_perm("governance.manage", process):
        return []
    url = reverse("governance_manage:entry_create", args=[process.pk])
    query = urlencode({VERSION_PARAMETER: version.pk})
    return [VersionAction(label=_("Record the steering committee's decision"), url=f"{url}?{query}")]


def decision_initial(process: StrategyProcess, version_id: str) -> dict[str, object]:
    """The entry form's start for a decision on the submitted version ``version_id`` (empty if there is none)."""
    if not version_id.isdigit():
        return {}
    version = StrategyVersion.objects.filter(
        strategy__process=process, pk=int(version_id), state=VersionState.SUBMITTED
    ).first()
    if version is None:
        return {}
    initial: dict[str, object] = {"kind": EntryKind.DECISION, "strategy_version": version.pk}
    board = process.boards.filter(kind=BoardKind.STEERING_COMMITTEE).order_by("order", "name").first()
    if board is not None:
        initial["board"] = board.pk
    return initial
