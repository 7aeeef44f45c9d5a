"""Retention rules of the surveys app: invitations' contact data after the survey closed, old export files."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.test import override_settings

from accounts.personal_data_cast import invitation_for, make_survey
from standortkompass.processes.models import ContactPerson, Organisation
from standortkompass.surveys.models import (
    Anonymity,
    ExportJob,
    ExportStatus,
    MailDelivery,
    MailWave,
    Survey,
    SurveyInvitation,
    SurveyStatus,
)
from standortkompass.surveys.services.retention import export_files_retention, invitation_contacts_retention

NOW = dt.datetime(2026, 12, 1, 3, 30, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)
DAYS = 90


def _closed(process, slug: str, closes_at: dt.datetime | None, status: str = SurveyStatus.CLOSED) -> Survey:
    survey = make_survey(process, Anonymity.PSEUDONYMOUS, slug)
    Survey.objects.filter(pk=survey.pk).update(
        status=status, opens_at=NOW - dt.timedelta(days=400), closes_at=closes_at, updated_at=NOW
    )
    return Survey.objects.get(pk=survey.pk)


def _invited(survey: Survey, email: str) -> SurveyInvitation:
    organisation = Organisation.objects.create(process=survey.process, name=f"Firma {email}", type="company")
    contact = ContactPerson.objects.create(organisation=organisation, name="Kim", email=email)
    invitation = invitation_for(survey, email, contact)
    SurveyInvitation.objects.filter(pk=invitation.pk).update(organisation=organisation, bounce_reason=f"550 {email}")
    wave = MailWave.objects.create(survey=survey, kind="invitation", scheduled_at=NOW - dt.timedelta(days=300))
    MailDelivery.objects.create(wave=wave, invitation=invitation, status="failed", error=f"550 {email} unknown")
    return invitation


@override_settings(RETENTION_INVITATION_DAYS=DAYS)
def test_invitations_lose_their_contact_data_ninety_days_after_the_survey_closed(process):
    deadline = NOW - dt.timedelta(days=DAYS)
    due = _invited(_closed(process, "faellig", deadline - SECOND), "alt@example.org")
    not_yet = _invited(_closed(process, "knapp", deadline + SECOND), "knapp@example.org")
    # Still open by its status, but its closing time has passed: it closed then.
    passed = _invited(_closed(process, "abgelaufen", deadline - SECOND, SurveyStatus.OPEN), "offen@example.org")
    running = _invited(_closed(process, "laeuft", NOW + dt.timedelta(days=1), SurveyStatus.OPEN), "laeuft@example.org")

    assert invitation_contacts_retention(now=NOW, dry_run=True) == 2
    assert SurveyInvitation.objects.get(pk=due.pk).email == "alt@example.org"
    assert invitation_contacts_retention(now=NOW, dry_run=False) == 2

    for invitation in (due, passed):
        stored = SurveyInvitation.objects.get(pk=invitation.pk)
        assert (stored.email, stored.contact, stored.bounce_reason) == ("", None, "")
        assert stored.organisation is not None  # the company stays, for the response rates
        assert MailDelivery.objects.get(invitation=invitation).error == ""
    for invitation in (not_yet, running):
        assert SurveyInvitation.objects.get(pk=invitation.pk).email.endswith("@example.org")
    assert ContactPerson.objects.count() == 4  # the actors registry is not the survey's to clean
    assert invitation_contacts_retention(now=NOW, dry_run=False) == 0


@override_settings(RETENTION_INVITATION_DAYS=DAYS)
def test_a_survey_closed_by_hand_counts_from_when_it_was_closed(process):
    closed = _closed(process, "von-hand", None)
    invitation = _invited(closed, "kim@example.org")
    closed_at = closed.updated_at

    assert invitation_contacts_retention(now=closed_at + dt.timedelta(days=DAYS) - SECOND, dry_run=False) == 0
    assert invitation_contacts_retention(now=closed_at + dt.timedelta(days=DAYS), dry_run=False) == 1
    assert SurveyInvitation.objects.get(pk=invitation.pk).email == ""


@override_settings(RETENTION_INVITATION_DAYS=DAYS)
def test_a_survey_in_preparation_keeps_its_invitations(process):
    draft = _closed(process, "entwurf", NOW - dt.timedelta(days=365), SurveyStatus.DRAFT)
    _invited(draft, "kim@example.org")

    assert invitation_contacts_retention(now=NOW, dry_run=False) == 0


@pytest.fixture
def exports_dir(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    directory = tmp_path / "exports"
    directory.mkdir()
    return directory


def _export(survey: Survey, name: str, requested: dt.datetime, directory) -> ExportJob:
    job = ExportJob.objects.create(survey=survey, format="csv", status=ExportStatus.DONE, file_name=name)
    ExportJob.objects.filter(pk=job.pk).update(created_at=requested)
    (directory / name).write_text("a;b\n")
    os.utime(directory / name, (requested.timestamp(), requested.timestamp()))
    return job


def test_export_files_go_seven_days_after_they_were_requested(process, exports_dir):
    survey = make_survey(process, Anonymity.ANONYMOUS, "export")
    deadline = NOW - dt.timedelta(days=7)
    _export(survey, "alt.csv", deadline - SECOND, exports_dir)
    kept = _export(survey, "knapp.csv", deadline + SECOND, exports_dir)
    stray = exports_dir / "verwaist.csv"
    stray.write_text("x")
    os.utime(stray, (deadline.timestamp() - 1, deadline.timestamp() - 1))
    young_stray = exports_dir / "gerade-geschrieben.csv"
    young_stray.write_text("x")

    assert export_files_retention(now=NOW, dry_run=True) == 2
    assert (exports_dir / "alt.csv").exists()
    assert export_files_retention(now=NOW, dry_run=False) == 2

    assert list(ExportJob.objects.values_list("pk", flat=True)) == [kept.pk]
    assert sorted(path.name for path in exports_dir.iterdir()) == ["gerade-geschrieben.csv", "knapp.csv"]
