"""Linking strategy elements to their evidence (the kinds are registered in ``processes.evidence``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes import evidence
from standortkompass.processes.services.process import delete_audited
from standortkompass.strategy.models import Element, ElementKind, EvidenceLink


def evidence_add(
    *, element: Element, actor: User, kind: str, reference: Mapping[str, Any], note: str = ""
) -> EvidenceLink:
    """Cite a source for an element. The source must exist now (resolved as Redaktion sees it)."""
    registered = evidence.kind(kind)
    if registered is None:
        raise ValidationError({"kind": _("Unknown kind of source.")})
    if element.kind == ElementKind.VISION:
        raise ValidationError({"kind": _("The vision statement cites no sources; link them to goals and measures.")})
    process = element.strategy.process
    if registered.resolve(process, reference, public=False) is None:
        raise ValidationError({"reference": _("This source does not exist (any more).")})
    source_key = registered.source_key(reference)
    with transaction.atomic():
        if EvidenceLink.objects.filter(element=element, source_key=source_key).exists():
            raise ValidationError({"reference": _("This element already cites this source.")})
        link = EvidenceLink(
            element=element,
            kind=kind,
            reference=dict(reference),
            source_key=source_key,
            note=note,
            created_by=actor,
            order=element.evidence.count() + 1,
        )
        link.full_clean()
        try:
            with transaction.atomic():
                link.save()
        except IntegrityError as error:  # the same source added at the same moment by someone else
            raise ValidationError({"reference": _("This element already cites this source.")}) from error
        audit_record(
            actor=actor,
            action="strategy.evidence.add",
            obj=element,
            process=process,
            changes={"evidence": ["", source_key], "note": ["", note]},
        )
        return link


def evidence_update(*, link: EvidenceLink, actor: User, note: str) -> EvidenceLink:
    with transaction.atomic():
        before = link.note
        link.note = note
        link.full_clean()
        link.save(update_fields=["note"])
        if before != note:
            audit_record(
                actor=actor,
                action="strategy.evidence.update",
                obj=link.element,
                process=link.element.strategy.process,
                changes={"note": [before, note]},
            )
        return link


def evidence_remove(*, link: EvidenceLink, actor: User) -> None:
    with transaction.atomic():
        delete_audited(link, actor=actor, action="strategy.evidence.remove", process=link.element.strategy.process)
