"""The demo survey: labelled, follows its questionnaire's logic, linked from the home page."""

from __future__ import annotations

import random

from django.test import Client

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.demo import DEFAULT_QUESTIONNAIRE, generate_answers, survey_demo_load
from standortkompass.surveys.models import Response, ResponseStatus
from standortkompass.surveys.runtime import Runtime
from standortkompass.surveys.xlsform import parse_xlsform


def test_generated_answers_satisfy_every_rule_of_the_default_questionnaire() -> None:
    runtime = Runtime(parse_xlsform(DEFAULT_QUESTIONNAIRE.read_bytes(), DEFAULT_QUESTIONNAIRE.name))
    for seed in range(30):
        answers = generate_answers(runtime, random.Random(seed), personal={"ws_kontakt"})
        assert runtime.without_hidden(answers) == answers
        for page in runtime.visible_pages(answers):
            assert runtime.page_errors(page, answers) == {}, (seed, page["name"])
        assert "ws_kontakt" not in answers


def test_generated_answers_include_follow_ups_on_the_same_page() -> None:
    runtime = Runtime(parse_xlsform(DEFAULT_QUESTIONNAIRE.read_bytes(), DEFAULT_QUESTIONNAIRE.name))
    generated = [generate_answers(runtime, random.Random(seed)) for seed in range(200)]
    chose_other = [answers for answers in generated if answers.get("mob_wichtigste_massnahme") == "sonstige"]
    # "Sonstige Maßnahme, nämlich" is on the page of the question it follows.
    assert runtime.page_of["mob_wichtigste_massnahme_sonstige"] == runtime.page_of["mob_wichtigste_massnahme"]
    assert any("mob_wichtigste_massnahme_sonstige" in answers for answers in chose_other)


def test_the_demo_survey_is_labelled_and_loading_it_twice_changes_nothing(process: StrategyProcess) -> None:
    survey = survey_demo_load(process=process, responses=12)
    assert survey.is_demo
    assert "Demo" in survey.title
    assert Response.objects.filter(survey=survey, status=ResponseStatus.COMPLETED).count() == 12
    assert Response.objects.filter(survey=survey, is_demo=False).count() == 0
    assert survey_demo_load(process=process, responses=12) == survey
    assert Response.objects.filter(survey=survey).count() == 12 + 25


def test_the_home_page_links_to_the_open_survey(process: StrategyProcess, client: Client) -> None:
    survey = survey_demo_load(process=process, responses=1)
    page = client.get("/").content.decode()
    assert f'href="/befragung/{survey.slug}/"' in page
    assert survey.title in page
