"""Writing the register: recommendations and decisions with their follow-up actions.

A decision that names a submitted strategy version records the steering committee's decision on it through
``strategy.services.versions.version_decide`` in the same transaction: both are stored, or neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from standortkompass.accounts.models import Membership, User
from standortkompass.governance.models import Confidentiality, FollowUpAction, Meeting, RegisterEntry
from standortkompass.processes.models import Board, BoardKind, StrategyProcess
from standortkompass.processes.navigation import navigation_changed
from standortkompass.processes.services.process import (
    assign_fields,
    create_audited,
    delete_audited,
    update_audited,
)
from standortkompass.strategy.models import Element, StrategyVersion, VersionState
from standortkompass.strategy.services.versions import version_decide

ENTRY_FIELDS = (
    "board",
    "kind",
    "subject",
    "text",
    "rationale",
    "decided_on",
    "meeting",
    "status",
    "confidentiality",
    "votes_yes",
    "votes_no",
    "votes_abstain",
    "conditions",
    "strategy_version",
    "version_approved",
)
ACTION_FIELDS = ("text", "owner_user", "owner_name", "due_on", "done_on")


class EntryData(TypedDict, total=False):
    board: Board
    kind: str
    subject: str
    text: str
    rationale: str
    decided_on: dt.date
    meeting: Meeting | None
    status: str
    confidentiality: str
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None
    conditions: str
    strategy_version: StrategyVersion | None
    version_approved: bool | None


class ActionData(TypedDict, total=False):
    text: str
    owner_user: User | None
    owner_name: str
    due_on: dt.date
    done_on: dt.date | None


def decision_url(entry: RegisterEntry) -> str:
    """Where the entry can be read: its public page when it is public, else its page in the management area."""
    with translation.override(settings.LANGUAGE_CODE):
        if entry.confidentiality == Confidentiality.PUBLIC and entry.board.is_public:
            return reverse("governance:entry", kwargs={"pk": entry.pk})
        return reverse("governance_manage:entry", kwargs={"process_pk": entry.board.process_id, "entry_pk": entry.pk})


def _check(entry: RegisterEntry, process: StrategyProcess, elements: Sequence[Element]) -> None:
    errors: dict[str, str] = {}
    if entry.board.process_id != process.pk:
        errors["board"] = _("The board belongs to another process.")
    version = entry.strategy_version
    if version is not None:
        if version.strategy.process_id != process.pk:
            errors["strategy_version"] = _("The strategy version belongs to another process.")
        elif entry.board.kind == BoardKind.SOUNDING_BOARD:
            errors["strategy_version"] = _("A strategy version is decided by the steering committee.")
    if any(element.strategy.process_id != process.pk for element in elements):
        errors["elements"] = _("A strategy element of another process cannot be linked.")
    if errors:
        raise ValidationError(errors)


def _decide_version(entry: RegisterEntry, actor: User) -> None:
    version = entry.strategy_version
    assert version is not None
    try:
        version_decide(
            version=version,
            actor=actor,
            approved=bool(entry.version_approved),
            decided_on=entry.decided_on,
            summary=entry.subject[:500],
            conditions=entry.conditions,
            decision_url=decision_url(entry),
        )
    except ValidationError as error:
        raise ValidationError({"strategy_version": error.messages}) from error


def entry_create(
    *,
    process: StrategyProcess,
    actor: User,
    data: EntryData,
    elements: Sequence[Element] = (),
    is_demo: bool = False,
) -> RegisterEntry:
    with transaction.atomic():
        entry = assign_fields(RegisterEntry(created_by=actor, is_demo=is_demo), data=data, fields=ENTRY_FIELDS)
        _check(entry, process, elements)
        entry = create_audited(
            entry, actor=actor, action="governance.entry.create", process=process, fields=ENTRY_FIELDS
        )
        entry.elements.set(elements)
        if entry.strategy_version is not None:
            _decide_version(entry, actor)
        navigation_changed()  # the first public entry brings "Beschlüsse" into the main navigation
        return entry


def entry_update(
    *, entry: RegisterEntry, actor: User, data: EntryData, elements: Sequence[Element] | None = None
) -> RegisterEntry:
    with transaction.atomic():
        # The stored row: a model form may already have copied the new values onto ``entry``.
        stored = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
        before = stored.strategy_version_id
        decided = before is not None
        if decided and (
            ("strategy_version" in data and getattr(data["strategy_version"], "pk", None) != before)
            or ("version_approved" in data and data["version_approved"] != stored.version_approved)
        ):
            raise ValidationError(
                {"strategy_version": _("The decision on the strategy version has been recorded and cannot be changed.")}
            )
        for name in ENTRY_FIELDS:
            if name in data:
                setattr(entry, name, data[name])  # type: ignore[literal-required]
        _check(entry, entry.board.process, elements or ())
        entry = update_audited(
            entry, actor=actor, action="governance.entry.update", process=entry.process, fields=ENTRY_FIELDS, data=data
        )
        if elements is not None:
            entry.elements.set(elements)
        if not decided and entry.strategy_version is not None:
            _decide_version(entry, actor)
        navigation_changed()
        return entry


def entry_name_decided_version(*, entry: RegisterEntry, actor: User, version: StrategyVersion) -> RegisterEntry:
    """Name the version a decision was about when the version's decision was recorded before (for example by
    the demo strategy): the entry points to the version, the version stays as it is."""
    if version.state not in (VersionState.APPROVED, VersionState.REJECTED):
        raise ValidationError({"strategy_version": _("Only a version that has been decided on can be named here.")})
    if version.strategy.process_id != entry.board.process_id:
        raise ValidationError({"strategy_version": _("The strategy version belongs to another process.")})
    with transaction.atomic():
        return update_audited(
            entry,
            actor=actor,
            action="governance.entry.update",
            process=entry.process,
            fields=("strategy_version", "version_approved"),
            data={"strategy_version": version, "version_approved": version.state == VersionState.APPROVED},
        )


def entry_delete(*, entry: RegisterEntry, actor: User) -> None:
    if RegisterEntry.objects.filter(pk=entry.pk, strategy_version__isnull=False).exists():
        raise ValidationError(_("This decision on a strategy version is part of the version's record and stays."))
    with transaction.atomic():
        delete_audited(entry, actor=actor, action="governance.entry.delete", process=entry.process)
        navigation_changed()


def _check_owner(entry: RegisterEntry, owner: User | None) -> None:
    if owner is not None and not Membership.objects.filter(user=owner, process_id=entry.board.process_id).exists():
        raise ValidationError({"owner_user": _("This user account has no role in this process.")})


def action_create(*, entry: RegisterEntry, actor: User, data: ActionData) -> FollowUpAction:
    with transaction.atomic():
        action = assign_fields(FollowUpAction(entry=entry), data=data, fields=ACTION_FIELDS)
        _check_owner(entry, action.owner_user)
        return create_audited(
            action, actor=actor, action="governance.action.create", process=entry.process, fields=ACTION_FIELDS
        )


def action_update(*, action: FollowUpAction, actor: User, data: ActionData) -> FollowUpAction:
    with transaction.atomic():
        _check_owner(action.entry, data.get("owner_user", action.owner_user))
        return update_audited(
            action,
            actor=actor,
            action="governance.action.update",
            process=action.entry.process,
            fields=ACTION_FIELDS,
            data=data,
        )


def action_delete(*, action: FollowUpAction, actor: User) -> None:
    with transaction.atomic():
        delete_audited(action, actor=actor, action="governance.action.delete", process=action.entry.process)
