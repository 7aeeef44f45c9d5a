"""Write operations of the surveys app, one module per subject; import from the module."""

from standortkompass.surveys.services.questionnaires import (
    QuestionnaireFrozenError,
    questionnaire_import,
    questionnaire_new_draft,
    questionnaire_publish,
    questionnaire_slug,
    questionnaire_version_update,
)

__all__ = [
    "QuestionnaireFrozenError",
    "questionnaire_import",
    "questionnaire_new_draft",
    "questionnaire_publish",
    "questionnaire_slug",
    "questionnaire_version_update",
]
