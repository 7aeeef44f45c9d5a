"""Paper results typed in by a facilitator: dot counts from a pinboard and cards (origin paper; audited)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.workshops.models import (
    CARD_MAX_LENGTH,
    WRITING_KINDS,
    Contribution,
    ContributionOrigin,
    Item,
    ItemKind,
    ItemOrigin,
    SessionPhase,
    Table,
)
from standortkompass.workshops.services import live
from standortkompass.workshops.services.contributions.checks import (
    CLUSTER_KINDS,
    POINT_KINDS,
    facilitator_context,
    next_position,
    phase_item,
    session_table,
)
from standortkompass.workshops.services.participation import clean_text


def paper_points(*, phase: SessionPhase, actor: User, counts: Mapping[int, int]) -> list[Contribution]:
    """Enter dot counts from a pinboard (item id → count): stored without participant, origin paper; an item's
    earlier paper count is replaced (0 removes it). Audited."""
    with transaction.atomic():
        context = facilitator_context(
            phase, kinds=POINT_KINDS, refused=_("Paper counts can only be entered for dot votes and point allocations.")
        )
        rows: list[Contribution] = []
        entered: list[Item] = []
        for pk, count in counts.items():
            item = phase_item(context, pk, field="counts")
            entered.append(item)
            try:
                number = int(count)
            except (TypeError, ValueError):
                number = -1
            if number < 0:
                raise ValidationError(
                    {"counts": _("Please give a whole number of 0 or more for card “%(card)s”.") % {"card": item.text}}
                )
            if number:
                rows.append(
                    Contribution(
                        phase=context.phase,
                        item=item,
                        ballot_key=str(item.pk),
                        value=number,
                        origin=ContributionOrigin.PAPER,
                        table_id=item.table_id,
                    )
                )
        Contribution.objects.filter(
            phase=context.phase,
            participant__isnull=True,
            origin=ContributionOrigin.PAPER,
            item_id__in=[row.pk for row in entered],
        ).delete()
        stored = Contribution.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action="workshops.paper.enter",
            obj=context.phase,
            process=context.session.workshop.process,
            changes={"counts": ["", ", ".join(f"{item.text}: {counts[item.pk]}" for item in entered)]},
        )
        live.announce(context.session, event="votes")
        return stored


def paper_cards(*, phase: SessionPhase, actor: User, texts: Sequence[str], table: Table | None = None) -> list[Item]:
    """Type in cards from paper (one text each; empty ones are skipped), origin paper. Audited."""
    values = []
    for number, text in enumerate(texts, start=1):
        value = clean_text(text)
        if not value:
            continue
        if len(value) > CARD_MAX_LENGTH:
            raise ValidationError(
                {
                    "texts": _("Card %(number)s has more than %(max)s characters.")
                    % {"number": number, "max": CARD_MAX_LENGTH}
                }
            )
        values.append(value)
    if not values:
        raise ValidationError({"texts": _("Please type in at least one card.")})
    with transaction.atomic():
        context = facilitator_context(
            phase, kinds=WRITING_KINDS | CLUSTER_KINDS, refused=_("Cards cannot be added in this phase.")
        )
        chosen_table = session_table(context, table)
        start = next_position(context.phase)
        items = [
            Item(
                phase=context.phase,
                kind=ItemKind.CARD,
                text=value,
                origin=ItemOrigin.PAPER,
                table=chosen_table,
                position=start + offset,
            )
            for offset, value in enumerate(values)
        ]
        for item in items:
            item.full_clean()
        stored = Item.objects.bulk_create(items)
        audit_record(
            actor=actor,
            action="workshops.paper.enter",
            obj=context.phase,
            process=context.session.workshop.process,
            changes={"cards": ["", str(len(stored))]},
        )
        live.announce(
            context.session, event="items", table_id=context.table_id(chosen_table.pk if chosen_table else None)
        )
        return stored
