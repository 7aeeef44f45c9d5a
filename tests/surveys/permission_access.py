"""The survey part of the permission matrix (merged into tests/test_permission_matrix.py).

``survey_world`` adds one object of every survey kind to the matrix's world; ``ACCESS`` declares
the audience of every survey URL, ``KWARGS``/``BY_ARGUMENT`` fill their arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from permission_audiences import BOARD_MATTERS, EDITORS, PUBLIC, ROLES, UNKNOWN_TOKEN, Audience, post_only
from standortkompass.processes.models import ContactPerson, Organisation, StrategyProcess
from standortkompass.surveys.models import Code, Response, SurveyInvitation
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create, survey_open
from standortkompass.surveys.tokens import (
    invitation_token,
    invitation_token_hash,
    new_invitation_key,
    response_access_hash,
)
from surveys.forms import xlsx


def survey_world(*, process: StrategyProcess, organisation: Organisation, contact: ContactPerson) -> dict[str, Any]:
    version = questionnaire_import(process=process, data=xlsx(), filename="befragung.xlsx")
    questionnaire_publish(version=version, actor=None)
    survey = survey_open(
        survey=survey_create(process=process, questionnaire=version.questionnaire, actor=None), actor=None
    )
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
    response = Response.objects.create(
        survey=survey, version=version, access_hash=response_access_hash("matrix"), answers={"firma": "Muster"}
    )
    return {
        "questionnaire": version.questionnaire,
        "version": version,
        "survey": survey,
        "survey_invitation": invitation,
        "survey_token": token,
        "response": response,
    }


# Respondent pages without a started response send everyone to the survey's start page.
RESPONDENT_SESSION = Audience("respondent session", dict.fromkeys(ROLES, 302))
RESPONDENT_POST = Audience("respondent action (POST only)", dict.fromkeys(ROLES, 405))

ACCESS: dict[str, Audience] = {
    "survey:start": PUBLIC,
    "survey:invitation": UNKNOWN_TOKEN,
    "survey:resume": PUBLIC,
    "survey:page": RESPONDENT_SESSION,
    "survey:language": RESPONDENT_POST,
    "survey:paused": RESPONDENT_SESSION,
    "survey:thanks": RESPONDENT_SESSION,
    "survey:printable": PUBLIC,
    "survey:optout": UNKNOWN_TOKEN,
    # Set-up of questionnaires and surveys (views/setup.py).
    "surveys_manage:list": BOARD_MATTERS,
    "surveys_manage:questionnaire_upload": EDITORS,
    "surveys_manage:questionnaire_default": post_only(EDITORS),
    "surveys_manage:questionnaire": EDITORS,
    "surveys_manage:questionnaire_version_upload": EDITORS,
    "surveys_manage:questionnaire_publish": post_only(EDITORS),
    "surveys_manage:questionnaire_xlsform": EDITORS,
    "surveys_manage:survey_create": EDITORS,
    "surveys_manage:survey": EDITORS,
    "surveys_manage:survey_edit": EDITORS,
    "surveys_manage:survey_open": post_only(EDITORS),
    "surveys_manage:survey_close": post_only(EDITORS),
    "surveys_manage:survey_contact_requests": EDITORS,
    # Results (views/results.py).
    "surveys_manage:results": BOARD_MATTERS,
    "surveys_manage:results_question": BOARD_MATTERS,
    "surveys_manage:results_question_csv": BOARD_MATTERS,
    "surveys_manage:results_crosstab": BOARD_MATTERS,
    "surveys_manage:results_crosstab_csv": BOARD_MATTERS,
    "surveys_manage:results_open": EDITORS,
    "surveys_manage:results_code_assign": post_only(EDITORS),
    "surveys_manage:results_code_unassign": post_only(EDITORS),
    "surveys_manage:results_codes": BOARD_MATTERS,
    "surveys_manage:results_code_rename": EDITORS,
    "surveys_manage:results_code_delete": post_only(EDITORS),
    "surveys_manage:results_finding": EDITORS,
    # Distribution: invitations, mail texts and waves, response rates (views/distribution.py).
    "surveys_manage:distribution": EDITORS,
    "surveys_manage:distribution_invitations": EDITORS,
    "surveys_manage:distribution_invitations_create": post_only(EDITORS),
    "surveys_manage:distribution_invitation_bounce": post_only(EDITORS),
    "surveys_manage:distribution_template": EDITORS,
    "surveys_manage:distribution_preview": EDITORS,
    "surveys_manage:distribution_wave_schedule": post_only(EDITORS),
    "surveys_manage:distribution_wave_cancel": post_only(EDITORS),
    # Exports of responses (views/exports.py).
    "surveys_manage:exports": EDITORS,
    "surveys_manage:export_request": post_only(EDITORS),
    "surveys_manage:export_download": EDITORS,
}
GET_ONLY: set[str] = set()
KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "surveys_manage:export_download": lambda w: _export_kwargs(w),
    "surveys_manage:results_code_rename": lambda w: _code_kwargs(w),
    "surveys_manage:results_code_delete": lambda w: _code_kwargs(w),
    "survey:invitation": lambda w: {"survey_slug": w["survey"].slug, "token": "unknown"},
    "survey:page": lambda w: {"survey_slug": w["survey"].slug, "page_name": "profil"},
    "survey:optout": lambda w: {"survey_slug": w["survey"].slug, "token": "unknown"},
}
BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {
    "questionnaire_pk": lambda w: w["questionnaire"].pk,
    "version_pk": lambda w: w["version"].pk,
    "survey_pk": lambda w: w["survey"].pk,
    "survey_slug": lambda w: w["survey"].slug,
    "response_pk": lambda w: w["response"].pk,
    "question": lambda w: "beschreibung",
    "mail_kind": lambda w: "invitation",
}


def _code_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    survey = world["survey"]
    code, _created = Code.objects.get_or_create(survey=survey, question="beschreibung", label="Verkehr")
    return {"process_pk": survey.process_id, "survey_pk": survey.pk, "question": "beschreibung", "code_pk": code.pk}


def _export_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    """A finished (suppressed) export of the world's survey with a small file."""
    from standortkompass.surveys.models import ExportJob, ExportStatus
    from standortkompass.surveys.services.export_files import exports_directory

    survey = world["survey"]
    (exports_directory() / "matrix-export.csv").write_bytes(b"\xef\xbb\xbfantwort\r\n1\r\n")
    job, _created = ExportJob.objects.get_or_create(
        survey=survey, format="csv", status=ExportStatus.DONE, file_name="matrix-export.csv"
    )
    return {"process_pk": survey.process_id, "survey_pk": survey.pk, "export_pk": job.pk}
