"""The checks every contribution passes, under the locks of the participant's and the phase's rows (see the
package's description), and the shared validation of texts, canvas fields and criteria."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.workshops.models import (
    CARD_MAX_LENGTH,
    Contribution,
    ContributionOrigin,
    Item,
    ItemKind,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseScope,
    PhaseState,
    SessionPhase,
    SessionState,
    Table,
)
from standortkompass.workshops.services import live
from standortkompass.workshops.services.participation import clean_text, hold_session

CANVAS_FIELD_MAX_LENGTH = 1000
# The canvas fields when a phase names none (as services.templates.CANVAS_FIELDS).
DEFAULT_CANVAS_FIELDS = ("goal", "first_steps", "lead", "partners", "resources", "risks", "indicator")
COMMITMENT_NAME_MAX_LENGTH = 120
COMMITMENT_NOTE_MAX_LENGTH = 280
STRENGTHS = (1, 2, 3)
POINT_KINDS = frozenset({PhaseKind.DOT_VOTE, PhaseKind.POINTS})
CLUSTER_KINDS = frozenset({PhaseKind.CLUSTER})
# How far back the author of a carried item is looked for (self-voting).
LINEAGE_LIMIT = 20


@dataclass
class Context:
    session: LiveSession
    phase: SessionPhase
    # The participant's row, locked; None for a facilitator.
    participant: Participant | None

    def voter(self) -> Participant:
        """The participant whose ballot this is (contexts of facilitators have none)."""
        if self.participant is None:
            raise RuntimeError("a facilitator has no ballot")
        return self.participant

    def table_id(self, table_id: int | None) -> int | None:
        """The table to announce a change to: only in a per-table phase."""
        return table_id if self.phase.scope == PhaseScope.TABLE else None


def participant_context(
    phase: SessionPhase, participant: Participant, *, kinds: frozenset[str], refused: str
) -> Context:
    """Hold the session's row (``hold_session``), lock the participant's row and check that the participant may
    contribute to the phase now. Call first in a transaction."""
    session = hold_session(participant.session_id)
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    current = SessionPhase.objects.get(pk=phase.pk)
    if current.session_id != session.pk or locked.session_id != session.pk:
        raise ValidationError(_("You are not taking part in this workshop session."))
    if locked.removed_at is not None:
        raise ValidationError(_("You were removed from this workshop session."))
    if session.state != SessionState.LIVE:
        raise ValidationError(_("This workshop session is not running; your entry was not saved."))
    if current.state == PhaseState.PENDING:
        raise ValidationError(_("This phase has not started yet."))
    if current.state == PhaseState.CLOSED:
        raise ValidationError(_("This phase has been closed; your entry was not saved."))
    if session.current_phase_id != current.pk:
        raise ValidationError(_("This phase is no longer shown; please reload the page."))
    if current.kind not in kinds:
        raise ValidationError(refused)
    if current.scope == PhaseScope.TABLE and locked.table_id is None:
        raise ValidationError(_("This phase is worked on at the tables; please wait until you are given a table."))
    return Context(session=session, phase=current, participant=locked)


def facilitator_context(phase: SessionPhase, *, kinds: frozenset[str] | None = None, refused: str = "") -> Context:
    """Lock the session's row (as the phases' services do: facilitators work one after the other) and check that
    a facilitator may still change the phase (not closed)."""
    session = (
        LiveSession.objects.select_for_update(of=("self",)).select_related("workshop__process").get(pk=phase.session_id)
    )
    current = SessionPhase.objects.get(pk=phase.pk)
    if current.state == PhaseState.CLOSED:
        raise ValidationError(_("This phase is closed; reopen it to change its results."))
    if kinds is not None and current.kind not in kinds:
        raise ValidationError(refused)
    return Context(session=session, phase=current, participant=None)


def context_for(
    phase: SessionPhase,
    participant: Participant | None,
    actor: User | None,
    *,
    participant_kinds: frozenset[str],
    actor_kinds: frozenset[str] | None,
    refused: str,
) -> Context:
    if (participant is None) == (actor is None):
        raise ValueError("Give either a participant or an actor.")
    if participant is not None:
        return participant_context(phase, participant, kinds=participant_kinds, refused=refused)
    return facilitator_context(phase, kinds=actor_kinds, refused=refused)


def phase_item(context: Context, item: Item | int | None, *, field: str = "item", votable: bool = True) -> Item:
    """The phase's item (read again), checked: visible, a card or cluster that is no member of a cluster (when
    ``votable``), at the participant's table in a per-table phase."""
    pk = item.pk if isinstance(item, Item) else item
    stored = Item.objects.filter(pk=pk).first() if pk is not None else None
    if stored is None or stored.phase_id != context.phase.pk:
        raise ValidationError({field: _("This card does not belong to this phase.")})
    if stored.hidden:
        raise ValidationError({field: _("This card was hidden by the facilitator.")})
    if votable and stored.kind not in (ItemKind.CARD, ItemKind.CLUSTER):
        raise ValidationError({field: _("This card cannot be voted on.")})
    if votable and stored.cluster_id is not None:
        raise ValidationError({field: _("This card belongs to a cluster; please vote for the cluster.")})
    participant = context.participant
    if (
        participant is not None
        and context.phase.scope == PhaseScope.TABLE
        and stored.table_id is not None
        and stored.table_id != participant.table_id
    ):
        raise ValidationError({field: _("This card belongs to another table.")})
    return stored


