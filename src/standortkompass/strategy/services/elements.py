"""Writing the draft of a strategy: its elements, their order and relations, fact sheets and milestones.

Every write runs in one transaction, validates with ``full_clean()`` and records who changed what in the
audit log (``strategy.*`` actions) — that record is the draft's history (decision 0005).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.services.process import (
    create_audited,
    delete_audited,
    german_slug,
    numbered_slug,
    update_audited,
)
from standortkompass.strategy.models import (
    SERVES,
    Element,
    ElementKind,
    Milestone,
    ProjectSheet,
    Strategy,
)

ELEMENT_FIELDS = ("title", "summary", "text", "rationale", "parent")
STRATEGY_FIELDS = ("title", "introduction")
SHEET_FIELDS = (
    "goal",
    "lead_organisation",
    "other_partners",
    "target_groups",
    "start_date",
    "end_date",
    "budget",
    "funding_source",
    "funding_note",
    "status",
    "progress",
    "risks",
    "contact",
    # When the project's lead last reported its status (monitoring sets it with the reported status).
    "status_changed_at",
)
MILESTONE_FIELDS = ("title", "due_date", "reached_on")


def strategy_ensure(*, process: StrategyProcess) -> Strategy:
    """The process's strategy, created empty the first time it is needed."""
    strategy, _created = Strategy.objects.get_or_create(process=process)
    return strategy


def strategy_update(*, strategy: Strategy, actor: User, data: Mapping[str, object]) -> Strategy:
    with transaction.atomic():
        return update_audited(
            strategy, actor=actor, action="strategy.update", process=strategy.process, fields=STRATEGY_FIELDS, data=data
        )


def _element_slug(strategy: Strategy, title: str) -> str:
    max_length = Element._meta.get_field("slug").max_length or 80
    base = german_slug(title, max_length=max_length, fallback="element")
    taken = set(Element.objects.filter(strategy=strategy, slug__startswith=base).values_list("slug", flat=True))
    return numbered_slug(base, taken=taken, max_length=max_length)


def _siblings(element: Element) -> list[Element]:
    return list(
        Element.objects.select_for_update()
        .filter(strategy_id=element.strategy_id, kind=element.kind, parent_id=element.parent_id)
        .order_by("order", "id")
    )


def _check_serves(element: Element, targets: Iterable[Element]) -> list[Element]:
    wanted = SERVES.get(element.kind)
    targets = list(targets)
    if targets and wanted is None:
        raise ValidationError({"serves": _("Only measures serve goals and only projects implement measures.")})
    for target in targets:
        if target.kind != wanted or target.strategy_id != element.strategy_id:
            raise ValidationError({"serves": _("“%(title)s” cannot be linked here.") % {"title": target.title}})
    return targets


def element_create(
    *,
    strategy: Strategy,
    actor: User,
    kind: str,
    data: Mapping[str, object],
    serves: Iterable[Element] = (),
) -> Element:
    """Add an element at the end of its list (a measure at the end of its field's measures)."""
    with transaction.atomic():
        element = Element(strategy=strategy, kind=kind)
        for name in ELEMENT_FIELDS:
            if name in data:
                setattr(element, name, data[name])
        element.slug = _element_slug(strategy, element.title)
        last = (
            Element.objects.filter(strategy=strategy, kind=kind, parent_id=element.parent_id)
            .order_by("-order")
            .values_list("order", flat=True)
            .first()
        )
        element.order = (last or 0) + 1
        create_audited(
            element, actor=actor, action="strategy.element.create", process=strategy.process, fields=ELEMENT_FIELDS
        )
        targets = _check_serves(element, serves)
        if targets:
            element.serves.set(targets)
        if kind == ElementKind.PROJECT:
            ProjectSheet.objects.create(element=element)
        return element


def element_update(
    *, element: Element, actor: User, data: Mapping[str, object], serves: Iterable[Element] | None = None
) -> Element:
    with transaction.atomic():
        previous_parent = Element.objects.filter(pk=element.pk).values_list("parent_id", flat=True).first()
        update_audited(
            element,
            actor=actor,
            action="strategy.element.update",
            process=element.strategy.process,
            fields=ELEMENT_FIELDS,
            data=data,
        )
        if element.parent_id != previous_parent:
            # Moved to another field of action: it goes to the end there.
            last = (
                Element.objects.filter(strategy_id=element.strategy_id, kind=element.kind, parent_id=element.parent_id)
                .exclude(pk=element.pk)
                .order_by("-order")
                .values_list("order", flat=True)
                .first()
            )
            element.order = (last or 0) + 1
            element.save(update_fields=["order"])
        if serves is not None:
            targets = _check_serves(element, serves)
            before = sorted(element.serves.values_list("pk", flat=True))
            after = sorted(target.pk for target in targets)
            if before != after:
                element.serves.set(targets)
                audit_record(
                    actor=actor,
                    action="strategy.element.update",
                    obj=element,
                    process=element.strategy.process,
                    changes={"serves": [", ".join(map(str, before)), ", ".join(map(str, after))]},
                )
        return element


