"""What a page view and a page save cost the database: the survey is read once, the response once (issue 10, §7)."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from standortkompass.processes.models import StrategyProcess

from .test_answering import make_survey, page_url, start


def _reads_of(queries: CaptureQueriesContext, table: str) -> int:
    return sum(
        1 for query in queries.captured_queries if f'FROM "{table}"' in query["sql"] or f"FROM {table}" in query["sql"]
    )


def _joins_of(queries: CaptureQueriesContext, table: str) -> int:
    return sum(1 for query in queries.captured_queries if f'JOIN "{table}"' in query["sql"])


def test_a_page_view_and_a_page_save_read_the_survey_once_and_never_join_it_again(
    process: StrategyProcess, client: Client
) -> None:
    survey = make_survey(process)
    start(client, survey)
    with CaptureQueriesContext(connection) as viewed:
        assert client.get(page_url(survey, "eins")).status_code == 200
    with CaptureQueriesContext(connection) as saved:
        answer = client.post(page_url(survey, "eins"), {"action": "next", "zahl": "5"})
    assert answer.status_code == 302
    for queries in (viewed, saved):
        assert _reads_of(queries, "surveys_survey") == 1
        assert _joins_of(queries, "surveys_survey") == 0
    assert _reads_of(saved, "surveys_response") == 2  # the respondent's response, then the same row locked
