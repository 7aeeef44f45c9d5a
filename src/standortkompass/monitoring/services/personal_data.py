"""The personal data of monitoring, for requests about one person (registered in ``MonitoringConfig.ready``).

Monitoring keeps who gave a project report (``ProjectReport.reported_by``) and to whom a reminder went
(``ReminderSent``: e-mail address and account). A report stays, as the project's history, without the
person; a reminder is deleted.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from standortkompass.accounts import personal_data
from standortkompass.accounts.personal_data import Person, Record, fields_of
from standortkompass.monitoring.models import ProjectReport, ReminderSent


def _reports(person: Person) -> QuerySet[ProjectReport]:
    if person.user is None:
        return ProjectReport.objects.none()
    return ProjectReport.objects.filter(reported_by=person.user)


def _report_records(person: Person) -> list[Record]:
    fields = ["round", "project", "status", "progress", "achieved", "next_steps", "problems", "submitted_at"]
    return [
        fields_of(report, fields)
        for report in _reports(person).select_related("round", "project").order_by("submitted_at")
    ]


def _reports_erase(person: Person) -> int:
    return _reports(person).update(reported_by=None)


def _reminders(person: Person) -> QuerySet[ReminderSent]:
    found = Q(email__iexact=person.email)
    if person.user is not None:
        found |= Q(user=person.user)
    return ReminderSent.objects.filter(found)


def _reminder_records(person: Person) -> list[Record]:
    return [
        fields_of(reminder, ["round", "email", "reminder_date", "sent_at", "failed"])
        for reminder in _reminders(person).select_related("round").order_by("sent_at")
    ]


def _reminders_erase(person: Person) -> int:
    return int(_reminders(person).delete()[0])


def register_personal_data() -> None:
    personal_data.register(
        "monitoring.reports",
        label=_("Project reports given by the person"),
        effect=_("kept as the project's history without the person"),
        collect=_report_records,
        erase=_reports_erase,
    )
    personal_data.register(
        "monitoring.reminders",
        label=_("Reminders of reporting rounds sent to the person"),
        effect=_("deleted"),
        collect=_reminder_records,
        erase=_reminders_erase,
    )
