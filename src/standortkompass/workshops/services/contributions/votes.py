"""Votes of participants: points (dot vote, 100-point allocation), ratings and matrix values, pairwise
comparisons and rankings. One ballot per participant and phase; budget and cap kept under the participant's lock."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standortkompass.workshops.models import (
    Contribution,
    Item,
    Participant,
    PhaseKind,
    SessionPhase,
)
from standortkompass.workshops.selectors.participants import budget
from standortkompass.workshops.services.contributions.checks import (
    POINT_KINDS,
    STRENGTHS,
    Context,
    authored_by,
    criterion_keys,
    participant_context,
    phase_item,
    store_vote,
    vote_fields,
    votes_changed,
)

# --- points: dot vote and 100-point allocation -----------------------------------------------------------------


def _points(phase: SessionPhase, participant: Participant, item: Item | int, target: Callable[[int], int]) -> int:
    with transaction.atomic():
        context = participant_context(
            phase, participant, kinds=POINT_KINDS, refused=_("Points cannot be given in this phase.")
        )
        locked = context.voter()
        chosen = phase_item(context, item)
        key = str(chosen.pk)
        given = dict(
            Contribution.objects.filter(phase=context.phase, participant=locked).values_list("ballot_key", "value")
        )
        stored = key in given
        before = int(given.pop(key, 0) or 0)
        after = target(before)
        if after < 0:
            raise ValidationError({"points": _("There are no points on this card to take back.")})
        allowed = budget(context.phase)
        elsewhere = sum(int(value or 0) for value in given.values())
        if after > before:
            cap = int(context.phase.setting("cap_per_item") or 0)
            if cap and after > cap:
                raise ValidationError(
                    {
                        "points": ngettext(
                            "At most %(cap)s point can be given to one card.",
                            "At most %(cap)s points can be given to one card.",
                            cap,
                        )
                        % {"cap": cap}
                    }
                )
            if not context.phase.setting("self_voting") and authored_by(chosen, locked):
                raise ValidationError({"points": _("You cannot give points to your own card.")})
            if elsewhere + after > allowed:
                left = max(allowed - elsewhere - before, 0)
                if left == 0:
                    message = ngettext(
                        "You have given all your %(budget)s point; take one back from another card first.",
                        "You have given all your %(budget)s points; take some back from another card first.",
                        allowed,
                    ) % {"budget": allowed}
                else:
                    message = ngettext(
                        "You have only %(left)s point left.", "You have only %(left)s points left.", left
                    ) % {"left": left}
                raise ValidationError({"points": message})
        if after != before:
            # The ballot was read under the participant's lock: one statement changes it.
            mine = Contribution.objects.filter(phase=context.phase, participant=locked, ballot_key=key)
            if after == 0:
                mine.delete()
            elif stored:
                mine.update(**vote_fields(context, chosen, after))
            else:
                Contribution.objects.create(
                    phase=context.phase, participant=locked, ballot_key=key, **vote_fields(context, chosen, after)
                )
            votes_changed(context)
        return allowed - elsewhere - after


def points_change(*, phase: SessionPhase, participant: Participant, item: Item | int, delta: int) -> int:
    """Give ``delta`` points more (or, negative, fewer) to the item; returns the points left. Refused over the
    budget, over the cap per item, below zero and, without self-voting, for one's own card."""
    change = int(delta)
    return _points(phase, participant, item, lambda before: before + change)


def points_set(*, phase: SessionPhase, participant: Participant, item: Item | int, points: int) -> int:
    """Put ``points`` on the item (0 takes them all back); returns the points left. Refused as points_change."""
    wanted = int(points)
    return _points(phase, participant, item, lambda _before: wanted)


# --- ratings, pairwise comparison, ranking ----------------------------------------------------------------------


