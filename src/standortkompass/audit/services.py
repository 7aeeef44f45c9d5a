"""Writing the audit log. Every management service calls ``audit_record`` inside its transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from standortkompass.audit.models import AuditEntry

if TYPE_CHECKING:
    from standortkompass.accounts.models import User
    from standortkompass.processes.models import StrategyProcess


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    process: StrategyProcess | None = None,
    changes: dict[str, object] | None = None,
    description: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_email=getattr(actor, "email", "") or "",
        process=process,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(description or str(obj) if obj is not None else description)[:300],
        changes=changes or {},
    )


def model_changes(before: dict[str, object], after: dict[str, object]) -> dict[str, object]:
    """The fields whose values differ, as ``{field: [old, new]}`` with values as strings."""
    return {key: [str(before.get(key, "")), str(value)] for key, value in after.items() if before.get(key) != value}
