"""Checking and applying an organisation list: every row's report, all-or-nothing, re-import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import ConsentMethod, ContactPerson, Organisation, OrganisationType
from standortkompass.processes.services.organisations import (
    ImportRejectedError,
    RowStatus,
    organisation_import_apply,
    organisation_import_preview,
)
from standortkompass.regiondata.models import Region, RegionLevel


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def stuttgart(regions):
    """A Gemeinde that exists, but outside the process's district."""
    return Region.objects.create(code="08111000", name="Stuttgart", level=RegionLevel.MUNICIPALITY)


def row(**cells: str) -> dict[str, str]:
    base = {
        "Externe ID": "100",
        "Name": "Muster GmbH",
        "Typ": "Unternehmen",
        "PLZ": "71634",
        "Ort": "Ludwigsburg",
        "Gemeindeschlüssel": "08118048",
        "WZ-Abschnitt": "C",
        "WZ-Abteilung": "28",
        "Größenklasse": "10-49",
        "Beschäftigte": "25",
        "Ansprechperson": "Erika Mustermann",
        "E-Mail": "erika@example.org",
    }
    base.update(cells)
    return base


def test_a_valid_row_is_new_and_is_created_with_its_contact(process, users):
    preview = organisation_import_preview(process=process, rows=[row()])

    assert [(r.number, r.status) for r in preview.rows] == [(2, RowStatus.NEW)]
    assert not preview.has_errors
    assert not Organisation.objects.exists()  # the preview saves nothing

    result = organisation_import_apply(process=process, rows=[row()], actor=users["editor"], filename="liste.csv")

    assert (result.created, result.updated, result.contacts_created) == (1, 0, 1)
    organisation = Organisation.objects.get()
    assert organisation.process == process
    assert organisation.type == OrganisationType.COMPANY
    assert organisation.municipality.code == "08118048"
    assert (organisation.sector_section, organisation.sector_division) == ("C", "28")
    assert (organisation.size_class, organisation.employee_count) == ("10-49", 25)
    assert organisation.contacts.get().email == "erika@example.org"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"organisation.import", "organisation.import_create", "contact.import_create"} <= actions


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"Gemeindeschlüssel": "08111000"}, "Gemeindeschlüssel", "not a municipality in the region"),
        ({"Gemeindeschlüssel": "09162000"}, "Gemeindeschlüssel", "not a municipality in the region"),
        ({"Gemeindeschlüssel": "Ludwigsburg"}, "Gemeindeschlüssel", "not a municipality key"),
        ({"Gemeindeschlüssel": "", "Gemeinde": "Stuttgart"}, "Gemeinde", "not a municipality in the region"),
        ({"Gemeinde": "Asperg"}, "Gemeinde", "does not match the municipality key"),
        ({"WZ-Abschnitt": "Z"}, "WZ-Abschnitt", "is not a WZ 2008 section"),
        ({"WZ-Abteilung": "04"}, "WZ-Abteilung", "is not a WZ 2008 division"),
        ({"WZ-Abteilung": "2x"}, "WZ-Abteilung", "is not a WZ 2008 division"),
        ({"WZ-Abteilung": "47"}, "WZ-Abteilung", "Division 47 belongs to section G"),
        ({"Beschäftigte": "300"}, "Größenklasse", "300 employees do not fit size class 10-49"),
        ({"Größenklasse": "riesig"}, "Größenklasse", "Unknown size class"),
        ({"Beschäftigte": "viele"}, "Beschäftigte", "whole number"),
        ({"E-Mail": "erika(at)example.org"}, "E-Mail", "not a valid e-mail address"),
        ({"PLZ": "7163A"}, "PLZ", "not a German postal code"),
        ({"PLZ": "716341"}, "PLZ", "not a German postal code"),
        ({"Typ": "Verein"}, "Typ", "Unknown type “Verein”"),
        ({"Name": ""}, "Name", "name of the organisation is missing"),
        ({"Name": "x" * 201}, "Name", "at most 200 characters"),
        ({"Website": "keine adresse"}, "Website", "not a valid web address"),
        ({"Ansprechperson": ""}, "Ansprechperson", "name of the contact person is missing"),
        ({"Einwilligung": "vielleicht"}, "Einwilligung", "“ja” or “nein”"),
        ({"Einwilligung": "ja", "Einwilligung am": "01.03.2026"}, "Einwilligung wofür", "what the person agreed to"),
        ({"Einwilligung": "ja", "Einwilligung wofür": "Workshops"}, "Einwilligung am", "when the person gave consent"),
        ({"Einwilligung am": "morgen"}, "Einwilligung am", "is not a date"),
        ({"Einwilligung wie": "Brieftaube"}, "Einwilligung wie", "Unknown way of consent"),
    ],
)
def test_each_invalid_value_is_reported_with_row_number_and_column(process, stuttgart, cells, column, message):
    rows = [row(**{"Externe ID": "1", "Name": "Erste GmbH"}), row(**cells)]

    preview = organisation_import_preview(process=process, rows=rows)

    assert preview.rows[0].status == RowStatus.NEW
    assert preview.rows[1].status == RowStatus.ERROR
    issues = [issue for issue in preview.issues if issue.column == column]
    assert issues, preview.issues
    assert issues[0].row == 3
    assert message in issues[0].message
    assert str(issues[0]).startswith(f"Row 3, column “{column}”: ")


