"""Writing strategy processes and their phases, as done in the management area.

Every service here runs in one transaction, calls ``full_clean()`` before saving and records
what it did in the audit log. The helpers ``field_values``, ``create_audited``, ``update_audited``
and ``delete_audited`` are shared with the other management services (boards, dates, news, pages).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Literal, TypedDict, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from standortkompass.accounts.models import Membership, Role, User
from standortkompass.audit.services import audit_record, model_changes
from standortkompass.processes.models import Phase, PhaseState, ProcessStatus, StrategyProcess
from standortkompass.processes.models.process import DEFAULT_PHASES
from standortkompass.processes.navigation import navigation_changed
from standortkompass.processes.selectors import go_live_missing
from standortkompass.regiondata.models import Region, RegionLevel

ModelT = TypeVar("ModelT", bound=models.Model)

PROCESS_FIELDS = (
    "title",
    "title_en",
    "short_description",
    "short_description_en",
    "description",
    "description_en",
    "status",
    "agency_name",
    "contact_email",
    "contact_phone",
)
PHASE_FIELDS = ("name", "name_en", "description", "description_en", "start_date", "end_date", "state")

_GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


class ProcessData(TypedDict, total=False):
    title: str
    title_en: str
    short_description: str
    short_description_en: str
    description: str
    description_en: str
    status: ProcessStatus | str
    agency_name: str
    contact_email: str
    contact_phone: str


class PhaseData(TypedDict, total=False):
    name: str
    name_en: str
    description: str
    description_en: str
    start_date: dt.date | None
    end_date: dt.date | None
    state: PhaseState | str


# --- helpers shared by the management services -------------------------------------------------


def german_slug(text: str, *, max_length: int, fallback: str) -> str:
    """A web-address slug that writes umlauts as ae/oe/ue and ß as ss (slugify would drop them)."""
    slug = slugify(text.translate(_GERMAN_LETTERS))[:max_length].strip("-")
    return slug or fallback


def numbered_slug(base: str, *, taken: set[str], max_length: int) -> str:
    """``base``, or ``base-2``, ``base-3`` … — the first one not in ``taken``."""
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        if candidate not in taken:
            return candidate
        number += 1


def field_values(obj: models.Model, fields: Iterable[str]) -> dict[str, object]:
    """The values of ``fields`` as the audit log shows them: related objects by name, dates in ISO form."""
    values: dict[str, object] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        elif isinstance(field, models.ForeignKey):
            value = str(value) if value is not None else ""
        elif isinstance(value, dt.datetime):
            # The same instant compares equal whatever zone it came in (form: Berlin, database: UTC).
            value = timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif value is None:
            value = ""
        values[name] = value
    return values


def assign_fields(obj: ModelT, *, data: Mapping[str, object], fields: Iterable[str]) -> ModelT:
    """Copy the given ``fields`` that ``data`` has onto ``obj`` (a new, unsaved object)."""
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])
    return obj


def create_audited(
    obj: ModelT, *, actor: User, action: str, process: StrategyProcess | None, fields: Iterable[str]
) -> ModelT:
    """Validate and save a new object and record its (non-empty) values. Call inside a transaction."""
    fields = tuple(fields)
    obj.full_clean()
    obj.save()
    changes = model_changes(dict.fromkeys(fields, ""), field_values(obj, fields))
    audit_record(actor=actor, action=action, obj=obj, process=process, changes=changes)
    return obj


def update_audited(
    obj: ModelT,
    *,
    actor: User | None,
    action: str,
    process: StrategyProcess | None,
    fields: Iterable[str],
    data: Mapping[str, object],
) -> ModelT:
    """Set the given ``fields`` from ``data``, validate, save and record what changed (nothing if nothing did)."""
    fields = tuple(name for name in fields if name in data)
    # Compare with the stored row: a ModelForm may already have copied the new values onto ``obj``.
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    before = field_values(stored if stored is not None else obj, fields)
    for name in fields:
        setattr(obj, name, data[name])
    obj.full_clean()
    obj.save()
    changes = model_changes(before, field_values(obj, fields))
    if changes:
        audit_record(actor=actor, action=action, obj=obj, process=process, changes=changes)
    return obj


def delete_audited(obj: models.Model, *, actor: User, action: str, process: StrategyProcess | None) -> None:
    """Record and delete an object. Call inside a transaction."""
    audit_record(actor=actor, action=action, obj=obj, process=process)
    obj.delete()


# --- strategy processes -------------------------------------------------------------------------


def process_slug(*, title: str) -> str:
    """A free slug for a new process, made from its title."""
    max_length = StrategyProcess._meta.get_field("slug").max_length or 80
    base = german_slug(title, max_length=max_length, fallback="prozess")
    taken = set(StrategyProcess.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return numbered_slug(base, taken=taken, max_length=max_length)


def process_create(
    *,
    actor: User,
    region: Region,
    title: str,
    short_description: str,
    agency_name: str,
    slug: str = "",
) -> StrategyProcess:
    """A new process for a district with the five default phases; ``actor`` becomes its Administration."""
    if region.level != RegionLevel.DISTRICT:
        raise ValidationError({"region": _("Choose a district (Landkreis or kreisfreie Stadt).")})
    with transaction.atomic():
        process = StrategyProcess(
            region=region,
            title=title,
            slug=slug or process_slug(title=title),
            short_description=short_description,
            agency_name=agency_name,
        )
        create_audited(
            process,
            actor=actor,
            action="process.create",
            process=process,
            fields=("slug", "region", *PROCESS_FIELDS),
        )
        for order, (name, description) in enumerate(DEFAULT_PHASES):
            phase = Phase(process=process, order=order, name=name, description=description)
            phase.full_clean()
            phase.save()
        membership = Membership(user=actor, process=process, role=Role.ADMIN)
        membership.full_clean()
        membership.save()
        audit_record(
            actor=actor,
            action="membership.create",
            obj=membership,
            process=process,
            changes={"role": ["", str(Role.ADMIN.label)]},
        )
    if hasattr(actor, "_standortkompass_roles"):
        del actor._standortkompass_roles  # the cached roles no longer include the new process
    return process


def process_update(*, process: StrategyProcess, actor: User, data: ProcessData) -> StrategyProcess:
    """Change the settings of a process (not whether it is public: see ``process_set_public``)."""
    with transaction.atomic():
        # A ModelForm may have set ``is_public`` on the instance; only ``process_set_public`` changes it.
        process.is_public = StrategyProcess.objects.values_list("is_public", flat=True).get(pk=process.pk)
        return update_audited(
            process, actor=actor, action="process.update", process=process, fields=PROCESS_FIELDS, data=data
        )


def process_set_public(*, process: StrategyProcess, actor: User, is_public: bool) -> StrategyProcess:
    """Publish or withdraw a process from the public website.

    Publishing is refused with a ``ValidationError`` naming what is missing while an item of the
    go-live checklist (``selectors.go_live_checklist``: Impressum, Datenschutz, Erklärung zur
    Barrierefreiheit …) is missing; demo values count as present only for the demo process.
    Withdrawing is always possible.
    """
    stored = StrategyProcess.objects.filter(pk=process.pk).values_list("is_public", flat=True).first()
    if stored == is_public:
        process.is_public = is_public
        return process
    if is_public:
        missing = go_live_missing(process=process)
        if missing:
            message = _(
                "The process cannot be published yet. Missing or unfinished: %(items)s. The go-live "
                "checklist (management area, “Whole website”) shows what to do."
            ) % {"items": "; ".join(item.label for item in missing)}
            raise ValidationError({"is_public": ValidationError(message, code="go_live_checklist")})
    with transaction.atomic():
        process.is_public = is_public
        process.full_clean()
        process.save(update_fields=["is_public", "updated_at"])
        navigation_changed()
        audit_record(
            actor=actor,
            action="process.publish" if is_public else "process.unpublish",
            obj=process,
            process=process,
            changes={"is_public": [str(not is_public), str(is_public)]},
        )
    return process


# --- phases -------------------------------------------------------------------------------------


def _settle_active_phase(phase: Phase, *, actor: User) -> None:
    """Only one phase is active: the other active ones become completed (before it) or planned (after it)."""
    if phase.state != PhaseState.ACTIVE:
        return
    ordered = list(phase.process.phases.order_by("order", "start_date", "id"))
    position = {other.pk: index for index, other in enumerate(ordered)}
    for other in ordered:
        if other.pk == phase.pk or other.state != PhaseState.ACTIVE:
            continue
        new_state = PhaseState.COMPLETED if position[other.pk] < position[phase.pk] else PhaseState.PLANNED
        update_audited(
            other,
            actor=actor,
            action="phase.update",
            process=phase.process,
            fields=("state",),
            data={"state": new_state},
        )


def phase_create(*, process: StrategyProcess, actor: User, data: PhaseData) -> Phase:
    """A new phase at the end of the process's phases."""
    with transaction.atomic():
        last = process.phases.aggregate(last=Max("order"))["last"]
        phase = Phase(process=process, order=0 if last is None else last + 1)
        assign_fields(phase, data=data, fields=PHASE_FIELDS)
        create_audited(phase, actor=actor, action="phase.create", process=process, fields=PHASE_FIELDS)
        _settle_active_phase(phase, actor=actor)
    return phase


