"""Checking the rows of an organisation list against a process, and what importing them would do.

``plan_rows`` reads every row (``read_table`` output), finds the organisation and contact person it
updates, checks the values as the models do, and reports per row and cell. It saves nothing;
``organisation_import_apply`` in the services saves the planned rows in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from standortkompass.audit.services import model_changes
from standortkompass.processes.importers import organisations as cols
from standortkompass.processes.importers.report import (
    CheckedRow,
    ImportPreview,
    PreviewRow,
    RowIssue,
    RowStatus,
    ignored_columns,
)
from standortkompass.processes.importers.values import (
    CellError,
    parse_consent_method,
    parse_datetime,
    parse_division,
    parse_email,
    parse_employees,
    parse_municipality_code,
    parse_postal_code,
    parse_section,
    parse_size_class,
    parse_type,
    parse_website,
    parse_yes_no,
)
from standortkompass.processes.models import (
    ConsentMethod,
    ContactPerson,
    Organisation,
    OrganisationType,
    StrategyProcess,
)
from standortkompass.processes.models.actors import size_class_for
from standortkompass.regiondata.models import Region
from standortkompass.regiondata.wz2008 import section_of_division

T = TypeVar("T")

ORGANISATION_FIELDS = (
    "name",
    "type",
    "external_id",
    "street",
    "postal_code",
    "city",
    "municipality",
    "website",
    "description",
    "is_public",
    "sector_section",
    "sector_division",
    "size_class",
    "employee_count",
)
CONTACT_FIELDS = (
    "name",
    "role",
    "email",
    "phone",
    "consent_to_contact",
    "consent_scope",
    "consent_given_at",
    "consent_method",
)


def snapshot(instance: models.Model, names: Iterable[str]) -> dict[str, object]:
    return {name: getattr(instance, name) for name in names}


def filled_values(values: Mapping[str, object]) -> dict[str, object]:
    return {name: str(value) for name, value in values.items() if value not in ("", None, False)}


def changed_names(before: Mapping[str, object], after: Mapping[str, object]) -> list[str]:
    # Only the names: the audit log outlives deleted contacts and should not keep their data.
    return sorted(name for name, value in after.items() if before.get(name) != value)


def record_consent_change(contact: ContactPerson, *, had_consent: bool, now: dt.datetime) -> None:
    """Withdrawn consent is an opt-out with a date; consent given again clears it."""
    if had_consent and not contact.consent_to_contact:
        contact.opted_out_at = now
    elif contact.consent_to_contact:
        contact.opted_out_at = None


_FIELD_COLUMN = {
    "name": cols.NAME,
    "type": cols.TYPE,
    "external_id": cols.EXTERNAL_ID,
    "street": cols.STREET,
    "postal_code": cols.POSTAL_CODE,
    "city": cols.CITY,
    "website": cols.WEBSITE,
    "sector_section": cols.SECTOR_SECTION,
    "sector_division": cols.SECTOR_DIVISION,
    "size_class": cols.SIZE_CLASS,
    "employee_count": cols.EMPLOYEES,
}
_CONTACT_FIELD_COLUMN = {
    "name": cols.CONTACT_NAME,
    "role": cols.CONTACT_ROLE,
    "email": cols.CONTACT_EMAIL,
    "phone": cols.CONTACT_PHONE,
    "consent_to_contact": cols.CONSENT,
    "consent_scope": cols.CONSENT_SCOPE,
    "consent_given_at": cols.CONSENT_DATE,
    "consent_method": cols.CONSENT_METHOD,
    "opted_out_at": cols.CONSENT,
}
_CONTACT_COLUMNS = tuple(dict.fromkeys(_CONTACT_FIELD_COLUMN.values()))
_TEXT_FIELDS = ((cols.EXTERNAL_ID, "external_id"), (cols.STREET, "street"), (cols.CITY, "city"))
_PARSED_FIELDS: tuple[tuple[str, str, Callable[[str], object]], ...] = (
    (cols.TYPE, "type", parse_type),
    (cols.POSTAL_CODE, "postal_code", parse_postal_code),
    (cols.WEBSITE, "website", parse_website),
    (cols.SECTOR_SECTION, "sector_section", parse_section),
    (cols.SECTOR_DIVISION, "sector_division", parse_division),
    (cols.SIZE_CLASS, "size_class", parse_size_class),
    (cols.EMPLOYEES, "employee_count", parse_employees),
)
_CONTACT_TEXT_FIELDS = (
    (cols.CONTACT_NAME, "name"),
    (cols.CONTACT_ROLE, "role"),
    (cols.CONTACT_PHONE, "phone"),
    (cols.CONSENT_SCOPE, "consent_scope"),
)


class _Lookups:
    """What the rows are checked against: the region's Gemeinden and the process's organisations."""

    def __init__(self, process: StrategyProcess, municipalities: Iterable[Region]) -> None:
        self.process = process
        self.municipality_by_code = {region.code: region for region in municipalities}
        self.municipalities_by_name: dict[str, list[Region]] = defaultdict(list)
        for region in municipalities:
            # "Ludwigsburg, Stadt" is also found as "Ludwigsburg".
            for name in dict.fromkeys((region.name.casefold(), region.name.split(",")[0].strip().casefold())):
                self.municipalities_by_name[name].append(region)
        organisations = list(
            Organisation.objects.filter(process=process).select_related("municipality").prefetch_related("contacts")
        )
        self.by_external_id = {org.external_id: org for org in organisations if org.external_id}
        self.by_name_and_municipality: dict[tuple[str, int | None], list[Organisation]] = defaultdict(list)
        for org in organisations:
            self.by_name_and_municipality[(org.name.casefold(), org.municipality_id)].append(org)


@dataclass
class PlannedRow(CheckedRow):
    """One data row while it is being checked, and what saving it would do."""

    notes: list[str] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    municipality: Region | None = None
    municipality_column: str = cols.MUNICIPALITY_NAME
    municipality_failed: bool = False
    organisation: Organisation | None = None
    is_new: bool = True
    organisation_changes: dict[str, object] = field(default_factory=dict)
    contact: ContactPerson | None = None
    contact_is_new: bool = False
    contact_changes: list[str] = field(default_factory=list)

    def add_issue(self, column: str, message: object) -> None:
        self.issues.append(RowIssue(self.number, column, str(message)))

    def has_issue(self, column: str) -> bool:
        return any(issue.column == column for issue in self.issues)

    def parsed(self, column: str, parse: Callable[[str], T]) -> T | None:
        text = self.cell(column)
        if not text:
            return None
        try:
            return parse(text)
        except CellError as error:
            self.add_issue(column, error)
            return None

    def add_validation_errors(self, error: ValidationError, columns: Mapping[str, str]) -> None:
        for name, messages in error.message_dict.items():
            column = "" if name == NON_FIELD_ERRORS else columns.get(name, "")
            if column and self.has_issue(column):
                continue  # the cell's own message says it better
            for message in messages:
                self.add_issue(column, message)

    @property
    def status(self) -> RowStatus:
        if self.issues:
            return RowStatus.ERROR
        if self.is_new:
            return RowStatus.NEW
        if self.organisation_changes or self.contact_is_new or self.contact_changes:
            return RowStatus.UPDATED
        return RowStatus.UNCHANGED

    def preview(self) -> PreviewRow:
        organisation = self.organisation
        municipality = self.municipality or (organisation.municipality if organisation is not None else None)
        contact = ""
        if self.contact is not None:
            contact = ", ".join(part for part in (self.contact.name, self.contact.email) if part)
        changed = [
            cols.MUNICIPALITY_NAME if name == "municipality" else _FIELD_COLUMN.get(name, name)
            for name in self.organisation_changes
        ]
        changed += [_CONTACT_FIELD_COLUMN[name] for name in self.contact_changes]
        if self.contact_is_new and not self.is_new:
            changed.append(cols.CONTACT_NAME)
        return PreviewRow(
            number=self.number,
            status=self.status,
            name=self.cell(cols.NAME) or (organisation.name if organisation is not None else ""),
            municipality=municipality.name if municipality is not None else "",
            contact=contact,
            changed_columns=tuple(dict.fromkeys(changed)),
            issues=tuple(self.issues),
            notes=tuple(self.notes),
        )


def _read_values(row: PlannedRow, lookups: _Lookups) -> None:
    """The organisation's values from the cells, each checked on its own."""
    name = row.cell(cols.NAME)
    if name:
        row.values["name"] = name
    else:
        row.add_issue(cols.NAME, _("The name of the organisation is missing."))
    for column, name_of_field in _TEXT_FIELDS:
        if row.cell(column):
            row.values[name_of_field] = row.cell(column)
    for column, name_of_field, parse in _PARSED_FIELDS:
        value = row.parsed(column, parse)
        if value is not None:
            row.values[name_of_field] = value
    _read_municipality(row, lookups)


