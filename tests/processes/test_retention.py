"""Accessibility feedback is deleted RETENTION_FEEDBACK_DAYS after it was received."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from standortkompass.audit.models import AuditEntry
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import AccessibilityFeedback
from standortkompass.processes.services.personal_data import feedback_retention

NOW = dt.datetime(2026, 12, 1, 3, 30, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)


def _feedback(message: str, received: dt.datetime) -> AccessibilityFeedback:
    feedback = AccessibilityFeedback.objects.create(message=message, email="kim@example.org")
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(created_at=received)
    return feedback


@override_settings(RETENTION_FEEDBACK_DAYS=365)
def test_feedback_goes_a_year_after_it_was_received(db):
    deadline = NOW - dt.timedelta(days=365)
    old = _feedback("alt", deadline - SECOND)
    _feedback("knapp", deadline + SECOND)
    audit_record(actor=None, action="feedback.update", obj=old, changes={"status": ["new", "done"]})

    assert feedback_retention(now=NOW, dry_run=True) == 1
    assert AccessibilityFeedback.objects.count() == 2
    assert feedback_retention(now=NOW, dry_run=False) == 1

    assert list(AccessibilityFeedback.objects.values_list("message", flat=True)) == ["knapp"]
    entry = AuditEntry.objects.get(action="feedback.update")
    assert (entry.object_repr, entry.changes) == ("gelöschte Person", {})


@override_settings(RETENTION_FEEDBACK_DAYS=30)
def test_the_period_is_the_setting(db):
    _feedback("vor 31 Tagen", NOW - dt.timedelta(days=31))

    assert feedback_retention(now=NOW, dry_run=False) == 1
