"""The personal data of live workshops (registered in ``WorkshopsConfig.ready``) and their retention rule.

A participant is pseudonymous: a token in a cookie (the database keeps its hash), an optional display name and a
stakeholder group. Only a participant who linked their account is part of that person's data: their
participations with their cards, votes and commitments. Names given with commitments are found by the person's
e-mail address when they wrote it there. Also: the workshops a person created.

Erasing unlinks the account and deletes the display name; the cards and votes stay (the workshop's result) and
are no longer anybody's. A commitment loses the name given with it.

Retention: ``KEEP_DAYS`` (30) days after a session ended, its participants' display names are deleted and their
token hashes replaced by random values (the cookie ended with the session anyway), so nothing leads from a
browser or a name to the cards and votes any more. Names given with commitments stay: they were given so that
the idea can be carried forward; they go on request.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy, ngettext

from standortkompass.accounts import personal_data, retention
from standortkompass.accounts.personal_data import Person, Record, fields_of, mentions
from standortkompass.audit.services import audit_objects_forget
from standortkompass.workshops.models import Commitment, Contribution, Item, ItemOrigin, Participant, Workshop

KEEP_DAYS = 30
# A token hash replaced by the retention rule starts with this character, which no SHA-256 hex digest has.
DROPPED_PREFIX = "-"


def _participants(person: Person) -> QuerySet[Participant]:
    if person.user is None:
        return Participant.objects.none()
    return Participant.objects.filter(user=person.user)


def _commitments_named(person: Person) -> QuerySet[Commitment]:
    """Commitments of the person's participations, and those whose name or note gives their e-mail address."""
    named = [
        pk
        for pk, name, note in Commitment.objects.filter(
            Q(name__icontains=person.email) | Q(note__icontains=person.email)
        ).values_list("pk", "name", "note")
        if mentions(name, person.email) or mentions(note, person.email)
    ]
    return Commitment.objects.filter(Q(participant__in=_participants(person)) | Q(pk__in=named))


def _participation_records(person: Person) -> list[Record]:
    records: list[Record] = []
    participants = _participants(person).select_related("session__workshop", "table", "organisation")
    for participant in participants.order_by("joined_at"):
        record = {
            "workshop": str(participant.session.workshop),
            "session": str(participant.session),
            **fields_of(participant, ["display_name", "group", "role", "table", "organisation", "joined_at"]),
        }
        # What they wrote themselves (their cards' copies carried into later phases are the same cards).
        items = (
            Item.objects.filter(author=participant)
            .exclude(origin=ItemOrigin.CARRIED)
            .select_related("phase")
            .order_by("phase__position", "id")
        )
        record["cards"] = [
            {"phase": str(item.phase), **fields_of(item, ["text", "canvas", "created_at"])} for item in items
        ]
        votes = (
            Contribution.objects.filter(participant=participant)
            .select_related("phase", "item", "other_item")
            .order_by("phase__position", "id")
        )
        record["votes"] = [
            {
                "phase": str(vote.phase),
                "item": vote.item.text,
                "other_item": vote.other_item.text if vote.other_item else None,
                **fields_of(vote, ["criterion", "value", "group", "updated_at"]),
            }
            for vote in votes
        ]
        records.append(record)
    return records


def _participation_erase(person: Person) -> int:
    participants = _participants(person)
    ids = list(participants.values_list("pk", flat=True))
    audit_objects_forget(model=Participant, object_ids=ids)
    return int(Participant.objects.filter(pk__in=ids).update(user=None, display_name=""))


def _commitment_records(person: Person) -> list[Record]:
    commitments = _commitments_named(person).select_related("item", "phase__session__workshop")
    return [
        {
            "workshop": str(commitment.phase.session.workshop),
            "item": commitment.item.text,
            **fields_of(commitment, ["role", "name", "note", "created_at"]),
        }
        for commitment in commitments.order_by("created_at", "id")
    ]


def _commitment_erase(person: Person) -> int:
    commitments = _commitments_named(person)
    ids = list(commitments.values_list("pk", flat=True))
    audit_objects_forget(model=Commitment, object_ids=ids)
    erased = 0
    for commitment in Commitment.objects.filter(pk__in=ids):
        commitment.name = ""
        if mentions(commitment.note, person.email):
            commitment.note = ""
        commitment.save(update_fields=["name", "note"])
        erased += 1
    return erased


def _work(person: Person) -> list[Record]:
    if person.user is None:
        return []
    workshops = Workshop.objects.filter(created_by=person.user).order_by("created_at", "id")
    return [fields_of(workshop, ["title", "kind", "created_at"]) for workshop in workshops]


def _work_erase(person: Person) -> int:
    if person.user is None:
        return 0
    return int(Workshop.objects.filter(created_by=person.user).update(created_by=None))


def register_personal_data() -> None:
    personal_data.register(
        "workshops.participations",
        label=gettext_lazy("Participations in live workshops linked to the account (with cards and votes)"),
        effect=gettext_lazy("account link and display name deleted; cards and votes kept without the person"),
        collect=_participation_records,
        erase=_participation_erase,
    )
    personal_data.register(
        "workshops.commitments",
        label=gettext_lazy("Commitments in live workshops to carry an idea forward"),
        effect=gettext_lazy("the name given is deleted; the commitment is kept"),
        collect=_commitment_records,
        erase=_commitment_erase,
    )
    personal_data.register(
        "workshops.work",
        label=gettext_lazy("Workshops created"),
        effect=gettext_lazy("kept without the person"),
        collect=_work,
        erase=_work_erase,
    )


# Retention ----------------------------------------------------------------------------------------


def _pseudonyms_period() -> str:
    return ngettext(
        "%(days)d day after the live session ended",
        "%(days)d days after the live session ended",
        KEEP_DAYS,
    ) % {"days": KEEP_DAYS}


def _due(now: dt.datetime) -> QuerySet[Participant]:
    cutoff = now - dt.timedelta(days=KEEP_DAYS)
    return Participant.objects.filter(session__ended_at__isnull=False, session__ended_at__lte=cutoff).filter(
        ~Q(display_name="") | ~Q(token_hash__startswith=DROPPED_PREFIX)
    )


def dropped_token_hash() -> str:
    """A random value in place of a token's hash: unique like one, but no token leads to it."""
    return DROPPED_PREFIX + secrets.token_hex(31)


def participant_names_retention(*, now: dt.datetime, dry_run: bool) -> int:
    """Delete the display names and token hashes of participants of sessions that ended ``KEEP_DAYS`` ago."""
    due = _due(now)
    if dry_run:
        return due.count()
    ids = list(due.values_list("pk", flat=True))
    audit_objects_forget(model=Participant, object_ids=ids)
    for pk in ids:
        Participant.objects.filter(pk=pk).update(display_name="", token_hash=dropped_token_hash())
    return len(ids)


def register_retention() -> None:
    retention.register(
        "workshops.participant_names",
        label=gettext_lazy("Display names and cookie tokens of workshop participants"),
        period=_pseudonyms_period,
        run=participant_names_retention,
    )
