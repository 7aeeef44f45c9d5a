"""Answering a survey as a company would: start, pages, logic, errors, pause, resume, complete."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import serializers
from django.test import Client

from standortkompass.processes.models import ContactPerson, Organisation, StrategyProcess
from standortkompass.surveys.models import (
    Anonymity,
    ContactRequest,
    Response,
    ResponseStatus,
    Survey,
    SurveyInvitation,
    SurveyStatus,
)
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_close, survey_create, survey_open
from standortkompass.surveys.tokens import invitation_token, invitation_token_hash, new_invitation_key
from surveys.forms import xlsx

# A small form: a follow-up on page 1 only after "Rot"; page 2 only after a number above 10; page 3
# holds a personal question.
SMALL = [
    ["type", "name", "label", "required", "relevant", "constraint", "constraint_message", "personal_data"],
    ["begin_group", "eins", "Seite eins", "", "", "", "", ""],
    ["integer", "zahl", "Wie viele?", "yes", "", ". < 100", "Bitte weniger als 100.", ""],
    ["select_one farbe", "farbe", "Farbe", "", "", "", "", ""],
    ["text", "rot_warum", "Warum Rot?", "", "selected(${farbe}, 'rot')", "", "", ""],
    ["end_group", "", "", "", "", "", "", ""],
    ["begin_group", "zwei", "Seite zwei", "", "${zahl} > 10", "", "", ""],
    ["text", "warum", "Warum so viele?", "yes", "", "", "", ""],
    ["end_group", "", "", "", "", "", "", ""],
    ["begin_group", "drei", "Seite drei", "", "", "", "", ""],
    ["text", "meinung", "Ihre Meinung", "", "", "", "", ""],
    ["text", "kontakt", "Ihre E-Mail für eine Einladung", "", "", "", "", "yes"],
    ["end_group", "", "", "", "", "", "", ""],
]
SMALL_CHOICES = [["list_name", "name", "label"], ["farbe", "rot", "Rot"], ["farbe", "blau", "Blau"]]
SMALL_SETTINGS = [["form_title", "form_id"], ["Kleine Befragung", "klein"]]


def make_survey(process: StrategyProcess, *, anonymity: str = Anonymity.ANONYMOUS, open_access: bool = True) -> Survey:
    version = questionnaire_import(
        process=process, data=xlsx(SMALL, SMALL_CHOICES, SMALL_SETTINGS), filename="klein.xlsx"
    )
    questionnaire_publish(version=version, actor=None)
    survey = survey_create(
        process=process,
        questionnaire=version.questionnaire,
        actor=None,
        anonymity=anonymity,
        open_access=open_access,
    )
    return survey_open(survey=survey, actor=None)


def invite(survey: Survey, process: StrategyProcess) -> tuple[SurveyInvitation, str]:
    organisation = Organisation.objects.create(process=process, name="Muster GmbH", type="company")
    contact = ContactPerson.objects.create(organisation=organisation, name="Kim", email="kim@example.org")
    key = new_invitation_key()
    token = invitation_token(key)
    invitation = SurveyInvitation.objects.create(
        survey=survey,
        key=key,
        token_hash=invitation_token_hash(token),
        contact=contact,
        organisation=organisation,
        email=contact.email,
    )
    return invitation, token


def page_url(survey: Survey, page: str) -> str:
    return f"/befragung/{survey.slug}/seite/{page}/"


def start(client: Client, survey: Survey) -> str:
    answer = client.post(f"/befragung/{survey.slug}/", {"consent": "yes"})
    assert answer.status_code == 302, answer.content.decode()
    return str(answer["Location"])


def text_of(answer: Any) -> str:
    return answer.content.decode()


@pytest.fixture
def survey(process: StrategyProcess) -> Survey:
    return make_survey(process)


def test_the_start_page_shows_privacy_notice_anonymity_and_asks_for_consent(survey: Survey, client: Client) -> None:
    page = text_of(client.get(f"/befragung/{survey.slug}/"))
    assert "Datenschutz" in page or "Privacy" in page
    assert "Wer fragt?" in page  # the default privacy notice
    refused = client.post(f"/befragung/{survey.slug}/", {})
    assert refused.status_code == 400
    assert 'aria-invalid="true"' in text_of(refused)
    assert Response.objects.count() == 0


def test_a_company_answers_across_pages_and_a_page_appears_only_after_a_certain_answer(
    survey: Survey, client: Client
) -> None:
    assert start(client, survey) == page_url(survey, "eins")
    # Below 11 the second page is skipped.
    answer = client.post(page_url(survey, "eins"), {"action": "next", "zahl": "5"})
    assert answer["Location"] == page_url(survey, "drei")
    answer = client.post(page_url(survey, "drei"), {"action": "back"})
    assert answer["Location"] == page_url(survey, "eins")
    # Above 10 it is asked.
    answer = client.post(page_url(survey, "eins"), {"action": "next", "zahl": "42", "farbe": "blau"})
    assert answer["Location"] == page_url(survey, "zwei")
    assert "Warum so viele?" in text_of(client.get(page_url(survey, "zwei")))
    response = Response.objects.get()
    assert response.answers == {"zahl": 42, "farbe": "blau"}
    assert response.current_page == "zwei"


def test_a_follow_up_question_on_the_same_page_is_shown_before_the_respondent_goes_on(
    survey: Survey, client: Client
) -> None:
    start(client, survey)
    assert "Warum Rot?" not in text_of(client.get(page_url(survey, "eins")))
    answer = client.post(page_url(survey, "eins"), {"action": "next", "zahl": "42", "farbe": "rot"})
    # Without JavaScript the follow-up shows only after the save: the same page again, with a note.
    assert answer["Location"] == page_url(survey, "eins")
    again = text_of(client.get(page_url(survey, "eins")))
    assert "Warum Rot?" in again
    assert "Ihre Antwort ergänzt diese Seite um eine Frage: „Warum Rot?“" in again
    response = Response.objects.get()
    assert response.current_page == "eins"
    assert "eins" not in response.pages_done
    # Seen now: left empty (it is optional), the respondent goes on.
    answer = client.post(page_url(survey, "eins"), {"action": "next", "zahl": "42", "farbe": "rot"})
    assert answer["Location"] == page_url(survey, "zwei")
    # A value sent for the question before it was shown is not taken; once shown, it is.
    client.post(page_url(survey, "eins"), {"action": "back", "farbe": "blau"})
    sent = {"action": "next", "zahl": "42", "farbe": "rot", "rot_warum": "Signalfarbe"}
    assert client.post(page_url(survey, "eins"), sent)["Location"] == page_url(survey, "eins")
    assert "rot_warum" not in Response.objects.get().answers
    assert client.post(page_url(survey, "eins"), sent)["Location"] == page_url(survey, "zwei")
    assert Response.objects.get().answers["rot_warum"] == "Signalfarbe"
    # Hidden again, it is cleared.
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "42", "farbe": "blau"})
    assert "rot_warum" not in Response.objects.get().answers


def test_a_constraint_error_is_shown_next_to_the_field_and_nothing_invalid_is_saved(
    survey: Survey, client: Client
) -> None:
    start(client, survey)
    answer = client.post(page_url(survey, "eins"), {"action": "next", "zahl": "500", "farbe": "rot"})
    assert answer.status_code == 400
    page = text_of(answer)
    assert "Bitte weniger als 100." in page
    assert 'id="id_zahl-error"' in page
    assert 'aria-invalid="true"' in page
    assert 'value="500"' in page  # what was typed is shown again
    assert Response.objects.get().answers == {"farbe": "rot"}  # the valid answer is kept


def test_a_required_question_and_a_typing_error_get_clear_messages(survey: Survey, client: Client) -> None:
    start(client, survey)
    missing = client.post(page_url(survey, "eins"), {"action": "next"})
    assert missing.status_code == 400
    typo = client.post(page_url(survey, "eins"), {"action": "next", "zahl": "zwölf"})
    assert typo.status_code == 400
    assert "id_zahl-error" in text_of(typo)


def test_answers_to_a_question_that_became_hidden_are_cleared(survey: Survey, client: Client) -> None:
    start(client, survey)
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "42"})
    client.post(page_url(survey, "zwei"), {"action": "next", "warum": "Wachstum"})
    assert Response.objects.get().answers["warum"] == "Wachstum"
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "3"})
    assert "warum" not in Response.objects.get().answers
    # The hidden page cannot be opened any more.
    assert client.get(page_url(survey, "zwei")).status_code == 302


def test_saving_the_same_page_twice_is_harmless_and_two_tabs_keep_both_pages(survey: Survey, client: Client) -> None:
    start(client, survey)
    for _ in range(2):
        client.post(page_url(survey, "eins"), {"action": "next", "zahl": "42"})
    second_tab = Client()
    second_tab.cookies = client.cookies
    second_tab.post(page_url(survey, "drei"), {"action": "pause", "meinung": "Gut"})
    client.post(page_url(survey, "zwei"), {"action": "next", "warum": "Wachstum"})
    response = Response.objects.get()
    assert response.answers == {"zahl": 42, "meinung": "Gut", "warum": "Wachstum"}


def test_an_open_survey_is_paused_and_resumed_with_the_code_on_another_device(survey: Survey, client: Client) -> None:
    start(client, survey)
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "42"})
    paused = client.post(page_url(survey, "zwei"), {"action": "pause", "warum": "Wachstum"})
    assert paused["Location"] == f"/befragung/{survey.slug}/unterbrochen/"
    page = text_of(client.get(paused["Location"]))
    code = page.split('class="resume-code"')[1].split("<strong>")[1].split("</strong>")[0]
    other_device = Client()
    wrong = other_device.post(f"/befragung/{survey.slug}/fortsetzen/", {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert wrong.status_code == 400
    resumed = other_device.post(f"/befragung/{survey.slug}/fortsetzen/", {"code": code.lower().replace("-", " ")})
    assert resumed["Location"] == page_url(survey, "zwei")
    assert "Wachstum" in text_of(other_device.get(page_url(survey, "zwei")))


def test_submitting_completes_and_the_response_can_no_longer_be_changed(survey: Survey, client: Client) -> None:
    start(client, survey)
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "3"})
    done = client.post(page_url(survey, "drei"), {"action": "submit", "meinung": "Gut"})
    assert done["Location"] == f"/befragung/{survey.slug}/danke/"
    assert client.get(done["Location"]).status_code == 200
    assert Response.objects.get().status == ResponseStatus.COMPLETED
    again = client.post(page_url(survey, "drei"), {"action": "submit", "meinung": "Anders"})
    assert client.get(again["Location"])["Location"] == f"/befragung/{survey.slug}/danke/"
    assert Response.objects.get().answers["meinung"] == "Gut"


def test_submitting_with_a_required_answer_missing_elsewhere_leads_to_that_page(survey: Survey, client: Client) -> None:
    start(client, survey)
    client.post(page_url(survey, "eins"), {"action": "back", "farbe": "rot"})  # saved without insisting
    answer = client.post(page_url(survey, "drei"), {"action": "submit"})
    assert answer["Location"] == page_url(survey, "eins") + "?pruefen=1"
    assert "id_zahl-error" in text_of(client.get(answer["Location"]))
    assert Response.objects.get().status == ResponseStatus.IN_PROGRESS


def test_a_personal_link_is_exchanged_once_and_the_token_never_appears_again(
    process: StrategyProcess, client: Client
) -> None:
    survey = make_survey(process, open_access=False)
    invitation, token = invite(survey, process)
    exchanged = client.get(f"/befragung/{survey.slug}/einladung/{token}/")
    assert exchanged.status_code == 302
    assert token not in exchanged["Location"]
    assert exchanged["Referrer-Policy"] == "no-referrer"
    assert "no-store" in exchanged["Cache-Control"] or "max-age=0" in exchanged["Cache-Control"]
    location = start(client, survey)
    assert token not in location
    assert token not in text_of(client.get(location))
    invitation.refresh_from_db()
    assert invitation.started


def test_without_an_invitation_a_closed_access_survey_explains_itself(process: StrategyProcess, client: Client) -> None:
    survey = make_survey(process, open_access=False)
    page = client.get(f"/befragung/{survey.slug}/")
    assert page.status_code == 200
    assert "persönlichen Link" in text_of(page) or "personal link" in text_of(page)
    assert client.post(f"/befragung/{survey.slug}/", {"consent": "yes"}).status_code == 200
    assert Response.objects.count() == 0


def test_the_personal_link_resumes_on_another_device(process: StrategyProcess, client: Client) -> None:
    survey = make_survey(process)
    _, token = invite(survey, process)
    client.get(f"/befragung/{survey.slug}/einladung/{token}/")
    start(client, survey)
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "42"})
    phone = Client()
    phone.get(f"/befragung/{survey.slug}/einladung/{token}/")
    assert phone.get(f"/befragung/{survey.slug}/")["Location"] == page_url(survey, "zwei")


def test_in_anonymous_mode_no_row_links_the_response_to_token_ip_or_exact_time(
    process: StrategyProcess, client: Client
) -> None:
    survey = make_survey(process, anonymity=Anonymity.ANONYMOUS)
    invitation, token = invite(survey, process)
    client.get(f"/befragung/{survey.slug}/einladung/{token}/", REMOTE_ADDR="203.0.113.7")
    start(client, survey)
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "3"}, REMOTE_ADDR="203.0.113.7")
    client.post(
        page_url(survey, "drei"),
        {"action": "submit", "meinung": "Gut", "kontakt": "kim@example.org"},
        REMOTE_ADDR="203.0.113.7",
    )
    response = Response.objects.get()
    assert response.status == ResponseStatus.COMPLETED
    assert response.invitation is None
    assert response.access_hash is None
    assert (response.started_at, response.saved_at, response.completed_at) == (None, None, None)
    # The personal answer is kept apart, without anything pointing back.
    assert "kontakt" not in response.answers
    assert list(ContactRequest.objects.values_list("details", flat=True)) == [
        {"Ihre E-Mail für eine Einladung": "kim@example.org"}
    ]
    invitation.refresh_from_db()
    assert invitation.completed
    # Nowhere in the database: not the token, its hash's partner, the IP address, nor the response id
    # next to the invitation.
    everything = serializers.serialize(
        "json",
        [*Response.objects.all(), *SurveyInvitation.objects.all(), *ContactRequest.objects.all()],
    )
    assert token not in everything
    assert "203.0.113.7" not in everything
    with pytest.raises(Response.DoesNotExist):
        invitation.response  # noqa: B018 (the reverse link must be empty)
    # The link now only says "already taken part".
    fresh = Client()
    fresh.get(f"/befragung/{survey.slug}/einladung/{token}/")
    assert "already taken part" in text_of(fresh.get(f"/befragung/{survey.slug}/")) or "bereits" in text_of(
        fresh.get(f"/befragung/{survey.slug}/")
    )


def test_in_pseudonymous_mode_the_response_keeps_its_invitation_and_times(
    process: StrategyProcess, client: Client
) -> None:
    survey = make_survey(process, anonymity=Anonymity.PSEUDONYMOUS)
    invitation, token = invite(survey, process)
    client.get(f"/befragung/{survey.slug}/einladung/{token}/")
    start(client, survey)
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "3"})
    client.post(page_url(survey, "drei"), {"action": "submit", "kontakt": "kim@example.org"})
    response = Response.objects.get()
    assert response.invitation == invitation
    assert response.completed_at is not None
    assert response.answers["kontakt"] == "kim@example.org"
    assert ContactRequest.objects.count() == 0


def test_a_named_survey_asks_for_consent_to_the_name(process: StrategyProcess, client: Client) -> None:
    survey = make_survey(process, anonymity=Anonymity.NAMED)
    assert client.post(f"/befragung/{survey.slug}/", {"consent": "yes"}).status_code == 400
    answer = client.post(f"/befragung/{survey.slug}/", {"consent": "yes", "named_consent": "yes"})
    assert answer.status_code == 302
    assert Response.objects.get().named_consent


def test_closing_the_survey_keeps_partial_responses_and_refuses_further_saves(survey: Survey, client: Client) -> None:
    start(client, survey)
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "42"})
    survey_close(survey=survey, actor=None)
    answer = client.post(page_url(survey, "zwei"), {"action": "next", "warum": "Zu spät"})
    assert answer.status_code == 200
    response = Response.objects.get()
    assert response.answers == {"zahl": 42}
    assert response.status == ResponseStatus.IN_PROGRESS


def test_a_survey_in_preparation_does_not_exist_for_the_public(process: StrategyProcess, client: Client) -> None:
    survey = make_survey(process)
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.DRAFT)
    assert client.get(f"/befragung/{survey.slug}/").status_code == 404


def test_an_unknown_page_is_not_found(survey: Survey, client: Client) -> None:
    start(client, survey)
    assert client.get(page_url(survey, "gibt-es-nicht")).status_code == 404


def test_the_printable_questionnaire_lists_every_question_and_its_filter(survey: Survey, client: Client) -> None:
    page = text_of(client.get(f"/befragung/{survey.slug}/fragebogen/"))
    for label in ("Wie viele?", "Warum so viele?", "Ihre Meinung", "Rot", "Blau"):
        assert label in page
    assert "Wie viele?" in page.split("Warum so viele?")[0]


def test_completing_a_response_prepares_the_results_overview_for_its_readers(
    survey: Survey, client: Client, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.cache import cache

    from standortkompass.surveys.results import selectors

    cache.clear()
    start(client, survey)
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "3"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(survey, "drei"), {"action": "submit", "meinung": "Gut"})

    def not_again(**kwargs: object) -> None:
        raise AssertionError("the overview should come from the cache")

    monkeypatch.setattr(selectors, "results_dataset", not_again)
    overview = selectors.cached_results_overview(survey=survey, suppressed=True, weighted=False)
    assert overview.suppressed
