"""Writing the audit log. Every management service calls ``audit_record`` inside its transaction.

For requests about personal data the log gives the person's entries (``audit_personal_data``) and
erases the person from them: the action and its time stay, the person becomes "gelöschte Person"
(``audit_personal_data_erase``, ``audit_objects_forget`` for entries about records another app erases).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from standortkompass.accounts.personal_data import Person, Record, fields_of, mentions
from standortkompass.audit.labels import action_label
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


def erased_person() -> str:
    """The placeholder that stands for an erased person in the audit log, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(_("erased person"))


def audit_objects_forget(*, model: type[models.Model], object_ids: Iterable[object]) -> int:
    """Entries about these objects keep their action and lose what named them (DSGVO Art. 17)."""
    ids = [str(object_id) for object_id in object_ids]
    if not ids:
        return 0
    entries = AuditEntry.objects.filter(object_type=model._meta.label, object_id__in=ids)
    return entries.update(object_repr=erased_person(), changes={})


def _entries_of(person: Person) -> tuple[QuerySet[AuditEntry], list[int]]:
    """The person's entries, and the ids of those among them whose description names the person."""
    named = [
        entry_id
        for entry_id, text in AuditEntry.objects.filter(object_repr__icontains=person.email).values_list(
            "id", "object_repr"
        )
        if mentions(text, person.email)
    ]
    if person.user is not None:
        named += AuditEntry.objects.filter(
            object_type=person.user._meta.label, object_id=str(person.user.pk)
        ).values_list("id", flat=True)
    about = Q(actor_email__iexact=person.email) | Q(id__in=named)
    if person.user is not None:
        about |= Q(actor=person.user)
    return AuditEntry.objects.filter(about), named


def audit_personal_data(person: Person) -> list[Record]:
    """The entries of the person's actions, and those that name the person."""
    entries, _named = _entries_of(person)
    action = str(AuditEntry._meta.get_field("action").verbose_name)
    records = []
    for entry in entries.select_related("process").order_by("created_at", "id"):
        record = fields_of(entry, ["created_at", "process", "action", "object_repr", "changes"])
        record[action] = action_label(entry.action)
        records.append(record)
    return records


def audit_personal_data_erase(person: Person) -> int:
    """The person's entries keep their action and time; the actor becomes the placeholder, and an entry
    that names the person loses its description and changes."""
    entries, named = _entries_of(person)
    placeholder = erased_person()
    count = entries.count()
    acting = Q(actor_email__iexact=person.email)
    if person.user is not None:
        acting |= Q(actor=person.user)
    AuditEntry.objects.filter(id__in=named).update(object_repr=placeholder, changes={})
    AuditEntry.objects.filter(acting).update(actor=None, actor_email=placeholder)
    return count
