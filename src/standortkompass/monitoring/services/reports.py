"""A project lead's report in a round: saved once per project and round, and carried to the project's fact sheet.

``report_submit`` runs in one transaction that holds the round's row: two submissions of the same moment are
saved one after the other, the second correcting the first, never as two reports. The project's live status,
progress and milestones are changed through the strategy's services (``sheet_update``, ``milestone_update``),
audited there; the report itself is audited here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.monitoring.models import ProjectReport, ReportingRound, ReportSource
from standortkompass.processes.services.process import create_audited, update_audited
from standortkompass.strategy.models import Element, ElementKind, Milestone
from standortkompass.strategy.services.elements import milestone_update, sheet_update

REPORT_FIELDS = ("status", "progress", "achieved", "next_steps", "problems", "milestones_reached", "source")


def _newest_for_project(report: ProjectReport) -> bool:
    """Whether no report of a later reporting date exists for the project (only then it sets the live values)."""
    return not (
        ProjectReport.objects.filter(
            project_id=report.project_id, round__reporting_date__gt=report.round.reporting_date
        )
        .exclude(pk=report.pk)
        .exists()
    )


def _apply_milestones(project: Element, actor: User, reached: Mapping[int, dt.date | None]) -> list[dict[str, str]]:
    """Set the reached dates of the project's milestones; the reached ones as the report keeps them."""
    kept: list[dict[str, str]] = []
    for milestone in Milestone.objects.filter(project__element=project).order_by("order", "due_date", "id"):
        if milestone.pk in reached and reached[milestone.pk] != milestone.reached_on:
            milestone_update(milestone=milestone, actor=actor, data={"reached_on": reached[milestone.pk]})
        if milestone.reached_on is not None:
            kept.append({"title": milestone.title, "reached_on": milestone.reached_on.isoformat()})
    return kept


def report_submit(
    *,
    reporting_round: ReportingRound,
    project: Element,
    actor: User,
    data: Mapping[str, object],
    milestones: Mapping[int, dt.date | None] | None = None,
    source: str = ReportSource.FORM,
    allow_closed: bool = False,
) -> ProjectReport:
    """Save the report of ``project`` in the round (or correct the one given before) and update the project.

    ``data`` holds status, progress and the texts (achieved, next_steps, problems); ``milestones`` maps
    milestone ids to the date they were reached (None: not reached). A closed round takes no report, except
    with ``allow_closed`` (an import of Administration). The project's live status and progress follow the
    report unless a report of a later reporting date exists.
    """
    if project.kind != ElementKind.PROJECT:
        raise ValidationError({"project": _("Only projects are reported on.")})
    with transaction.atomic():
        locked = ReportingRound.objects.select_for_update().select_related("process").get(pk=reporting_round.pk)
        process = locked.process
        if project.strategy.process_id != process.pk:
            raise ValidationError({"project": _("The project does not belong to this process.")})
        if locked.closed_at is not None and not allow_closed:
            raise ValidationError(
                _("The reporting round “%(title)s” is closed; reports can no longer be given or corrected.")
                % {"title": locked.title}
            )
        reached = _apply_milestones(project, actor, milestones or {})
        values = {**{name: data[name] for name in REPORT_FIELDS if name in data}, "milestones_reached": reached}
        values["source"] = source
        report = ProjectReport.objects.filter(round=locked, project=project).first()
        now = timezone.now()
        if report is None:
            report = ProjectReport(round=locked, project=project, reported_by=actor, submitted_at=now)
            for name, value in values.items():
                setattr(report, name, value)
            create_audited(
                report, actor=actor, action="monitoring.report.submit", process=process, fields=REPORT_FIELDS
            )
        else:
            report.reported_by = actor
            report.submitted_at = now
            update_audited(
                report,
                actor=actor,
                action="monitoring.report.update",
                process=process,
                fields=REPORT_FIELDS,
                data=values,
            )
        if _newest_for_project(report):
            sheet_update(
                element=project,
                actor=actor,
                data={"status": report.status, "progress": report.progress, "status_changed_at": now},
            )
        return report
