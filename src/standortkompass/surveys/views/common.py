"""What the survey management views share."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from standortkompass.accounts.http import ProcessRequest
from standortkompass.surveys.models import Survey


def request_survey(request: ProcessRequest, survey_pk: int) -> Survey:
    """A survey of the process the access check loaded; 404 for a survey of another process."""
    return get_object_or_404(
        Survey.objects.select_related("process", "questionnaire"), pk=survey_pk, process=request.process
    )
