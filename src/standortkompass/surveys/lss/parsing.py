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

from standortkompass.surveys.lss.conditions import conditions_relevance
from standortkompass.surveys.lss.limits import check_counts, check_size, refusal
from standortkompass.surveys.lss.logic import LogicReader
from standortkompass.surveys.schema import SCHEMA_VERSION, Choice, Page, Question, Schema, Texts
from standortkompass.surveys.xlsform import FormError, XLSFormError, export_xlsform, parse_xlsform
from standortkompass.surveys.xlsform.sheets import read_sheets

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
TAG = re.compile(r"<[^>]+>")


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


class _Reader(LogicReader):
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
        # LimeSurvey 1.x to 3.x write a subquestion and an answer once per language: each is taken once
        self.subs_of: dict[str, list[dict[str, str]]] = defaultdict(list)
        for sub in {sub.get("qid") or str(index): sub for index, sub in enumerate(reversed(subquestions))}.values():
            self.subs_of[sub.get("parent_qid", "")].append(sub)
        self.answers_of: dict[str, list[dict[str, str]]] = defaultdict(list)
        unique_answers = {(a.get("qid"), a.get("code"), a.get("scale_id") or "0"): a for a in reversed(answers)}
        for answer in unique_answers.values():
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
                # a copy: the two matrices of a dual-scale array share their items' texts, each tailored once
                label=dict(self.question_texts.get(sub.get("qid", ""), {}).get("question", {}))
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

    def choice(self, code: str, label: Texts) -> Choice:
        return {"name": code, "label": label or {_language_name(self.codes[0]): code}, "extra": {}}

    def fixed_choice(self, code: str, german: str, english: str) -> Choice:
        label = {_language_name(language): (german if language == "de" else english) for language in self.codes}
        return {"name": code, "label": label, "extra": {}}


def parse_lss(data: bytes) -> LssImport:
    """The schema of a LimeSurvey structure file and the list of what could not be mapped."""
    check_size(data)
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as error:
        raise refusal(
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
    check_counts(root)
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