def _read_municipality(row: PlannedRow, lookups: _Lookups) -> None:
    code_text, name_text = row.cell(cols.MUNICIPALITY_CODE), row.cell(cols.MUNICIPALITY_NAME)
    if not (code_text or name_text):
        return
    row.municipality_failed = True
    region_name = lookups.process.region.name
    if code_text:
        row.municipality_column = cols.MUNICIPALITY_CODE
        code = row.parsed(cols.MUNICIPALITY_CODE, parse_municipality_code)
        if code is None:
            return
        region = lookups.municipality_by_code.get(code)
        if region is None:
            row.add_issue(
                cols.MUNICIPALITY_CODE,
                _("%(code)s is not a municipality in the region of the process (%(region)s).")
                % {"code": code, "region": region_name},
            )
            return
        if name_text and region not in lookups.municipalities_by_name.get(name_text.casefold(), []):
            row.add_issue(
                cols.MUNICIPALITY_NAME,
                _("“%(name)s” does not match the municipality key %(code)s (%(municipality)s).")
                % {"name": name_text, "code": code, "municipality": region.name},
            )
            return
    else:
        candidates = lookups.municipalities_by_name.get(name_text.casefold(), [])
        if not candidates:
            row.add_issue(
                cols.MUNICIPALITY_NAME,
                _("“%(name)s” is not a municipality in the region of the process (%(region)s).")
                % {"name": name_text, "region": region_name},
            )
            return
        if len(candidates) > 1:
            row.add_issue(
                cols.MUNICIPALITY_NAME,
                _("“%(name)s” is ambiguous. Give the municipality key (Gemeindeschlüssel) instead.")
                % {"name": name_text},
            )
            return
        region = candidates[0]
    row.municipality = region
    row.municipality_failed = False
    row.values["municipality"] = region


