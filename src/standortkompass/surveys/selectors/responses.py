"""Read access to responses: the response of a respondent's secret and the runtime it is answered with."""

from __future__ import annotations

import functools
from typing import cast

from standortkompass.surveys.models import QuestionnaireVersion, Response, Survey
from standortkompass.surveys.runtime import Runtime
from standortkompass.surveys.schema import Schema
from standortkompass.surveys.tokens import response_access_hash


@functools.lru_cache(maxsize=64)
def published_schema(version_id: int) -> Schema:
    """The definition of a version that responses refer to. Such a version is published and frozen,
    so each process reads and decodes it once instead of on every page."""
    return cast(Schema, QuestionnaireVersion.objects.values_list("schema", flat=True).get(pk=version_id))


def runtime_for(response: Response) -> Runtime:
    """The questionnaire of the response's version in the response's language and question order."""
    seed = response.pk.int if response.pk else 0  # the random key: each response its own order of choices
    return Runtime(published_schema(response.version_id), language=response.language, seed=seed)


def response_for_secret(*, survey: Survey, secret: str) -> Response | None:
    """The response that the invitation token or resume code ``secret`` leads to, if any."""
    # One row at most (the hash is unique per survey): ordered by key, as the model's ordering joins the survey.
    found = Response.objects.filter(survey=survey, access_hash=response_access_hash(secret)).order_by("pk")
    response = found.first()
    if response is not None:
        response.survey = survey  # the survey the caller has read: not joined and read again on every page
    return response
