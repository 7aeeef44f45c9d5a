"""Retention rules of the surveys app (registered in ``SurveysConfig.ready``, run by ``standortkompass retention``).

- The contact data of invitations (e-mail address, link to the contact person, bounce message) is removed
  ``RETENTION_INVITATION_DAYS`` after the survey closed; the invitation stays, without it, for the response
  rates. A survey closed at its closing time (``closes_at``) or, when it was closed by hand before that,
  when it was last changed (closing it is such a change).
- Export files are deleted with their job ``KEEP_DAYS`` (7) days after they were requested, as a new request
  also does (``services.exports``); stray files in the export folder go after the same time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy, ngettext

from standortkompass.accounts import retention
from standortkompass.audit.services import audit_objects_forget
from standortkompass.surveys.models import ExportJob, MailDelivery, Survey, SurveyInvitation, SurveyStatus
from standortkompass.surveys.services.export_files import exports_directory
from standortkompass.surveys.services.exports import KEEP_DAYS


def survey_closed_at(survey: Survey, now: dt.datetime) -> dt.datetime | None:
    """When the survey stopped taking answers, or None while it has not (or never opened)."""
    if survey.status == SurveyStatus.DRAFT:
        return None
    if survey.closes_at is not None and survey.closes_at <= now:
        return survey.closes_at
    return survey.updated_at if survey.status == SurveyStatus.CLOSED else None


def _invitation_period() -> str:
    days = settings.RETENTION_INVITATION_DAYS
    return ngettext(
        "%(days)d day after the survey closed (RETENTION_INVITATION_DAYS)",
        "%(days)d days after the survey closed (RETENTION_INVITATION_DAYS)",
        days,
    ) % {"days": days}


def invitation_contacts_retention(*, now: dt.datetime, dry_run: bool) -> int:
    """Remove the contact data of the invitations of surveys closed ``RETENTION_INVITATION_DAYS`` before ``now``."""
    cutoff = now - dt.timedelta(days=settings.RETENTION_INVITATION_DAYS)
    due = [
        survey.pk
        for survey in Survey.objects.exclude(status=SurveyStatus.DRAFT)
        if (closed := survey_closed_at(survey, now)) is not None and closed <= cutoff
    ]
    invitations = SurveyInvitation.objects.filter(survey__in=due).exclude(email="", contact=None, bounce_reason="")
    if dry_run:
        return invitations.count()
    ids = list(invitations.values_list("pk", flat=True))
    audit_objects_forget(model=SurveyInvitation, object_ids=ids)
    MailDelivery.objects.filter(invitation__in=ids).update(error="")
    return SurveyInvitation.objects.filter(pk__in=ids).update(email="", contact=None, bounce_reason="")


def _export_period() -> str:
    return ngettext("%(days)d day after it was requested", "%(days)d days after it was requested", KEEP_DAYS) % {
        "days": KEEP_DAYS
    }


def export_files_retention(*, now: dt.datetime, dry_run: bool) -> int:
    """Delete export jobs requested ``KEEP_DAYS`` before ``now`` with their files, and stray files as old."""
    cutoff = now - dt.timedelta(days=KEEP_DAYS)
    directory = exports_directory()
    old_jobs = list(ExportJob.objects.filter(created_at__lt=cutoff))
    their_files = {Path(job.file_name).name for job in old_jobs if job.file_name}
    kept = {
        Path(name).name
        for name in ExportJob.objects.exclude(pk__in=[job.pk for job in old_jobs]).values_list("file_name", flat=True)
    }
    stray = [
        path
        for path in directory.iterdir()
        if path.is_file() and path.name not in kept | their_files and path.stat().st_mtime < cutoff.timestamp()
    ]
    if dry_run:
        return len(old_jobs) + len(stray)
    for name in their_files:
        (directory / name).unlink(missing_ok=True)
    ExportJob.objects.filter(pk__in=[job.pk for job in old_jobs]).delete()
    for path in stray:
        path.unlink(missing_ok=True)
    return len(old_jobs) + len(stray)


def register_retention() -> None:
    """Called from ``SurveysConfig.ready``."""
    retention.register(
        "surveys.invitation_contacts",
        label=gettext_lazy("Contact data of survey invitations"),
        period=_invitation_period,
        run=invitation_contacts_retention,
    )
    retention.register(
        "surveys.export_files",
        label=gettext_lazy("Survey export files"),
        period=_export_period,
        run=export_files_retention,
    )
