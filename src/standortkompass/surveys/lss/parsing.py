"""LimeSurvey survey structure files (``.lss``, LimeSurvey 3 to 6) to the project's schema.

What XLSForm can express is mapped; everything else is listed in ``LssImport.not_mapped``.
LimeSurvey 3 keeps texts in the groups/questions/answers tables (one row per language);
LimeSurvey 4 and later keep them in ``group_l10ns``, ``question_l10ns`` and ``answer_l10ns``.
Simple relevance equations (comparisons of question codes with values, ``and``/``or``, brackets,
``Q_SQ == "Y"`` for a multiple choice) become XLSForm ``relevant`` expressions; other
ExpressionScript (functions, validation equations) is listed, not converted.
The result goes through the XLSForm export and import, so pyxform checks it like any form.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeElementTree  # type: ignore[import-untyped]
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from django.utils.translation import gettext as _

from standortkompass.surveys.expressions import ExpressionError, parse
from standortkompass.surveys.lss.conditions import Field, conditions_relevance, field_name
from standortkompass.surveys.lss.expressions import convert_expression
from standortkompass.surveys.schema import SCHEMA_VERSION, Choice, Page, Question, Schema, Texts
from standortkompass.surveys.xlsform import FormError, XLSFormError, export_xlsform, parse_xlsform
from standortkompass.surveys.xlsform.sheets import read_sheets

# Caps of an upload, as for XLSForms (surveys/xlsform/sheets.py): a real questionnaire stays far below them.
MAX_LSS_BYTES = 16 * 1024 * 1024
MAX_LSS_ROWS = 100_000  # rows of all tables (texts in every language, attributes)
MAX_LSS_QUESTIONS = 20_000  # question and subquestion rows
MAX_LSS_ANSWERS = 20_000
LANGUAGE_NAMES = {"de": "Deutsch (de)", "en": "English (en)", "fr": "Français (fr)", "it": "Italiano (it)"}
TYPE_NAMES = {"|": "file upload", "I": "language switch"}
# Fixed answer options of LimeSurvey types: code, German, English.
FIXED_CHOICES = {
    "Y": (("Y", "Ja", "Yes"), ("N", "Nein", "No")),
    "G": (("F", "Weiblich", "Female"), ("M", "Männlich", "Male")),
    "C": (("Y", "Ja", "Yes"), ("U", "Unsicher", "Uncertain"), ("N", "Nein", "No")),
    "E": (("I", "Zunahme", "Increase"), ("S", "Gleich", "Same"), ("D", "Abnahme", "Decrease")),
}
MATRIX_TYPES = {"F", "H", "C", "E"}
PER_SUBQUESTION = {"K": "decimal", "Q": "text", ":": "decimal", ";": "text"}  # one question per (cell of a) row
CHOICE_TYPES = {"L": "select_one", "!": "select_one", "Y": "select_one", "5": "select_one", "G": "select_one"}
CHOICE_TYPES |= {"O": "select_one", "M": "select_multiple", "P": "select_multiple", "R": "rank"}
SIMPLE = {"S": "text", "T": "text", "U": "text", "N": "decimal", "D": "date", "X": "note"}
MATRIX_SCALES = {"A": 5, "B": 10}
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
TAILORING = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\.(?:NAOK|shown|value))?\}")
INSERTANS = re.compile(r"\{INSERTANS:([^{}]+)\}")
QUESTION_TEXT = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\.question\}")
SGQA = re.compile(r"^\d+X\d+X(\d+)(.*)$")
QID_FIELD = re.compile(r"^Q(\d+)(?:_S(\d+))?$")  # LimeSurvey 6's column names
QID_WORD = re.compile(r"(?<![\w.\"'])Q\d+(?:_S\d+)?(?![\w])")
EXPRESSION_IN_TEXT = re.compile(r"(?<!\$)\{[^{}]*[A-Za-z(][^{}]*\}")
TAG = re.compile(r"<[^>]+>")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
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
REFERENCE = re.compile(r"\$\{([^}]*)\}")


@dataclass
class LssImport:
    schema: Schema
    not_mapped: list[str]


def _text(value: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", value)).split())


def _rows(root: Element, table: str) -> list[dict[str, str]]:
    return [{child.tag: (child.text or "").strip() for child in row} for row in root.findall(f"./{table}/rows/row")]


def _language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, f"{code} ({code})")


def _order(row: dict[str, str], key: str) -> int:
    try:
        return int(row.get(key) or 0)
    except ValueError:
        return 0


class _Reader:
    def __init__(self, root: Element) -> None:
        self.root = root
        self.not_mapped: list[str] = []
        self.origin: dict[str, str] = {}  # question name → how LimeSurvey names it (group, code, type)
        self.codes = [element.text or "" for element in root.findall("./languages/language")]
        surveys = _rows(root, "surveys")
        base = surveys[0].get("language", "") if surveys else ""
        if base and base in self.codes:
            self.codes.remove(base)
        self.codes = [base or (self.codes[0] if self.codes else "de"), *self.codes]
        self.codes = [code for code in dict.fromkeys(self.codes) if code]
        self.group_texts = self._texts("group_l10ns", "groups", "gid", ("group_name", "description"))
        self.question_texts = self._texts("question_l10ns", "questions", "qid", ("question", "help"))
        subquestion_texts = self._texts("question_l10ns", "subquestions", "qid", ("question", "help"))
        for key, value in subquestion_texts.items():
            self.question_texts.setdefault(key, value)
        self.attributes: dict[str, dict[str, str]] = defaultdict(dict)
        for row in _rows(root, "question_attributes"):
            if row.get("language", "") in {"", self.codes[0]}:
                self.attributes[row.get("qid", "")][row.get("attribute", "")] = row.get("value", "")
        # (question id, answer code, scale): a dual-scale array has the same codes on both scales
        self.answer_texts: dict[tuple[str, str, str], dict[str, Texts]] = defaultdict(lambda: defaultdict(dict))
        answers_by_aid = {row.get("aid", ""): row for row in _rows(root, "answers") if row.get("aid")}
        for row in _rows(root, "answer_l10ns"):
            answer = answers_by_aid.get(row.get("aid", ""), row)
            answer_key = (answer.get("qid", ""), answer.get("code", ""), answer.get("scale_id") or "0")
            self.answer_texts[answer_key]["answer"][_language_name(row.get("language", ""))] = _text(
                row.get("answer", "")
            )
        for row in _rows(root, "answers"):
            if row.get("answer") and row.get("language"):
                answer_key = (row.get("qid", ""), row.get("code", ""), row.get("scale_id") or "0")
                self.answer_texts[answer_key]["answer"][_language_name(row["language"])] = _text(row["answer"])

    def _texts(self, l10n_table: str, table: str, key: str, fields: tuple[str, ...]) -> dict[str, dict[str, Texts]]:
        """``{id: {field: {language name: text}}}`` from the l10n table (LimeSurvey 4+) or the table itself."""
        found: dict[str, dict[str, Texts]] = defaultdict(lambda: defaultdict(dict))
        for row in [*_rows(self.root, l10n_table), *_rows(self.root, table)]:
            language = row.get("language", "")
            if not language:
                continue
            for field in fields:
                if row.get(field):
                    found[row.get(key, "")][field].setdefault(_language_name(language), _text(row[field]))
        return found

    def question(self, row: dict[str, str], *, kind: str, type_: str, label: Texts, hint: Texts) -> Question:
        return {
            "kind": kind,  # type: ignore[typeddict-item]
            "type": type_,
            "name": "",
            "label": label,
            "hint": hint,
            "required": row.get("mandatory") == "Y",
            "required_message": {},
            "relevant": "",
            "constraint": "",
            "constraint_message": {},
            "choice_filter": "",
            "calculation": "",
            "appearance": "",
            "parameters": "",
            "default": "",
            "list_name": "",
            "widget": "",
            "or_other": False,
            "other_of": "",
            "randomize": False,
            "items": [],
            "extra": {},
        }

    def schema(self) -> Schema:
        languages = [_language_name(code) for code in self.codes]
        settings_rows = _rows(self.root, "surveys_languagesettings")
        title = next(
            (row.get("surveyls_title", "") for row in settings_rows if row.get("surveyls_language") == self.codes[0]),
            "",
        )
        surveys = _rows(self.root, "surveys")
        sid = surveys[0].get("sid", "") if surveys else ""
        questions = [row for row in _rows(self.root, "questions") if _order(row, "parent_qid") == 0]
        subquestions = [
            *(row for row in _rows(self.root, "questions") if _order(row, "parent_qid") != 0),
            *_rows(self.root, "subquestions"),
        ]
        answers = _rows(self.root, "answers")
        # indexes, so that a large file takes time in proportion to its size
        self.subs_of: dict[str, list[dict[str, str]]] = defaultdict(list)
        for sub in subquestions:
            self.subs_of[sub.get("parent_qid", "")].append(sub)
        self.answers_of: dict[str, list[dict[str, str]]] = defaultdict(list)
        for answer in answers:
            self.answers_of[answer.get("qid", "")].append(answer)
        self.references(questions, subquestions)
        self.by_qid = {row.get("qid", ""): row for row in questions}
        self.sub_by_qid = {row.get("qid", ""): row for row in subquestions}
        self.condition_relevance = conditions_relevance(
            _rows(self.root, "conditions"), resolve=self.field, single=self.single, multiple=self.multiple
        )
        choice_lists: dict[str, list[Choice]] = {}
        pages: list[Page] = []
        seen_groups: set[str] = set()
        groups = sorted(_rows(self.root, "groups"), key=lambda row: _order(row, "group_order"))
        for group in groups:
            gid = group.get("gid", "")
            if gid in seen_groups:
                continue
            seen_groups.add(gid)
            group_questions = [q for q in questions if q.get("gid") == gid]
            page = self.page(
                group, group_questions, subquestions, answers, choice_lists, name=f"gruppe_{len(pages) + 1}"
            )
            if page is not None:
                pages.append(page)
        self.drop_dangling(pages)
        return {
            "schema_version": SCHEMA_VERSION,
            "settings": {
                "title": title,
                "form_id": f"limesurvey_{sid}" if sid else "limesurvey",
                "version": "",
                "default_language": languages[0],
                "languages": [{"name": name, "code": code} for name, code in zip(languages, self.codes, strict=True)],
                "extra": {},
            },
            "pages": pages,
            "choice_lists": choice_lists,
        }

    def page(
        self,
        group: dict[str, str],
        questions: list[dict[str, str]],
        subquestions: list[dict[str, str]],
        answers: list[dict[str, str]],
        choice_lists: dict[str, list[Choice]],
        *,
        name: str,
    ) -> Page | None:
        """The page of a question group with the questions that could be taken over; None when there are none."""
        gid = group.get("gid", "")
        texts = self.group_texts.get(gid, {})
        relevance = group.get("grelevance", "")
        group_relevant = self.expression(relevance)
        if relevance not in {"", "1"} and not group_relevant:
            self.not_mapped.append(
                _(
                    "Group “%(group)s”: the relevance equation “%(equation)s” was not converted; "
                    "the group is always shown."
                )
                % {"group": self.text_of(texts.get("group_name", {})) or gid, "equation": relevance}
            )
        page_questions: list[Question] = []
        seen: set[str] = set()
        for row in sorted(questions, key=lambda q: _order(q, "question_order")):
            if row.get("qid") in seen:
                continue
            seen.add(row.get("qid", ""))
            group_name = next(iter(texts.get("group_name", {}).values()), gid)
            self.where = _("group “%(group)s”, question %(code)s (type “%(type)s”)") % {
                "group": group_name,
                "code": row.get("title", ""),
                "type": row.get("type", ""),
            }
            converted = self.convert(row, subquestions, answers, choice_lists)
            if converted is None:
                continue
            self.unconverted_attributes(row)
            relevant, unconverted = self.question_relevance(row)
            for question in converted if isinstance(converted, list) else [converted]:
                # shown always: a mandatory question would force an answer meant to be skipped
                question["required"] = question["required"] and not unconverted
                self.origin[question["name"]] = self.where
                question["relevant"] = relevant
                self.tailor(question, row.get("title", ""))
                page_questions.append(question)
        if not page_questions:
            return None
        return {
            "name": name,
            "label": {
                language: self.tailored(text, language) for language, text in texts.get("group_name", {}).items()
            },
            "hint": {
                language: self.tailored(text, language) for language, text in texts.get("description", {}).items()
            },
            "relevant": group_relevant,
            "appearance": "field-list",
            "implicit": False,
            "extra": {},
            "questions": page_questions,
        }

    def drop_dangling(self, pages: list[Page]) -> None:
        """A reference to a question that was not imported (left out, or named in an equation of a question that
        could not be converted) is dropped, and listed: a condition then no longer applies (the question is shown
        always and is not mandatory), a validation no longer checks, a text shows "…"."""
        names = {
            item["name"] for page in pages for question in page["questions"] for item in [question, *question["items"]]
        }

        def dangling(text: str) -> list[str]:
            return [name for name in REFERENCE.findall(text) if name not in names]

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

    def convert(
        self,
        row: dict[str, str],
        subquestions: list[dict[str, str]],
        answers: list[dict[str, str]],
        choice_lists: dict[str, list[Choice]],
    ) -> Question | list[Question] | None:
        """The question(s) of a LimeSurvey question row (its choices go to ``choice_lists``); None when its type
        cannot be taken over (then it is listed in ``not_mapped``)."""
        qid, code, lstype = row.get("qid", ""), row.get("title", ""), row.get("type", "")
        texts = self.question_texts.get(qid, {})
        label, hint = texts.get("question", {}), texts.get("help", {})
        name = code if NAME.match(code) else f"q_{code or qid}"
        known = {*SIMPLE, *MATRIX_SCALES, *MATRIX_TYPES, *PER_SUBQUESTION, *CHOICE_TYPES, "*", "1"}
        if lstype in TYPE_NAMES or lstype not in known:
            self.not_mapped.append(
                _("Question %(code)s (LimeSurvey type “%(type)s”, %(name)s) was not imported.")
                % {"code": code, "type": lstype, "name": TYPE_NAMES.get(lstype, _("unknown type"))}
            )
            return None
        if not label:
            label = {_language_name(self.codes[0]): code}
        if lstype in SIMPLE:
            return self.simple_question(row, lstype, name=name, label=label, hint=hint)
        if lstype == "*":
            return self.equation(row, name=name, label=label)
        own_sub = sorted(self.subs_of.get(qid, []), key=lambda s: _order(s, "question_order"))
        if lstype in PER_SUBQUESTION:
            return self.per_subquestion(row, lstype, own_sub, name=name, label=label, hint=hint)
        if lstype == "1":
            return self.dual_scale(row, own_sub, answers, choice_lists, name=name, label=label, hint=hint)
        choices = self.choices(qid, lstype, own_sub, answers)
        if not choices:
            self.not_mapped.append(
                _("Question %(code)s (LimeSurvey type “%(type)s”) has no answer options and was not imported.")
                % {"code": code, "type": lstype}
            )
            return None
        choice_lists[name] = list({choice["name"]: choice for choice in choices}.values())
        if lstype in {*MATRIX_TYPES, *MATRIX_SCALES}:
            if lstype == "H":
                self.not_mapped.append(
                    _("Question %(code)s (LimeSurvey type “H”, array by column) is shown by rows.") % {"code": code}
                )
            return self.matrix(row, own_sub, name=name, label=label, hint=hint)
        question = self.choice_question(row, lstype, name=name, label=label, hint=hint)
        if lstype == "P":
            self.not_mapped.append(
                _("Question %(code)s (LimeSurvey type “P”): the comments on the choices were left out.")
                % {"code": code}
            )
        if lstype == "O":
            comment = self.question(
                row, kind="long_text", type_="text", label=self.fixed_label("Kommentar", "Comment"), hint={}
            )
            comment.update({"name": f"{name}_comment", "appearance": "multiline", "required": False})
            return [question, comment]
        return question

    def simple_question(self, row: dict[str, str], lstype: str, *, name: str, label: Texts, hint: Texts) -> Question:
        """A question without choices (text, number, date, display text)."""
        question = self.question(row, kind=SIMPLE[lstype], type_=SIMPLE[lstype], label=label, hint=hint)
        if lstype in {"T", "U"}:
            question["kind"], question["appearance"] = "long_text", "multiline"
        if lstype == "X":
            question["required"] = False
        question["name"] = name
        if lstype in {"S", "T", "U", "N"}:
            question["constraint"] = self.validation(row, lstype)
        return question

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

    def choices(
        self, qid: str, lstype: str, own_sub: list[dict[str, str]], answers: list[dict[str, str]], scale: str = "0"
    ) -> list[Choice]:
        """The choices of a question: fixed ones (yes/no, scales), its subquestions (multiple choice) or its answers."""
        if lstype in FIXED_CHOICES:
            return [self.fixed_choice(*choice) for choice in FIXED_CHOICES[lstype]]
        if lstype in {"5", *MATRIX_SCALES}:
            size = MATRIX_SCALES.get(lstype, 5)
            return [self.fixed_choice(str(number), str(number), str(number)) for number in range(1, size + 1)]
        own_answers = sorted(self.answers_of.get(qid, []), key=lambda a: _order(a, "sortorder"))
        if lstype in {"M", "P"} or (lstype == "R" and not own_answers):  # a ranking of subquestions (LimeSurvey 6)
            return [
                self.choice(s.get("title", ""), self.question_texts.get(s.get("qid", ""), {}).get("question", {}))
                for s in own_sub
            ]
        return [
            self.choice(a.get("code", ""), self.answer_texts[(qid, a.get("code", ""), scale)]["answer"])
            for a in own_answers
            if (a.get("scale_id") or "0") == scale
        ]

    def matrix(
        self, row: dict[str, str], own_sub: list[dict[str, str]], *, name: str, label: Texts, hint: Texts
    ) -> Question | None:
        """A Likert matrix with one single-choice item per subquestion; None without subquestions."""
        matrix = self.question(row, kind="matrix", type_="begin_group", label=label, hint=hint)
        matrix.update({"name": name, "list_name": name, "appearance": "table-list", "required": False})
        for sub in own_sub:
            sub_code = sub.get("title", "")
            item = self.question(
                row,
                kind="select_one",
                type_="select_one",
                label=self.question_texts.get(sub.get("qid", ""), {}).get("question", {})
                or {_language_name(self.codes[0]): sub_code},
                hint={},
            )
            item.update({"name": f"{name}_{sub_code}", "list_name": name, "widget": "radio"})
            matrix["items"].append(item)
        return matrix if matrix["items"] else None

    def choice_question(self, row: dict[str, str], lstype: str, *, name: str, label: Texts, hint: Texts) -> Question:
        """A single choice (radio buttons or drop-down list), multiple choice or ranking on the list ``name``."""
        base = CHOICE_TYPES[lstype]
        question = self.question(row, kind=base, type_=base, label=label, hint=hint)
        question.update({"name": name, "list_name": name})
        if base == "select_one":
            question["widget"] = "dropdown" if lstype == "!" else "radio"
            question["appearance"] = "minimal" if lstype == "!" else ""
        if row.get("other") == "Y" and lstype in {"L", "!", "M", "P"}:
            question["or_other"] = True
        if lstype in {"M", "P"}:
            question["constraint"] = self.answer_count(row)
        return question

    def equation(self, row: dict[str, str], *, name: str, label: Texts) -> Question | None:
        """An equation (``{…}`` in the question text) as a calculation; None when it cannot be converted."""
        text = TAG.sub("", next(iter(label.values()), "")).strip()
        converted = self.expression(text[1:-1]) if text.startswith("{") and text.endswith("}") else ""
        if not converted:
            self.not_mapped.append(
                _("Question %(code)s (LimeSurvey type “*”, equation): the equation “%(equation)s” was not converted.")
                % {"code": row.get("title", ""), "equation": text}
            )
            return None
        question = self.question(row, kind="calculate", type_="calculate", label={}, hint={})
        question.update({"name": name, "calculation": converted, "required": False})
        return question

    def per_subquestion(
        self, row: dict[str, str], lstype: str, own_sub: list[dict[str, str]], *, name: str, label: Texts, hint: Texts
    ) -> list[Question] | None:
        """Multiple numerical input and multiple short text: a heading and one question per subquestion."""
        if not own_sub:
            self.not_mapped.append(
                _("Question %(code)s (LimeSurvey type “%(type)s”) has no subquestions and was not imported.")
                % {"code": row.get("title", ""), "type": lstype}
            )
            return None
        heading = self.question(row, kind="note", type_="note", label=label, hint=hint)
        heading.update({"name": name, "required": False})
        found = [heading]
        rows = [sub for sub in own_sub if (sub.get("scale_id") or "0") == "0"]
        columns: list[dict[str, str] | None] = [sub for sub in own_sub if sub.get("scale_id") == "1"]
        for sub in rows:
            for column in columns if lstype in {":", ";"} and columns else [None]:
                codes = [sub.get("title", "")] + ([column.get("title", "")] if column else [])
                texts = [self.sub_label(part) for part in (sub, column) if part is not None]
                item_label = {language: ": ".join(text.get(language, "") for text in texts) for language in texts[0]}
                kind = PER_SUBQUESTION[lstype]
                item = self.question(row, kind=kind, type_=kind, label=item_label, hint={})
                item["name"] = "_".join([name, *codes])
                found.append(item)
        return found

    def sub_label(self, sub: dict[str, str]) -> Texts:
        label = self.question_texts.get(sub.get("qid", ""), {}).get("question", {})
        return label or {_language_name(self.codes[0]): sub.get("title", "")}

    def dual_scale(
        self,
        row: dict[str, str],
        own_sub: list[dict[str, str]],
        answers: list[dict[str, str]],
        choice_lists: dict[str, list[Choice]],
        *,
        name: str,
        label: Texts,
        hint: Texts,
    ) -> list[Question] | None:
        """A dual-scale array as two Likert matrices on the same items, one per scale."""
        matrices: list[Question] = []
        for number, scale in enumerate(("0", "1"), start=1):
            choices = self.choices(row.get("qid", ""), "1", own_sub, answers, scale)
            matrix = self.matrix(row, own_sub, name=f"{name}_{number}", label=label, hint=hint) if choices else None
            if matrix is not None:
                choice_lists[f"{name}_{number}"] = list({choice["name"]: choice for choice in choices}.values())
                matrices.append(matrix)
        if not matrices:
            self.not_mapped.append(
                _("Question %(code)s (LimeSurvey type “%(type)s”) has no answer options and was not imported.")
                % {"code": row.get("title", ""), "type": "1"}
            )
        return matrices or None

    def fixed_label(self, german: str, english: str) -> Texts:
        return {_language_name(language): (german if language == "de" else english) for language in self.codes}

    def references(self, questions: list[dict[str, str]], subquestions: list[dict[str, str]]) -> None:
        """The question codes an expression may refer to: imported single-value questions and matrix items."""
        self.single: set[str] = set()
        self.multiple: dict[str, set[str]] = {}
        for row in questions:
            code, lstype = row.get("title", ""), row.get("type", "")
            own = self.subs_of.get(row.get("qid", ""), [])
            subs = {s.get("title", "") for s in own}
            if not NAME.match(code) or lstype in TYPE_NAMES:
                continue
            if lstype in {":", ";"}:
                columns = [s.get("title", "") for s in own if s.get("scale_id") == "1"]
                rows = [s.get("title", "") for s in own if (s.get("scale_id") or "0") == "0"]
                self.single.update(f"{code}_{r}_{c}" for r in rows for c in columns)
            if lstype in {"S", "T", "U", "N", "D", "L", "!", "Y", "5", "G", "O", "*"}:
                self.single.add(code)
            elif lstype in {"M", "P"}:
                self.multiple[code] = subs
            elif lstype in {*MATRIX_TYPES, *MATRIX_SCALES, "K", "Q"}:
                self.single.update(f"{code}_{sub}" for sub in subs)
            elif lstype == "1":
                self.single.update(f"{code}_{number}_{sub}" for sub in subs for number in (1, 2))

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

    def choice(self, code: str, label: Texts) -> Choice:
        return {"name": code, "label": label or {_language_name(self.codes[0]): code}, "extra": {}}

    def fixed_choice(self, code: str, german: str, english: str) -> Choice:
        label = {_language_name(language): (german if language == "de" else english) for language in self.codes}
        return {"name": code, "label": label, "extra": {}}


def _refusal(message: str) -> XLSFormError:
    return XLSFormError([FormError("", None, "", message)])


def _check_size(data: bytes) -> None:
    """Caps checked before the XML is parsed: its size and how many rows its tables hold."""
    if len(data) > MAX_LSS_BYTES:
        raise _refusal(
            _("The LimeSurvey file is larger than %(size)s MB; this is not a questionnaire.")
            % {"size": MAX_LSS_BYTES // (1024 * 1024)}
        )
    if data.count(b"<row>") > MAX_LSS_ROWS:
        raise _refusal(
            _("The LimeSurvey file has more than %(rows)s table rows; this is not a questionnaire.")
            % {"rows": MAX_LSS_ROWS}
        )


def _check_counts(root: Element) -> None:
    questions = len(root.findall("./questions/rows/row")) + len(root.findall("./subquestions/rows/row"))
    answers = len(root.findall("./answers/rows/row"))
    for count, limit, message in (
        (questions, MAX_LSS_QUESTIONS, _("The LimeSurvey file has more than %(count)s questions and subquestions.")),
        (answers, MAX_LSS_ANSWERS, _("The LimeSurvey file has more than %(count)s answer options.")),
    ):
        if count > limit:
            raise _refusal(message % {"count": limit})


def parse_lss(data: bytes) -> LssImport:
    """The schema of a LimeSurvey structure file and the list of what could not be mapped."""
    _check_size(data)
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as error:
        raise _refusal(
            _(
                "The file declares a document type or XML entities. LimeSurvey files have none, and such files can "
                "make the server expand or fetch data without bound; it is refused."
            )
        ) from error
    except (SafeElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise XLSFormError(
            [
                FormError(
                    "",
                    None,
                    "",
                    _("The file cannot be read as a LimeSurvey structure file: %(error)s") % {"error": error},
                )
            ]
        ) from error
    if root.tag != "document" or (root.findtext("LimeSurveyDocType") or "").strip() != "Survey":
        raise XLSFormError([FormError("", None, "", _("The file is not a LimeSurvey survey structure file (.lss)."))])
    _check_counts(root)
    reader = _Reader(root)
    schema = reader.schema()
    if not schema["pages"]:
        raise XLSFormError(
            [FormError("", None, "", _("The LimeSurvey file contains no question that could be imported."))]
        )
    # Through XLSForm and back: the same checks as every form, and the canonical schema. Its errors are told in
    # LimeSurvey's terms (group, question code, type letter), never as rows of a sheet the user has not seen.
    names = [question["name"] for page in schema["pages"] for question in page["questions"]]
    if twice := sorted({name for name in names if names.count(name) > 1}):
        raise XLSFormError(
            [
                FormError(
                    "",
                    None,
                    "",
                    f"{reader.origin.get(name, name)}: "
                    + _("the question code %(code)s is used by more than one question.") % {"code": name},
                )
                for name in twice
            ]
        )
    workbook = export_xlsform(schema)
    try:
        return LssImport(schema=parse_xlsform(workbook, "limesurvey.xlsx"), not_mapped=reader.not_mapped)
    except XLSFormError as error:
        rows = {row.number: row.values.get("name", "") for row in read_sheets(workbook, "x.xlsx").rows["survey"]}
        raise XLSFormError(
            [
                FormError("", None, "", f"{reader.origin.get(rows.get(problem.row or 0, ''), '')}: {problem.message}")
                if problem.sheet == "survey" and rows.get(problem.row or 0, "") in reader.origin
                else FormError("", None, "", problem.message)
                for problem in error.errors
            ]
        ) from error
