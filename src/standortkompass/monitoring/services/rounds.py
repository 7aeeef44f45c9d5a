"""Opening and closing reporting rounds, and queueing their reminders (Administration), audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.monitoring.models import ReportingRound
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.services.process import create_audited, update_audited

if TYPE_CHECKING:
    from django_tasks.base import Task

ROUND_FIELDS = ("title", "reporting_date", "due_date")


def round_open(*, process: StrategyProcess, actor: User | None, data: Mapping[str, object]) -> ReportingRound:
    """Open a round: from now on, a report is due for every project of the strategy."""
    with transaction.atomic():
        reporting_round = ReportingRound(process=process, opened_by=actor)
        for name in ROUND_FIELDS:
            if name in data:
                setattr(reporting_round, name, data[name])
        if actor is None:
            reporting_round.full_clean()
            reporting_round.save()
            return reporting_round
        return create_audited(
            reporting_round, actor=actor, action="monitoring.round.open", process=process, fields=ROUND_FIELDS
        )


def round_update(*, reporting_round: ReportingRound, actor: User, data: Mapping[str, object]) -> ReportingRound:
    with transaction.atomic():
        return update_audited(
            reporting_round,
            actor=actor,
            action="monitoring.round.update",
            process=reporting_round.process,
            fields=ROUND_FIELDS,
            data=data,
        )


def round_close(*, reporting_round: ReportingRound, actor: User | None) -> ReportingRound:
    """Close a round: its reports can no longer be given or corrected by the leads, and nobody is reminded."""
    with transaction.atomic():
        stored = ReportingRound.objects.select_for_update().select_related("process").get(pk=reporting_round.pk)
        if stored.closed_at is not None:
            raise ValidationError(_("The reporting round is already closed."))
        stored.closed_at = timezone.now()
        stored.save(update_fields=["closed_at"])
        audit_record(actor=actor, action="monitoring.round.close", obj=stored, process=stored.process)
    return stored


def _reminder_task() -> Task[[int, str], None]:
    from standortkompass.monitoring.tasks import send_round_reminders

    return send_round_reminders


def reminders_queue(*, reporting_round: ReportingRound, actor: User | None, day: dt.date | None = None) -> None:
    """Hand the reminders of today (or ``day``) to the task queue: every lead who has not reported gets one mail,
    unless they got the reminder of this round and day already."""
    if not reporting_round.is_open:
        raise ValidationError(_("The reporting round is closed; nobody is reminded any more."))
    day = day or timezone.localdate()
    task = _reminder_task()
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="monitoring.round.remind",
            obj=reporting_round,
            process=reporting_round.process,
            changes={"reminder_date": day.isoformat()},
        )
        # In the same transaction: a database queue stores the task only with the audit entry.
        task.enqueue(reporting_round.pk, day.isoformat())
