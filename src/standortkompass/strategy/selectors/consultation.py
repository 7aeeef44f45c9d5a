"""Reading consultation rounds: who takes part, how a participant is named, the rounds of a member, their tasks.

Who takes part in a round: Redaktion and Administration of the process (and superusers); board members
(an account with the board-member role in the process that holds a seat, ``BoardMember.user``, in one of the
round's boards); and, when the round is for the partners, every account with the Partner role in the process.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standortkompass.accounts.models import Role, User
from standortkompass.accounts.predicates import roles_of
from standortkompass.processes.member_tasks import MemberTask
from standortkompass.processes.models import BoardMember, ContactPerson, StrategyProcess
from standortkompass.strategy.models import CommentDisposition, ConsultationComment, ConsultationRound


def round_process(consultation: ConsultationRound) -> StrategyProcess:
    return consultation.version.strategy.process


def role_in_round(user: User, consultation: ConsultationRound) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return roles_of(user).get(round_process(consultation).pk)


def takes_part(user: User, consultation: ConsultationRound) -> bool:
    """Whether the user may read the round, comment in it and read its outcome."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    role = role_in_round(user, consultation)
    if role in (Role.ADMIN, Role.EDITOR):
        return True
    if role == Role.BOARD:
        return consultation.boards.filter(members__user=user).exists()
    if role == Role.PARTNER:
        return consultation.for_partners
    return False


def rounds_of(process: StrategyProcess) -> QuerySet[ConsultationRound]:
    """All rounds of the process with their version and the number of comments (newest deadline first)."""
    return (
        ConsultationRound.objects.filter(version__strategy__process=process)
        .select_related("version")
        .prefetch_related("boards")
        .annotate(
            comment_count=Count("comments", distinct=True),
            open_count=Count("comments", filter=Q(comments__disposition=CommentDisposition.OPEN), distinct=True),
        )
        .order_by("-deadline", "-id")
    )


def rounds_taking_part(user: User, process: StrategyProcess) -> list[ConsultationRound]:
    """The rounds of the process the user takes part in."""
    return [consultation for consultation in rounds_of(process) if takes_part(user, consultation)]


def is_open(consultation: ConsultationRound) -> bool:
    """Comments are accepted until the deadline (and not after the round was closed)."""
    return consultation.closed_at is None and timezone.now() <= consultation.deadline


def participant_label(user: User, consultation: ConsultationRound) -> str:
    """How a comment's author is shown in the round: name and board, organisation or role."""
    process = round_process(consultation)
    role = roles_of(user).get(process.pk)
    name = user.full_name.strip()
    if role == Role.BOARD:
        seat = (
            BoardMember.objects.filter(board__in=consultation.boards.all(), user=user)
            .select_related("board")
            .order_by("board__order", "board__name")
            .first()
        )
        if seat is not None:
            return f"{name or seat.name} ({seat.board.name})"
    if role == Role.PARTNER:
        contact = (
            ContactPerson.objects.filter(organisation__process=process, email__iexact=user.email)
            .select_related("organisation")
            .order_by("organisation__name")
            .first()
        )
        if contact is not None:
            return f"{name or contact.name} ({contact.organisation.name})"
    role_label = str(Role(role).label) if role else _("Superuser")
    return f"{name or _('A participant')} ({role_label})"


def comments_of(consultation: ConsultationRound) -> QuerySet[ConsultationComment]:
    return consultation.comments.select_related("responded_by").order_by("created_at", "id")


@dataclass(frozen=True)
class Invited:
    """Who a round is for, in words: the boards' names and whether the partners are asked too."""

    boards: list[str]
    for_partners: bool

    def __str__(self) -> str:
        parts = list(self.boards)
        if self.for_partners:
            parts.append(_("the partners"))
        return ", ".join(parts)


def invited(consultation: ConsultationRound) -> Invited:
    return Invited(boards=[board.name for board in consultation.boards.all()], for_partners=consultation.for_partners)


def consultation_member_tasks(user: User, process: StrategyProcess, role: Role) -> list[MemberTask]:
    """Board members and partners: the rounds they take part in — to comment while open, then the outcome."""
    if role not in (Role.BOARD, Role.PARTNER):
        return []
    tasks = []
    for consultation in rounds_taking_part(user, process):
        version = consultation.version
        if is_open(consultation):
            deadline = timezone.localtime(consultation.deadline)
            tasks.append(
                MemberTask(
                    title=_("Comment on the strategy draft: %(title)s") % {"title": consultation.title},
                    text=_("Version %(number)s “%(label)s”. Comments are possible until %(date)s, %(time)s.")
                    % {
                        "number": version.number,
                        "label": version.label,
                        "date": date_format(deadline, "j. F Y"),
                        "time": date_format(deadline, "H:i"),
                    },
                    url=reverse(
                        "strategy_manage:consultation",
                        kwargs={"process_pk": process.pk, "round_pk": consultation.pk},
                    ),
                    link_text=_("Read and comment"),
                    order=15,
                )
            )
        else:
            tasks.append(
                MemberTask(
                    title=_("Outcome of the consultation: %(title)s") % {"title": consultation.title},
                    text=_("All comments of the round and how the editorial team handled them."),
                    url=reverse(
                        "strategy_manage:consultation_outcome",
                        kwargs={"process_pk": process.pk, "round_pk": consultation.pk},
                    ),
                    link_text=_("Read the outcome"),
                    order=40,
                )
            )
    return tasks