def test_a_duplicate_external_id_in_the_file_is_reported_on_the_later_row(process):
    preview = organisation_import_preview(
        process=process, rows=[row(), row(Name="Andere GmbH", **{"E-Mail": "b@example.org"})]
    )

    assert [r.status for r in preview.rows] == [RowStatus.NEW, RowStatus.ERROR]
    (issue,) = preview.issues
    assert (issue.row, issue.column) == (3, "Externe ID")
    assert "row 2" in issue.message


def test_the_same_name_and_municipality_without_external_id_is_a_duplicate(process):
    rows = [
        row(**{"Externe ID": ""}),
        row(**{"Externe ID": "", "Name": "MUSTER GMBH", "E-Mail": "b@example.org"}),
        row(**{"Externe ID": "", "Name": "Muster GmbH", "Gemeindeschlüssel": "08118003", "E-Mail": "c@example.org"}),
    ]

    preview = organisation_import_preview(process=process, rows=rows)

    assert [r.status for r in preview.rows] == [RowStatus.NEW, RowStatus.ERROR, RowStatus.NEW]
    (issue,) = preview.issues
    assert (issue.row, issue.column) == (3, "Name")
    assert "same name and municipality as in row 2" in issue.message


def test_a_row_without_external_id_duplicates_a_later_row_with_one(process):
    rows = [row(**{"Externe ID": ""}), row(**{"E-Mail": "b@example.org"})]

    preview = organisation_import_preview(process=process, rows=rows)

    assert preview.rows[0].status == RowStatus.ERROR
    assert "row 3" in preview.rows[0].issues[0].message


def test_a_file_with_one_bad_row_saves_nothing(process, users):
    rows = [
        row(**{"Externe ID": "1", "Name": "Erste GmbH", "E-Mail": "a@example.org"}),
        row(**{"Externe ID": "2", "Name": "Zweite GmbH", "E-Mail": "b@example.org"}),
        row(**{"Externe ID": "3", "Name": "Dritte GmbH", "E-Mail": "c@example.org", "WZ-Abschnitt": "Z"}),
    ]

    with pytest.raises(ImportRejectedError) as rejected:
        organisation_import_apply(process=process, rows=rows, actor=users["admin"])

    assert [issue.row for issue in rejected.value.preview.issues] == [4]
    assert not Organisation.objects.exists()
    assert not ContactPerson.objects.exists()
    assert not AuditEntry.objects.exists()


