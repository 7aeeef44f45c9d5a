"""Organisations and their contact persons: change them, and import them from a list.

Every write is keyword-only, runs in one transaction, calls ``full_clean()`` before saving and
records an audit entry. The import is all-or-nothing: ``organisation_import_preview`` reports
for every row what would happen (and what is wrong); ``organisation_import_apply`` checks the
rows again against the database as it is now and saves all of them or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record, model_changes
from standortkompass.processes.importers import organisations as cols
from standortkompass.processes.importers.checking import (
    CONTACT_FIELDS,
    ORGANISATION_FIELDS,
    PlannedRow,
    changed_names,
    filled_values,
    plan_rows,
    record_consent_change,
    snapshot,
)
from standortkompass.processes.importers.report import ImportPreview, PreviewRow, RowIssue, RowStatus
from standortkompass.processes.models import ContactPerson, Organisation, StrategyProcess
from standortkompass.processes.selectors import process_municipalities
from standortkompass.regiondata.models import Region, RegionLevel

__all__ = [
    "CONTACT_FIELDS",
    "ORGANISATION_FIELDS",
    "ContactData",
    "ImportPreview",
    "ImportRejectedError",
    "ImportResult",
    "OrganisationData",
    "OrganisationInUseError",
    "PreviewRow",
    "RowIssue",
    "RowStatus",
    "contact_create",
    "contact_delete",
    "contact_update",
    "organisation_create",
    "organisation_delete",
    "organisation_import_apply",
    "organisation_import_example",
    "organisation_import_preview",
    "organisation_update",
]


class OrganisationData(TypedDict, total=False):
    name: str
    type: str
    external_id: str
    street: str
    postal_code: str
    city: str
    municipality: Region | None
    website: str
    description: str
    is_public: bool
    sector_section: str
    sector_division: str
    size_class: str
    employee_count: int | None


class ContactData(TypedDict, total=False):
    name: str
    role: str
    email: str
    phone: str
    consent_to_contact: bool
    consent_scope: str
    consent_given_at: dt.datetime | None
    consent_method: str


# Organisations -------------------------------------------------------------------------------


def _check_municipality(organisation: Organisation, process: StrategyProcess) -> None:
    municipality = organisation.municipality
    if municipality is not None and not (
        municipality.level == RegionLevel.MUNICIPALITY and municipality.code.startswith(process.region.code)
    ):
        raise ValidationError({"municipality": _("Choose a municipality in the region of the process.")})


def organisation_create(*, process: StrategyProcess, actor: User, data: OrganisationData) -> Organisation:
    organisation = Organisation(process=process)
    for name, value in data.items():
        setattr(organisation, name, value)
    _check_municipality(organisation, process)
    organisation.full_clean()
    with transaction.atomic():
        organisation.save()
        audit_record(
            actor=actor,
            action="organisation.create",
            obj=organisation,
            process=process,
            changes=filled_values(snapshot(organisation, ORGANISATION_FIELDS)),
        )
    return organisation


def organisation_update(*, organisation: Organisation, actor: User, data: OrganisationData) -> Organisation:
    before = snapshot(organisation, ORGANISATION_FIELDS)
    for name, value in data.items():
        setattr(organisation, name, value)
    _check_municipality(organisation, organisation.process)
    organisation.full_clean()
    changes = model_changes(before, snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        with transaction.atomic():
            organisation.save()
            audit_record(
                actor=actor,
                action="organisation.update",
                obj=organisation,
                process=organisation.process,
                changes=changes,
            )
    return organisation


class OrganisationInUseError(Exception):
    """The organisation holds seats in boards and is therefore not deleted."""

    def __init__(self, boards: Sequence[str]) -> None:
        self.boards = tuple(boards)
        super().__init__(
            _(
                "This organisation holds seats in these boards: %(boards)s. "
                "Remove those members from the boards or assign them to another organisation first."
            )
            % {"boards": ", ".join(self.boards)}
        )


def organisation_delete(*, organisation: Organisation, actor: User) -> None:
    """Delete the organisation and its contact persons, unless it holds a board seat."""
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        boards = sorted({seat.board.name for seat in locked.board_seats.select_related("board")})
        if boards:
            raise OrganisationInUseError(boards)
        audit_record(
            actor=actor,
            action="organisation.delete",
            obj=locked,
            process=locked.process,
            changes={"contacts": locked.contacts.count()},
        )
        locked.delete()


# Contact persons -----------------------------------------------------------------------------


def contact_create(*, organisation: Organisation, actor: User, data: ContactData) -> ContactPerson:
    contact = ContactPerson(organisation=organisation)
    for name, value in data.items():
        setattr(contact, name, value)
    contact.full_clean()
    with transaction.atomic():
        contact.save()
        audit_record(
            actor=actor,
            action="contact.create",
            obj=contact,
            process=organisation.process,
            changes={"fields": sorted(filled_values(snapshot(contact, CONTACT_FIELDS)))},
        )
    return contact


def contact_update(*, contact: ContactPerson, actor: User, data: ContactData) -> ContactPerson:
    """Change a contact person; unticking the consent records the opt-out time."""
    names = (*CONTACT_FIELDS, "opted_out_at")
    before = snapshot(contact, names)
    for name, value in data.items():
        setattr(contact, name, value)
    record_consent_change(contact, had_consent=bool(before["consent_to_contact"]), now=timezone.now())
    contact.full_clean()
    changed = changed_names(before, snapshot(contact, names))
    if changed:
        with transaction.atomic():
            contact.save()
            audit_record(
                actor=actor,
                action="contact.update",
                obj=contact,
                process=contact.organisation.process,
                changes={"fields": changed},
            )
    return contact


def contact_delete(*, contact: ContactPerson, actor: User) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="contact.delete", obj=contact, process=contact.organisation.process)
        contact.delete()


# Import --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    contacts_created: int
    contacts_updated: int


class ImportRejectedError(Exception):
    """At least one row has an error; nothing was saved. ``preview`` says which and why."""

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        super().__init__(_("The file contains errors; nothing has been saved."))


def _plan(process: StrategyProcess, rows: Sequence[Mapping[str, str]]) -> tuple[list[PlannedRow], ImportPreview]:
    return plan_rows(
        process=process, rows=rows, municipalities=process_municipalities(process=process), now=timezone.now()
    )


def organisation_import_preview(*, process: StrategyProcess, rows: Sequence[Mapping[str, str]]) -> ImportPreview:
    """What importing ``rows`` (from ``read_table``) into the process would do, row by row. Saves nothing."""
    return _plan(process, rows)[1]


def organisation_import_apply(
    *, process: StrategyProcess, rows: Sequence[Mapping[str, str]], actor: User, filename: str = ""
) -> ImportResult:
    """Import all rows in one transaction, or raise ``ImportRejectedError`` and save nothing.

    The rows are checked again against the database as it is now: an organisation is updated
    when its external ID matches (else its name and municipality), and its contact person when
    the e-mail address matches; everything else is created.
    """
    with transaction.atomic():
        planned, preview = _plan(process, rows)
        if preview.has_errors:
            raise ImportRejectedError(preview)
        created = updated = unchanged = contacts_created = contacts_updated = 0
        for row in planned:
            organisation = row.organisation
            assert organisation is not None
            status = row.status
            if status == RowStatus.UNCHANGED:
                unchanged += 1
                continue
            if row.is_new or row.organisation_changes:
                organisation.full_clean()
                organisation.save()
                audit_record(
                    actor=actor,
                    action="organisation.import_create" if row.is_new else "organisation.import_update",
                    obj=organisation,
                    process=process,
                    changes=filled_values(snapshot(organisation, ORGANISATION_FIELDS))
                    if row.is_new
                    else row.organisation_changes,
                )
            created += status == RowStatus.NEW
            updated += status == RowStatus.UPDATED
            contact = row.contact
            if contact is not None and (row.contact_is_new or row.contact_changes):
                contact.organisation = organisation
                contact.full_clean()
                contact.save()
                audit_record(
                    actor=actor,
                    action="contact.import_create" if row.contact_is_new else "contact.import_update",
                    obj=contact,
                    process=process,
                    changes={"fields": row.contact_changes or sorted(filled_values(snapshot(contact, CONTACT_FIELDS)))},
                )
                contacts_created += row.contact_is_new
                contacts_updated += not row.contact_is_new
        result = ImportResult(
            created=created,
            updated=updated,
            unchanged=unchanged,
            contacts_created=contacts_created,
            contacts_updated=contacts_updated,
        )
        audit_record(
            actor=actor,
            action="organisation.import",
            process=process,
            description=filename[:300] or "import",
            changes={
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
                "contacts_created": contacts_created,
                "contacts_updated": contacts_updated,
            },
        )
    return result


def organisation_import_example(*, process: StrategyProcess) -> dict[str, str]:
    """The example row of the template file, with a real municipality of the process's region."""
    municipality = process_municipalities(process=process).first()
    town = municipality.name.split(",")[0].strip() if municipality is not None else ""
    return {
        cols.EXTERNAL_ID: "12345",
        cols.NAME: "Muster GmbH",
        cols.TYPE: "Unternehmen",
        cols.STREET: "Musterstraße 1",
        cols.POSTAL_CODE: "71634",
        cols.CITY: town,
        cols.MUNICIPALITY_CODE: municipality.code if municipality is not None else "",
        cols.MUNICIPALITY_NAME: municipality.name if municipality is not None else "",
        cols.WEBSITE: "https://www.example.org",
        cols.SECTOR_SECTION: "C",
        cols.SECTOR_DIVISION: "28",
        cols.SIZE_CLASS: "10-49",
        cols.EMPLOYEES: "25",
        cols.CONTACT_NAME: "Erika Mustermann",
        cols.CONTACT_ROLE: "Geschäftsführerin",
        cols.CONTACT_EMAIL: "erika.mustermann@example.org",
        cols.CONTACT_PHONE: "07141 123456",
        cols.CONSENT: "ja",
        cols.CONSENT_SCOPE: "Einladungen zur Unternehmensbefragung und zu Workshops",
        cols.CONSENT_DATE: "01.03.2026",
        cols.CONSENT_METHOD: "schriftlich",
    }
