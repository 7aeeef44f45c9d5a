"""The API against its own OpenAPI document (schemathesis): no server error, and every answer as documented.

schemathesis reads ``/api/openapi.json`` from the WSGI application (no network) and generates requests for every
operation from the document: valid ones and, in a second pass, invalid ones (parameters out of their range or of
the wrong type). Half of the generated requests name the world's real process and element, so that the answers
with data are checked too, not only 404s. Every answer goes through schemathesis' checks: no server error, a
documented status code, content type and headers, and a body that matches the documented schema.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from api.conftest import ApiWorld

pytestmark = pytest.mark.django_db
EXAMPLES = 12  # per operation and mode: the whole test stays well under a minute


def _real_values(world: ApiWorld) -> dict[str, list[str]]:
    return {
        "process": [world.process.slug, "current"],
        "slug": [world.small.measures[0].slug, world.small.projects[0].slug, world.small.goals[1].slug],
    }


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_as_its_schema_says_and_never_with_a_server_error(
    api_world, requests_keep_the_test_transaction, mode
):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
    real = _real_values(api_world)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode), use_real=st.booleans())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case, use_real: bool) -> None:
            if use_real and mode == GenerationMode.POSITIVE and case.path_parameters:
                for name, values in real.items():
                    if name in case.path_parameters:
                        case.path_parameters[name] = values[len(str(case.path_parameters[name])) % len(values)]
            case.call_and_validate()

        check()
