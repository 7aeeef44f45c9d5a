"""One rule for free-text answers (surveys.results.open_answers.free_text_shown), per role and the outsider."""

import pytest
from django.urls import reverse

from standortkompass.surveys.results.open_answers import free_text_in_export, free_text_shown
from surveys.results_data import results_survey

pytestmark = pytest.mark.django_db

TEXT = "Wir brauchen mehr Radwege"


@pytest.fixture
def survey(process):
    answers = [{"firma": "X", "branche": "industrie", "beschreibung": TEXT}]
    answers += [{"firma": "X", "branche": "industrie", "beschreibung": f"Text {i}"} for i in range(6)]
    return results_survey(process, answers)


def _url(name, survey, *args):
    return reverse(f"surveys_manage:{name}", args=[survey.process_id, survey.pk, *args])


@pytest.mark.parametrize(
    ("role", "alone", "beside_unsuppressed", "beside_suppressed"),
    [
        ("admin", True, True, False),
        ("editor", True, False, False),
        ("board", False, False, False),
        ("partner", False, False, False),
        ("company", False, False, False),
        ("outsider", False, False, False),
    ],
)
def test_who_reads_free_text_word_for_word(process, users, role, alone, beside_unsuppressed, beside_suppressed):
    user = users[role]

    def shown(beside, unsuppressed):
        return free_text_shown(user=user, process=process, beside_other_answers=beside, unsuppressed=unsuppressed)

    assert shown(False, False) is alone
    assert shown(True, True) is beside_unsuppressed
    assert shown(True, False) is beside_suppressed


def test_an_export_carries_free_text_only_without_suppression():
    assert free_text_in_export(suppressed=False)
    assert not free_text_in_export(suppressed=True)


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 200), ("editor", 200), ("board", 403), ("partner", 403), ("company", 403), ("outsider", 404)],
)
def test_the_open_answers_page_shows_texts_only_to_those_who_code_them(survey, client_for, role, status):
    response = client_for(role).get(_url("results_open", survey, "beschreibung"))

    assert response.status_code == status
    assert (TEXT in response.content.decode()) is (status == 200)


def test_board_members_get_the_codes_without_the_texts_and_without_a_link_to_them(survey, client_for):
    client = client_for("board")

    question = client.get(_url("results_question", survey, "beschreibung")).content.decode()
    codes = client.get(_url("results_codes", survey, "beschreibung")).content.decode()

    open_url = _url("results_open", survey, "beschreibung")
    assert open_url not in question
    assert open_url not in codes
    assert TEXT not in question + codes
    assert "Redaktion" in codes  # says who reads the texts


def test_editors_find_the_texts_from_the_question_page(survey, client_for):
    question = client_for("editor").get(_url("results_question", survey, "beschreibung")).content.decode()

    assert _url("results_open", survey, "beschreibung") in question
