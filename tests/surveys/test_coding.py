import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from standortkompass.audit.models import AuditEntry
from standortkompass.surveys.models import Code, CodeAssignment, Response
from standortkompass.surveys.services.coding import code_assign, code_create, code_delete, code_rename, code_unassign
from surveys.results_data import results_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(process):
    answers = [{"firma": "A", "beschreibung": f"Mehr Radwege, bitte ({i})"} for i in range(6)]
    return results_survey(process, [*answers, {"firma": "B", "beschreibung": "Breitband fehlt"}, {"firma": "C"}])


def _responses(survey):
    return list(Response.objects.filter(survey=survey).order_by("id"))


def test_codes_are_created_renamed_assigned_and_deleted_with_an_audit_trail(survey, users):
    editor = users["editor"]
    code = code_create(survey=survey, question="beschreibung", label="  Radverkehr ", actor=editor)
    assert code.label == "Radverkehr"
    first = _responses(survey)[0]
    assignment = code_assign(code=code, response=first, actor=editor)
    assert code_assign(code=code, response=first, actor=editor) == assignment  # idempotent
    assert assignment.assigned_by == editor
    code_rename(code=code, label="Radwege", actor=editor)
    assert Code.objects.get(pk=code.pk).label == "Radwege"
    code_unassign(code=code, response=first, actor=editor)
    assert not CodeAssignment.objects.exists()
    code_delete(code=code, actor=editor)
    assert not Code.objects.exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"survey.code.create", "survey.code.rename", "survey.code.assign", "survey.code.delete"} <= actions


def test_a_duplicate_code_label_is_refused_in_german(survey, users):
    code_create(survey=survey, question="beschreibung", label="Radverkehr", actor=users["editor"])
    with pytest.raises(ValidationError) as error:
        code_create(survey=survey, question="beschreibung", label="radverkehr ", actor=users["editor"])
    assert "Radverkehr" in str(error.value)


def test_only_open_questions_get_codes(survey, users):
    with pytest.raises(ValidationError):
        code_create(survey=survey, question="branche", label="X", actor=users["editor"])


def test_a_response_without_an_answer_cannot_be_coded(survey, users):
    code = code_create(survey=survey, question="beschreibung", label="X", actor=users["editor"])
    with pytest.raises(ValidationError):
        code_assign(code=code, response=_responses(survey)[-1], actor=users["editor"])


def test_coding_journey_code_on_the_fly_then_frequencies_suppressed_for_the_board(survey, client_for):
    editor = client_for("editor")
    open_url = reverse("surveys_manage:results_open", args=[survey.process_id, survey.pk, "beschreibung"])
    page = editor.get(open_url)
    assert "new_label" in page.content.decode()
    assign_url = reverse("surveys_manage:results_code_assign", args=[survey.process_id, survey.pk, "beschreibung"])
    responses = _responses(survey)
    for response in responses[:6]:
        prefix = f"a{response.pk.hex}"
        editor.post(assign_url, {f"{prefix}-response": response.pk, f"{prefix}-new_label": "Radverkehr"})
    radverkehr = Code.objects.get(label="Radverkehr")
    assert radverkehr.assignments.count() == 6
    last = responses[6]
    editor.post(assign_url, {f"a{last.pk.hex}-response": last.pk, f"a{last.pk.hex}-new_label": "Breitband"})
    codes_url = reverse("surveys_manage:results_codes", args=[survey.process_id, survey.pk, "beschreibung"])
    board_page = client_for("board").get(codes_url)
    rows = {row["code"].label: row["frequency"] for row in board_page.context["rows"]}
    # Breitband (1) is below 5, and Radverkehr is hidden too so it cannot be worked out from the 7 answers.
    assert rows == {"Breitband": "•", "Radverkehr": "•"}
    admin_rows = client_for("admin").get(codes_url, {"ungeschuetzt": "1"}).context["rows"]
    assert {row["code"].label: row["frequency"] for row in admin_rows} == {"Breitband": "1", "Radverkehr": "6"}
    unassign_url = reverse("surveys_manage:results_code_unassign", args=[survey.process_id, survey.pk, "beschreibung"])
    editor.post(unassign_url, {"response": last.pk, "code": Code.objects.get(label="Breitband").pk})
    assert not Code.objects.get(label="Breitband").assignments.exists()


def test_the_board_cannot_code(survey, client_for):
    response = _responses(survey)[0]
    url = reverse("surveys_manage:results_code_assign", args=[survey.process_id, survey.pk, "beschreibung"])
    prefix = f"a{response.pk.hex}"
    answer = client_for("board").post(url, {f"{prefix}-response": response.pk, f"{prefix}-new_label": "X"})
    assert answer.status_code == 403
    assert not Code.objects.exists()


def test_rename_through_the_page_refuses_a_duplicate(survey, users, client_for):
    first = code_create(survey=survey, question="beschreibung", label="Radverkehr", actor=users["editor"])
    code_create(survey=survey, question="beschreibung", label="Breitband", actor=users["editor"])
    url = reverse("surveys_manage:results_code_rename", args=[survey.process_id, survey.pk, "beschreibung", first.pk])
    answer = client_for("editor").post(url, {"label": "Breitband"})
    assert answer.status_code == 200
    assert Code.objects.get(pk=first.pk).label == "Radverkehr"
    assert client_for("editor").post(url, {"label": "Radwege"}).status_code == 302


def test_a_code_makes_a_finding(survey, users, client_for):
    code = code_create(survey=survey, question="beschreibung", label="Radverkehr", actor=users["editor"])
    for response in _responses(survey)[:6]:
        code_assign(code=code, response=response, actor=users["editor"])
    url = reverse("surveys_manage:results_finding", args=[survey.process_id, survey.pk])
    form = client_for("editor").get(url, {"code": code.pk}).context["form"]
    assert "6" in form.initial["text"]
    assert form.initial["title"] == "Radverkehr"