def _name_key(row: PlannedRow) -> tuple[str, int | None] | None:
    name = row.cell(cols.NAME)
    if not name or row.municipality_failed:
        return None
    return (name.casefold(), row.municipality.pk if row.municipality is not None else None)


def _match(rows: Sequence[PlannedRow], lookups: _Lookups) -> None:
    """Find the organisation each row updates, and rows that describe the same organisation twice."""
    rows_by_key: dict[tuple[str, int | None], list[PlannedRow]] = defaultdict(list)
    for row in rows:
        key = _name_key(row)
        if key is not None:
            rows_by_key[key].append(row)
    first_with_external_id: dict[str, int] = {}
    first_for_organisation: dict[int, int] = {}
    for row in rows:
        external_id = str(row.values.get("external_id", ""))
        duplicate = False
        if external_id:
            first = first_with_external_id.setdefault(external_id, row.number)
            if first != row.number:
                row.add_issue(cols.EXTERNAL_ID, _("The same external ID as in row %(row)s.") % {"row": first})
                duplicate = True
            row.organisation = lookups.by_external_id.get(external_id)
        key = _name_key(row)
        if key is not None and not external_id:
            # Without an external ID, a row is the same organisation as an earlier row with the same
            # name and municipality, or as any row that has an external ID for them.
            others = [other for other in rows_by_key[key] if other is not row]
            same = [o for o in others if o.number < row.number or o.values.get("external_id")]
            if same:
                row.add_issue(
                    cols.NAME, _("The same name and municipality as in row %(row)s.") % {"row": same[0].number}
                )
                duplicate = True
        if row.organisation is None and key is not None:
            candidates = [
                org for org in lookups.by_name_and_municipality.get(key, []) if not (external_id and org.external_id)
            ]
            if len(candidates) > 1:
                row.add_issue(
                    cols.NAME,
                    _(
                        "Several organisations with this name and municipality exist already. "
                        "Give the external ID to tell them apart."
                    ),
                )
            elif candidates:
                row.organisation = candidates[0]
        if row.organisation is not None:
            first = first_for_organisation.setdefault(row.organisation.pk, row.number)
            if first != row.number and not duplicate:
                row.add_issue("", _("Row %(row)s already updates this organisation.") % {"row": first})


def _plan_organisation(row: PlannedRow, lookups: _Lookups) -> None:
    values = row.values
    if row.organisation is None:
        organisation = Organisation(process=lookups.process, type=OrganisationType.COMPANY)
        before: dict[str, object] = {}
        row.is_new = True
    else:
        organisation = row.organisation
        before = snapshot(organisation, ORGANISATION_FIELDS)
        row.is_new = False
    # Values the row does not give are derived again, or dropped when they contradict the row.
    if "sector_division" in values and "sector_section" not in values:
        organisation.sector_section = ""
    if (
        "sector_section" in values
        and "sector_division" not in values
        and organisation.sector_division
        and section_of_division(organisation.sector_division) != values["sector_section"]
    ):
        organisation.sector_division = ""
    if "employee_count" in values and "size_class" not in values:
        organisation.size_class = ""
    if (
        "size_class" in values
        and "employee_count" not in values
        and organisation.employee_count is not None
        and size_class_for(organisation.employee_count) != values["size_class"]
    ):
        organisation.employee_count = None
    for name, value in values.items():
        setattr(organisation, name, value)
    row.organisation = organisation
    try:
        organisation.full_clean(exclude=["process", "municipality"], validate_constraints=False)
    except ValidationError as error:
        row.add_validation_errors(error, {**_FIELD_COLUMN, "municipality": row.municipality_column})
    if not row.is_new:
        row.organisation_changes = model_changes(before, snapshot(organisation, ORGANISATION_FIELDS))


