"""The fact sheet (Projektsteckbrief) of a project and its milestones, edited in the management area."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.processes.models import ContactPerson, Organisation, OrganisationType
from standortkompass.regiondata.models import Region, RegionLevel
from standortkompass.strategy.models import Milestone, ProjectSheet
from standortkompass.strategy.services.elements import milestone_create


def url(name: str, process, **kwargs) -> str:
    return reverse(f"strategy_manage:{name}", kwargs={"process_pk": process.pk, **kwargs})


@pytest.fixture
def editor(client_for):
    return client_for("editor")


@pytest.fixture
def actors(process):
    chamber = Organisation.objects.create(process=process, name="IHK Region", type=OrganisationType.CHAMBER)
    town = Organisation.objects.create(process=process, name="Stadt Asperg", type=OrganisationType.MUNICIPALITY)
    contact = ContactPerson.objects.create(organisation=chamber, name="Kim Muster", email="kim@example.org")
    return {"chamber": chamber, "town": town, "contact": contact}


def sheet_data(**changes):
    data = {
        "goal": "Junge Menschen für die Ausbildung gewinnen.",
        "status": "planning",
        "progress": "40",
        "other_partners": "Agentur für Arbeit",
        "target_groups": "Schülerinnen und Schüler",
        "start_date": "2027-03-01",
        "end_date": "2028-12-31",
        "budget": "250.000,50",
        "funding_source": "efre",
        "funding_note": "EFRE 60 %",
        "risks": "Zu wenige Betriebe.",
    }
    data.update(changes)
    return data


def test_the_fact_sheet_is_saved_with_every_field_and_a_german_budget(small_strategy, process, editor, actors, regions):
    project = small_strategy.projects[0]
    data = sheet_data(
        lead_organisation=actors["chamber"].pk,
        partners=[actors["town"].pk],
        municipalities=[regions["08118003"].pk, regions["08118048"].pk],
        contact=actors["contact"].pk,
    )
    response = editor.post(url("sheet_edit", process, element_pk=project.pk), data)
    assert response.status_code == 302
    sheet = ProjectSheet.objects.get(element=project)
    assert sheet.budget == Decimal("250000.50")
    assert sheet.progress == 40
    assert sheet.status == "planning"
    assert sheet.lead_organisation == actors["chamber"]
    assert list(sheet.partners.all()) == [actors["town"]]
    assert sorted(sheet.municipalities.values_list("code", flat=True)) == ["08118003", "08118048"]
    assert sheet.contact == actors["contact"]
    assert (sheet.start_date, sheet.end_date) == (dt.date(2027, 3, 1), dt.date(2028, 12, 31))
    page = editor.get(url("element", process, element_pk=project.pk)).content.decode()
    assert "250.000,50\u00a0€" in page
    assert "Kim Muster" in page


def test_the_form_shows_the_budget_as_typed_the_german_way(small_strategy, process, editor):
    project = small_strategy.projects[0]
    ProjectSheet.objects.filter(element=project).update(budget=Decimal("12500.5"))
    form = editor.get(url("sheet_edit", process, element_pk=project.pk)).content.decode()
    assert 'value="12.500,50"' in form


@pytest.mark.parametrize("budget", ["250000", "250.000", "250000,00", "250.000,00 €"])
def test_a_budget_is_understood_in_the_usual_german_spellings(small_strategy, process, editor, budget):
    project = small_strategy.projects[0]
    editor.post(url("sheet_edit", process, element_pk=project.pk), sheet_data(budget=budget))
    assert ProjectSheet.objects.get(element=project).budget == Decimal("250000")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"budget": "viel Geld"}, "budget", "Enter the budget in euros as a number, e.g. 250.000 or 12.500,50."),
        ({"budget": "-5"}, "budget", "The budget cannot be negative."),
        ({"budget": "1,234"}, "budget", "Enter the budget in euros as a number, e.g. 250.000 or 12.500,50."),
        ({"progress": "120"}, "progress", "Enter the progress as a whole number from 0 to 100."),
        ({"progress": "halb"}, "progress", "Enter the progress as a whole number from 0 to 100."),
        ({"start_date": "morgen"}, "start_date", "Enter the start as a date, e.g. 2027-03-01."),
        ({"end_date": "2026-01-01"}, "end_date", "The end lies before the start."),
    ],
)
def test_bad_input_in_the_fact_sheet_gets_a_message_at_the_field_and_nothing_is_saved(
    small_strategy, process, editor, changes, field, message
):
    project = small_strategy.projects[0]
    response = editor.post(url("sheet_edit", process, element_pk=project.pk), sheet_data(**changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [_(message)]
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html
    assert f"{form.fields[field].label}: {_(message)}" in html  # the error summary names the field
    sheet = ProjectSheet.objects.get(element=project)
    assert sheet.goal == ""
    assert sheet.budget is None


def test_only_the_municipalities_of_the_district_and_the_process_actors_are_offered(
    small_strategy, process, editor, actors, regions
):
    elsewhere = Region.objects.create(
        code="08115001", name="Aidlingen", level=RegionLevel.MUNICIPALITY, parent=regions["081"]
    )
    other_process_org = Organisation.objects.create(
        process=type(process).objects.create(slug="anders", title="Anders", region=regions["08118"]),
        name="Fremde GmbH",
        type=OrganisationType.COMPANY,
    )
    project = small_strategy.projects[0]
    form = editor.get(url("sheet_edit", process, element_pk=project.pk)).content.decode()
    assert "Affalterbach" in form
    assert "Aidlingen" not in form
    assert "IHK Region" in form
    assert "Fremde GmbH" not in form
    editor.post(
        url("sheet_edit", process, element_pk=project.pk),
        sheet_data(municipalities=[elsewhere.pk], lead_organisation=other_process_org.pk),
    )
    sheet = ProjectSheet.objects.get(element=project)
    assert sheet.lead_organisation is None
    assert not sheet.municipalities.exists()


def test_only_a_project_has_a_fact_sheet_page(small_strategy, process, editor):
    assert editor.get(url("sheet_edit", process, element_pk=small_strategy.measures[0].pk)).status_code == 404


def test_milestones_are_added_changed_and_deleted(small_strategy, process, editor, users):
    project = small_strategy.projects[0]
    editor.post(url("milestone_create", process, element_pk=project.pk), {"title": "Auftakt", "due_date": "2027-04-01"})
    milestone = Milestone.objects.get(title="Auftakt")
    assert milestone.project.element == project
    editor.post(
        url("milestone_edit", process, element_pk=project.pk, milestone_pk=milestone.pk),
        {"title": "Auftakt mit Betrieben", "due_date": "2027-04-01", "reached_on": "2027-04-03"},
    )
    milestone.refresh_from_db()
    assert (milestone.title, milestone.reached_on) == ("Auftakt mit Betrieben", dt.date(2027, 4, 3))
    page = editor.get(url("element", process, element_pk=project.pk)).content.decode()
    assert "Auftakt mit Betrieben" in page
    editor.post(url("milestone_delete", process, element_pk=project.pk, milestone_pk=milestone.pk))
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_milestone_of_another_project_is_not_found_through_this_one(small_strategy, process, editor, users):
    first, second = small_strategy.projects
    milestone = milestone_create(sheet=second.sheet, actor=users["editor"], data={"title": "Kataster online"})
    response = editor.get(url("milestone_edit", process, element_pk=first.pk, milestone_pk=milestone.pk))
    assert response.status_code == 404


def test_a_milestone_needs_a_title_and_a_real_date(small_strategy, process, editor):
    project = small_strategy.projects[0]
    response = editor.post(url("milestone_create", process, element_pk=project.pk), {"title": "", "due_date": "bald"})
    assert set(response.context["form"].errors) == {"title", "due_date"}
    assert response.context["form"].errors["due_date"] == [_("Enter the due date as a date, e.g. 2027-06-30.")]
    assert not Milestone.objects.exists()
