"""Consultation rounds on a version: open a round, comment until the deadline, answer and record the handling.

Every write runs in one transaction, validates with ``full_clean()`` and is recorded in the audit log.
Comments are rows of their own (no counter or list on the round is rewritten), so comments sent at the
same moment are all kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import Board
from standortkompass.strategy.models import (
    CommentDisposition,
    ConsultationComment,
    ConsultationRound,
    StrategyVersion,
)
from standortkompass.strategy.selectors.consultation import participant_label, round_process, takes_part
from standortkompass.strategy.selectors.versions import version_tree

HANDLINGS = (CommentDisposition.ANSWERED, CommentDisposition.TAKEN_UP, CommentDisposition.NOT_TAKEN_UP)


def consultation_open(
    *,
    version: StrategyVersion,
    actor: User,
    title: str,
    deadline: dt.datetime,
    introduction: str = "",
    boards: Iterable[Board] = (),
    for_partners: bool = False,
) -> ConsultationRound:
    """Open a round on a version for one or more boards of the process and/or for the partners."""
    process = version.strategy.process
    chosen = list(boards)
    errors: dict[str, str] = {}
    if not chosen and not for_partners:
        errors["boards"] = _("Choose at least one board, or invite the partners.")
    if any(board.process_id != process.pk for board in chosen):
        errors["boards"] = _("Choose boards of this process.")
    if deadline <= timezone.now():
        errors["deadline"] = _("The deadline must lie in the future.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consultation = ConsultationRound(
            version=version,
            title=title,
            introduction=introduction,
            for_partners=for_partners,
            deadline=deadline,
            created_by=actor,
        )
        consultation.full_clean()
        consultation.save()
        consultation.boards.set(chosen)
        audit_record(
            actor=actor,
            action="strategy.consultation.open",
            obj=consultation,
            process=process,
            changes={
                "version": ["", str(version)],
                "boards": ["", ", ".join(board.name for board in chosen)],
                "for_partners": ["", str(for_partners)],
                "deadline": ["", deadline.isoformat()],
            },
        )
        return consultation


def _refuse_after_deadline(consultation: ConsultationRound) -> None:
    if consultation.closed_at is not None:
        raise ValidationError(_("This consultation round has been closed; comments are no longer accepted."))
    if timezone.now() > consultation.deadline:
        deadline = timezone.localtime(consultation.deadline)
        raise ValidationError(
            _("The consultation round ended on %(date)s at %(time)s; comments are no longer accepted.")
            % {"date": date_format(deadline, "j. F Y"), "time": date_format(deadline, "H:i")}
        )


def comment_submit(
    *, consultation: ConsultationRound, actor: User, text: str, element_id: int | None = None
) -> ConsultationComment:
    """A participant's comment on an element of the round's version, or on the version as a whole."""
    if not takes_part(actor, consultation):
        raise ValidationError(_("You do not take part in this consultation round."))
    _refuse_after_deadline(consultation)
    element_title = ""
    if element_id is not None:
        node = version_tree(consultation.version).by_id.get(element_id)
        if node is None:
            raise ValidationError({"element": _("This element is not part of the version under consultation.")})
        element_title = node.title[:200]
    if not text.strip():
        raise ValidationError({"text": _("Write your comment.")})
    with transaction.atomic():
        comment = ConsultationComment(
            consultation=consultation,
            element_id=element_id,
            element_title=element_title,
            author_label=participant_label(actor, consultation)[:300],
            text=text.strip(),
            created_by=actor,
        )
        comment.full_clean()
        comment.save()
        audit_record(
            actor=actor,
            action="strategy.consultation.comment",
            obj=comment,
            process=round_process(consultation),
            changes={"element": ["", element_title or _("the version as a whole")]},
        )
        return comment


def comment_respond(
    *, comment: ConsultationComment, actor: User, disposition: str, response: str = ""
) -> ConsultationComment:
    """Redaktion answers a comment, or marks it taken up or not taken up (then with the reason)."""
    if disposition not in HANDLINGS:
        raise ValidationError({"disposition": _("Choose how the comment was handled.")})
    if disposition == CommentDisposition.ANSWERED and not response.strip():
        raise ValidationError({"response": _("Write the answer.")})
    with transaction.atomic():
        locked = ConsultationComment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
        before = [locked.disposition, locked.response]
        locked.disposition = disposition
        locked.response = response.strip()
        locked.responded_by = actor
        locked.responded_at = timezone.now()
        locked.full_clean()
        locked.save()
        audit_record(
            actor=actor,
            action="strategy.consultation.respond",
            obj=locked,
            process=round_process(locked.consultation),
            changes={"disposition": [before[0], disposition], "response": [before[1], locked.response]},
        )
        return locked


def consultation_close(*, consultation: ConsultationRound, actor: User) -> ConsultationRound:
    """Close a round before its deadline (no more comments); its outcome stays readable."""
    with transaction.atomic():
        locked = ConsultationRound.objects.select_for_update().get(pk=consultation.pk)
        if locked.closed_at is not None:
            return locked
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
        audit_record(
            actor=actor,
            action="strategy.consultation.close",
            obj=locked,
            process=round_process(locked),
            changes={"closed_at": ["", locked.closed_at.isoformat()]},
        )
        return locked
