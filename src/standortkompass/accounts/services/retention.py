"""Running the retention rules (``accounts.retention``), and the rules of the accounts app.

- Expired sessions are deleted (what ``clearsessions`` does), with the records that linked them to a user.
- Invitations to an account that were never accepted are deleted ``RETENTION_UNUSED_INVITATION_DAYS``
  after they expired.
- Records of log-ins and failed log-ins (django-axes: time, address, browser, e-mail address) are deleted
  ``RETENTION_LOGIN_RECORD_DAYS`` after the log-in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from standortkompass.accounts import retention
from standortkompass.accounts.models import Invitation, UserSession
from standortkompass.accounts.retention import Rule, registered_rules
from standortkompass.audit.services import audit_objects_forget


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    count: int


def retention_run(*, now: dt.datetime, dry_run: bool = False) -> list[Outcome]:
    """Run every registered rule as of ``now``, each in its own transaction (a rule that fails leaves
    the others done); with ``dry_run`` nothing is changed and the counts say what would be."""
    outcomes = []
    for rule in registered_rules():
        with transaction.atomic():
            outcomes.append(Outcome(rule=rule, count=rule.run(now=now, dry_run=dry_run)))
    return outcomes


def sessions_retention(*, now: dt.datetime, dry_run: bool) -> int:
    """Delete the sessions that expired before ``now`` and the user-session records left without a session."""
    expired = Session.objects.filter(expire_date__lt=now)
    if dry_run:
        return expired.count()
    count = int(expired.delete()[0])
    UserSession.objects.exclude(session_key__in=Session.objects.values("session_key")).delete()
    return count


def _unused_invitation_period() -> str:
    days = settings.RETENTION_UNUSED_INVITATION_DAYS
    return ngettext(
        "%(days)d day after the invitation expired unused (RETENTION_UNUSED_INVITATION_DAYS)",
        "%(days)d days after the invitation expired unused (RETENTION_UNUSED_INVITATION_DAYS)",
        days,
    ) % {"days": days}


def unused_invitations_retention(*, now: dt.datetime, dry_run: bool) -> int:
    """Delete account invitations never accepted that expired ``RETENTION_UNUSED_INVITATION_DAYS`` before ``now``."""
    cutoff = now - dt.timedelta(days=settings.RETENTION_UNUSED_INVITATION_DAYS)
    due = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff)
    if dry_run:
        return due.count()
    audit_objects_forget(model=Invitation, object_ids=due.values_list("pk", flat=True))
    return int(due.delete()[0])


def _login_record_period() -> str:
    days = settings.RETENTION_LOGIN_RECORD_DAYS
    return ngettext(
        "%(days)d day after the log-in (RETENTION_LOGIN_RECORD_DAYS)",
        "%(days)d days after the log-in (RETENTION_LOGIN_RECORD_DAYS)",
        days,
    ) % {"days": days}


def login_records_retention(*, now: dt.datetime, dry_run: bool) -> int:
    """Delete records of log-ins and failed log-ins older than ``RETENTION_LOGIN_RECORD_DAYS`` days."""
    cutoff = now - dt.timedelta(days=settings.RETENTION_LOGIN_RECORD_DAYS)
    successful = AccessLog.objects.filter(attempt_time__lt=cutoff)
    failed = AccessAttempt.objects.filter(attempt_time__lt=cutoff)
    if dry_run:
        return int(successful.count() + failed.count())
    return int(
        successful.delete()[1].get(AccessLog._meta.label, 0) + failed.delete()[1].get(AccessAttempt._meta.label, 0)
    )


def register_account_rules() -> None:
    """Called from ``AccountsConfig.ready``."""
    retention.register(
        "accounts.sessions",
        label=gettext_lazy("Expired sessions"),
        period=lambda: _("when they expire (SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS)"),
        run=sessions_retention,
    )
    retention.register(
        "accounts.unused_invitations",
        label=gettext_lazy("Invitations to an account never accepted"),
        period=_unused_invitation_period,
        run=unused_invitations_retention,
    )
    retention.register(
        "accounts.log_ins",
        label=gettext_lazy("Records of log-ins and failed log-ins"),
        period=_login_record_period,
        run=login_records_retention,
    )