def element_delete(*, element: Element, actor: User) -> None:
    """Delete an element; a field of action only when it has no measures left (they would go with it)."""
    with transaction.atomic():
        if element.kind == ElementKind.FIELD and element.children.exists():
            raise ValidationError(_("Move or delete the measures of this field of action first."))
        delete_audited(element, actor=actor, action="strategy.element.delete", process=element.strategy.process)


def element_move(
    *, element: Element, actor: User, direction: Literal["up", "down"] | None = None, position: int | None = None
) -> bool:
    """Move an element one place up or down, or to a position (1-based) in its list. False if nothing moved."""
    with transaction.atomic():
        ordered = _siblings(element)
        index = next(place for place, other in enumerate(ordered) if other.pk == element.pk)
        if position is not None:
            target = min(max(position - 1, 0), len(ordered) - 1)
        elif direction == "up":
            target = index - 1
        else:
            target = index + 1
        if target == index or not 0 <= target < len(ordered):
            return False
        moving = ordered.pop(index)
        ordered.insert(target, moving)
        for order, other in enumerate(ordered, start=1):
            if other.order != order:
                other.order = order
                other.save(update_fields=["order"])
        element.order = target + 1
        audit_record(
            actor=actor,
            action="strategy.element.move",
            obj=element,
            process=element.strategy.process,
            changes={"order": [str(index + 1), str(target + 1)]},
        )
    return True


def sheet_update(
    *,
    element: Element,
    actor: User,
    data: Mapping[str, object],
    partners: Iterable[object] | None = None,
    municipalities: Iterable[object] | None = None,
) -> ProjectSheet:
    """Change a project's fact sheet (and, if given, its partners and municipalities)."""
    if element.kind != ElementKind.PROJECT:
        raise ValidationError(_("Only projects have a fact sheet."))
    with transaction.atomic():
        sheet, _created = ProjectSheet.objects.select_for_update().get_or_create(element=element)
        update_audited(
            sheet,
            actor=actor,
            action="strategy.sheet.update",
            process=element.strategy.process,
            fields=SHEET_FIELDS,
            data=data,
        )
        for name, values in (("partners", partners), ("municipalities", municipalities)):
            if values is None:
                continue
            manager = getattr(sheet, name)
            before = sorted(str(pk) for pk in manager.values_list("pk", flat=True))
            manager.set(list(values))
            after = sorted(str(pk) for pk in manager.values_list("pk", flat=True))
            if before != after:
                audit_record(
                    actor=actor,
                    action="strategy.sheet.update",
                    obj=sheet,
                    process=element.strategy.process,
                    changes={name: [", ".join(before), ", ".join(after)]},
                )
        return sheet


def milestone_create(*, sheet: ProjectSheet, actor: User, data: Mapping[str, object]) -> Milestone:
    with transaction.atomic():
        milestone = Milestone(project=sheet, order=sheet.milestones.count() + 1)
        for name in MILESTONE_FIELDS:
            if name in data:
                setattr(milestone, name, data[name])
        return create_audited(
            milestone,
            actor=actor,
            action="strategy.milestone.create",
            process=sheet.element.strategy.process,
            fields=MILESTONE_FIELDS,
        )


def milestone_update(*, milestone: Milestone, actor: User, data: Mapping[str, object]) -> Milestone:
    with transaction.atomic():
        return update_audited(
            milestone,
            actor=actor,
            action="strategy.milestone.update",
            process=milestone.project.element.strategy.process,
            fields=MILESTONE_FIELDS,
            data=data,
        )


def milestone_delete(*, milestone: Milestone, actor: User) -> None:
    with transaction.atomic():
        delete_audited(
            milestone,
            actor=actor,
            action="strategy.milestone.delete",
            process=milestone.project.element.strategy.process,
        )
