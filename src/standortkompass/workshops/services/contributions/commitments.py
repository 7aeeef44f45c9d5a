"""Commitments: someone signs up to carry an idea forward (online, or from paper by a facilitator)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.workshops.models import (
    Commitment,
    ContributionOrigin,
    Item,
    Participant,
    PhaseKind,
    SessionPhase,
)
from standortkompass.workshops.services.contributions.checks import (
    COMMITMENT_NAME_MAX_LENGTH,
    COMMITMENT_NOTE_MAX_LENGTH,
    context_for,
    phase_item,
    votes_changed,
)
from standortkompass.workshops.services.participation import clean_text


def commitment_add(
    *,
    phase: SessionPhase,
    item: Item,
    participant: Participant | None = None,
    actor: User | None = None,
    role: str,
    name: str,
    note: str,
) -> Commitment:
    """Sign up to carry an idea forward (a participant once per item: signing up again changes the entry), or a
    facilitator enters one from paper (then the name is required; audited)."""
    if role not in Commitment.Role.values:
        raise ValidationError({"role": _("Choose how you want to contribute.")})
    person = " ".join(clean_text(name).split())
    text = clean_text(note)
    if len(person) > COMMITMENT_NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": _("The name may have at most %(max)s characters.") % {"max": COMMITMENT_NAME_MAX_LENGTH}}
        )
    if len(text) > COMMITMENT_NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("The note may have at most %(max)s characters.") % {"max": COMMITMENT_NOTE_MAX_LENGTH}}
        )
    with transaction.atomic():
        kinds = frozenset({PhaseKind.COMMITMENTS})
        refused = _("This phase takes no commitments.")
        context = context_for(phase, participant, actor, participant_kinds=kinds, actor_kinds=kinds, refused=refused)
        chosen = phase_item(context, item)
        locked = context.participant
        if locked is None:
            if not person:
                raise ValidationError({"name": _("Please give the name of the person who signed up on paper.")})
            commitment = Commitment(phase=context.phase, item=chosen, origin=ContributionOrigin.PAPER)
        else:
            commitment = Commitment.objects.filter(item=chosen, participant=locked).first() or Commitment(
                phase=context.phase, item=chosen, participant=locked
            )
            person = person or locked.display_name
        commitment.role, commitment.name, commitment.note = role, person, text
        commitment.full_clean()
        commitment.save()
        if locked is None:
            audit_record(
                actor=actor,
                action="workshops.paper.enter",
                obj=context.phase,
                process=context.session.workshop.process,
                changes={"commitment": ["", f"{chosen.text}: {person}"]},
            )
        votes_changed(context)
        return commitment


def commitment_remove(
    *, commitment: Commitment, participant: Participant | None = None, actor: User | None = None
) -> None:
    """Withdraw a commitment: a participant their own while the phase is open, a facilitator any."""
    with transaction.atomic():
        kinds = frozenset({PhaseKind.COMMITMENTS})
        context = context_for(
            commitment.phase,
            participant,
            actor,
            participant_kinds=kinds,
            actor_kinds=None,
            refused=_("This phase takes no commitments."),
        )
        if context.participant is not None and commitment.participant_id != context.participant.pk:
            raise ValidationError(_("You can only withdraw your own commitment."))
        Commitment.objects.filter(pk=commitment.pk, phase=context.phase).delete()
        votes_changed(context)
