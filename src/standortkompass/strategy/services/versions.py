"""Versions of a strategy: freeze the draft, submit it, record the steering committee's decision, publish.

A version is frozen once and never changes its snapshot; only its state moves on
(frozen → submitted → approved or not approved; an approved version can be published). Later edits of
the draft start the next version (decision 0005).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.navigation import navigation_changed
from standortkompass.strategy.models import Strategy, StrategyVersion, VersionState
from standortkompass.strategy.selectors.tree import draft_tree


def version_freeze(*, strategy: Strategy, actor: User, label: str, note: str = "") -> StrategyVersion:
    """Freeze the draft as it is now as the next version."""
    with transaction.atomic():
        locked = Strategy.objects.select_for_update().get(pk=strategy.pk)
        number = (locked.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
        version = StrategyVersion(
            strategy=locked,
            number=number,
            label=label,
            note=note,
            snapshot=draft_tree(locked).to_json(),
            created_by=actor,
        )
        version.full_clean()
        version.save()
        audit_record(
            actor=actor,
            action="strategy.version.freeze",
            obj=version,
            process=locked.process,
            changes={"number": ["", str(number)], "label": ["", label]},
        )
        return version


def _locked(version: StrategyVersion) -> StrategyVersion:
    return StrategyVersion.objects.select_for_update().select_related("strategy__process").get(pk=version.pk)


def version_submit(*, version: StrategyVersion, actor: User) -> StrategyVersion:
    """Submit a frozen version to the steering committee for its decision."""
    with transaction.atomic():
        locked = _locked(version)
        if locked.state != VersionState.FROZEN:
            raise ValidationError(_("Only a frozen version that has not been decided on can be submitted."))
        locked.state = VersionState.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["state", "submitted_at"])
        audit_record(actor=actor, action="strategy.version.submit", obj=locked, process=locked.strategy.process)
        return locked


def version_decide(
    *,
    version: StrategyVersion,
    actor: User,
    approved: bool,
    decided_on: dt.date,
    summary: str,
    conditions: str = "",
    decision_url: str = "",
) -> StrategyVersion:
    """Record the steering committee's decision on a submitted version (called by the decision register)."""
    with transaction.atomic():
        locked = _locked(version)
        if locked.state != VersionState.SUBMITTED:
            raise ValidationError(_("The steering committee decides on a version that has been submitted to it."))
        locked.state = VersionState.APPROVED if approved else VersionState.REJECTED
        locked.decided_on = decided_on
        locked.decision_summary = summary
        locked.decision_conditions = conditions
        locked.decision_url = decision_url
        locked.full_clean()
        locked.save()
        audit_record(
            actor=actor,
            action="strategy.version.decide",
            obj=locked,
            process=locked.strategy.process,
            changes={"state": [VersionState.SUBMITTED, locked.state], "decision": ["", summary]},
        )
        return locked


def version_publish(*, version: StrategyVersion, actor: User) -> StrategyVersion:
    """Publish an approved version: the public pages show it from now on (it replaces the one before)."""
    with transaction.atomic():
        locked = _locked(version)
        if locked.state != VersionState.APPROVED:
            raise ValidationError(_("Only a version approved by the steering committee can be published."))
        strategy = Strategy.objects.select_for_update().get(pk=locked.strategy_id)
        previous = strategy.published_version_id
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
        strategy.published_version = locked
        strategy.save(update_fields=["published_version", "updated_at"])
        navigation_changed()
        audit_record(
            actor=actor,
            action="strategy.version.publish",
            obj=locked,
            process=strategy.process,
            changes={"published_version": [str(previous or ""), str(locked.pk)]},
        )
        return locked


def version_withdraw(*, strategy: Strategy, actor: User) -> None:
    """Take the strategy off the public pages (no version is published any more)."""
    with transaction.atomic():
        locked = Strategy.objects.select_for_update().get(pk=strategy.pk)
        if locked.published_version_id is None:
            return
        previous = locked.published_version_id
        locked.published_version = None
        locked.save(update_fields=["published_version", "updated_at"])
        navigation_changed()
        audit_record(
            actor=actor,
            action="strategy.version.withdraw",
            obj=locked,
            process=locked.process,
            changes={"published_version": [str(previous), ""]},
        )
