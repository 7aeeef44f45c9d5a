"""Reading an XLSForm into the project's schema: settings, choice lists, pages (groups), questions and
Likert matrices; every problem is collected with sheet, row and column before anything is refused."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from standortkompass.surveys.schema import (
    DEFAULT_LANGUAGE,
    SCHEMA_VERSION,
    TYPES_WITH_CHOICES,
    XLSFORM_TYPES,
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
from standortkompass.surveys.xlsform.validation import name_errors, pyxform_errors

YES = {"yes", "true", "true()", "1"}
NO = {"", "no", "false", "false()", "0"}
OTHER_RELEVANT = re.compile(r"^\s*(?:selected\(\s*\$\{(\w+)\}\s*,\s*'other'\s*\)|\$\{(\w+)\}\s*=\s*'other')\s*$")


class _Parser:
    def __init__(self, sheets: Sheets) -> None:
        self.sheets = sheets
        self.errors: list[FormError] = []
        self.settings = self._settings()
        self.languages: list[str] = []

    def error(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.errors.append(FormError(sheet, row, column, message))

    def _settings(self) -> Settings:
        rows = self.sheets.rows.get("settings", [])
        values = dict(rows[0].values) if rows else {}
        settings: Settings = {
            "title": values.pop("form_title", ""),
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
            if not list_name:
                self.error("choices", row.number, "list_name", _("The choice has no list name."))
                continue
            if not name:
                self.error("choices", row.number, "name", _("The choice has no name."))
                continue
            choices = lists.setdefault(list_name, [])
            if any(choice["name"] == name for choice in choices):
                self.error(
                    "choices",
                    row.number,
                    "name",
                    _("The choice name “%(name)s” appears twice in the list “%(list)s”.")
                    % {"name": name, "list": list_name},
                )
                continue
            label = self._texts(row, "label")
            if not label:
                self.error("choices", row.number, "label", _("The choice “%(name)s” has no label.") % {"name": name})
            choices.append(
                {"name": name, "label": label, "extra": self._extra(row, {"list_name", "list name", "name"})}
            )
        return lists

    # survey

    def question_type(self, row: Row, lists: dict[str, list[Choice]]) -> tuple[QuestionKind, str, str, bool] | None:
        """The kind, the XLSForm type, the choice list and ``or_other`` of the row's ``type`` column;
        None when the type cannot be used."""
        parts = row.values.get("type", "").split()
        base = parts[0] if parts else ""
        kind = XLSFORM_TYPES.get(base)
        if kind is None:
            self.error(
                "survey", row.number, "type", _("The question type “%(type)s” is not supported.") % {"type": base}
            )
            return None
        list_name, or_other = "", False
        if base in TYPES_WITH_CHOICES:
            if len(parts) < 2:
                self.error(
                    "survey", row.number, "type", _("The type “%(type)s” needs a choice list name.") % {"type": base}
                )
                return None
            list_name = parts[1]
            or_other = parts[2:] == ["or_other"]
            if len(parts) > 2 and not or_other:
                self.error(
                    "survey",
                    row.number,
                    "type",
                    _("Unexpected words after the list name: %(words)s") % {"words": " ".join(parts[2:])},
                )
            if list_name not in lists:
                self.error(
                    "survey",
                    row.number,
                    "type",
                    _("The choice list “%(list)s” does not exist on the choices sheet.") % {"list": list_name},
                )
        elif len(parts) > 1:
            self.error("survey", row.number, "type", _("The type “%(type)s” takes no list name.") % {"type": base})
        return kind, base, list_name, or_other

    def question(self, row: Row, lists: dict[str, list[Choice]]) -> Question | None:
        question_type = self.question_type(row, lists)
        if question_type is None:
            return None
        kind, base, list_name, or_other = question_type
        values = row.values
        name = values.get("name", "")
        appearance = values.get("appearance", "")
        if kind == "text" and "multiline" in appearance.split():
            kind = "long_text"
        required_text = values.get("required", "").strip().lower()
        if required_text not in YES | NO:
            self.error("survey", row.number, "required", _("Required must be “yes” or “no”."))
        label = self._texts(row, "label")
        if kind not in {"calculate"} and not label:
            self.error("survey", row.number, "label", _("The question “%(name)s” has no label.") % {"name": name})
        if kind == "calculate" and not values.get("calculation"):
            self.error("survey", row.number, "calculation", _("A calculate row needs a calculation."))
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

    def pages(self, lists: dict[str, list[Choice]]) -> list[Page]:
        rows = self.sheets.rows.get("survey", [])
        pages: list[Page] = []
        loose: list[Question] = []
        # stack of (begin row, questions collected inside)
        stack: list[tuple[Row, list[Question]]] = []
        for row in rows:
            kind = " ".join(row.values.get("type", "").replace("_", " ", 1).split()[:2]).lower()
            if kind in {"begin group", "begin repeat"}:
                if kind == "begin repeat":
                    self.error("survey", row.number, "type", _("Repeats are not supported."))
                if len(stack) >= 2:
                    self.error(
                        "survey",
                        row.number,
                        "type",
                        _("Groups can be nested only one level deep (a Likert matrix on a page)."),
                    )
                if not stack and loose:
                    pages.append(self.page(None, loose))
                    loose = []
                stack.append((row, []))
                continue
            if kind in {"end group", "end repeat"}:
                if not stack:
                    self.error("survey", row.number, "type", _("“end group” without a matching “begin group”."))
                    continue
                begin, questions = stack.pop()
                matrix = self.matrix(begin, questions)
                if stack:
                    if matrix is None:
                        self.error(
                            "survey",
                            begin.number,
                            "type",
                            _(
                                "A group inside a page must be a Likert matrix: select questions on one choice list "
                                "with the appearance “table-list” or “likert”."
                            ),
                        )
                        stack[-1][1].extend(questions)
                    else:
                        stack[-1][1].append(matrix)
                elif matrix is not None:
                    page = self.page(None, [matrix])
                    pages.append(page)
                else:
                    pages.append(self.page(begin, questions))
                continue
            question = self.question(row, lists)
            if question is None:
                continue
            (stack[-1][1] if stack else loose).append(question)
        for begin, _questions in stack:
            self.error("survey", begin.number, "type", _("This group is never closed with “end group”."))
        if loose:
            pages.append(self.page(None, loose))
        return pages

    def schema(self) -> Schema:
        if "survey" not in self.sheets.rows:
            self.error("survey", None, "", _("The form has no “survey” sheet."))
        lists = self.choice_lists()
        self.errors.extend(name_errors(self.sheets))
        pages = self.pages(lists)
        default = self.settings["default_language"]
        if default and default not in self.languages:
            self.languages.insert(0, default)
        languages: list[Language] = [{"name": name, "code": language_code(name)} for name in self.languages]
        self.settings["languages"] = languages
        return {"schema_version": SCHEMA_VERSION, "settings": self.settings, "pages": pages, "choice_lists": lists}


def parse_xlsform(data: bytes, filename: str) -> Schema:
    """The schema of an XLSForm file, or ``XLSFormError`` listing every problem found."""
    try:
        sheets = read_sheets(data, filename)
    except Exception as error:  # openpyxl raises zipfile.BadZipFile and others for files that are no workbook
        raise XLSFormError(
            [FormError("", None, "", _("The file cannot be read as an XLSForm: %(error)s") % {"error": error})]
        ) from error
    parser = _Parser(sheets)
    schema = parser.schema()
    if parser.errors:
        order = {"": 0, "survey": 1, "choices": 2, "settings": 3}
        raise XLSFormError(sorted(parser.errors, key=lambda e: (order.get(e.sheet, 4), e.row or 0)))
    errors = pyxform_errors(data, filename, sheets)
    if errors:
        raise XLSFormError(errors)
    return schema
