"""The questionnaire while it is answered: which pages, questions and choices are shown, in which
language, which answers are valid, and which answers must go because their question became hidden.

Everything is evaluated on the server from the stored answers (no JavaScript needed). Expressions are
XLSForm's (``relevant``, ``constraint``, ``calculation``, ``choice_filter``), evaluated by
``surveys.expressions``.
"""

from __future__ import annotations

import logging
import math
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from standortkompass.surveys import expressions
from standortkompass.surveys.schema import DEFAULT_LANGUAGE, Choice, Page, Question, Schema, Texts, language_code

logger = logging.getLogger(__name__)

Answers = dict[str, object]
OTHER = "other"
OTHER_SUFFIX = "_other"
ANSWERED_KINDS = {"text", "long_text", "integer", "decimal", "date", "select_one", "select_multiple", "rank"}
# An earlier answer in a text (XLSForm's "piping"): "Wie viele Beschäftigte hat ${firma}?"
PIPED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}")
UNANSWERED = "…"


def _number(value: float) -> str:
    """A bound as the respondent reads it in the page's language: "500.000", "2,5"."""
    return number_format(int(value) if value == int(value) else value, force_grouping=True)


def is_empty(value: object) -> bool:
    return value is None or value == "" or value == []


@dataclass(frozen=True)
class LanguageOption:
    name: str  # as in the XLSForm column, e.g. "Deutsch (de)"
    code: str  # e.g. "de"


def _with_page_names(schema: Schema) -> Schema:
    """Every page with a name for its address: questions outside any group form an implicit page
    without a name in XLSForm; it is named after its first question."""
    if all(page["name"] for page in schema["pages"]):
        return schema
    taken = {page["name"] for page in schema["pages"]}
    pages = []
    for number, page in enumerate(schema["pages"], start=1):
        if not page["name"]:
            base = page["questions"][0]["name"] if page["questions"] else f"seite-{number}"
            name = base if base not in taken else f"{base}-{number}"
            taken.add(name)
            page = {**page, "name": name}
        pages.append(page)
    return {**schema, "pages": pages}


