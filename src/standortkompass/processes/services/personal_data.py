"""The personal data of the processes app, for requests about one person and for the retention rules.

Registered in ``ProcessesConfig.ready`` (see ``accounts.personal_data`` and ``accounts.retention``):
contact persons of organisations, board seats, accessibility feedback, the news and site pages a person
wrote; accessibility feedback is deleted ``RETENTION_FEEDBACK_DAYS`` after it was received.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from standortkompass.accounts import personal_data, retention
from standortkompass.accounts.personal_data import Person, Record, fields_of
from standortkompass.audit.services import audit_objects_forget
from standortkompass.processes.models import AccessibilityFeedback, BoardMember, ContactPerson, NewsItem, SitePage


def _contacts(person: Person) -> list[Record]:
    fields = [
        "organisation",
        "name",
        "role",
        "email",
        "phone",
        "consent_to_contact",
        "consent_scope",
        "consent_given_at",
        "consent_method",
        "opted_out_at",
        "created_at",
    ]
    contacts = ContactPerson.objects.filter(email__iexact=person.email).select_related("organisation")
    return [fields_of(contact, fields) for contact in contacts.order_by("created_at", "id")]


def _contacts_erase(person: Person) -> int:
    contacts = ContactPerson.objects.filter(email__iexact=person.email)
    audit_objects_forget(model=ContactPerson, object_ids=contacts.values_list("pk", flat=True))
    return int(contacts.delete()[1].get(ContactPerson._meta.label, 0))


def _seats_of(person: Person) -> QuerySet[BoardMember]:
    """The board seats of the person: by account, or by the e-mail address kept for invitations."""
    found = Q(email__iexact=person.email)
    if person.user is not None:
        found |= Q(user=person.user)
    return BoardMember.objects.filter(found)


def _board_seats(person: Person) -> list[Record]:
    seats = _seats_of(person).select_related("board", "organisation")
    fields = ["board", "name", "function", "organisation", "email", "name_is_public", "name_consent_on"]
    return [fields_of(seat, fields) for seat in seats.order_by("id")]


def _board_seats_erase(person: Person) -> int:
    seats = _seats_of(person)
    audit_objects_forget(model=BoardMember, object_ids=seats.values_list("pk", flat=True))
    return int(seats.delete()[0])


def _feedback(person: Person) -> list[Record]:
    fields = ["created_at", "page_url", "message", "name", "email", "status", "answered_at"]
    reports = AccessibilityFeedback.objects.filter(email__iexact=person.email).order_by("created_at", "id")
    return [fields_of(report, fields) for report in reports]


def _feedback_erase(person: Person) -> int:
    reports = AccessibilityFeedback.objects.filter(email__iexact=person.email)
    audit_objects_forget(model=AccessibilityFeedback, object_ids=reports.values_list("pk", flat=True))
    return int(reports.delete()[0])


def _writing(person: Person) -> tuple[list[NewsItem], list[SitePage]]:
    if person.user is None:
        return [], []
    news = NewsItem.objects.filter(author=person.user).select_related("process").order_by("created_at", "id")
    pages = SitePage.objects.filter(updated_by=person.user).order_by("slug")
    return list(news), list(pages)


def _writing_records(person: Person) -> list[Record]:
    news, pages = _writing(person)
    return [fields_of(item, ["process", "title", "author_name", "published_at"]) for item in news] + [
        fields_of(page, ["title", "updated_at"]) for page in pages
    ]


def _writing_erase(person: Person) -> int:
    if person.user is None:
        return 0
    shown_as_the_person = Q(author_name__iexact=person.user.full_name) if person.user.full_name else Q(pk__in=[])
    NewsItem.objects.filter(Q(author=person.user) & shown_as_the_person).update(author_name="")
    news = NewsItem.objects.filter(author=person.user).update(author=None)
    pages = SitePage.objects.filter(updated_by=person.user).update(updated_by=None)
    return news + pages


def _feedback_period() -> str:
    days = settings.RETENTION_FEEDBACK_DAYS
    return ngettext(
        "%(days)d day after it was received (RETENTION_FEEDBACK_DAYS)",
        "%(days)d days after it was received (RETENTION_FEEDBACK_DAYS)",
        days,
    ) % {"days": days}


def feedback_retention(*, now: dt.datetime, dry_run: bool) -> int:
    """Delete accessibility feedback received more than ``RETENTION_FEEDBACK_DAYS`` days before ``now``."""
    due = AccessibilityFeedback.objects.filter(created_at__lt=now - dt.timedelta(days=settings.RETENTION_FEEDBACK_DAYS))
    if dry_run:
        return due.count()
    audit_objects_forget(model=AccessibilityFeedback, object_ids=due.values_list("pk", flat=True))
    return int(due.delete()[0])


def register_personal_data() -> None:
    """Called from ``ProcessesConfig.ready``."""
    personal_data.register(
        "processes.contact_persons",
        label=_("Contact person records of organisations"),
        effect=_("deleted (survey invitations keep no link to them)"),
        collect=_contacts,
        erase=_contacts_erase,
    )
    personal_data.register(
        "processes.board_seats",
        label=_("Board seats"),
        effect=_("deleted (also from the public board pages)"),
        collect=_board_seats,
        erase=_board_seats_erase,
    )
    personal_data.register(
        "processes.feedback",
        label=_("Accessibility feedback sent"),
        effect=_("deleted"),
        collect=_feedback,
        erase=_feedback_erase,
    )
    personal_data.register(
        "processes.writing",
        label=_("News items and site pages written"),
        effect=_("kept without the person: author removed (also the author's name as shown, where it is theirs)"),
        collect=_writing_records,
        erase=_writing_erase,
    )
    retention.register(
        "processes.feedback",
        label=_("Accessibility feedback"),
        period=_feedback_period,
        run=feedback_retention,
    )
