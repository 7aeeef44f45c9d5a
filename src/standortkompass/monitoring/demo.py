"""The demo's monitoring: two reporting rounds with reports on the demo strategy's projects, labelled as demo.

Runs after the strategy's demo step (apps run in the order they are installed) and does nothing without a
demo strategy. The newer round's reports give each project's status and progress as the demo strategy set
them, the older one an earlier stage; the texts say they are demo texts. No figure is invented: indicators
get no actual values here (those bound to official statistics show the loaded observations). Running it
again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from standortkompass.monitoring.models import ProjectReport, ReportingRound, ReportSource
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, ProjectSheet, ProjectStatus, Strategy

OLDER_TITLE = "Statusbericht 1 (Demo)"
NEWER_TITLE = "Statusbericht 2 (Demo)"
ACHIEVED = (
    "Demo-Bericht: Auftaktgespräch mit den Partnern geführt, Zeitplan abgestimmt.",
    "Demo-Bericht: Konzept liegt im Entwurf vor, erste Rückmeldungen der Betriebe eingearbeitet.",
    "Demo-Bericht: Förderantrag vorbereitet, Abstimmung mit dem Land läuft.",
    "Demo-Bericht: Pilotphase mit drei Kommunen gestartet.",
)
NEXT_STEPS = (
    "Demo-Bericht: Beschluss im Lenkungskreis vorbereiten.",
    "Demo-Bericht: Ausschreibung der Umsetzung.",
    "Demo-Bericht: Auswertung der Pilotphase und Bericht an den Sounding Board.",
)


def _quarter_end(day: dt.date) -> dt.date:
    """The last day of the quarter before ``day``'s quarter."""
    first_of_quarter = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return first_of_quarter - dt.timedelta(days=1)


def _earlier(status: str, progress: int) -> tuple[str, int]:
    """An earlier stage of a project: less progress, and the status before where it moved on since."""
    earlier = max(0, progress - 25)
    if status == ProjectStatus.COMPLETED:
        return ProjectStatus.IMPLEMENTATION, min(earlier, 90)
    if status == ProjectStatus.IMPLEMENTATION and earlier < 10:
        return ProjectStatus.PLANNING, earlier
    return status, earlier


def _round(process: StrategyProcess, title: str, reporting_date: dt.date, *, closed: bool) -> ReportingRound:
    reporting_round = ReportingRound.objects.filter(process=process, title=title, is_demo=True).first()
    if reporting_round is None:
        reporting_round = ReportingRound(
            process=process,
            title=title,
            reporting_date=reporting_date,
            due_date=reporting_date + dt.timedelta(days=21),
            is_demo=True,
        )
        reporting_round.full_clean()
        reporting_round.save()
        if closed:
            reporting_round.closed_at = timezone.make_aware(
                dt.datetime.combine(reporting_round.due_date + dt.timedelta(days=7), dt.time(12, 0))
            )
            reporting_round.save(update_fields=["closed_at"])
    return reporting_round


def _report(reporting_round: ReportingRound, project: Element, status: str, progress: int, index: int) -> None:
    if ProjectReport.objects.filter(round=reporting_round, project=project).exists():
        return
    report = ProjectReport(
        round=reporting_round,
        project=project,
        status=status,
        progress=progress,
        achieved=ACHIEVED[index % len(ACHIEVED)],
        next_steps=NEXT_STEPS[index % len(NEXT_STEPS)],
        source=ReportSource.DEMO,
        submitted_at=timezone.make_aware(
            dt.datetime.combine(reporting_round.due_date - dt.timedelta(days=3 + index % 5), dt.time(10, 0))
        ),
        is_demo=True,
    )
    report.full_clean()
    report.save()


def monitoring_demo_load(*, process: StrategyProcess) -> list[ReportingRound]:
    """Two rounds (the older one closed) with a report per demo project; the newer one leaves one project
    unreported, so that the overview of Administration shows who is missing."""
    strategy = Strategy.objects.filter(process=process, is_demo=True).first()
    if strategy is None:
        return []
    projects = list(Element.objects.filter(strategy=strategy, kind=ElementKind.PROJECT).order_by("order", "id"))
    if not projects:
        return []
    sheets = {sheet.element_id: sheet for sheet in ProjectSheet.objects.filter(element__in=projects)}
    newer_date = _quarter_end(timezone.localdate())
    older_date = _quarter_end(newer_date)
    with transaction.atomic():
        older = _round(process, OLDER_TITLE, older_date, closed=True)
        newer = _round(process, NEWER_TITLE, newer_date, closed=False)
        for index, project in enumerate(projects):
            sheet = sheets.get(project.pk)
            status, progress = (sheet.status, sheet.progress) if sheet else (ProjectStatus.IDEA, 0)
            earlier_status, earlier_progress = _earlier(status, progress)
            _report(older, project, earlier_status, earlier_progress, index)
            if index < len(projects) - 1:
                _report(newer, project, status, progress, index + 1)
    return [older, newer]
