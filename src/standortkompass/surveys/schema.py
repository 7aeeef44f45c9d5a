"""The project's own questionnaire schema, stored as JSON in ``QuestionnaireVersion.schema``.

Shape (``schema_version`` 1)::

    {"schema_version": 1,
     "settings": {"title", "form_id", "version", "default_language", "languages": [{"name", "code"}], "extra",
                  "metadata" (optional): {"start" | "end" | "today": the XLSForm row's name}},
     "pages": [{"name", "label", "hint", "relevant", "appearance", "implicit", "extra", "questions": [...]}],
     "choice_lists": {"list_name": [{"name", "label", "extra"}]}}

Texts that can be translated (``label``, ``hint``, ``required_message``, ``constraint_message``) are
dictionaries from the XLSForm language name (``"Deutsch (de)"``) to the text; a plain ``label``
column belongs to the form's default language (``"default"`` when the form names none).
A page is an XLSForm group on the top level; questions outside any group form an *implicit* page.
A Likert matrix (a group with the ``table-list`` appearance, or whose items all use ``likert``,
all answered on one choice list) is one question of kind ``matrix`` with its ``items``.
``extra`` keeps every further XLSForm column so that an export loses nothing.
``metadata`` names the XLSForm rows ``start``, ``end`` and ``today``: they are no questions; the export takes
their values from the server's clock per response (``started_at``, ``completed_at``; not in anonymous surveys).
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

SCHEMA_VERSION = 1
DEFAULT_LANGUAGE = "default"

Texts = dict[str, str]

QuestionKind = Literal[
    "text",
    "long_text",
    "integer",
    "decimal",
    "date",
    "select_one",
    "select_multiple",
    "rank",
    "note",
    "calculate",
    "matrix",
]

# XLSForm type → our kind (text with the multiline appearance becomes long_text).
XLSFORM_TYPES: dict[str, QuestionKind] = {
    "text": "text",
    "integer": "integer",
    "decimal": "decimal",
    "date": "date",
    "select_one": "select_one",
    "select_multiple": "select_multiple",
    "rank": "rank",
    "note": "note",
    "calculate": "calculate",
}
TYPES_WITH_CHOICES = {"select_one", "select_multiple", "rank"}


class Language(TypedDict):
    name: str
    code: str


class Settings(TypedDict):
    title: str
    form_id: str
    version: str
    default_language: str
    languages: list[Language]
    extra: dict[str, str]
    metadata: NotRequired[dict[str, str]]


class Choice(TypedDict):
    name: str
    label: Texts
    extra: dict[str, str]


class Question(TypedDict):
    kind: QuestionKind
    type: str
    name: str
    label: Texts
    hint: Texts
    required: bool
    required_message: Texts
    relevant: str
    constraint: str
    constraint_message: Texts
    choice_filter: str
    calculation: str
    appearance: str
    parameters: str
    default: str
    list_name: str
    widget: str
    or_other: bool
    other_of: str
    randomize: bool
    items: list[Question]
    extra: dict[str, str]


class Page(TypedDict):
    name: str
    label: Texts
    hint: Texts
    relevant: str
    appearance: str
    implicit: bool
    extra: dict[str, str]
    questions: list[Question]


class Schema(TypedDict):
    schema_version: int
    settings: Settings
    pages: list[Page]
    choice_lists: dict[str, list[Choice]]


def language_code(name: str) -> str:
    """``"Deutsch (de)"`` → ``"de"``; a name without a code in brackets is its own code."""
    if name.endswith(")") and "(" in name:
        return name[name.rindex("(") + 1 : -1].strip()
    return name


def all_questions(schema: Schema) -> list[Question]:
    """Every question in order, the items of a matrix in place of the matrix."""
    found: list[Question] = []
    for page in schema["pages"]:
        for question in page["questions"]:
            found.extend(question["items"] if question["kind"] == "matrix" else [question])
    return found
