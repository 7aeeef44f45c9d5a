"""Read access to a survey's invitations: the invitation of a personal link's token."""

from __future__ import annotations

from standortkompass.surveys.models import Survey, SurveyInvitation
from standortkompass.surveys.tokens import invitation_token_hash

# Tokens are 40 characters; anything much longer is no token and is not hashed.
MAX_TOKEN_LENGTH = 100


def invitation_for_token(*, survey: Survey, token: str) -> SurveyInvitation | None:
    """The survey's invitation whose personal link carries ``token`` (invitation, resume, opt-out);
    None for an unknown, empty or overlong token."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return SurveyInvitation.objects.filter(survey=survey, token_hash=invitation_token_hash(token)).first()