def rating_set(
    *, phase: SessionPhase, participant: Participant, item: Item, value: int | None, criterion: str = ""
) -> Contribution:
    """Rate the item on the phase's scale (a rating, or one criterion of a matrix); ``None`` is "kann ich nicht
    beurteilen" where the phase allows it. Rating the item again replaces the value."""
    with transaction.atomic():
        context = participant_context(
            phase,
            participant,
            kinds=frozenset({PhaseKind.RATING, PhaseKind.MATRIX}),
            refused=_("This phase takes no ratings."),
        )
        chosen = phase_item(context, item)
        keys = criterion_keys(context.phase)
        if (context.phase.kind == PhaseKind.MATRIX or criterion) and criterion not in keys:
            raise ValidationError({"criterion": _("Choose one of the criteria of this phase.")})
        key = f"{chosen.pk}:{criterion}" if context.phase.kind == PhaseKind.MATRIX else str(chosen.pk)
        if value is None:
            if not context.phase.setting("allow_cannot_judge"):
                raise ValidationError({"value": _("Please choose a value; this phase has no “cannot judge”.")})
        else:
            low, high = int(context.phase.setting("scale_min")), int(context.phase.setting("scale_max"))
            if not low <= int(value) <= high:
                raise ValidationError(
                    {"value": _("Choose a value from %(min)s to %(max)s.") % {"min": low, "max": high}}
                )
            value = int(value)
        contribution = store_vote(context, chosen, key, value, criterion=criterion)
        votes_changed(context)
        return contribution


def pairwise_set(
    *,
    phase: SessionPhase,
    participant: Participant,
    item_a: Item,
    item_b: Item,
    preferred: Item | None,
    strength: int,
) -> Contribution:
    """Compare two items: ``preferred`` is the better one (strength 1–3), None means "equal"."""
    with transaction.atomic():
        context = participant_context(
            phase,
            participant,
            kinds=frozenset({PhaseKind.PAIRWISE}),
            refused=_("This phase takes no pairwise comparisons."),
        )
        first = phase_item(context, item_a, field="item_a")
        second = phase_item(context, item_b, field="item_b")
        if first.pk == second.pk:
            raise ValidationError({"item_b": _("Compare two different cards.")})
        low, high = sorted((first, second), key=lambda candidate: candidate.pk)
        key = f"{low.pk}-{high.pk}"
        if preferred is None:
            return _pairwise_store(context, low, high, key, 0)
        if preferred.pk not in (first.pk, second.pk):
            raise ValidationError({"preferred": _("Choose one of the two cards, or “equal”.")})
        if strength not in STRENGTHS:
            raise ValidationError({"strength": _("The strength must be 1, 2 or 3.")})
        winner, loser = (first, second) if preferred.pk == first.pk else (second, first)
        return _pairwise_store(context, winner, loser, key, int(strength))


def _pairwise_store(context: Context, item: Item, other: Item, key: str, value: int) -> Contribution:
    contribution = store_vote(context, item, key, value, other_item=other)
    votes_changed(context)
    return contribution


def ranking_submit(*, phase: SessionPhase, participant: Participant, item_ids: Sequence[int]) -> list[Contribution]:
    """Submit the participant's ranking (the ids, best first); it replaces their earlier ranking. ``value`` is the
    rank (1 = best). A ranking need not hold every item."""
    try:
        ids = [int(pk) for pk in item_ids]
    except (TypeError, ValueError):
        raise ValidationError({"item_ids": _("The ranking names a card that does not exist.")}) from None
    if not ids:
        raise ValidationError({"item_ids": _("Please rank at least one card.")})
    if len(set(ids)) != len(ids):
        raise ValidationError({"item_ids": _("Each card can be ranked only once.")})
    with transaction.atomic():
        context = participant_context(
            phase, participant, kinds=frozenset({PhaseKind.RANKING}), refused=_("This phase takes no ranking.")
        )
        locked = context.voter()
        items = [phase_item(context, pk, field="item_ids") for pk in ids]
        Contribution.objects.filter(phase=context.phase, participant=locked).delete()
        ballot = Contribution.objects.bulk_create(
            Contribution(
                phase=context.phase,
                participant=locked,
                item=item,
                ballot_key=str(item.pk),
                value=rank,
                group=locked.group,
                table_id=locked.table_id,
            )
            for rank, item in enumerate(items, start=1)
        )
        votes_changed(context)
        return ballot
