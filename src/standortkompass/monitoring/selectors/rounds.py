"""Reading reporting rounds: which projects a round asks about, who has reported, the reminders sent."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone

from standortkompass.accounts.models import User
from standortkompass.monitoring.actuals_file import value_text
from standortkompass.monitoring.models import ProjectReport, ReminderSent, ReportingRound
from standortkompass.monitoring.selectors.leads import lead_emails_of, leads_of
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import Element, ElementKind
from standortkompass.strategy.selectors.versions import published_tree

# The days before the due date on which leads who have not reported are reminded; after the due date they
# are reminded every REMINDER_INTERVAL days while the round is open.
REMINDER_DAYS_BEFORE = (7, 0)
REMINDER_INTERVAL = 7


def rounds_of(process: StrategyProcess) -> QuerySet[ReportingRound]:
    return (
        ReportingRound.objects.filter(process=process)
        .annotate(report_count=Count("reports"))
        .order_by("-reporting_date", "-id")
    )


def open_rounds(process: StrategyProcess) -> QuerySet[ReportingRound]:
    return ReportingRound.objects.filter(process=process, closed_at__isnull=True).order_by("due_date", "id")


def round_of(process: StrategyProcess, round_pk: int) -> ReportingRound | None:
    return ReportingRound.objects.filter(process=process, pk=round_pk).first()


def due_projects(process: StrategyProcess) -> list[Element]:
    """The projects a round asks about: those of the published version that are still in the draft, or, while
    no version is published, the draft's projects (in the draft's order)."""
    projects = Element.objects.filter(strategy__process=process, kind=ElementKind.PROJECT).select_related(
        "sheet__lead_organisation"
    )
    found = published_tree(process)
    if found is not None:
        _version, tree = found
        projects = projects.filter(pk__in=[node.id for node in tree.of_kind(ElementKind.PROJECT)])
    return list(projects.order_by("order", "id"))


def is_due(process: StrategyProcess, project: Element) -> bool:
    return any(candidate.pk == project.pk for candidate in due_projects(process))


def report_of(reporting_round: ReportingRound, project: Element) -> ProjectReport | None:
    return ProjectReport.objects.filter(round=reporting_round, project=project).first()


def reminder_dates(reporting_round: ReportingRound, *, until: dt.date) -> list[dt.date]:
    """The days up to ``until`` on which the round's leads who have not reported get a reminder."""
    due = reporting_round.due_date
    dates = [due - dt.timedelta(days=days) for days in REMINDER_DAYS_BEFORE]
    day = due + dt.timedelta(days=REMINDER_INTERVAL)
    while day <= until:
        dates.append(day)
        day += dt.timedelta(days=REMINDER_INTERVAL)
    opened = timezone.localdate(reporting_round.opened_at) if reporting_round.opened_at else None
    return sorted(date for date in set(dates) if date <= until and (opened is None or date >= opened))


def is_reminder_date(reporting_round: ReportingRound, day: dt.date) -> bool:
    return reporting_round.is_open and day in reminder_dates(reporting_round, until=day)


@dataclass
class OverviewRow:
    """A project of a round: its leads, its report (if given) and the reminders its leads got."""

    project: Element
    leads: list[User]
    report: ProjectReport | None
    reminders: list[ReminderSent] = field(default_factory=list)

    @property
    def lead_organisation(self) -> str:
        sheet = getattr(self.project, "sheet", None)
        organisation = sheet.lead_organisation if sheet is not None else None
        return organisation.name if organisation is not None else ""

    @property
    def indicator_values(self) -> list[dict[str, object]]:
        """The indicator values the report gave, each value formatted for the page."""
        if self.report is None:
            return []
        return [
            {**item, "value": value_text(float(item["value"]))}
            for item in self.report.indicators_reported
            if isinstance(item, dict) and isinstance(item.get("value"), int | float)
        ]


@dataclass(frozen=True)
class RoundOverview:
    reporting_round: ReportingRound
    rows: list[OverviewRow]

    @property
    def reported(self) -> int:
        return sum(1 for row in self.rows if row.report is not None)

    @property
    def missing(self) -> int:
        return len(self.rows) - self.reported

    @property
    def without_lead(self) -> int:
        return sum(1 for row in self.rows if not row.leads and row.report is None)


def round_overview(reporting_round: ReportingRound) -> RoundOverview:
    """Per project of the round: who leads it, whether and by whom it was reported, and the reminders sent."""
    process = reporting_round.process
    projects = due_projects(process)
    reported = {
        report.project_id: report
        for report in ProjectReport.objects.filter(round=reporting_round).select_related("reported_by", "project")
    }
    # A report of a project that has left the strategy since still counts for the round.
    projects += [report.project for pk, report in reported.items() if pk not in {p.pk for p in projects}]
    ids = [project.pk for project in projects]
    leads = leads_of(process, ids)
    emails = lead_emails_of(ids)
    reminders_by_email: dict[str, list[ReminderSent]] = defaultdict(list)
    for reminder in ReminderSent.objects.filter(round=reporting_round).order_by("reminder_date", "sent_at"):
        reminders_by_email[reminder.email.lower()].append(reminder)
    rows = []
    for project in projects:
        reminders = [
            reminder
            for email in sorted(emails.get(project.pk, set()))
            for reminder in reminders_by_email.get(email, [])
            if project.pk in reminder.projects
        ]
        rows.append(OverviewRow(project, leads.get(project.pk, []), reported.get(project.pk), reminders))
    return RoundOverview(reporting_round, rows)


@dataclass(frozen=True)
class LeadDue:
    """What one lead still has to report in a round: the address, the account and the projects."""

    email: str
    user: User
    projects: list[Element]


def leads_due(reporting_round: ReportingRound) -> list[LeadDue]:
    """The leads of the round's projects that have no report yet, each with their projects (by address)."""
    process = reporting_round.process
    reported = set(ProjectReport.objects.filter(round=reporting_round).values_list("project_id", flat=True))
    missing = [project for project in due_projects(process) if project.pk not in reported]
    leads = leads_of(process, [project.pk for project in missing])
    by_email: dict[str, LeadDue] = {}
    for project in missing:
        for user in leads.get(project.pk, []):
            entry = by_email.setdefault(user.email.lower(), LeadDue(user.email.lower(), user, []))
            entry.projects.append(project)
    return [by_email[email] for email in sorted(by_email)]
