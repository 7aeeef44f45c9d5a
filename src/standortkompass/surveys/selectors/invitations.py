"""Read access to a survey's invitations: the invitation of a personal link's token, a member's invitations."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from standortkompass.accounts.models import Role, User
from standortkompass.processes.member_tasks import MemberTask
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Survey, SurveyInvitation
from standortkompass.surveys.tokens import invitation_token, invitation_token_hash

# Tokens are 40 characters; anything much longer is no token and is not hashed.
MAX_TOKEN_LENGTH = 100


def invitation_for_token(*, survey: Survey, token: str) -> SurveyInvitation | None:
    """The survey's invitation whose personal link carries ``token`` (invitation, resume, opt-out);
    None for an unknown, empty or overlong token."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return SurveyInvitation.objects.filter(survey=survey, token_hash=invitation_token_hash(token)).first()


def invitation_member_tasks(user: User, process: StrategyProcess, role: Role) -> list[MemberTask]:
    """A member's survey invitations in the process (matched by the account's e-mail address): the personal
    link while the survey is open and unanswered, a thank-you once it is answered."""
    invitations = (
        SurveyInvitation.objects.filter(survey__process=process, email__iexact=user.email, opted_out_at__isnull=True)
        .select_related("survey")
        .order_by("survey__opens_at", "survey__pk")
    )
    tasks = []
    for invitation in invitations:
        survey = invitation.survey
        if invitation.completed:
            tasks.append(
                MemberTask(
                    title=gettext("You have answered “%(title)s”. Thank you.") % {"title": survey.title},
                    done=True,
                    order=10,
                )
            )
        elif survey.is_accepting_answers():
            closes = (
                gettext("Open until %(date)s.") % {"date": date_format(timezone.localtime(survey.closes_at), "j. F Y")}
                if survey.closes_at
                else ""
            )
            token = invitation_token(invitation.key)
            tasks.append(
                MemberTask(
                    title=gettext("Answer the survey “%(title)s”") % {"title": survey.title},
                    text=" ".join(
                        part
                        for part in (
                            closes,
                            gettext("This is the personal link of your invitation to %(email)s.")
                            % {"email": invitation.email},
                        )
                        if part
                    ),
                    url=reverse("survey:invitation", kwargs={"survey_slug": survey.slug, "token": token}),
                    link_text=gettext("Continue the survey") if invitation.started else gettext("Answer the survey"),
                    order=10,
                )
            )
    return tasks
