"""A project lead's report in a round: saved once per project and round, and carried to the project's fact sheet.

``report_submit`` runs in one transaction that holds the round's row: two submissions of the same moment are
saved one after the other, the second correcting the first, never as two reports. The project's live status,
progress and milestones are changed through the strategy's services (``sheet_update``, ``milestone_update``),
and the current values of its indicators without an official statistic are saved as their actual values
(``actual_save``, origin "reported"), audited there; the report itself is audited here and keeps the values
it gave.
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
from standortkompass.strategy.models import ActualOrigin, Element, ElementKind, Milestone, StrategyIndicator
from standortkompass.strategy.services.elements import milestone_update, sheet_update
from standortkompass.strategy.services.indicators import actual_save

REPORT_FIELDS = (
    "status",
    "progress",
    "achieved",
    "next_steps",
    "problems",
    "milestones_reached",
    "indicators_reported",
    "source",
)
INDICATOR_PREFIX = "indicator_"  # the report form's field of an indicator's value, which errors name


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


def _apply_indicators(
    project: Element, actor: User, values: Mapping[int, tuple[int, float]]
) -> list[dict[str, object]]:
    """Save the given values (indicator id → (year, value)) as actual values, origin "reported"; as the report
    keeps them. Only the project's own indicators without an official statistic take a value."""
    indicators = {
        indicator.pk: indicator
        for indicator in StrategyIndicator.objects.filter(element=project, statistic__isnull=True).select_related(
            "element__strategy__process"
        )
    }
    kept: list[dict[str, object]] = []
    for pk, (year, value) in values.items():
        indicator = indicators.get(pk)
        if indicator is None:
            raise ValidationError(
                {f"{INDICATOR_PREFIX}{pk}": _("This indicator takes no reported value for this project.")}
            )
        actual_save(indicator=indicator, actor=actor, data={"year": year, "value": value}, origin=ActualOrigin.REPORTED)
        kept.append({"indicator": pk, "name": indicator.name, "unit": indicator.unit, "year": year, "value": value})
    return kept


def report_submit(
    *,
    reporting_round: ReportingRound,
    project: Element,
    actor: User,
    data: Mapping[str, object],
    milestones: Mapping[int, dt.date | None] | None = None,
    indicators: Mapping[int, tuple[int, float]] | None = None,
    source: str = ReportSource.FORM,
    allow_closed: bool = False,
) -> ProjectReport:
    """Save the report of ``project`` in the round (or correct the one given before) and update the project.

    ``data`` holds status, progress and the texts (achieved, next_steps, problems); ``milestones`` maps
    milestone ids to the date they were reached (None: not reached); ``indicators`` maps the ids of the
    project's indicators without an official statistic to the (year, value) reported, saved as their actual
    values (origin "reported") in the same transaction; None keeps the values a corrected report gave. A closed
    round takes no report, except with ``allow_closed`` (an import of Administration). The project's live status
    and progress follow the report unless a report of a later reporting date exists.
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
        if indicators is not None:
            values["indicators_reported"] = _apply_indicators(project, actor, indicators)
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
