"""Managing the organisations of a process and their contact persons."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import (
    Board,
    BoardMember,
    ConsentMethod,
    ContactPerson,
    Organisation,
    OrganisationType,
)
from standortkompass.regiondata.models import Region, RegionLevel


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def url(name, process, **kwargs):
    return reverse(f"manage:organisations:{name}", kwargs={"process_pk": process.pk, **kwargs})


@pytest.fixture
def muster(process, regions):
    return Organisation.objects.create(
        process=process,
        name="Muster GmbH",
        type=OrganisationType.COMPANY,
        external_id="4711",
        city="Ludwigsburg",
        municipality=regions["08118048"],
        sector_section="C",
        sector_division="28",
        size_class="10-49",
        employee_count=25,
    )


@pytest.fixture
def contact(muster):
    return ContactPerson.objects.create(
        organisation=muster,
        name="Erika Mustermann",
        role="Geschäftsführerin",
        email="erika@example.org",
        consent_to_contact=True,
        consent_scope="Einladungen zur Befragung",
        consent_given_at=timezone.now() - dt.timedelta(days=30),
        consent_method=ConsentMethod.WRITTEN,
    )


ORGANISATION_DATA = {
    "name": "Beispiel AG",
    "type": "company",
    "external_id": "",
    "street": "Marktplatz 1",
    "postal_code": "71634",
    "city": "Ludwigsburg",
    "municipality": "",
    "website": "www.beispiel.example.org",
    "description": "",
    "sector_section": "G",
    "sector_division": "47",
    "size_class": "",
    "employee_count": "60",
}


# Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("editor", 200), ("board", 403), ("partner", 403), ("company", 403), ("outsider", 404)],
)
@pytest.mark.parametrize(
    "name", ["list", "create", "detail", "edit", "delete", "contact_create", "contact_edit", "contact_delete"]
)
def test_only_administration_and_editors_manage_organisations(client_for, process, contact, role, expected, name):
    kwargs = {}
    if name not in {"list", "create"}:
        kwargs["organisation_pk"] = contact.organisation.pk
    if name in {"contact_edit", "contact_delete"}:
        kwargs["contact_pk"] = contact.pk

    response = client_for(role).get(url(name, process, **kwargs))

    assert response.status_code == expected


def test_anonymous_visitors_are_sent_to_the_login(client, process):
    response = client.get(url("list", process))

    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


@pytest.mark.parametrize("role", ["board", "partner", "company", "outsider"])
def test_refused_roles_cannot_create_change_or_delete(client_for, process, contact, role):
    client = client_for(role)
    muster = contact.organisation

    client.post(url("create", process), ORGANISATION_DATA)
    client.post(url("edit", process, organisation_pk=muster.pk), {**ORGANISATION_DATA, "name": "Gehackt"})
    client.post(url("delete", process, organisation_pk=muster.pk))
    client.post(url("contact_delete", process, organisation_pk=muster.pk, contact_pk=contact.pk))

    assert list(Organisation.objects.values_list("name", flat=True)) == ["Muster GmbH"]
    assert ContactPerson.objects.count() == 1


def test_an_organisation_of_another_process_is_not_found(client_for, process, regions):
    from standortkompass.processes.models import StrategyProcess

    other = StrategyProcess.objects.create(
        slug="anders", title="Anders", region=regions["08118"], short_description="x", agency_name="y"
    )
    foreign = Organisation.objects.create(process=other, name="Fremd GmbH", type="company")

    response = client_for("admin").get(url("detail", process, organisation_pk=foreign.pk))

    assert response.status_code == 404


# List, search, filters, pagination ----------------------------------------------------------


@pytest.fixture
def several(process, regions):
    def make(name, **fields):
        return Organisation.objects.create(process=process, name=name, **fields)

    return [
        make("Kreissparkasse Ludwigsburg", type="sponsor", city="Ludwigsburg", sector_section="K",
             municipality=regions["08118048"], size_class="250+"),
        make("Stadt Asperg", type="municipality", city="Asperg", municipality=regions["08118003"]),
        make("IHK Region Stuttgart", type="chamber", external_id="IHK-1"),
        make("Metallbau Affalterbach", type="company", city="Affalterbach", sector_section="C",
             municipality=regions["08118001"], size_class="10-49"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["IHK Region Stuttgart", "Kreissparkasse Ludwigsburg", "Metallbau Affalterbach", "Stadt Asperg"]),
        ({"suche": "sparkasse"}, ["Kreissparkasse Ludwigsburg"]),
        ({"suche": "asperg"}, ["Stadt Asperg"]),
        ({"suche": "ihk-1"}, ["IHK Region Stuttgart"]),
        ({"typ": "chamber"}, ["IHK Region Stuttgart"]),
        ({"abschnitt": "C"}, ["Metallbau Affalterbach"]),
        ({"groesse": "250+"}, ["Kreissparkasse Ludwigsburg"]),
        ({"gemeinde": "08118003"}, ["Stadt Asperg"]),
        ({"typ": "company", "abschnitt": "K"}, []),
    ],
)
def test_the_list_is_searched_and_filtered(client_for, process, several, query, expected):
    if "gemeinde" in query:
        query = {"gemeinde": Region.objects.get(code=query["gemeinde"]).pk}

    response = client_for("editor").get(url("list", process), query)

    assert [org.name for org in response.context["page"].object_list] == expected


def test_the_municipality_filter_offers_only_the_gemeinden_of_the_region_by_name(client_for, process, regions):
    Region.objects.create(code="08111000", name="Stuttgart", level=RegionLevel.MUNICIPALITY)

    response = client_for("editor").get(url("list", process))

    choices = [label for _value, label in response.context["form"].fields["gemeinde"].choices][1:]
    assert choices == ["Affalterbach", "Asperg, Stadt", "Ludwigsburg, Stadt"]


def test_the_list_is_paginated_by_twenty_with_seite(client_for, process):
    for number in range(25):
        Organisation.objects.create(process=process, name=f"Firma {number:02d}", type="company")
    client = client_for("editor")

    first = client.get(url("list", process), {"typ": "company"})
    second = client.get(url("list", process), {"typ": "company", "seite": 2})

    assert len(first.context["page"].object_list) == 20
    assert [org.name for org in second.context["page"].object_list] == [f"Firma {n}" for n in range(20, 25)]
    assert "typ=company&amp;seite=2" in first.content.decode()


# Detail ----------------------------------------------------------------------------------------


def test_the_detail_page_shows_contacts_and_board_seats(client_for, process, contact):
    board = Board.objects.create(process=process, name="Lenkungskreis", kind="steering_committee")
    BoardMember.objects.create(
        board=board, name="Dr. Erika Beispiel", organisation=contact.organisation, function="Vorsitz"
    )

    response = client_for("editor").get(url("detail", process, organisation_pk=contact.organisation.pk))

    content = response.content.decode()
    assert "Erika Mustermann" in content
    assert "erika@example.org" in content
    assert "Einladungen zur Befragung" in content
    assert "Lenkungskreis: Dr. Erika Beispiel (Vorsitz)" in content
    assert "Ludwigsburg, Stadt" in content


# Create, edit, delete --------------------------------------------------------------------------


def test_an_editor_creates_a_company_and_the_action_is_audited(client_for, process, users, regions):
    data = {**ORGANISATION_DATA, "municipality": regions["08118048"].pk}

    response = client_for("editor").post(url("create", process), data)

    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", process, organisation_pk=organisation.pk)
    assert organisation.website == "https://www.beispiel.example.org"
    assert organisation.size_class == "50-249"  # derived from the employees
    assert organisation.municipality == regions["08118048"]
    entry = AuditEntry.objects.get(action="organisation.create")
    assert entry.actor == users["editor"]
    assert entry.process == process


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"sector_division": "28"}, "sector_division", "Division 28 belongs to section C."),
        ({"sector_division": "04"}, "sector_division", "04 is not a WZ 2008 division."),
        ({"size_class": "0-9"}, "size_class", "60 employees do not fit size class 0-9."),
        ({"postal_code": "7163"}, "postal_code", "A German postal code has five digits."),
        ({"name": ""}, "name", "This field is required."),
        ({"external_id": "4711"}, "external_id", "Another organisation of this process already has this external ID."),
    ],
)
def test_invalid_organisation_data_is_shown_next_to_the_field(client_for, process, muster, changes, field, message):
    response = client_for("editor").post(url("create", process), {**ORGANISATION_DATA, **changes})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert f'id="id_{field}-error"' in response.content.decode()
    assert Organisation.objects.count() == 1


def test_a_municipality_outside_the_region_cannot_be_chosen(client_for, process):
    stuttgart = Region.objects.create(code="08111000", name="Stuttgart", level=RegionLevel.MUNICIPALITY)

    response = client_for("editor").post(url("create", process), {**ORGANISATION_DATA, "municipality": stuttgart.pk})

    assert "municipality" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_editing_records_the_changes_in_the_audit_log(client_for, process, muster):
    data = {**ORGANISATION_DATA, "name": "Muster GmbH & Co. KG", "external_id": "4711", "sector_section": "C",
            "sector_division": "28", "employee_count": "25", "municipality": muster.municipality.pk}  # fmt: skip

    response = client_for("admin").post(url("edit", process, organisation_pk=muster.pk), data)

    assert response.status_code == 302
    muster.refresh_from_db()
    assert muster.name == "Muster GmbH & Co. KG"
    entry = AuditEntry.objects.get(action="organisation.update")
    assert entry.changes["name"] == ["Muster GmbH", "Muster GmbH & Co. KG"]
    assert "employee_count" not in entry.changes


def test_deleting_asks_for_confirmation_and_removes_the_contacts(client_for, process, contact):
    client = client_for("editor")
    organisation = contact.organisation

    page = client.get(url("delete", process, organisation_pk=organisation.pk))
    response = client.post(url("delete", process, organisation_pk=organisation.pk))

    assert "Its 1 contact person is deleted as well." in page.content.decode()
    assert response.status_code == 302
    assert not Organisation.objects.exists()
    assert not ContactPerson.objects.exists()
    assert AuditEntry.objects.get(action="organisation.delete").changes == {"contacts": 1}


def test_an_organisation_with_a_board_seat_is_not_deleted(client_for, process, muster):
    board = Board.objects.create(process=process, name="Sounding Board", kind="sounding_board")
    BoardMember.objects.create(board=board, name="Dr. Erika Beispiel", organisation=muster)
    client = client_for("editor")

    page = client.get(url("delete", process, organisation_pk=muster.pk))
    response = client.post(url("delete", process, organisation_pk=muster.pk))

    assert "This organisation cannot be deleted." in page.content.decode()
    assert "<form" not in page.content.decode().split("cannot be deleted")[1].split("</main>")[0]
    assert response.status_code == 409
    assert "holds seats in these boards: Sounding Board" in response.content.decode()
    assert Organisation.objects.filter(pk=muster.pk).exists()
    assert not AuditEntry.objects.filter(action="organisation.delete").exists()


# Contact persons -------------------------------------------------------------------------------

CONTACT_DATA = {
    "name": "Max Beispiel",
    "role": "Personalleiter",
    "email": "max@example.org",
    "phone": "07141 12345",
    "consent_scope": "",
    "consent_given_at": "",
    "consent_method": "",
}


def test_a_contact_person_is_added_with_recorded_consent(client_for, process, muster):
    data = {**CONTACT_DATA, "consent_to_contact": "on", "consent_scope": "Workshops",
            "consent_given_at": "2026-03-01T14:30", "consent_method": "email"}  # fmt: skip

    response = client_for("editor").post(url("contact_create", process, organisation_pk=muster.pk), data)

    assert response.status_code == 302
    contact = ContactPerson.objects.get()
    assert contact.organisation == muster
    assert contact.may_be_contacted
    assert timezone.localtime(contact.consent_given_at).replace(tzinfo=None) == dt.datetime(2026, 3, 1, 14, 30)
    assert AuditEntry.objects.get(action="contact.create").changes["fields"]


def test_consent_without_what_when_and_how_is_refused_next_to_each_field(client_for, process, muster):
    data = {**CONTACT_DATA, "consent_to_contact": "on"}

    response = client_for("editor").post(url("contact_create", process, organisation_pk=muster.pk), data)

    errors = response.context["form"].errors
    assert errors["consent_scope"] == ["Record what the person agreed to."]
    assert errors["consent_given_at"] == ["Record when the person gave consent."]
    assert errors["consent_method"] == ["Record how the person gave consent."]
    content = response.content.decode()
    assert 'id="id_consent_scope-error"' in content
    assert not ContactPerson.objects.exists()


def test_the_same_email_twice_in_one_organisation_is_refused(client_for, process, contact):
    data = {**CONTACT_DATA, "email": "ERIKA@example.org"}

    response = client_for("editor").post(url("contact_create", process, organisation_pk=contact.organisation.pk), data)

    assert response.context["form"].errors["email"] == [
        "This organisation already has a contact person with this e-mail address."
    ]


def test_removing_the_consent_records_the_opt_out(client_for, process, contact):
    data = {**CONTACT_DATA, "name": contact.name, "email": contact.email, "consent_scope": contact.consent_scope,
            "consent_method": contact.consent_method}  # fmt: skip
    edit_url = url("contact_edit", process, organisation_pk=contact.organisation.pk, contact_pk=contact.pk)

    response = client_for("editor").post(edit_url, data)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert not contact.consent_to_contact
    assert contact.opted_out_at is not None
    assert not contact.may_be_contacted
    assert "opted_out_at" in AuditEntry.objects.get(action="contact.update").changes["fields"]
    page = client_for("editor").get(url("detail", process, organisation_pk=contact.organisation.pk))
    assert "Withdrawn on" in page.content.decode()


def test_a_contact_person_is_deleted_after_confirmation(client_for, process, contact):
    delete_url = url("contact_delete", process, organisation_pk=contact.organisation.pk, contact_pk=contact.pk)
    client = client_for("editor")

    assert client.get(delete_url).status_code == 200
    response = client.post(delete_url)

    assert response.status_code == 302
    assert not ContactPerson.objects.exists()
    assert AuditEntry.objects.filter(action="contact.delete").exists()


def test_a_contact_of_another_organisation_is_not_found(client_for, process, contact):
    other = Organisation.objects.create(process=process, name="Andere", type="company")

    response = client_for("editor").get(url("contact_edit", process, organisation_pk=other.pk, contact_pk=contact.pk))

    assert response.status_code == 404
