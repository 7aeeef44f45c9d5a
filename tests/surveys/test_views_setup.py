"""The management pages of questionnaires and surveys, used as Redaktion, Administration and a board member would."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.forms.setup import ANONYMITY_EXPLANATIONS
from standortkompass.surveys.lss import parse_lss
from standortkompass.surveys.models import (
    Anonymity,
    ContactRequest,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ResponseStatus,
    SourceFormat,
    Survey,
    SurveyStatus,
    VersionStatus,
)
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create
from standortkompass.surveys.tokens import response_access_hash
from standortkompass.surveys.xlsform import XLSFormError, parse_xlsform
from surveys.forms import CHOICES, SURVEY, csv_form, xlsx

LSS = Path(__file__).parent / "fixtures" / "limesurvey6.lss"
BERLIN = ZoneInfo("Europe/Berlin")


def url(name: str, process: StrategyProcess, *args: int) -> str:
    return reverse(f"surveys_manage:{name}", args=[process.pk, *args])


def upload(name: str, data: bytes) -> dict[str, SimpleUploadedFile]:
    return {"file": SimpleUploadedFile(name, data)}


def table_rows(html: str) -> list[tuple[str, ...]]:
    """The cell texts of every row in the first table body of a page."""
    body = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return [
        tuple(cell.strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S))
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def imported(process: StrategyProcess, *, publish: bool = False) -> QuestionnaireVersion:
    version = questionnaire_import(process=process, data=xlsx(), filename="befragung.xlsx")
    if publish:
        version = questionnaire_publish(version=version, actor=None)
    return version


@pytest.fixture
def other_process(process: StrategyProcess) -> StrategyProcess:
    return StrategyProcess.objects.create(
        slug="anderer-prozess", title="Anderer Prozess", region=process.region, short_description="Anders."
    )


# Upload --------------------------------------------------------------------------------------


def test_uploading_a_valid_xlsform_creates_the_questionnaire_with_a_draft_version(process, client_for):
    client = client_for("editor")
    answer = client.post(url("questionnaire_upload", process), upload("befragung.xlsx", xlsx()))
    questionnaire = Questionnaire.objects.get(process=process)
    assert questionnaire.title == "Testbefragung"
    [version] = questionnaire.versions.all()
    assert (version.number, version.status, version.source_file_name) == (1, VersionStatus.DRAFT, "befragung.xlsx")
    assert answer.status_code == 302
    assert answer["Location"] == url("questionnaire", process, questionnaire.pk) + "?version=1"
    page = client.get(answer["Location"])
    assert page.status_code == 200
    # The preview shows the German labels, the logic as code and the choices.
    assert "Firmenname" in page.content.decode()
    assert "selected(${branche}, &#x27;other&#x27;)" in page.content.decode()
    assert "Industrie" in page.content.decode()
    assert AuditEntry.objects.filter(process=process, action="questionnaire.import").count() == 1


def test_a_csv_xlsform_is_accepted_too(process, client_for):
    client_for("admin").post(url("questionnaire_upload", process), upload("befragung.csv", csv_form()))
    assert Questionnaire.objects.filter(process=process, title="Testbefragung").exists()


def test_a_malformed_xlsform_lists_every_error_and_saves_nothing(process, client_for):
    survey = [row[:] for row in SURVEY]
    survey[3][0] = "textfeld"  # unknown type, row 4
    survey[4][1] = "firma"  # duplicate name, row 5
    survey[13][7] = "selected(${beschaeftigte}, 'x'"  # unbalanced bracket, row 14
    choices = [row[:] for row in CHOICES]
    choices[2][1] = "industrie"  # duplicate choice name, row 3
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(xlsx(survey, choices), "kaputt.xlsx")
    expected = refused.value.errors
    assert len(expected) >= 4

    answer = client_for("editor").post(
        url("questionnaire_upload", process), upload("kaputt.xlsx", xlsx(survey, choices))
    )
    assert answer.status_code == 422
    assert not Questionnaire.objects.exists()
    assert not QuestionnaireVersion.objects.exists()
    assert answer.context["file_errors"] == expected
    shown = table_rows(answer.content.decode())
    assert len(shown) == len(expected)
    assert {
        ("survey", "4", "type"),
        ("survey", "5", "name"),
        ("survey", "14", "relevant"),
        ("choices", "3", "name"),
    } <= {row[:3] for row in shown}
    assert all(row[3] for row in shown)


def test_a_limesurvey_file_is_imported_after_confirming_what_was_not_mapped(process, client_for):
    client = client_for("editor")
    report = client.post(url("questionnaire_upload", process), upload("umfrage.lss", LSS.read_bytes()))
    assert report.status_code == 200
    assert report.context["file_warnings"] == parse_lss(LSS.read_bytes()).not_mapped
    assert not QuestionnaireVersion.objects.exists()
    answer = client.post(url("questionnaire_upload", process), {"bestaetigen": "1"}, follow=True)
    version = QuestionnaireVersion.objects.get(questionnaire__process=process)
    assert version.source_format == SourceFormat.LSS
    assert version.import_notes
    html = answer.content.decode()
    assert version.import_notes == parse_lss(LSS.read_bytes()).not_mapped
    for note in version.import_notes:
        assert escape(note) in html


@pytest.mark.parametrize(
    ("name", "size", "fragment"),
    [("fragebogen.pdf", 100, "fragebogen.pdf"), ("gross.xlsx", 5 * 1024 * 1024 + 1, "5 MB")],
)
def test_a_wrong_file_type_or_an_oversized_file_is_refused_next_to_the_field(process, client_for, name, size, fragment):
    answer = client_for("editor").post(url("questionnaire_upload", process), upload(name, b"x" * size))
    assert answer.status_code == 200
    errors = answer.context["form"].errors["file"]
    assert len(errors) == 1
    assert fragment in errors[0]
    assert 'id="id_file-error"' in answer.content.decode()
    assert not Questionnaire.objects.exists()


def test_the_default_questionnaire_is_taken_over_by_post_only(process, client_for):
    client = client_for("editor")
    assert client.get(url("questionnaire_default", process)).status_code == 405
    answer = client.post(url("questionnaire_default", process))
    questionnaire = Questionnaire.objects.get(process=process)
    assert questionnaire.title == "Unternehmensbefragung Zukunftsstrategie"
    assert questionnaire.versions.get().source_file_name == "unternehmensbefragung_zukunftsstrategie.xlsx"
    assert answer["Location"].startswith(url("questionnaire", process, questionnaire.pk))


# Versions ------------------------------------------------------------------------------------


def test_publishing_needs_the_confirmation_and_freezes_the_version(process, client_for):
    version = imported(process)
    client = client_for("editor")
    publish_url = url("questionnaire_publish", process, version.questionnaire.pk, version.pk)
    assert client.get(publish_url).status_code == 405
    unconfirmed = client.post(publish_url, follow=True)
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert [str(message) for message in unconfirmed.context["messages"]] == [
        gettext("Please confirm that you have checked the questionnaire before you publish the version.")
    ]
    client.post(publish_url, {"bestaetigt": "1"}, follow=True)
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert version.published_at is not None
    # Publishing again is refused by the service, with its message.
    answer = client.post(publish_url, {"bestaetigt": "1"}, follow=True)
    frozen = gettext(
        "Version %(number)d of “%(title)s” is published and cannot be changed; create a new draft version."
    ) % {"number": 1, "title": "Testbefragung"}
    assert [str(message) for message in answer.context["messages"]] == [frozen]


def test_uploading_to_a_published_questionnaire_makes_a_new_draft_version(process, client_for):
    published = imported(process, publish=True)
    survey = [row[:] for row in SURVEY]
    survey[2][2] = "Name des Unternehmens"
    client = client_for("editor")
    version_url = url("questionnaire_version_upload", process, published.questionnaire.pk)
    assert client.get(version_url).status_code == 200
    client.post(version_url, upload("neu.xlsx", xlsx(survey)))
    versions = list(published.questionnaire.versions.order_by("number"))
    assert [(v.number, v.status) for v in versions] == [(1, VersionStatus.PUBLISHED), (2, VersionStatus.DRAFT)]
    assert versions[0].schema == published.schema
    assert versions[1].schema["pages"][0]["questions"][0]["label"]["Deutsch (de)"] == "Name des Unternehmens"
    assert versions[1].source_file_name == "neu.xlsx"
    # A second upload replaces the draft instead of adding a third version.
    client.post(version_url, upload("noch-neuer.xlsx", xlsx()))
    assert published.questionnaire.versions.count() == 2
    assert published.questionnaire.versions.get(number=2).source_file_name == "noch-neuer.xlsx"


def test_a_malformed_new_version_leaves_the_questionnaire_as_it_was(process, client_for):
    published = imported(process, publish=True)
    survey = [row[:] for row in SURVEY]
    survey[3][0] = "textfeld"
    answer = client_for("editor").post(
        url("questionnaire_version_upload", process, published.questionnaire.pk), upload("kaputt.xlsx", xlsx(survey))
    )
    assert answer.status_code == 422
    assert published.questionnaire.versions.count() == 1


def test_the_xlsform_download_is_an_attachment_that_parses_to_the_same_schema(process, client_for):
    version = imported(process)
    answer = client_for("editor").get(url("questionnaire_xlsform", process, version.questionnaire.pk, version.pk))
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="testbefragung-v1.xlsx"'
    assert parse_xlsform(answer.content, "download.xlsx") == version.schema


def test_an_older_version_can_be_shown(process, client_for):
    published = imported(process, publish=True)
    survey = [row[:] for row in SURVEY]
    survey[2][2] = "Name des Unternehmens"
    client = client_for("editor")
    client.post(
        url("questionnaire_version_upload", process, published.questionnaire.pk), upload("n.xlsx", xlsx(survey))
    )
    page_url = url("questionnaire", process, published.questionnaire.pk)
    assert client.get(page_url).context["selected"].number == 2
    older = client.get(page_url + "?version=1")
    assert older.context["selected"].number == 1
    assert "Name des Unternehmens" not in older.content.decode()


# Surveys -------------------------------------------------------------------------------------


def survey_data(questionnaire: Questionnaire, **changes: str) -> dict[str, str]:
    data = {
        "questionnaire": str(questionnaire.pk),
        "title": "Unternehmensbefragung 2026",
        "slug": "",
        "anonymity": "anonym",
        "open_access": "on",
        "opens_at": "2026-10-01T08:00",
        "closes_at": "2026-11-15T18:00",
        "introduction": "Willkommen.",
        "privacy_notice": "Datenschutz.",
        "contact": "Frau Muster.",
        "suppression_threshold": "5",
        "sector_question": "branche",
        "size_question": "",
        "municipality_question": "",
    }
    data.update(changes)
    return data


def test_a_survey_is_created_with_the_values_of_the_form(process, client_for):
    version = imported(process)
    client = client_for("editor")
    form_page = client.get(url("survey_create", process))
    assert form_page.status_code == 200
    # The profile questions offered are the single-choice questions of the questionnaire.
    assert [value for value, _label in form_page.context["form"].fields["size_question"].choices[1][1]] == [
        "branche",
        "groesse",
        "ort",
        "kanal",
        "z_breitband",
        "z_verkehr",
    ]
    answer = client.post(url("survey_create", process), survey_data(version.questionnaire))
    survey = Survey.objects.get(process=process)
    assert answer["Location"] == url("survey", process, survey.pk)
    assert survey.title == "Unternehmensbefragung 2026"
    assert survey.slug == "unternehmensbefragung-2026"
    assert survey.opens_at == dt.datetime(2026, 10, 1, 8, 0, tzinfo=BERLIN)
    assert survey.closes_at == dt.datetime(2026, 11, 15, 18, 0, tzinfo=BERLIN)
    assert survey.sector_question == "branche"
    # Left empty: the service picks the question by its usual name.
    assert survey.size_question == "groesse"
    assert survey.status == SurveyStatus.DRAFT


def test_form_errors_are_shown_next_to_their_field(process, client_for):
    version = imported(process)
    answer = client_for("editor").post(
        url("survey_create", process),
        survey_data(version.questionnaire, closes_at="2026-09-01T08:00", sector_question="firma"),
    )
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert set(errors) == {"closes_at", "sector_question"}
    assert 'id="id_closes_at-error"' in answer.content.decode()
    assert not Survey.objects.exists()


def test_a_questionnaire_of_another_process_cannot_be_chosen(process, other_process, client_for):
    foreign = imported(other_process)
    imported(process)
    answer = client_for("editor").post(url("survey_create", process), survey_data(foreign.questionnaire))
    assert "questionnaire" in answer.context["form"].errors
    assert not Survey.objects.exists()


def test_a_survey_is_edited(process, client_for, users):
    version = imported(process)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None, title="Alt")
    client = client_for("admin")
    assert client.get(url("survey_edit", process, survey.pk)).status_code == 200
    data = survey_data(version.questionnaire, title="Neu", slug=survey.slug, anonymity="pseudonym", opens_at="")
    del data["questionnaire"]
    answer = client.post(url("survey_edit", process, survey.pk), data)
    assert answer.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.anonymity, survey.opens_at, survey.size_question) == ("Neu", "pseudonym", None, "")
    entry = AuditEntry.objects.get(process=process, action="survey.update")
    assert entry.actor_email == users["admin"].email


def test_opening_without_a_published_version_shows_the_services_message(process, client_for):
    version = imported(process)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None)
    client = client_for("editor")
    assert client.get(url("survey_open", process, survey.pk)).status_code == 405
    answer = client.post(url("survey_open", process, survey.pk), follow=True)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT
    expected = gettext("Publish a version of the questionnaire before opening the survey.")
    assert [str(message) for message in answer.context["messages"]] == [expected]


def test_a_survey_is_opened_and_closed_and_shows_its_counts(process, client_for):
    version = imported(process, publish=True)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None, anonymity="anonym")
    for number, status in enumerate([ResponseStatus.COMPLETED, ResponseStatus.COMPLETED, ResponseStatus.IN_PROGRESS]):
        Response.objects.create(
            survey=survey, version=version, status=status, access_hash=response_access_hash(f"r{number}")
        )
    client = client_for("editor")
    client.post(url("survey_open", process, survey.pk))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    page = client.get(url("survey", process, survey.pk))
    counts = page.context["counts"]
    assert (counts.completed, counts.in_progress, counts.invitations) == (2, 1, 0)
    assert page.context["published_version"] == version
    listing = client.get(url("list", process))
    [(listed, listed_counts)] = listing.context["survey_rows"]
    assert listed == survey
    assert (listed_counts.completed, listed_counts.in_progress) == (2, 1)
    client.post(url("survey_close", process, survey.pk))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    assert Response.objects.filter(survey=survey).count() == 3


def test_contact_requests_are_listed_page_by_page(process, client_for):
    version = imported(process)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None)
    for number in range(23):
        ContactRequest.objects.create(survey=survey, details={"name": f"Person {number}", "email": f"p{number}@x.de"})
    client = client_for("editor")
    first = client.get(url("survey_contact_requests", process, survey.pk))
    assert first.context["keys"] == ["name", "email"]
    assert len(first.context["rows"]) == 20
    second = client.get(url("survey_contact_requests", process, survey.pk) + "?seite=2")
    assert len(second.context["rows"]) == 3
    shown = {row[0] for row in first.context["rows"] + second.context["rows"]}
    assert shown == {f"Person {number}" for number in range(23)}


# Who sees what -------------------------------------------------------------------------------


def test_a_board_member_sees_the_surveys_but_no_management(process, client_for):
    version = imported(process)
    survey_create(process=process, questionnaire=version.questionnaire, actor=None, title="Befragung für alle")
    client = client_for("board")
    answer = client.get(url("list", process))
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Befragung für alle" in html
    assert answer.context["questionnaires"] == []
    assert url("questionnaire_upload", process) not in html
    assert url("questionnaire_default", process) not in html
    assert url("survey_create", process) not in html
    assert client.get(url("questionnaire_upload", process)).status_code == 403


def test_an_editor_sees_the_management_buttons(process, client_for):
    imported(process)
    html = client_for("editor").get(url("list", process)).content.decode()
    for name in ["questionnaire_upload", "questionnaire_default", "survey_create"]:
        assert url(name, process) in html


def test_objects_of_another_process_are_not_found(process, other_process, client_for):
    foreign = imported(other_process, publish=True)
    foreign_survey = survey_create(process=other_process, questionnaire=foreign.questionnaire, actor=None)
    client = client_for("admin")
    questionnaire_pk, version_pk, survey_pk = foreign.questionnaire.pk, foreign.pk, foreign_survey.pk
    for name, args in [
        ("questionnaire", [questionnaire_pk]),
        ("questionnaire_version_upload", [questionnaire_pk]),
        ("questionnaire_xlsform", [questionnaire_pk, version_pk]),
        ("survey", [survey_pk]),
        ("survey_edit", [survey_pk]),
        ("survey_contact_requests", [survey_pk]),
    ]:
        assert client.get(url(name, process, *args)).status_code == 404, name
    for name, args in [
        ("questionnaire_publish", [questionnaire_pk, version_pk]),
        ("survey_open", [survey_pk]),
        ("survey_close", [survey_pk]),
    ]:
        assert client.post(url(name, process, *args), {"bestaetigt": "1"}).status_code == 404, name
    foreign_survey.refresh_from_db()
    assert foreign_survey.status == SurveyStatus.DRAFT


def test_the_management_navigation_links_the_surveys(process, client_for):
    editor_html = client_for("editor").get(reverse("manage:overview", args=[process.pk])).content.decode()
    assert editor_html.count(f'href="{url("list", process)}"') == 2  # navigation and overview
    board_html = client_for("board").get(url("list", process)).content.decode()
    assert f'href="{url("list", process)}" aria-current="page"' in board_html


def test_posting_without_the_csrf_token_is_refused(process, users):
    from django.test import Client

    from conftest import verified_client

    version = imported(process)
    client: Client = verified_client(users["editor"])
    client.handler.enforce_csrf_checks = True
    answer = client.post(
        url("questionnaire_publish", process, version.questionnaire.pk, version.pk), {"bestaetigt": "1"}
    )
    assert answer.status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_the_survey_page_shows_the_absolute_public_link_and_explains_the_anonymity(process, client_for):
    version = imported(process, publish=True)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None, anonymity="pseudonym")
    page = client_for("editor").get(url("survey", process, survey.pk))
    assert page.context["public_url"] == f"http://testserver/befragung/{survey.slug}/"
    assert f'href="http://testserver/befragung/{survey.slug}/"' in page.content.decode()
    assert page.context["anonymity_explanation"] == ANONYMITY_EXPLANATIONS[Anonymity.PSEUDONYMOUS]
    assert str(ANONYMITY_EXPLANATIONS[Anonymity.PSEUDONYMOUS]) in page.content.decode()
