"""Session bookkeeping on log-in; no domain logic lives here.

``user_logged_in`` (sent by ``django.contrib.auth.login``; arguments: ``sender`` the user
class, ``request``, ``user``) records the new session in ``UserSession``, so that every
way of logging in — the log-in form, an accepted invitation, a test client — is covered.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from standortkompass.accounts.models import User
from standortkompass.accounts.services.sessions import user_session_record


@receiver(user_logged_in, dispatch_uid="standortkompass_accounts_record_session")
def record_session(sender: type[User], request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        user_session_record(request=request, user=user)
