"""Retention rules of the accounts app and the `retention` command: each deadline, a moment before and after."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from standortkompass.accounts.models import Invitation, Role, UserSession
from standortkompass.accounts.retention import registered_rules
from standortkompass.accounts.services.retention import (
    login_records_retention,
    retention_run,
    sessions_retention,
    unused_invitations_retention,
)

NOW = dt.datetime(2026, 12, 1, 3, 30, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)


def _session(expire_date: dt.datetime) -> str:
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expire_date)
    return str(store.session_key)


def test_every_app_registers_its_rules():
    assert [rule.name for rule in registered_rules()] == [
        "accounts.sessions",
        "accounts.unused_invitations",
        "accounts.log_ins",
        "processes.feedback",
        "surveys.invitation_contacts",
        "surveys.export_files",
        "workshops.participant_names",
    ]


def test_expired_sessions_go_with_their_user_records(users):
    expired = _session(NOW - SECOND)
    alive = _session(NOW + SECOND)
    UserSession.objects.create(user=users["admin"], session_key=expired)
    UserSession.objects.create(user=users["admin"], session_key=alive)

    assert sessions_retention(now=NOW, dry_run=True) == 1
    assert Session.objects.filter(session_key=expired).exists()
    assert sessions_retention(now=NOW, dry_run=False) == 1

    assert list(Session.objects.values_list("session_key", flat=True)) == [alive]
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [alive]


def _invitation(process, email: str, expires_at: dt.datetime, accepted: bool = False) -> Invitation:
    return Invitation.objects.create(
        email=email,
        process=process,
        role=Role.PARTNER,
        token_hash=email.ljust(64, "x"),
        expires_at=expires_at,
        accepted_at=expires_at - dt.timedelta(days=1) if accepted else None,
    )


@override_settings(RETENTION_UNUSED_INVITATION_DAYS=30)
def test_unused_account_invitations_go_thirty_days_after_they_expired(process):
    deadline = NOW - dt.timedelta(days=30)
    _invitation(process, "alt@example.org", deadline - SECOND)
    _invitation(process, "knapp@example.org", deadline + SECOND)
    _invitation(process, "angenommen@example.org", deadline - dt.timedelta(days=100), accepted=True)

    assert unused_invitations_retention(now=NOW, dry_run=False) == 1

    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["angenommen@example.org", "knapp@example.org"]


@override_settings(RETENTION_LOGIN_RECORD_DAYS=90)
def test_log_in_records_go_ninety_days_after_the_log_in(db):
    deadline = NOW - dt.timedelta(days=90)
    for when, name in [(deadline - SECOND, "alt@example.org"), (deadline + SECOND, "neu@example.org")]:
        log = AccessLog.objects.create(username=name, ip_address="192.0.2.1", user_agent="x", path_info="/")
        attempt = AccessAttempt.objects.create(
            username=name, ip_address="192.0.2.1", user_agent="x", path_info="/", failures_since_start=1
        )
        AccessLog.objects.filter(pk=log.pk).update(attempt_time=when)
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)

    assert login_records_retention(now=NOW, dry_run=True) == 2
    assert login_records_retention(now=NOW, dry_run=False) == 2

    assert list(AccessLog.objects.values_list("username", flat=True)) == ["neu@example.org"]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["neu@example.org"]


def test_a_dry_run_changes_nothing(process):
    _session(NOW - SECOND)
    _invitation(process, "alt@example.org", NOW - dt.timedelta(days=365))

    outcomes = {outcome.rule.name: outcome.count for outcome in retention_run(now=NOW, dry_run=True)}

    assert outcomes["accounts.sessions"] == 1
    assert outcomes["accounts.unused_invitations"] == 1
    assert Session.objects.count() == 1
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_command_prints_each_rule_with_its_period_and_count(process, dry_run):
    _invitation(process, "alt@example.org", timezone.now() - dt.timedelta(days=365))
    out = io.StringIO()

    call_command("retention", *(["--dry-run"] if dry_run else []), stdout=out)

    lines = out.getvalue().splitlines()
    verb = "would be deleted or anonymised" if dry_run else "deleted or anonymised"
    assert (
        f"Nie angenommene Einladungen zu einem Konto (30 Tage nach dem ungenutzten Ablauf der Einladung "
        f"(RETENTION_UNUSED_INVITATION_DAYS)): 1 {verb}"
    ) in lines
    assert any(line.startswith("Rückmeldungen zur Barrierefreiheit (365 Tage nach dem Eingang") for line in lines)
    assert len(lines) == len(registered_rules()) + 1
    assert Invitation.objects.exists() is dry_run
