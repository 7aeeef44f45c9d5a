"""Responses have random keys (UUIDs), not running numbers; the migration gives existing responses one and keeps
their code assignments (issue 10 §4)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Response
from standortkompass.surveys.services.answering import response_start
from standortkompass.surveys.tokens import new_resume_code
from surveys.test_answering import make_survey

# The processes app is taken back too: the old state's models must match the tables they write into.
BEFORE = [
    ("surveys", "0003_surveys_responses_mail"),
    ("processes", "0002_contactperson_unique_contact_email_per_organisation"),
]
AFTER = [
    ("surveys", "0004_response_random_key"),
    ("processes", "0002_contactperson_unique_contact_email_per_organisation"),
]


def test_a_new_response_gets_a_random_key_that_does_not_follow_the_one_before(process: StrategyProcess) -> None:
    survey = make_survey(process)
    responses = [
        response_start(survey=survey, secret=new_resume_code(), invitation=None, language="") for _ in range(20)
    ]
    keys = [response.pk for response in responses]
    assert all(isinstance(key, uuid.UUID) and key.version == 4 for key in keys)
    assert len(set(keys)) == 20
    # Ordered by key, the responses are not in the order they were started (1 in 20! by chance).
    assert sorted(keys) != keys
    assert Response.objects.get(pk=keys[3]) == responses[3]


@pytest.fixture
def executor(transactional_db: None) -> Iterator[MigrationExecutor]:
    """The migration executor; afterwards the database is brought back to the newest migrations."""
    runner = MigrationExecutor(connection)
    try:
        yield runner
    finally:
        runner = MigrationExecutor(connection)
        runner.loader.build_graph()
        runner.migrate(runner.loader.graph.leaf_nodes())


def _apps_at(executor: MigrationExecutor, targets: list[tuple[str, str]]) -> StateApps:
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_migration_gives_existing_responses_random_keys_and_keeps_their_answers_and_codes(
    executor: MigrationExecutor,
) -> None:
    old = _apps_at(executor, BEFORE)
    region = old.get_model("regiondata", "Region").objects.create(code="08118", name="Ludwigsburg", level="district")
    process = old.get_model("processes", "StrategyProcess").objects.create(
        slug="alt", title="Alt", region=region, agency_name="WF"
    )
    questionnaire = old.get_model("surveys", "Questionnaire").objects.create(process=process, title="Fragebogen")
    version = old.get_model("surveys", "QuestionnaireVersion").objects.create(
        questionnaire=questionnaire, number=1, schema={}
    )
    survey = old.get_model("surveys", "Survey").objects.create(
        process=process, questionnaire=questionnaire, title="Befragung", slug="befragung"
    )
    old_response = old.get_model("surveys", "Response")
    numbered = [
        old_response.objects.create(survey=survey, version=version, answers={"firma": name}, status="completed")
        for name in ("A", "B", "C")
    ]
    code = old.get_model("surveys", "Code").objects.create(survey=survey, question="firma", label="Handel")
    old.get_model("surveys", "CodeAssignment").objects.create(code=code, response=numbered[1])
    assert [response.pk for response in numbered] == sorted(response.pk for response in numbered)

    new = _apps_at(executor, AFTER)
    migrated = new.get_model("surveys", "Response").objects.order_by("answers__firma")
    assert [response.answers["firma"] for response in migrated] == ["A", "B", "C"]
    assert all(isinstance(response.pk, uuid.UUID) and response.pk.version == 4 for response in migrated)
    assert {str(response.pk) for response in migrated}.isdisjoint({str(old.pk) for old in numbered})
    (assignment,) = new.get_model("surveys", "CodeAssignment").objects.all()
    assert assignment.response.answers == {"firma": "B"}
    assert assignment.code.label == "Handel"
    # New rows get a key of their own.
    added = new.get_model("surveys", "Response").objects.create(survey_id=survey.pk, version_id=version.pk)
    assert isinstance(added.pk, uuid.UUID)


def test_an_export_of_an_anonymous_survey_tells_nothing_of_the_order_the_responses_came_in(
    process: StrategyProcess,
) -> None:
    from standortkompass.surveys.export_table import export_table
    from standortkompass.surveys.models import Anonymity, ResponseStatus
    from surveys.results_data import results_survey

    survey = results_survey(process, [], anonymity=Anonymity.ANONYMOUS)
    version = survey.questionnaire.versions.get()
    arrival = [f"Firma {number:02}" for number in range(20)]
    for name in arrival:  # one after the other, each with the key the app gives it
        Response.objects.create(
            survey=survey, version=version, status=ResponseStatus.COMPLETED, answers={"firma": name}
        )

    table = export_table(survey=survey, suppressed=False)
    exported = list(table.rows["firma"])
    assert sorted(exported) == arrival
    assert exported != arrival  # 1 in 20! by chance
    by_key = [response.answers["firma"] for response in Response.objects.order_by("pk")]
    assert exported == by_key
    assert list(table.rows["antwort"]) == list(range(1, 21))  # a running number, nothing from the database
