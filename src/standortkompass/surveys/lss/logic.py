"""The logic and texts of a LimeSurvey question in the schema: relevance (equation or conditions), earlier
answers in texts, validation, and references to what was not imported. A part of the reader in ``parsing``."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from standortkompass.surveys.expressions import ExpressionError, parse
from standortkompass.surveys.lss.conditions import Field, field_name
from standortkompass.surveys.lss.expressions import convert_expression
from standortkompass.surveys.schema import Page, Question, Texts

TAILORING = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\.(?:NAOK|shown|value))?\}")
INSERTANS = re.compile(r"\{INSERTANS:([^{}]+)\}")
QUESTION_TEXT = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\.question\}")
SGQA = re.compile(r"^\d+X\d+X(\d+)(.*)$")
QID_FIELD = re.compile(r"^Q(\d+)(?:_S(\d+))?$")  # LimeSurvey 6's column names
QID_WORD = re.compile(r"(?<![\w.\"'])Q\d+(?:_S\d+)?(?![\w])")
EXPRESSION_IN_TEXT = re.compile(r"(?<!\$)\{[^{}]*[A-Za-z(][^{}]*\}")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
REFERENCE = re.compile(r"\$\{([^}]*)\}")
# question attributes of validation and filters that the schema cannot hold (listed when set)
UNCONVERTED_ATTRIBUTES = (
    "em_validation_sq",
    "min_num_value",
    "max_num_value",
    "equals_num_value",
    "array_filter",
    "array_filter_exclude",
    "exclude_all_others",
)


class LogicReader:
    """What the reader knows that logic needs; filled by ``parsing._Reader``."""

    single: set[str]  # codes an expression may refer to with a single value
    multiple: dict[str, set[str]]  # multiple choice codes and their subquestion codes
    by_qid: dict[str, dict[str, str]]
    sub_by_qid: dict[str, dict[str, str]]
    condition_relevance: dict[str, str | None]
    not_mapped: list[str]
    origin: dict[str, str]
    where: str  # the question being read, in LimeSurvey's terms
    attributes: dict[str, dict[str, str]]
    question_texts: dict[str, dict[str, Texts]]

    def question_relevance(self, row: dict[str, str]) -> tuple[str, bool]:
        """The XLSForm relevance of a question from its relevance equation or, where that is ``1`` (files of
        LimeSurvey 1.x to 3.x), its conditions; and whether something could not be converted (then listed)."""
        relevance = row.get("relevance", "")
        relevant = self.expression(relevance)
        if relevant:
            return relevant, False
        if row.get("qid", "") in self.condition_relevance:
            if conditions := self.condition_relevance[row.get("qid", "")]:
                return conditions, False
            self.not_mapped.append(
                _("%(where)s: its conditions (condition editor) were not converted; the question is always shown.")
                % {"where": self.where}
            )
            return "", True
        if relevance.strip() not in {"", "1"}:
            self.not_mapped.append(
                _("%(where)s: the relevance equation “%(equation)s” was not converted; the question is always shown.")
                % {"where": self.where, "equation": relevance}
            )
            return "", True
        return "", False

    def field(self, cqid: str, fieldname: str) -> Field | None:
        """The question (and subquestion) of an answer field as LimeSurvey names it: ``SID X GID X QID SUB``,
        ``Q<qid>_S<sub qid>`` (LimeSurvey 6) or the question code."""
        question: dict[str, str] | None = None
        sub = ""
        if match := QID_FIELD.match(fieldname):
            question = self.by_qid.get(match.group(1))
            if question is not None and match.group(2):
                sub = self.sub_by_qid.get(match.group(2), {}).get("title", "")
                if not sub:
                    return None
        elif match := SGQA.match(fieldname):
            digits, rest = match.groups()
            if cqid and cqid in self.by_qid and digits.startswith(cqid):
                question, sub = self.by_qid[cqid], digits[len(cqid) :] + rest
            else:  # a subquestion code may begin with digits: the longest known question id
                for end in range(len(digits), 0, -1):
                    if digits[:end] in self.by_qid:
                        question, sub = self.by_qid[digits[:end]], digits[end:] + rest
                        break
        else:
            question = next((row for row in self.by_qid.values() if row.get("title") == fieldname), None)
        if question is None:
            return None
        return Field(code=question.get("title", ""), lstype=question.get("type", ""), sub=sub)

    def drop_dangling(self, pages: list[Page]) -> None:
        """A reference to a question that was not imported (left out, or named in an equation of a question that
        could not be converted) is dropped, and listed: a condition then no longer applies (the question is shown
        always and is not mandatory), a validation no longer checks, a text shows "…"."""

        def dangling(text: str) -> list[str]:
            return [name for name in REFERENCE.findall(text) if name not in names]

        # An equation computed from what was not imported cannot be computed: it is left out, and so, in turn,
        # is an equation computed from it.
        while True:
            names = {
                item["name"]
                for page in pages
                for question in page["questions"]
                for item in [question, *question["items"]]
            }
            left_out = [
                (page, question)
                for page in pages
                for question in page["questions"]
                if question["kind"] == "calculate" and dangling(question["calculation"])
            ]
            for page, question in left_out:
                self.not_mapped.append(
                    _("%(where)s: the equation refers to %(names)s, which was not imported; it was left out.")
                    % {
                        "where": self.origin.get(question["name"], question["name"]),
                        "names": ", ".join(sorted(set(dangling(question["calculation"])))),
                    }
                )
                page["questions"].remove(question)
            if not left_out:
                break
        pages[:] = [page for page in pages if page["questions"]]

        for page in pages:
            if dangling(page["relevant"]):
                self.not_mapped.append(
                    _("Group “%(group)s”: the relevance refers to a question that was not imported; it was left out.")
                    % {"group": self.text_of(page["label"]) or page["name"]}
                )
                page["relevant"] = ""
            for question in page["questions"]:
                for item in [question, *question["items"]]:
                    where = self.origin.get(question["name"], question["name"])
                    for column in ("relevant", "constraint", "calculation"):
                        if missing := dangling(item[column]):
                            self.not_mapped.append(
                                _("%(where)s: the logic refers to %(names)s, which was not imported; it was left out.")
                                % {"where": where, "names": ", ".join(sorted(set(missing)))}
                            )
                            item[column] = ""
                            item["required"] = item["required"] and column != "relevant"
                    for texts in (item["label"], item["hint"]):
                        for language, text in texts.items():
                            for name in dangling(text):
                                text = text.replace("${" + name + "}", "…")
                            texts[language] = text

    @staticmethod
    def text_of(texts: Texts) -> str:
        return next(iter(texts.values()), "")

    def tailor(self, question: Question, code: str) -> None:
        """Earlier answers in the texts of a question (and of its matrix items) become ``${name}``: ``{CODE}``,
        ``{CODE.shown}``, ``{CODE.NAOK}`` and ``{INSERTANS:SGQA}``; ``{CODE.question}`` becomes that question's
        text. Other ExpressionScript in braces is shown as written and listed once."""
        written = False
        for item in [question, *question["items"]]:
            for texts in (item["label"], item["hint"]):
                for language, text in texts.items():
                    texts[language] = self.tailored(text, language)
                    written = written or bool(EXPRESSION_IN_TEXT.search(texts[language]))
        if written:
            self.not_mapped.append(
                _("%(where)s: its text contains an expression in braces that is shown as written.")
                % {"where": self.where}
            )

    def tailored(self, text: str, language: str) -> str:
        def answer(match: re.Match[str]) -> str:
            return f"${{{match.group(1)}}}" if match.group(1) in self.single else match.group(0)

        def inserted(match: re.Match[str]) -> str:
            field = self.field("", match.group(1).strip())
            name = field_name(field, self.single) if field is not None else None
            return f"${{{name}}}" if name else match.group(0)

        def question_text(match: re.Match[str]) -> str:
            row = next((row for row in self.by_qid.values() if row.get("title") == match.group(1)), None)
            texts = self.question_texts.get(row.get("qid", ""), {}).get("question", {}) if row else {}
            return texts.get(language) or next(iter(texts.values()), match.group(0))

        text = QUESTION_TEXT.sub(question_text, text)
        return INSERTANS.sub(inserted, TAILORING.sub(answer, text))

    def validation(self, row: dict[str, str], lstype: str) -> str:
        """The XLSForm constraint of a text or number question: its regular expression (``preg``), numeric limits,
        maximum length and validation equation; what cannot be converted is listed."""
        parts: list[str] = []
        attributes = self.attributes.get(row.get("qid", ""), {})
        for attribute, operator in (("min_num_value_n", ">="), ("max_num_value_n", "<=")):
            value = attributes.get(attribute, "").strip()
            if lstype == "N" and NUMBER.fullmatch(value):
                parts.append(f". {operator} {value}")
        length = attributes.get("maximum_chars", "").strip()
        if lstype in {"S", "T", "U"} and length.isdigit() and int(length) > 0:
            parts.append(f"string-length(.) <= {length}")
        preg = row.get("preg", "").strip()
        if preg:
            pattern = preg[1 : preg.rindex("/")] if preg.startswith("/") and preg.rindex("/") > 0 else preg
            try:
                re.compile(pattern)
                constraint = f"regex(., '{pattern}')"
                parse(constraint)
            except (re.error, ExpressionError):
                self.not_mapped.append(
                    _("%(where)s: the validation “%(pattern)s” was not converted.")
                    % {"where": self.where, "pattern": preg}
                )
            else:
                parts.append(constraint)
        equation = attributes.get("em_validation_q", "").strip()
        if equation:
            code = row.get("title", "")
            converted = self.expression(re.sub(r"\b(?:this|self)\b", code, equation))
            if converted:
                parts.append(f"({converted.replace('${' + code + '}', '.')})")
            else:
                self.not_mapped.append(
                    _("%(where)s: the validation equation “%(equation)s” was not converted.")
                    % {"where": self.where, "equation": equation}
                )
        return " and ".join(parts)

    def answer_count(self, row: dict[str, str]) -> str:
        """The XLSForm constraint of a multiple choice's least and most answers (``min_answers``, ``max_answers``)."""
        attributes = self.attributes.get(row.get("qid", ""), {})
        parts = [
            f"count-selected(.) {operator} {attributes[attribute].strip()}"
            for attribute, operator in (("min_answers", ">="), ("max_answers", "<="))
            if attributes.get(attribute, "").strip().isdigit() and int(attributes[attribute]) > 0
        ]
        return " and ".join(parts)

    def unconverted_attributes(self, row: dict[str, str]) -> None:
        """Validation and filters that the schema cannot hold are listed, never dropped silently."""
        attributes = self.attributes.get(row.get("qid", ""), {})
        lstype = row.get("type", "")
        names = list(UNCONVERTED_ATTRIBUTES)
        if lstype not in {"S", "T", "U", "N"}:
            names.append("em_validation_q")
            if row.get("preg", "").strip():
                self.not_mapped.append(
                    _("%(where)s: the validation “%(pattern)s” was not converted.")
                    % {"where": self.where, "pattern": row["preg"].strip()}
                )
        for name in names:
            value = attributes.get(name, "").strip()
            if value and value != "0":
                self.not_mapped.append(
                    _("%(where)s: the question attribute “%(attribute)s” (%(value)s) was not converted.")
                    % {"where": self.where, "attribute": name, "value": value}
                )

    def expression(self, equation: str) -> str:
        if equation.strip() in {"", "1"}:
            return ""
        equation = QID_WORD.sub(self.code_of_qid, equation)
        return convert_expression(equation, single=self.single, multiple=self.multiple) or ""

    def code_of_qid(self, match: re.Match[str]) -> str:
        """LimeSurvey 6 names a question ``Q<qid>`` (``Q<qid>_S<qid>`` its subquestion) in generated equations."""
        word = match.group(0)
        if word in self.single or word in self.multiple:
            return word
        field = self.field("", word)
        if field is None:
            return word
        return f"{field.code}_{field.sub}" if field.sub else field.code