def test_reimporting_the_same_list_changes_nothing(process, users):
    rows = [row(), row(**{"Externe ID": "200", "Name": "Beispiel AG", "E-Mail": "b@example.org"})]
    organisation_import_apply(process=process, rows=rows, actor=users["admin"])

    preview = organisation_import_preview(process=process, rows=rows)
    result = organisation_import_apply(process=process, rows=rows, actor=users["admin"])

    assert [r.status for r in preview.rows] == [RowStatus.UNCHANGED, RowStatus.UNCHANGED]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Organisation.objects.count() == 2
    assert ContactPerson.objects.count() == 2


def test_reimport_updates_the_organisation_found_by_external_id(process, users):
    organisation_import_apply(process=process, rows=[row()], actor=users["admin"])

    changed = row(Name="Muster GmbH & Co. KG", Beschäftigte="60", Größenklasse="")
    preview = organisation_import_preview(process=process, rows=[changed])
    result = organisation_import_apply(process=process, rows=[changed], actor=users["admin"])

    assert preview.rows[0].status == RowStatus.UPDATED
    assert set(preview.rows[0].changed_columns) == {"Name", "Beschäftigte", "Größenklasse"}
    assert result.updated == 1
    organisation = Organisation.objects.get()
    assert organisation.name == "Muster GmbH & Co. KG"
    assert (organisation.employee_count, organisation.size_class) == (60, "50-249")
    entry = AuditEntry.objects.get(action="organisation.import_update")
    assert entry.changes["employee_count"] == ["25", "60"]


def test_reimport_without_external_id_finds_the_organisation_by_name_and_municipality(process, users):
    Organisation.objects.create(
        process=process, name="Muster GmbH", type=OrganisationType.COMPANY, municipality_id=Region.objects.get(
            code="08118048").pk, website="https://muster.example.org",
    )  # fmt: skip

    rows = [row(**{"Externe ID": "", "Name": "muster gmbh", "Beschäftigte": "30"})]
    result = organisation_import_apply(process=process, rows=rows, actor=users["admin"])

    assert (result.created, result.updated) == (0, 1)
    organisation = Organisation.objects.get()
    assert organisation.employee_count == 30
    assert organisation.website == "https://muster.example.org"  # an empty cell keeps the value


def test_an_external_id_is_given_to_the_organisation_found_by_name(process, users):
    Organisation.objects.create(process=process, name="Muster GmbH", type=OrganisationType.COMPANY,
                                municipality=Region.objects.get(code="08118048"))  # fmt: skip

    organisation_import_apply(process=process, rows=[row()], actor=users["admin"])

    assert Organisation.objects.get().external_id == "100"


def test_two_existing_organisations_with_the_same_name_make_the_row_ambiguous(process):
    ludwigsburg = Region.objects.get(code="08118048")
    for _ in range(2):
        Organisation.objects.create(process=process, name="Muster GmbH", type="company", municipality=ludwigsburg)

    preview = organisation_import_preview(process=process, rows=[row(**{"Externe ID": ""})])

    assert preview.rows[0].status == RowStatus.ERROR
    assert "Give the external ID" in preview.issues[0].message


def test_the_database_is_checked_again_when_the_import_is_confirmed(process, users):
    rows = [row(**{"Externe ID": ""})]
    assert not organisation_import_preview(process=process, rows=rows).has_errors
    ludwigsburg = Region.objects.get(code="08118048")
    for _ in range(2):
        Organisation.objects.create(process=process, name="Muster GmbH", type="company", municipality=ludwigsburg)

    with pytest.raises(ImportRejectedError):
        organisation_import_apply(process=process, rows=rows, actor=users["admin"])

    assert Organisation.objects.count() == 2


def test_the_contact_is_found_by_email_and_updated_not_duplicated(process, users):
    organisation_import_apply(process=process, rows=[row()], actor=users["admin"])

    rows = [row(**{"E-Mail": "ERIKA@example.org", "Funktion": "Geschäftsführerin", "Telefon": "07141 1"})]
    preview = organisation_import_preview(process=process, rows=rows)
    result = organisation_import_apply(process=process, rows=rows, actor=users["admin"])

    assert preview.rows[0].status == RowStatus.UPDATED
    assert (result.contacts_created, result.contacts_updated) == (0, 1)
    contact = ContactPerson.objects.get()
    assert (contact.role, contact.phone) == ("Geschäftsführerin", "07141 1")


