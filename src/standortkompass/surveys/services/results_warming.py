"""Keeping the results overview ready: computed once after new completions, so that readers find it cached.

``warm_results`` in ``surveys.tasks`` runs :func:`results_warm`; ``services.answering.results_warm_later``
queues it after a completion.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from standortkompass.surveys.models import Survey
from standortkompass.surveys.results.selectors import cached_results_overview

# The views readers open most: the suppressed overview (everyone below Administration) and the
# unsuppressed one (Administration), unweighted, in German.
WARMED_VIEWS = ((True, False), (False, False))


def results_warm(*, survey_id: int) -> None:
    """Compute and cache the overviews readers open most, for the survey's current data (none: nothing)."""
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        for suppressed, weighted in WARMED_VIEWS:
            cached_results_overview(survey=survey, suppressed=suppressed, weighted=weighted)