class Runtime:
    """One questionnaire version in one language, with a seed for the order of randomised choices."""

    def __init__(self, schema: Schema, *, language: str = "", seed: int = 0) -> None:
        self.schema = _with_page_names(schema)
        schema = self.schema
        self.seed = seed
        self.languages = [LanguageOption(item["name"], item["code"]) for item in schema["settings"]["languages"]]
        self.language = self._language_name(language)
        self.questions: dict[str, Question] = {}
        self.page_of: dict[str, str] = {}
        for page in schema["pages"]:
            for question in page["questions"]:
                for item in [question, *question["items"]]:
                    self.questions[item["name"]] = item
                    self.page_of[item["name"]] = page["name"]

    # Language ---------------------------------------------------------------------------------

    def _language_name(self, wanted: str) -> str:
        """The schema's language for a name or code (``"en"``, ``"English (en)"``), else the default."""
        for option in self.languages:
            if wanted and wanted in (option.name, option.code):
                return option.name
        default = self.schema["settings"]["default_language"]
        if default and default != DEFAULT_LANGUAGE:
            return default
        return self.languages[0].name if self.languages else DEFAULT_LANGUAGE

    @property
    def language_code(self) -> str:
        return language_code(self.language)

    def _chosen(self, texts: Texts) -> str:
        if not texts:
            return ""
        for key in (self.language, self.schema["settings"]["default_language"], DEFAULT_LANGUAGE):
            if texts.get(key):
                return texts[key]
        return next((text for text in texts.values() if text), "")

    def text(self, texts: Texts) -> str:
        """The text in the chosen language, else in the form's default language, else any.

        An earlier answer in the text (``${firma}``) stands as ``[firma]``: here no respondent's answers
        are at hand (printable questionnaire, results, exports); respondent pages use ``piped``.
        """
        text = self._chosen(texts)
        return PIPED.sub(r"[\1]", text) if "${" in text else text

    def piped(self, texts: Texts, answers: Mapping[str, object]) -> str:
        """The text with every ``${name}`` replaced by the respondent's answer to that question as it reads
        (choice labels, numbers and dates as written in the language), ``…`` while it is unanswered.

        The answer is plain text in the result; templates escape it like every label.
        """
        text = self._chosen(texts)
        if "${" not in text:
            return text
        computed: list[Answers] = []

        def answer(match: re.Match[str]) -> str:
            name = match.group(1)
            question = self.questions.get(name)
            if question is not None and question["kind"] == "calculate":
                if not computed:
                    computed.append(self.with_calculations(answers))
                return self.answer_text(question, computed[0])
            return self.answer_text(question, answers) if question is not None else UNANSWERED

        return PIPED.sub(answer, text)

    def answer_text(self, question: Question, answers: Mapping[str, object]) -> str:
        """One stored answer as the respondent reads it."""
        value = answers.get(question["name"])
        if is_empty(value) or (isinstance(value, float) and value != value):
            return UNANSWERED
        german = self.language_code == "de"
        if question["kind"] in {"select_one", "select_multiple", "rank"}:
            chosen = value if isinstance(value, list) else [value]
            labels = []
            for name in chosen:
                other = answers.get(question["name"] + OTHER_SUFFIX)
                labels.append(
                    str(other) if name == OTHER and not is_empty(other) else self.choice_label(question, str(name))
                )
            return ", ".join(labels)
        if isinstance(value, float):
            text = f"{value:g}"
            return text.replace(".", ",") if german else text
        if question["kind"] == "date" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return f"{value[8:10]}.{value[5:7]}.{value[:4]}" if german else value
        return str(value)

    # Logic ------------------------------------------------------------------------------------

    def _check(self, expression: str, answers: Mapping[str, object], *, where: str) -> bool:
        try:
            return expressions.is_relevant(expression, answers)
        except expressions.ExpressionError:
            # Expressions are checked on import; one that still fails shows its question rather than hide it.
            logger.warning("relevant expression of %s failed: %s", where, expression)
            return True

    def page_is_visible(self, page: Page, answers: Mapping[str, object]) -> bool:
        if not self._check(page["relevant"], answers, where=page["name"]):
            return False
        return any(self.question_is_visible(question, answers) for question in page["questions"])

    def question_is_visible(self, question: Question, answers: Mapping[str, object]) -> bool:
        if question["kind"] == "calculate":
            return False
        page = self.page(self.page_of[question["name"]])
        return self._check(page["relevant"], answers, where=page["name"]) and self._check(
            question["relevant"], answers, where=question["name"]
        )

    def item_is_visible(self, matrix: Question, item: Question, answers: Mapping[str, object]) -> bool:
        return self.question_is_visible(matrix, answers) and self._check(item["relevant"], answers, where=item["name"])

    def page(self, name: str) -> Page:
        for page in self.schema["pages"]:
            if page["name"] == name:
                return page
        raise KeyError(name)

    def visible_pages(self, answers: Mapping[str, object]) -> list[Page]:
        return [page for page in self.schema["pages"] if self.page_is_visible(page, answers)]

    def visible_questions(self, page: Page, answers: Mapping[str, object]) -> list[Question]:
        return [question for question in page["questions"] if self.question_is_visible(question, answers)]

    def choices(self, question: Question, answers: Mapping[str, object]) -> list[Choice]:
        """The choices shown now: filtered by ``choice_filter``, in a stable random order if asked."""
        listed = list(self.schema["choice_lists"].get(question["list_name"], []))
        if question["choice_filter"]:
            kept = []
            for choice in listed:
                try:
                    if expressions.choice_visible(question["choice_filter"], answers, choice["name"], choice["extra"]):
                        kept.append(choice)
                except expressions.ExpressionError:
                    logger.warning("choice filter of %s failed: %s", question["name"], question["choice_filter"])
                    kept.append(choice)
            listed = kept
        if question["randomize"]:
            # The same respondent sees the same order on every visit.
            random.Random(f"{self.seed}:{question['name']}").shuffle(listed)  # noqa: S311 (order, not secrecy)
        if question["or_other"] and all(choice["name"] != OTHER for choice in listed):
            listed.append({"name": OTHER, "label": {DEFAULT_LANGUAGE: _("Other")}, "extra": {}})
        return listed

    def canonical_order(self, question: Question) -> list[str]:
        """Choice names in the order of the choices sheet ("other" last), independent of randomisation."""
        names = [choice["name"] for choice in self.schema["choice_lists"].get(question["list_name"], [])]
        return [*names, OTHER] if question["or_other"] and OTHER not in names else names

    def choice_label(self, question: Question, name: str) -> str:
        for choice in self.schema["choice_lists"].get(question["list_name"], []):
            if choice["name"] == name:
                return self.text(choice["label"])
        return _("Other") if name == OTHER else name

    def with_calculations(self, answers: Mapping[str, object]) -> Answers:
        """The answers with every ``calculate`` question (re)computed, in questionnaire order."""
        result = dict(answers)
        for question in self.questions.values():
            if question["kind"] == "calculate" and question["calculation"]:
                try:
                    value = expressions.calculate(question["calculation"], result)
                except expressions.ExpressionError:
                    logger.warning("calculation of %s failed: %s", question["name"], question["calculation"])
                    value = None
                result[question["name"]] = None if isinstance(value, float) and value != value else value
        return result

    def without_hidden(self, answers: Mapping[str, object]) -> Answers:
        """The answers without those whose question (or choice, or "other" text) is hidden now.

        Clearing one answer can hide further questions, so this repeats until nothing changes.
        """
        current = self.with_calculations(answers)
        while True:
            kept: Answers = {}
            for name, value in current.items():
                if self._keeps(name, value, current):
                    kept[name] = value
            kept = self.with_calculations(kept)
            if kept == current:
                return kept
            current = kept

    def _keeps(self, name: str, value: object, answers: Answers) -> bool:
        if name.endswith(OTHER_SUFFIX) and name not in self.questions:
            base = self.questions.get(name[: -len(OTHER_SUFFIX)])
            if base is None or not base["or_other"] or not self.question_is_visible(base, answers):
                return False
            chosen = answers.get(base["name"])
            return chosen == OTHER or (isinstance(chosen, list) and OTHER in chosen)
        question = self.questions.get(name)
        if question is None:
            return False
        if question["kind"] == "calculate":
            return True
        matrix = self._matrix_of(question)
        visible = (
            self.item_is_visible(matrix, question, answers)
            if matrix is not None
            else self.question_is_visible(question, answers)
        )
        if not visible:
            return False
        if question["kind"] in {"select_one", "select_multiple", "rank"} and question["choice_filter"]:
            allowed = {choice["name"] for choice in self.choices(question, answers)}
            chosen = value if isinstance(value, list) else [value]
            return all(item in allowed for item in chosen)
        return True

    def _matrix_of(self, item: Question) -> Question | None:
        page = self.page(self.page_of[item["name"]])
        for question in page["questions"]:
            if question["kind"] == "matrix" and any(entry["name"] == item["name"] for entry in question["items"]):
                return question
        return None

    # Validation -------------------------------------------------------------------------------

    def constraint_error(self, question: Question, value: object, answers: Mapping[str, object]) -> str | None:
        if is_empty(value) or not question["constraint"]:
            return None
        try:
            valid = expressions.satisfies_constraint(question["constraint"], answers, value)
        except expressions.ExpressionError:
            logger.warning("constraint of %s failed: %s", question["name"], question["constraint"])
            return None
        if valid:
            return None
        author = self.text(question["constraint_message"])
        derived = self._range_message(question, answers)
        if derived and (expressions.references(question["constraint"]) or not author):
            # The range depends on earlier answers, which the author's fixed text cannot name.
            return derived
        return author or derived or _("This answer is not allowed here.")

    def _range_message(self, question: Question, answers: Mapping[str, object]) -> str | None:
        """ "Please enter a number from 0 to 9.": the range the constraint allows with these answers, if it
        is one range of numbers."""
        if question["kind"] not in {"integer", "decimal"}:
            return None
        try:
            allowed = expressions.allowed_numbers(question["constraint"], answers)
        except expressions.ExpressionError:
            return None
        if allowed is None or len(allowed) != 1:
            return None
        interval = allowed[0]
        low, high = interval.low, interval.high
        if question["kind"] == "integer":
            if math.isfinite(low):
                low = math.floor(low) + 1 if interval.low_open else math.ceil(low)
            if math.isfinite(high):
                high = math.ceil(high) - 1 if interval.high_open else math.floor(high)
        elif (interval.low_open and math.isfinite(low)) or (interval.high_open and math.isfinite(high)):
            return None
        if low > high or (math.isinf(low) and math.isinf(high)):
            return None
        if low == high:
            return _("Only %(number)s fits here.") % {"number": _number(low)}
        if math.isinf(low):
            return _("Please enter a number of at most %(high)s.") % {"high": _number(high)}
        if math.isinf(high):
            return _("Please enter a number of at least %(low)s.") % {"low": _number(low)}
        return _("Please enter a number from %(low)s to %(high)s.") % {"low": _number(low), "high": _number(high)}

    def required_error(self, question: Question) -> str:
        return self.text(question["required_message"]) or _("Please answer this question.")

    def page_errors(self, page: Page, answers: Mapping[str, object]) -> dict[str, str]:
        """Errors of the stored answers on one page: missing required answers and failed constraints."""
        errors: dict[str, str] = {}
        for question in self.visible_questions(page, answers):
            items = (
                [item for item in question["items"] if self.item_is_visible(question, item, answers)]
                if question["kind"] == "matrix"
                else [question]
            )
            for item in items:
                if item["kind"] not in ANSWERED_KINDS:
                    continue
                value = answers.get(item["name"])
                if item["required"] and is_empty(value):
                    errors[item["name"]] = self.required_error(item)
                    continue
                message = self.constraint_error(item, value, answers)
                if message:
                    errors[item["name"]] = message
            if question["or_other"]:
                chosen = answers.get(question["name"])
                chose_other = chosen == OTHER or (isinstance(chosen, list) and OTHER in chosen)
                if chose_other and is_empty(answers.get(question["name"] + OTHER_SUFFIX)):
                    errors[question["name"] + OTHER_SUFFIX] = _("Please say what you mean by “other”.")
        return errors

    def answerable_names(self, page: Page) -> list[str]:
        """Names of every answer a page can hold (matrix items and "other" texts included)."""
        names: list[str] = []
        for question in page["questions"]:
            for item in question["items"] if question["kind"] == "matrix" else [question]:
                if item["kind"] in ANSWERED_KINDS:
                    names.append(item["name"])
                    if item["or_other"]:
                        names.append(item["name"] + OTHER_SUFFIX)
        return names

    def progress(self, page_name: str, answers: Mapping[str, object]) -> tuple[int, int]:
        """(number of the page among the pages shown now, how many there are)."""
        names = [page["name"] for page in self.visible_pages(answers)]
        position = names.index(page_name) + 1 if page_name in names else 1
        return position, max(len(names), 1)
