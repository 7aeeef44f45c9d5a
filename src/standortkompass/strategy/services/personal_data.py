"""The personal data of the strategy (registered in ``StrategyConfig.ready``): comments in consultation rounds
and who created versions, rounds, evidence links and actual values."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from standortkompass.accounts import personal_data
from standortkompass.accounts.personal_data import Person, Record, fields_of
from standortkompass.audit.services import erased_person
from standortkompass.strategy.models import (
    ConsultationComment,
    ConsultationRound,
    EvidenceLink,
    IndicatorActual,
    StrategyVersion,
)

# The rows that name who created them; the person's name goes, the rows stay.
CREATED = (StrategyVersion, ConsultationRound, EvidenceLink, IndicatorActual)


def _comments(person: Person) -> list[Record]:
    if person.user is None:
        return []
    comments = (
        ConsultationComment.objects.filter(Q(created_by=person.user) | Q(responded_by=person.user))
        .select_related("consultation")
        .order_by("created_at", "id")
    )
    return [
        fields_of(comment, ["consultation", "element_title", "author_label", "text", "response", "created_at"])
        for comment in comments
    ]


def _comments_erase(person: Person) -> int:
    if person.user is None:
        return 0
    written = ConsultationComment.objects.filter(created_by=person.user).update(
        created_by=None, author_label=erased_person()
    )
    answered = ConsultationComment.objects.filter(responded_by=person.user).update(responded_by=None)
    return written + answered


def _work(person: Person) -> list[Record]:
    if person.user is None:
        return []
    records: list[Record] = []
    for model in CREATED:
        for row in model.objects.filter(created_by=person.user).order_by("created_at", "pk"):
            records.append(
                {"kind": str(model._meta.verbose_name), "object": str(row), "created_at": str(row.created_at)}
            )
    return records


def _work_erase(person: Person) -> int:
    if person.user is None:
        return 0
    return sum(model.objects.filter(created_by=person.user).update(created_by=None) for model in CREATED)


def register_personal_data() -> None:
    personal_data.register(
        "strategy.comments",
        label=_("Comments in consultation rounds on the strategy (written or answered)"),
        effect=_("kept; the author is shown as an erased person"),
        collect=_comments,
        erase=_comments_erase,
    )
    personal_data.register(
        "strategy.work",
        label=_("Strategy versions, consultation rounds, evidence links and actual values created"),
        effect=_("kept without the person"),
        collect=_work,
        erase=_work_erase,
    )