def _find_contact(organisation: Organisation | None, email: str, name: str) -> ContactPerson | None:
    if organisation is None or organisation.pk is None:
        return None
    contacts = list(organisation.contacts.all())
    if email:
        for contact in contacts:
            if contact.email.casefold() == email.casefold():
                return contact
    if name:
        for contact in contacts:
            if contact.name.casefold() == name.casefold() and not (email and contact.email):
                return contact
    return None


def _plan_contact(row: PlannedRow, now: dt.datetime) -> None:
    if not any(row.cell(column) for column in _CONTACT_COLUMNS):
        return
    email = row.parsed(cols.CONTACT_EMAIL, parse_email) or ""
    consent = row.parsed(cols.CONSENT, parse_yes_no)
    consent_at = row.parsed(cols.CONSENT_DATE, parse_datetime)
    method = row.parsed(cols.CONSENT_METHOD, parse_consent_method)
    names = (*CONTACT_FIELDS, "opted_out_at")
    contact = _find_contact(row.organisation if not row.is_new else None, email, row.cell(cols.CONTACT_NAME))
    if contact is None:
        if not row.cell(cols.CONTACT_NAME):
            row.add_issue(cols.CONTACT_NAME, _("The name of the contact person is missing."))
        contact = ContactPerson()
        row.contact_is_new = True
        before: dict[str, object] = {}
    else:
        before = snapshot(contact, names)
    for column, name in _CONTACT_TEXT_FIELDS:
        if row.cell(column):
            setattr(contact, name, row.cell(column))
    if email:
        contact.email = email
    had_consent = contact.consent_to_contact
    if consent is True and contact.opted_out_at is not None and not (consent_at and consent_at > contact.opted_out_at):
        # A re-import of an old list must not undo a later opt-out.
        for name in ("consent_scope", "consent_given_at", "consent_method"):
            setattr(contact, name, before.get(name, getattr(contact, name)))
        row.notes.append(
            _("The contact person withdrew consent on %(date)s; the earlier consent in the file is not applied.")
            % {"date": formats.date_format(timezone.localtime(contact.opted_out_at), "SHORT_DATE_FORMAT")}
        )
    else:
        if consent_at is not None:
            contact.consent_given_at = consent_at
        if method is not None:
            contact.consent_method = method
        if consent is not None:
            contact.consent_to_contact = consent
        if contact.consent_to_contact and not contact.consent_method:
            contact.consent_method = ConsentMethod.IMPORT
        record_consent_change(contact, had_consent=had_consent, now=now)
    row.contact = contact
    try:
        contact.full_clean(exclude=["organisation"], validate_constraints=False)
    except ValidationError as error:
        row.add_validation_errors(error, _CONTACT_FIELD_COLUMN)
    if not row.contact_is_new:
        row.contact_changes = changed_names(before, snapshot(contact, names))


def plan_rows(
    *,
    process: StrategyProcess,
    rows: Sequence[Mapping[str, str]],
    municipalities: Iterable[Region],
    now: dt.datetime,
) -> tuple[list[PlannedRow], ImportPreview]:
    """Every non-empty row with what saving it would do, and the report on all of them.

    ``municipalities`` are the Gemeinden a row may name; ``now`` is the time of a recorded opt-out.
    The organisations and contacts of planned rows carry the new values but are not saved.
    """
    lookups = _Lookups(process, municipalities)
    # rows[i] is line i + 2 of the file: line 1 holds the headings.
    checked = [PlannedRow(number=index + 2, cells=cells) for index, cells in enumerate(rows) if any(cells.values())]
    for row in checked:
        _read_values(row, lookups)
    _match(checked, lookups)
    for row in checked:
        _plan_organisation(row, lookups)
        _plan_contact(row, now)
    preview = ImportPreview(
        rows=tuple(row.preview() for row in checked), ignored_columns=ignored_columns(rows, cols.HEADERS)
    )
    return checked, preview