def phase_update(*, phase: Phase, actor: User, data: PhaseData) -> Phase:
    with transaction.atomic():
        update_audited(phase, actor=actor, action="phase.update", process=phase.process, fields=PHASE_FIELDS, data=data)
        _settle_active_phase(phase, actor=actor)
    return phase


def phase_delete(*, phase: Phase, actor: User) -> None:
    """Delete a phase; its events stay and lose the link to it."""
    with transaction.atomic():
        delete_audited(phase, actor=actor, action="phase.delete", process=phase.process)


def phase_move(*, phase: Phase, actor: User, direction: Literal["up", "down"]) -> bool:
    """Swap a phase with its neighbour above or below. False if it is already first or last."""
    with transaction.atomic():
        ordered = list(phase.process.phases.select_for_update().order_by("order", "start_date", "id"))
        index = next(position for position, other in enumerate(ordered) if other.pk == phase.pk)
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(ordered):
            return False
        ordered[index], ordered[target] = ordered[target], ordered[index]
        for order, other in enumerate(ordered):
            if other.order != order:
                other.order = order
                other.save(update_fields=["order"])
        phase.order = target
        audit_record(
            actor=actor,
            action="phase.move",
            obj=phase,
            process=phase.process,
            changes={"order": [str(index + 1), str(target + 1)]},
        )
    return True