def authored_by(item: Item, participant: Participant) -> bool:
    """Whether the participant (or their account) wrote the item or the item it was carried over from."""
    pk: int | None = item.pk
    seen: set[int] = set()
    while pk is not None and pk not in seen and len(seen) < LINEAGE_LIMIT:
        seen.add(pk)
        row = Item.objects.filter(pk=pk).values("author_id", "author__user_id", "source_item_id").first()
        if row is None:
            return False
        if row["author_id"] == participant.pk:
            return True
        if participant.user_id is not None and row["author__user_id"] == participant.user_id:
            return True
        pk = row["source_item_id"]
    return False


def vote_fields(
    context: Context, item: Item, value: int | None, *, other_item: Item | None = None, criterion: str = ""
) -> dict[str, object]:
    """What a participant's vote stores besides its ballot key."""
    participant = context.voter()
    return {
        "item": item,
        "other_item": other_item,
        "criterion": criterion,
        "value": value,
        "origin": ContributionOrigin.ONLINE,
        "group": participant.group,
        "table_id": participant.table_id,
    }


def store_vote(
    context: Context,
    item: Item,
    key: str,
    value: int | None,
    *,
    other_item: Item | None = None,
    criterion: str = "",
) -> Contribution:
    """Put the participant's vote under ``key`` (a new one, or in place of the one there)."""
    contribution, _created = Contribution.objects.update_or_create(
        phase=context.phase,
        participant=context.voter(),
        ballot_key=key,
        defaults=vote_fields(context, item, value, other_item=other_item, criterion=criterion),
    )
    return contribution


def votes_changed(context: Context) -> None:
    participant = context.participant
    live.announce(
        context.session, event="votes", table_id=context.table_id(participant.table_id if participant else None)
    )


def criterion_keys(phase: SessionPhase) -> list[str]:
    """The keys of the phase's criteria (setting ``criteria``: ``[{"key": …, "label": …}, …]`` or plain keys)."""
    keys = []
    for entry in phase.setting("criteria") or []:
        key = entry.get("key") if isinstance(entry, dict) else entry
        if key:
            keys.append(str(key))
    return keys


def card_text(text: object, *, field: str = "text") -> str:
    value = clean_text(text)
    if not value:
        raise ValidationError({field: _("Please write something on the card.")})
    if len(value) > CARD_MAX_LENGTH:
        raise ValidationError(
            {
                field: _("A card may have at most %(max)s characters (this one has %(length)s).")
                % {"max": CARD_MAX_LENGTH, "length": len(value)}
            }
        )
    return value


def canvas_fields(phase: SessionPhase) -> list[str]:
    """The keys of the canvas fields the phase asks (setting ``canvas_fields``: keys or ``{"key": …}``)."""
    keys = [
        str(entry.get("key") if isinstance(entry, dict) else entry) for entry in phase.setting("canvas_fields") or []
    ]
    return [key for key in keys if key] or list(DEFAULT_CANVAS_FIELDS)


def canvas_values(phase: SessionPhase, canvas: Mapping[str, object] | None) -> dict[str, str]:
    if not canvas:
        return {}
    if phase.kind != PhaseKind.CANVAS:
        raise ValidationError({"canvas": _("Only the cards of a project canvas phase have canvas fields.")})
    allowed = canvas_fields(phase)
    values: dict[str, str] = {}
    for key, value in canvas.items():
        if key not in allowed:
            raise ValidationError({key: _("This project canvas has no field “%(field)s”.") % {"field": key}})
        text = clean_text(value)
        if len(text) > CANVAS_FIELD_MAX_LENGTH:
            raise ValidationError(
                {
                    key: _("A field of the canvas may have at most %(max)s characters.")
                    % {"max": CANVAS_FIELD_MAX_LENGTH}
                }
            )
        if text:
            values[key] = text
    return values


def next_position(phase: SessionPhase) -> int:
    highest = Item.objects.filter(phase=phase).aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


def session_table(context: Context, table: Table | None) -> Table | None:
    if table is not None and table.session_id != context.session.pk:
        raise ValidationError({"table": _("This table belongs to another session.")})
    return table
