"""Cards and clusters: participants write and cluster them, facilitators also hide, merge and move them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.workshops.models import (
    WRITING_KINDS,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseScope,
    SessionPhase,
    Table,
)
from standortkompass.workshops.services import live
from standortkompass.workshops.services.contributions.checks import (
    CLUSTER_KINDS,
    canvas_values,
    card_text,
    context_for,
    facilitator_context,
    next_position,
    phase_item,
    session_table,
)


def item_add(
    *,
    phase: SessionPhase,
    participant: Participant | None = None,
    actor: User | None = None,
    text: str,
    canvas: Mapping[str, object] | None = None,
    table: Table | None = None,
    origin: str | None = None,
) -> Item:
    """Add a card (an answer, a project canvas) to the phase. A participant writes in a check-in, collect or
    canvas phase (at their table in a per-table phase, up to the phase's number of cards each); a facilitator
    adds to any phase that has items (``origin`` facilitator unless given, e.g. paper or carried)."""
    value = card_text(text)
    with transaction.atomic():
        context = context_for(
            phase,
            participant,
            actor,
            participant_kinds=WRITING_KINDS,
            actor_kinds=frozenset(PhaseKind.values) - {PhaseKind.INFORMATION, PhaseKind.SUMMARY},
            refused=_("Cards cannot be added in this phase."),
        )
        locked = context.participant
        if locked is not None:
            most = int(context.phase.setting("max_cards_per_participant") or 0)
            if most and Item.objects.filter(phase=context.phase, author=locked, kind=ItemKind.CARD).count() >= most:
                raise ValidationError(
                    {
                        "text": ngettext(
                            "You can add at most %(max)s card in this phase.",
                            "You can add at most %(max)s cards in this phase.",
                            most,
                        )
                        % {"max": most}
                    }
                )
            item_origin: str = ItemOrigin.PARTICIPANT
            item_table_id = locked.table_id if context.phase.scope == PhaseScope.TABLE else None
        else:
            item_origin = origin or ItemOrigin.FACILITATOR
            if item_origin not in ItemOrigin.values:
                raise ValueError(f"unknown origin {item_origin!r}")
            chosen_table = session_table(context, table)
            item_table_id = chosen_table.pk if chosen_table is not None else None
        item = Item(
            phase=context.phase,
            kind=ItemKind.CARD,
            text=value,
            canvas=canvas_values(context.phase, canvas),
            origin=item_origin,
            author=locked,
            table_id=item_table_id,
            position=next_position(context.phase),
        )
        item.full_clean()
        item.save()
        live.announce(context.session, event="items", table_id=context.table_id(item.table_id))
        return item


def item_edit(
    *,
    item: Item,
    participant: Participant | None = None,
    actor: User | None = None,
    text: str,
    canvas: Mapping[str, object] | None = None,
) -> Item:
    """Change a card's text (and canvas fields; None keeps them): a participant their own card while the phase is
    open, a facilitator any card of a phase not closed."""
    value = card_text(text)
    with transaction.atomic():
        context = context_for(
            item.phase,
            participant,
            actor,
            participant_kinds=WRITING_KINDS,
            actor_kinds=None,
            refused=_("Cards cannot be changed in this phase."),
        )
        stored = phase_item(context, item, votable=False)
        if context.participant is not None and stored.author_id != context.participant.pk:
            raise ValidationError({"text": _("You can only change your own cards.")})
        stored.text = value
        if canvas is not None:
            stored.canvas = canvas_values(context.phase, canvas)
        stored.full_clean()
        stored.save(update_fields=["text", "canvas"])
        live.announce(context.session, event="items", table_id=context.table_id(stored.table_id))
        return stored


def item_hide(*, item: Item, actor: User, hidden: bool = True) -> Item:
    """Hide an inappropriate card from every screen and result (or show it again). Audited; also in a closed
    phase."""
    with transaction.atomic():
        phase = SessionPhase.objects.get(pk=item.phase_id)
        session = (
            LiveSession.objects.select_for_update(of=("self",))
            .select_related("workshop__process")
            .get(pk=phase.session_id)
        )
        stored = Item.objects.get(pk=item.pk)
        if stored.hidden != hidden:
            stored.hidden = hidden
            stored.save(update_fields=["hidden"])
            audit_record(
                actor=actor,
                action="workshops.item.hide",
                obj=stored,
                process=session.workshop.process,
                changes={"hidden": [str(not hidden), str(hidden)]},
            )
            live.announce(session, event="items", table_id=stored.table_id if phase.scope == PhaseScope.TABLE else None)
        item.hidden = hidden
        return stored


def items_merge(*, target: Item, items: Sequence[Item], actor: User) -> Item:
    """Merge ``items`` into ``target``: they (and their members, for clusters) become members of ``target`` and
    are counted with it. Audited."""
    with transaction.atomic():
        context = facilitator_context(target.phase)
        kept = phase_item(context, target, field="target", votable=False)
        if kept.cluster_id is not None:
            raise ValidationError({"target": _("This card is already part of a cluster; merge into the cluster.")})
        others = list(Item.objects.filter(pk__in=[other.pk for other in items]).exclude(pk=kept.pk))
        if not others:
            raise ValidationError({"items": _("Choose at least one other card to merge.")})
        if any(other.phase_id != kept.phase_id for other in others):
            raise ValidationError({"items": _("Only cards of the same phase can be merged.")})
        ids = [other.pk for other in others]
        Item.objects.filter(cluster_id__in=ids).update(cluster=kept)
        Item.objects.filter(pk__in=ids).update(cluster=kept)
        audit_record(
            actor=actor,
            action="workshops.item.merge",
            obj=kept,
            process=context.session.workshop.process,
            changes={"merged": [", ".join(str(pk) for pk in ids), str(kept.pk)]},
        )
        live.announce(context.session, event="items", table_id=context.table_id(kept.table_id))
        return kept


def cluster_create(
    *, phase: SessionPhase, actor: User | None = None, participant: Participant | None = None, text: str
) -> Item:
    """A new (empty) cluster: participants make them in a cluster phase, facilitators also while collecting."""
    value = card_text(text)
    with transaction.atomic():
        context = context_for(
            phase,
            participant,
            actor,
            participant_kinds=CLUSTER_KINDS,
            actor_kinds=frozenset({PhaseKind.CLUSTER, PhaseKind.COLLECT}),
            refused=_("Clusters cannot be made in this phase."),
        )
        locked = context.participant
        cluster = Item(
            phase=context.phase,
            kind=ItemKind.CLUSTER,
            text=value,
            origin=ItemOrigin.PARTICIPANT if locked is not None else ItemOrigin.FACILITATOR,
            author=locked,
            table_id=locked.table_id if locked is not None and context.phase.scope == PhaseScope.TABLE else None,
            position=next_position(context.phase),
        )
        cluster.full_clean()
        cluster.save()
        live.announce(context.session, event="items", table_id=context.table_id(cluster.table_id))
        return cluster


def cluster_rename(
    *, cluster: Item, text: str, actor: User | None = None, participant: Participant | None = None
) -> Item:
    """Rename a cluster: a facilitator, or a participant of the cluster phase (at the cluster's table)."""
    value = card_text(text)
    with transaction.atomic():
        context = context_for(
            cluster.phase,
            participant,
            actor,
            participant_kinds=CLUSTER_KINDS,
            actor_kinds=None,
            refused=_("Clusters cannot be changed in this phase."),
        )
        stored = phase_item(context, cluster, field="cluster", votable=False)
        if stored.kind != ItemKind.CLUSTER:
            raise ValidationError({"cluster": _("This is not a cluster.")})
        stored.text = value
        stored.full_clean()
        stored.save(update_fields=["text"])
        live.announce(context.session, event="items", table_id=context.table_id(stored.table_id))
        return stored


def item_move(
    *, item: Item, cluster: Item | None, actor: User | None = None, participant: Participant | None = None
) -> Item:
    """Put a card into a cluster of its phase, or (``cluster`` None) take it out again."""
    with transaction.atomic():
        context = context_for(
            item.phase,
            participant,
            actor,
            participant_kinds=CLUSTER_KINDS,
            actor_kinds=None,
            refused=_("Cards cannot be moved in this phase."),
        )
        stored = phase_item(context, item, votable=False)
        if stored.kind != ItemKind.CARD:
            raise ValidationError({"item": _("Only cards can be moved into a cluster.")})
        target = None
        if cluster is not None:
            target = phase_item(context, cluster, field="cluster")
            if target.kind != ItemKind.CLUSTER:
                raise ValidationError({"cluster": _("This is not a cluster.")})
        stored.cluster = target
        stored.save(update_fields=["cluster"])
        live.announce(context.session, event="items", table_id=context.table_id(stored.table_id))
        return stored