def test_a_contact_with_another_email_is_added_to_the_organisation(process, users):
    organisation_import_apply(process=process, rows=[row()], actor=users["admin"])

    rows = [row(Ansprechperson="Max Muster", **{"E-Mail": "max@example.org"})]
    result = organisation_import_apply(process=process, rows=rows, actor=users["admin"])

    assert (result.updated, result.contacts_created) == (1, 1)
    assert Organisation.objects.get().contacts.count() == 2


def test_consent_from_the_list_is_recorded_with_what_when_and_how(process, users):
    rows = [row(Einwilligung="ja", **{"Einwilligung wofür": "Befragung", "Einwilligung am": "01.03.2026 14:30"})]

    organisation_import_apply(process=process, rows=rows, actor=users["admin"])

    contact = ContactPerson.objects.get()
    assert contact.consent_to_contact
    assert contact.consent_scope == "Befragung"
    assert timezone.localtime(contact.consent_given_at).replace(tzinfo=None) == dt.datetime(2026, 3, 1, 14, 30)
    assert contact.consent_method == ConsentMethod.IMPORT
    assert contact.may_be_contacted


def test_nein_withdraws_recorded_consent_and_an_old_list_does_not_restore_it(process, users):
    consenting = row(Einwilligung="ja", **{"Einwilligung wofür": "Befragung", "Einwilligung am": "01.03.2026"})
    organisation_import_apply(process=process, rows=[consenting], actor=users["admin"])

    organisation_import_apply(process=process, rows=[row(Einwilligung="nein")], actor=users["admin"])
    contact = ContactPerson.objects.get()
    assert not contact.consent_to_contact
    assert contact.opted_out_at is not None

    preview = organisation_import_preview(process=process, rows=[consenting])
    organisation_import_apply(process=process, rows=[consenting], actor=users["admin"])
    contact.refresh_from_db()
    assert not contact.consent_to_contact
    assert "withdrew consent" in preview.rows[0].notes[0]


def test_values_are_normalised_as_spreadsheets_garble_them(process, users):
    rows = [
        row(
            PLZ="1067",
            Gemeindeschlüssel="8118048",
            Website="www.muster.example.org",
            Typ="unternehmen",
            Größenklasse="10 – 49",
            Beschäftigte="",
            **{"WZ-Abschnitt": "", "WZ-Abteilung": "28.22.0"},
        ),
        row(**{"Externe ID": "2", "Name": "Gemeinde Asperg", "Typ": "Kommune", "Gemeindeschlüssel": "",
               "Gemeinde": "asperg", "E-Mail": "b@example.org", "Beschäftigte": "1.200", "Größenklasse": "250+"}),
    ]  # fmt: skip

    preview = organisation_import_preview(process=process, rows=rows)
    assert not preview.has_errors, preview.issues
    organisation_import_apply(process=process, rows=rows, actor=users["admin"])

    first = Organisation.objects.get(external_id="100")
    assert (first.postal_code, first.municipality.code, first.website) == (
        "01067",
        "08118048",
        "https://www.muster.example.org",
    )
    assert (first.sector_section, first.sector_division, first.size_class) == ("C", "28", "10-49")
    second = Organisation.objects.get(external_id="2")
    assert (second.type, second.municipality.code, second.employee_count) == ("municipality", "08118003", 1200)


def test_empty_rows_are_skipped_and_unknown_columns_reported(process):
    rows = [
        {**row(), "Notiz": "x"},
        {**dict.fromkeys(row(), ""), "Notiz": ""},
        {**row(**{"Externe ID": "2", "E-Mail": "b@example.org"}), "Notiz": ""},
    ]

    preview = organisation_import_preview(process=process, rows=rows)

    assert [r.number for r in preview.rows] == [2, 4]
    assert preview.ignored_columns == ("Notiz",)
