"""Reading an XLSForm into the project's schema: settings, choice lists, pages (groups), questions and
Likert matrices; every problem is collected with sheet, row and column before anything is refused.

Errors (broken references, missing choice lists, expressions that do not parse) refuse the form.
Warnings say what was left out or changed and why (locations, media, device metadata, repeats); the form
is imported with them once the user confirms. A group inside a page becomes a headed section of the page
(or a Likert matrix); deeper groups are flattened into it, their conditions joined to their questions'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from standortkompass.surveys.expressions import ExpressionError, parse
from standortkompass.surveys.schema import (
    DEFAULT_LANGUAGE,
    SCHEMA_VERSION,
    TYPES_WITH_CHOICES,
    Choice,
    Language,
    Page,
    Question,
    QuestionKind,
    Schema,
    Settings,
    Texts,
    language_code,
)
from standortkompass.surveys.xlsform.sheets import (
    PLAIN_COLUMNS,
    TRANSLATABLE,
    FormError,
    Row,
    Sheets,
    XLSFormError,
    read_sheets,
)
from standortkompass.surveys.xlsform.types import classify
from standortkompass.surveys.xlsform.validation import (
    balanced,
    expression_errors,
    name_errors,
    pyxform_errors,
    straight_quotes,
)

YES = {"yes", "true", "true()", "1"}
EXPRESSIONS = ("relevant", "constraint", "choice_filter", "calculation")
# Blocks of rows: groups, and what is left out with its rows (repeats, old loops, KoboToolbox's matrix, score, rank).
KOBO_BLOCKS = {"kobomatrix", "score", "rank"}
BLOCKS = {"group", "repeat", "loop", *KOBO_BLOCKS}
MEDIA_COLUMNS = {"image", "audio", "video", "big-image", "media", "media:image", "media:audio", "media:video"}
REFERENCE = re.compile(r"\$\{([^}]*)\}")
NO = {"", "no", "false", "false()", "0"}
FORM_SHEETS = {"survey", "choices", "settings"}
STRAIGHTENED = ("relevant", "constraint", "choice_filter", "calculation", "required")
LAST_SAVED = re.compile(r"^\s*\$\{last-saved#[^}]*\}\s*$")
OTHER_RELEVANT = re.compile(r"^\s*(?:selected\(\s*\$\{(\w+)\}\s*,\s*'other'\s*\)|\$\{(\w+)\}\s*=\s*'other')\s*$")


class _Parser:
    def __init__(self, sheets: Sheets) -> None:
        self.sheets = sheets
        self.errors: list[FormError] = []
        self.warnings: list[FormError] = []
        self.settings = self._settings()
        self.languages: list[str] = []
        self.metadata: dict[str, str] = {}
        self.left_out: set[str] = set()
        self.kobo_blocks = False  # KoboToolbox's own blocks, which pyxform does not know
        self.row_of: dict[str, int] = {}
        self.straighten()

    def straighten(self) -> None:
        """What Excel's AutoCorrect makes of a form, read as meant: typographic quotation marks around the
        values of an expression become straight ones. What only a mobile data collection app has is dropped: a
        default from the last saved form (ODK's ``${last-saved#name}``) and a question's calculation from data
        attached to the form (``instance('…')/root/item[…]``). Each with a warning."""
        for row in self.sheets.rows.get("survey", []):
            for column in STRAIGHTENED:
                value = row.values.get(column, "")
                straight = straight_quotes(value)
                if straight != value:
                    row.values[column] = straight
                    self.warnings.append(
                        FormError(
                            "survey",
                            row.number,
                            column,
                            _("Typographic quotation marks were read as straight ones: %(expression)s")
                            % {"expression": straight},
                        )
                    )
            calculation = row.values.get("calculation", "")
            if "instance(" in calculation and "calculate" not in row.values.get("type", "").lower():
                self.warnings.append(
                    FormError(
                        "survey",
                        row.number,
                        "calculation",
                        _(
                            "The calculation “%(calculation)s” reads data from a file or list attached to the form "
                            "(instance()); an online survey has none, so it was left out and the question starts empty."
                        )
                        % {"calculation": row.values.pop("calculation")},
                    )
                )
            if LAST_SAVED.match(row.values.get("default", "")):
                self.warnings.append(
                    FormError(
                        "survey",
                        row.number,
                        "default",
                        _(
                            "The default “%(default)s” takes the answer of the form saved last on a device; an online "
                            "survey has none, so the question starts empty."
                        )
                        % {"default": row.values.pop("default")},
                    )
                )

    def error(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.errors.append(FormError(sheet, row, column, message))

    def warning(self, row: Row, message: str) -> None:
        self.warnings.append(FormError("survey", row.number, "type", message))

    def _settings(self) -> Settings:
        rows = self.sheets.rows.get("settings", [])
        values = dict(rows[0].values) if rows else {}
        settings: Settings = {
            "title": values.pop("form_title", "") or values.pop("title", ""),
            "form_id": values.pop("form_id", ""),
            "version": values.pop("version", ""),
            "default_language": values.pop("default_language", ""),
            "languages": [],
            "extra": values,
        }
        return settings

    def _texts(self, row: Row, column: str) -> Texts:
        texts: Texts = {}
        default = self.settings["default_language"] or DEFAULT_LANGUAGE
        for key, value in row.values.items():
            if key == column:
                texts[default] = value
            elif key.startswith(f"{column}::"):
                texts[key.split("::", 1)[1]] = value
        for language in texts:
            if language not in self.languages:
                self.languages.append(language)
        return texts

    @staticmethod
    def _extra(row: Row, known: set[str]) -> dict[str, str]:
        return {
            key: value
            for key, value in row.values.items()
            if key not in known and key.split("::", 1)[0] not in TRANSLATABLE
        }

    # choices

    def choice_lists(self) -> dict[str, list[Choice]]:
        lists: dict[str, list[Choice]] = {}
        for row in self.sheets.rows.get("choices", []):
            list_name = row.values.get("list_name", "") or row.values.get("list name", "")
            name = row.values.get("name", "")
            if not list_name and not name:  # a stray text without list and name (pyxform ignores it too)
                self.warnings.append(
                    FormError(
                        "choices", row.number, "list_name", _("The row has no list name and no name; it is ignored.")
                    )
                )
                continue
            if not list_name:
                self.error("choices", row.number, "list_name", _("The choice has no list name."))
                continue
            if not name:
                self.error("choices", row.number, "name", _("The choice has no name."))
                continue
            choices = lists.setdefault(list_name, [])
            if any(choice["name"] == name for choice in choices):
                message = _("The choice name “%(name)s” appears twice in the list “%(list)s”.")
                if self.settings["extra"].get("allow_choice_duplicates", "").strip().lower() in YES:
                    message = _(
                        "The choice name “%(name)s” appears twice in the list “%(list)s”. The settings allow this "
                        "(allow_choice_duplicates), but the results count the answers by name and could not tell "
                        "the two apart: give each its own name."
                    )
                self.error("choices", row.number, "name", message % {"name": name, "list": list_name})
                continue
            label = self._texts(row, "label")
            if not label:
                label = {self.settings["default_language"] or DEFAULT_LANGUAGE: name}
                self.warnings.append(
                    FormError(
                        "choices",
                        row.number,
                        "label",
                        _("The choice “%(name)s” has no label; its name is shown instead.") % {"name": name},
                    )
                )
            choices.append(
                {"name": name, "label": label, "extra": self._extra(row, {"list_name", "list name", "name"})}
            )
        return lists

    # survey

    def question_type(self, row: Row, lists: dict[str, list[Choice]]) -> tuple[QuestionKind, str, str, bool] | None:
        """The kind, the XLSForm type, the choice list and ``or_other`` of the row's ``type`` column;
        None when the row is no question (an error, a warning or a server timestamp says why)."""
        row_type = classify(row.values.get("type", ""))
        name = row.values.get("name", "")
        if row_type.role in {"timestamp", "left_out"}:
            self.left_out.add(name)
        if row_type.role == "timestamp":
            self.metadata[row_type.base] = name
            return None
        if row_type.role == "left_out":
            self.warning(
                row,
                _("The question “%(name)s” (type “%(type)s”) was left out: %(reason)s.")
                % {"name": name, "type": row_type.base, "reason": row_type.reason},
            )
            return None
        if row_type.kind is None:
            self.error(
                "survey",
                row.number,
                "type",
                _("The question type “%(type)s” is not supported.") % {"type": row_type.base},
            )
            return None
        kind, base, parts = row_type.kind, row_type.base, list(row_type.words)
        list_name, or_other = "", False
        if base in TYPES_WITH_CHOICES:
            if not parts:
                self.error(
                    "survey", row.number, "type", _("The type “%(type)s” needs a choice list name.") % {"type": base}
                )
                return None
            list_name = parts[0]
            or_other = [part.lower() for part in parts[1:]] in (["or_other"], ["or", "specify", "other"])
            if len(parts) > 1 and not or_other:
                self.error(
                    "survey",
                    row.number,
                    "type",
                    _("Unexpected words after the list name: %(words)s") % {"words": " ".join(parts[1:])},
                )
            if list_name not in lists:
                self.error(
                    "survey",
                    row.number,
                    "type",
                    _("The choice list “%(list)s” does not exist on the choices sheet.") % {"list": list_name},
                )
        elif parts:
            self.error("survey", row.number, "type", _("The type “%(type)s” takes no list name.") % {"type": base})
        return kind, base, list_name, or_other

    def question(self, row: Row, lists: dict[str, list[Choice]]) -> Question | None:
        question_type = self.question_type(row, lists)
        if question_type is None:
            return None
        kind, base, list_name, or_other = question_type
        values = row.values
        name = values.get("name", "")
        self.row_of[name] = row.number
        appearance = values.get("appearance", "")
        if kind == "text" and "multiline" in appearance.split():
            kind = "long_text"
        required_text = values.get("required", "").strip().lower()
        if required_text not in YES | NO:
            self.error("survey", row.number, "required", _("Required must be “yes” or “no”."))
        label = self._texts(row, "label")
        media = [key for key in values if key.split("::", 1)[0] in MEDIA_COLUMNS]
        if kind != "calculate" and not label and media:
            self.left_out.add(name)
            self.warning(
                row,
                _("The question “%(name)s” was left out: it has only a picture, sound or video and no text.")
                % {"name": name},
            )
            return None
        if kind not in {"calculate"} and not label:
            self.error("survey", row.number, "label", _("The question “%(name)s” has no label.") % {"name": name})
        if kind == "calculate" and not values.get("calculation"):
            self.error("survey", row.number, "calculation", _("A calculate row needs a calculation."))
        if kind == "calculate" and values.get("calculation") and balanced(values["calculation"]):
            try:
                parse(values["calculation"])
            except ExpressionError as problem:
                self.left_out.add(name)
                self.warning(
                    row,
                    _("The calculation “%(name)s” was left out: %(problem)s") % {"name": name, "problem": problem},
                )
                return None
        parameters = values.get("parameters", "")
        randomize = bool(re.search(r"(^|\s)randomize\s*=\s*(true|yes)\b", parameters, re.IGNORECASE))
        other = OTHER_RELEVANT.match(values.get("relevant", "")) if kind in {"text", "long_text"} else None
        known = {"type", "name", "required", *PLAIN_COLUMNS}
        return {
            "kind": kind,
            "type": base,
            "name": name,
            "label": label,
            "hint": self._texts(row, "hint"),
            "required": required_text in YES,
            "required_message": self._texts(row, "required_message"),
            "relevant": values.get("relevant", ""),
            "constraint": values.get("constraint", ""),
            "constraint_message": self._texts(row, "constraint_message"),
            "choice_filter": values.get("choice_filter", ""),
            "calculation": values.get("calculation", ""),
            "appearance": appearance,
            "parameters": parameters,
            "default": values.get("default", ""),
            "list_name": list_name,
            "widget": ("dropdown" if "minimal" in appearance.split() else "radio") if base == "select_one" else "",
            "or_other": or_other,
            "other_of": (other.group(1) or other.group(2)) if other else "",
            "randomize": randomize,
            "items": [],
            "extra": self._extra(row, known),
        }

    def page(self, row: Row | None, questions: list[Question]) -> Page:
        if row is None:
            return {
                "name": "",
                "label": {},
                "hint": {},
                "relevant": "",
                "appearance": "",
                "implicit": True,
                "extra": {},
                "questions": questions,
            }
        return {
            "name": row.values.get("name", ""),
            "label": self._texts(row, "label"),
            "hint": self._texts(row, "hint"),
            "relevant": row.values.get("relevant", ""),
            "appearance": row.values.get("appearance", ""),
            "implicit": False,
            "extra": self._extra(row, {"type", "name", "relevant", "appearance"}),
            "questions": questions,
        }

    def matrix(self, group: Row, items: list[Question]) -> Question | None:
        """A group is a Likert matrix when all its questions share one choice list and it asks for a table."""
        if not items or any(item["kind"] not in {"select_one", "select_multiple"} for item in items):
            return None
        if len({item["list_name"] for item in items}) != 1:
            return None
        appearance = group.values.get("appearance", "")
        if "table-list" not in appearance.split() and not all("likert" in i["appearance"].split() for i in items):
            return None
        values = group.values
        return {
            "kind": "matrix",
            "type": "begin_group",
            "name": values.get("name", ""),
            "label": self._texts(group, "label"),
            "hint": self._texts(group, "hint"),
            "required": False,
            "required_message": {},
            "relevant": values.get("relevant", ""),
            "constraint": "",
            "constraint_message": {},
            "choice_filter": "",
            "calculation": "",
            "appearance": appearance,
            "parameters": "",
            "default": "",
            "list_name": items[0]["list_name"],
            "widget": "",
            "or_other": False,
            "other_of": "",
            "randomize": False,
            "items": items,
            "extra": self._extra(group, {"type", "name", "relevant", "appearance"}),
        }

    def section(self, group: Row, questions: list[Question]) -> list[Question]:
        """A group inside a page: its label as a heading (a note), its condition joined to its questions'."""
        relevant = group.values.get("relevant", "")
        for question in questions:
            question["relevant"] = _joined(relevant, question["relevant"])
        texts = {key: value for key, value in group.values.items() if key.split("::", 1)[0] in {"label", "hint"}}
        if not texts:
            return questions
        values = {**texts, "type": "note", "name": group.values.get("name", ""), "relevant": relevant}
        heading = self.question(Row(group.number, {**values, "appearance": "section"}), {})
        if heading is None:  # pragma: no cover - a note with a label is always a question
            return questions
        return [heading, *questions]

    def pages(self, lists: dict[str, list[Choice]]) -> list[Page]:
        rows = self.sheets.rows.get("survey", [])
        pages: list[Page] = []
        loose: list[Question] = []
        # stack of (begin row, questions collected inside, is left out: a repeat or a KoboToolbox block)
        stack: list[tuple[Row, list[Question], bool]] = []
        left_out_rows: dict[int, int] = {}  # rows inside a left-out block, by the block's row number
        for row in rows:
            if not row.values.get("type", "").strip():
                continue  # a row without type is a comment, as in pyxform
            if row.values["type"].strip().lower() == "note" and not row.values.get("name"):
                row.values["name"] = f"note_row_{row.number}"
            kind = " ".join(row.values.get("type", "").replace("_", " ", 1).split()[:2]).lower()
            if kind.startswith("begin ") and kind.split()[1] in BLOCKS:
                self.kobo_blocks |= kind.split()[1] in KOBO_BLOCKS
                if not stack and loose:
                    pages.append(self.page(None, loose))
                    loose = []
                stack.append((row, [], kind != "begin group" or any(left for _b, _q, left in stack)))
                continue
            if kind.startswith("end ") and kind.split()[1] in BLOCKS:
                if not stack:
                    self.error("survey", row.number, "type", _("“end group” without a matching “begin group”."))
                    continue
                begin, questions, repeat = stack.pop()
                if repeat:
                    count = left_out_rows.pop(begin.number, 0)
                    if stack and stack[-1][2]:  # inside another left-out block: counted there
                        left_out_rows[stack[-1][0].number] = left_out_rows.get(stack[-1][0].number, 0) + count
                        continue
                    block = " ".join(begin.values.get("type", "").replace("_", " ", 1).split()[1:2]).lower()
                    message = (
                        _(
                            "The KoboToolbox block “%(name)s” (%(type)s) was left out with its %(count)d row(s): "
                            "it cannot be shown in a company survey."
                        )
                        if block in KOBO_BLOCKS
                        else _(
                            "The repeat “%(name)s” was left out with its %(count)d question(s): questions asked "
                            "once for each of several things (such as sites) are not supported."
                        )
                    )
                    self.warning(begin, message % {"name": begin.values.get("name", ""), "count": count, "type": block})
                    continue
                matrix = self.matrix(begin, questions)
                if stack:
                    stack[-1][1].extend([matrix] if matrix is not None else self.section(begin, questions))
                elif matrix is not None:
                    pages.append(self.page(None, [matrix]))
                else:
                    pages.append(self.page(begin, questions))
                continue
            if stack and stack[-1][2]:  # inside a left-out block: not read, references to it count as unanswered
                self.left_out.add(row.values.get("name", ""))
                left_out_rows[stack[-1][0].number] = left_out_rows.get(stack[-1][0].number, 0) + 1
                continue
            question = self.question(row, lists)
            if question is None:
                continue
            (stack[-1][1] if stack else loose).append(question)
        for begin, _questions, _repeat in stack:
            self.error("survey", begin.number, "type", _("This group is never closed with “end group”."))
        if loose:
            pages.append(self.page(None, loose))
        return pages

    def drop_references(self, pages: list[Page]) -> None:
        """References to questions that were left out become ``''`` (unanswered), each with a warning."""
        if not self.left_out:
            return

        def replace(question: Question | Page, column: str, text: str) -> str:
            found = [name for name in REFERENCE.findall(text) if name in self.left_out]
            for name in dict.fromkeys(found):
                text = text.replace("${" + name + "}", "''" if column in EXPRESSIONS else "")
                self.warnings.append(
                    FormError(
                        "survey",
                        self.row_of.get(question["name"]),
                        column,
                        _("“%(question)s” referred to “%(name)s”, which was left out; it now counts as unanswered.")
                        % {"question": question["name"], "name": name},
                    )
                )
            return text

        for page in pages:
            page["relevant"] = replace(page, "relevant", page["relevant"])
            for question in all_of(page["questions"]) + [q for q in page["questions"] if q["items"]]:
                for column in EXPRESSIONS:
                    question[column] = replace(question, column, question[column])  # type: ignore[literal-required]
                for column in TRANSLATABLE:
                    texts: Texts = question[column]  # type: ignore[literal-required]
                    for language, text in texts.items():
                        texts[language] = replace(question, column, text)

    def schema(self) -> Schema:
        if "survey" not in self.sheets.rows:
            self.error(
                "survey",
                None,
                "",
                _("The form has no “survey” sheet (the file has: %(sheets)s).")
                % {"sheets": ", ".join(f"„{name}“" for name in self.sheets.rows) or "–"},
            )
        self.errors.extend(problem for problem in self.sheets.problems if problem.sheet in FORM_SHEETS)
        lists = self.choice_lists()
        self.errors.extend(name_errors(self.sheets))
        pages = self.pages(lists)
        self.drop_references(pages)
        if "survey" in self.sheets.rows and not any(page["questions"] for page in pages):
            self.error("survey", None, "", _("The form has no question that can be asked in a company survey."))
            self.errors.extend(self.warnings)  # what was left out, and why
        default = self.settings["default_language"]
        if default and default not in self.languages:
            self.languages.insert(0, default)
        languages: list[Language] = [{"name": name, "code": language_code(name)} for name in self.languages]
        self.settings["languages"] = languages
        if self.metadata:
            self.settings["metadata"] = self.metadata
        return {"schema_version": SCHEMA_VERSION, "settings": self.settings, "pages": pages, "choice_lists": lists}


def _joined(first: str, second: str) -> str:
    if first.strip() and second.strip():
        return f"({first}) and ({second})"
    return first or second


def all_of(questions: list[Question]) -> list[Question]:
    return [entry for question in questions for entry in (question["items"] or [question])]


@dataclass(frozen=True)
class XLSFormRead:
    """A readable XLSForm: its schema and the warnings (what was left out or changed, and why)."""

    schema: Schema
    warnings: list[FormError]


def read_xlsform(data: bytes, filename: str) -> XLSFormRead:
    """The schema of an XLSForm file with its warnings, or ``XLSFormError`` listing every error found."""
    try:
        sheets = read_sheets(data, filename)
    except XLSFormError:
        raise
    except Exception as error:  # openpyxl raises zipfile.BadZipFile and others for files that are no workbook
        raise XLSFormError(
            [FormError("", None, "", _("The file cannot be read as an XLSForm: %(error)s") % {"error": error})]
        ) from error
    parser = _Parser(sheets)
    schema = parser.schema()
    parser.errors.extend(expression_errors(sheets, kept={question["name"] for question in all_of_schema(schema)}))
    if parser.errors:
        order = {"": 0, "survey": 1, "choices": 2, "settings": 3}
        raise XLSFormError(sorted(parser.errors, key=lambda e: (order.get(e.sheet, 4), e.row or 0)))
    errors = [] if parser.kobo_blocks else pyxform_errors(data, filename, sheets)  # pyxform knows no Kobo blocks
    if errors:
        raise XLSFormError(errors)
    return XLSFormRead(schema, parser.warnings)


def all_of_schema(schema: Schema) -> list[Question]:
    return [entry for page in schema["pages"] for entry in all_of(page["questions"])]


def parse_xlsform(data: bytes, filename: str) -> Schema:
    """The schema of an XLSForm file (its warnings left aside), or ``XLSFormError`` listing every error."""
    return read_xlsform(data, filename).schema
