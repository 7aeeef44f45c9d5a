from standortkompass.surveys.models.coding import Code, CodeAssignment
from standortkompass.surveys.models.exports import ExportFormat, ExportJob, ExportStatus
from standortkompass.surveys.models.mail import MailDelivery, MailKind, MailTemplate, MailWave, WaveStatus
from standortkompass.surveys.models.questionnaires import (
    Questionnaire,
    QuestionnaireVersion,
    SourceFormat,
    VersionStatus,
)
from standortkompass.surveys.models.responses import ContactRequest, Response, ResponseStatus
from standortkompass.surveys.models.surveys import Anonymity, Survey, SurveyInvitation, SurveyStatus

__all__ = [
    "Anonymity",
    "Code",
    "CodeAssignment",
    "ContactRequest",
    "ExportFormat",
    "ExportJob",
    "ExportStatus",
    "MailDelivery",
    "MailKind",
    "MailTemplate",
    "MailWave",
    "Questionnaire",
    "QuestionnaireVersion",
    "Response",
    "ResponseStatus",
    "SourceFormat",
    "Survey",
    "SurveyInvitation",
    "SurveyStatus",
    "VersionStatus",
    "WaveStatus",
]
