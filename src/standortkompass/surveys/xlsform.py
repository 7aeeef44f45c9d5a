"""XLSForm (xlsx and csv) to the project's schema and back.

``parse_xlsform`` reads the survey, choices and settings sheets, runs our own checks (collecting
every problem with sheet, row and column) and then pyxform's conversion in memory (no external
validator). ``export_xlsform`` writes an xlsx workbook that imports to the identical schema.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import openpyxl
from django.utils.translation import gettext as _
from pyxform.errors import PyXFormError  # type: ignore[import-untyped]
from pyxform.xls2xform import convert  # type: ignore[import-untyped]

from standortkompass.surveys.schema import (
    DEFAULT_LANGUAGE,
    SCHEMA_VERSION,
    TYPES_WITH_CHOICES,
    XLSFORM_TYPES,
    Choice,
    Language,
    Page,
    Question,
    Schema,
    Settings,
    Texts,
    language_code,
)

TRANSLATABLE = ("label", "hint", "required_message", "constraint_message")
PLAIN_COLUMNS = (
    "relevant",
    "constraint",
    "choice_filter",
    "calculation",
    "appearance",
    "parameters",
    "default",
)
EXPRESSION_COLUMNS = ("relevant", "constraint", "choice_filter", "calculation", "default", "required")
YES = {"yes", "true", "true()", "1"}
NO = {"", "no", "false", "false()", "0"}
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
REFERENCE = re.compile(r"\$\{([^}]*)\}")
OTHER_RELEVANT = re.compile(r"^\s*(?:selected\(\s*\$\{(\w+)\}\s*,\s*'other'\s*\)|\$\{(\w+)\}\s*=\s*'other')\s*$")
PYXFORM_ROW = re.compile(r"^\[row : (\d+)\]\s*")


@dataclass(frozen=True)
class FormError:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        place = [_("sheet %(sheet)s") % {"sheet": self.sheet}] if self.sheet else []
        if self.row is not None:
            place.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            place.append(_("column %(column)s") % {"column": self.column})
        return f"{', '.join(place)}: {self.message}" if place else self.message


class XLSFormError(Exception):
    def __init__(self, errors: list[FormError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


@dataclass
class Row:
    number: int
    values: dict[str, str]


@dataclass
class Sheets:
    rows: dict[str, list[Row]] = field(default_factory=dict)


# Reading ------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _header(value: str) -> str:
    """Normalise a column header: the base name in lower case, the language as written."""
    if "::" in value:
        base, language = value.split("::", 1)
        return f"{base.strip().lower()}::{language.strip()}"
    return value.strip().lower()


def _table(raw_rows: list[tuple[int, list[str]]]) -> list[Row]:
    if not raw_rows:
        return []
    headers = [_header(text) for text in raw_rows[0][1]]
    rows = []
    for number, cells in raw_rows[1:]:
        values = {h: c for h, c in zip(headers, cells, strict=False) if h and c}
        if values:
            rows.append(Row(number, values))
    return rows


def _read_xlsx(data: bytes) -> Sheets:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheets = Sheets()
    for worksheet in workbook.worksheets:
        raw = [
            (number, [_cell_text(value) for value in row])
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1)
        ]
        while raw and not any(raw[0][1]):
            raw.pop(0)
        sheets.rows[worksheet.title.strip().lower()] = _table(raw)
    workbook.close()
    return sheets


def _read_csv(data: bytes) -> Sheets:
    """The pyxform CSV layout: a row naming a sheet in the first column, its header row, its rows."""
    text = data.decode("utf-8-sig")
    raw: dict[str, list[tuple[int, list[str]]]] = {}
    current: list[tuple[int, list[str]]] | None = None
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if not row:
            continue
        first, content = row[0].strip(), [cell.strip() for cell in row[1:]]
        if first:
            current = raw.setdefault(first.lower(), [])
        if current is not None and any(content):
            current.append((number, content))
    return Sheets(rows={name: _table(rows) for name, rows in raw.items()})


def read_sheets(data: bytes, filename: str) -> Sheets:
    if filename.lower().endswith(".csv"):
        return _read_csv(data)
    return _read_xlsx(data)


# Parsing ------------------------------------------------------------------------------------


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

    def question(self, row: Row, lists: dict[str, list[Choice]]) -> Question | None:
        values = row.values
        parts = values.get("type", "").split()
        name = values.get("name", "")
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

    def check_names(self) -> None:
        seen: dict[str, int] = {}
        names: set[str] = set()
        for row in self.sheets.rows.get("survey", []):
            type_text = row.values.get("type", "").replace("_", " ", 1).lower()
            if type_text.startswith("end "):
                continue
            name = row.values.get("name", "")
            if not name:
                self.error("survey", row.number, "name", _("The row has no name."))
                continue
            if not NAME.match(name):
                self.error(
                    "survey",
                    row.number,
                    "name",
                    _(
                        "The name “%(name)s” may contain only letters, digits, “_”, “-” and “.” "
                        "and must start with a letter or “_”."
                    )
                    % {"name": name},
                )
            if name in seen:
                self.error(
                    "survey",
                    row.number,
                    "name",
                    _("The name “%(name)s” is already used in row %(row)d.") % {"name": name, "row": seen[name]},
                )
            else:
                seen[name] = row.number
            names.add(name)
        for row in self.sheets.rows.get("survey", []):
            for column, value in row.values.items():
                if column.split("::", 1)[0] not in {*EXPRESSION_COLUMNS, "label", "hint", "constraint_message"}:
                    continue
                for reference in REFERENCE.findall(value):
                    if reference not in names:
                        self.error(
                            "survey",
                            row.number,
                            column,
                            _("The expression refers to “${%(name)s}”, but there is no question with that name.")
                            % {"name": reference},
                        )
                if column in EXPRESSION_COLUMNS and not _balanced(value):
                    self.error(
                        "survey",
                        row.number,
                        column,
                        _("The expression has unbalanced brackets or quotes: %(expression)s") % {"expression": value},
                    )

    def schema(self) -> Schema:
        if "survey" not in self.sheets.rows:
            self.error("survey", None, "", _("The form has no “survey” sheet."))
        lists = self.choice_lists()
        self.check_names()
        pages = self.pages(lists)
        default = self.settings["default_language"]
        if default and default not in self.languages:
            self.languages.insert(0, default)
        languages: list[Language] = [{"name": name, "code": language_code(name)} for name in self.languages]
        self.settings["languages"] = languages
        return {"schema_version": SCHEMA_VERSION, "settings": self.settings, "pages": pages, "choice_lists": lists}


def _balanced(expression: str) -> bool:
    depth, quote = 0, ""
    for character in expression:
        if quote:
            if character == quote:
                quote = ""
        elif character in "'\"":
            quote = character
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and not quote


def _pyxform_errors(data: bytes, filename: str, sheets: Sheets) -> list[FormError]:
    file_type = ".csv" if filename.lower().endswith(".csv") else ".xlsx"
    try:
        convert(xlsform=data, file_type=file_type, warnings=[])
    except PyXFormError as error:
        message = str(error)
        match = PYXFORM_ROW.match(message)
        row: int | None = None
        if match:
            message = message[match.end() :]
            sheet_row = int(match.group(1))
            survey = sheets.rows.get("survey", [])
            # pyxform counts the header as row 1 and skips nothing; map to the file's row where we can.
            row = survey[sheet_row - 2].number if 2 <= sheet_row < len(survey) + 2 else sheet_row
        sheet = "survey" if "survey" in message or match else ""
        return [FormError(sheet, row, "", _("pyxform: %(message)s") % {"message": message})]
    return []


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
    errors = _pyxform_errors(data, filename, sheets)
    if errors:
        raise XLSFormError(errors)
    return schema


# Export -------------------------------------------------------------------------------------


def _text_column(column: str, language: str) -> str:
    return column if language == DEFAULT_LANGUAGE else f"{column}::{language}"


def _question_row(question: Question) -> dict[str, str]:
    if question["kind"] == "matrix":
        type_text = "begin_group"
    else:
        type_text = " ".join(
            part
            for part in (question["type"], question["list_name"], "or_other" if question["or_other"] else "")
            if part
        )
    row = {
        "type": type_text,
        "name": question["name"],
        "required": "yes" if question["required"] else "",
        **{column: str(question[column]) for column in PLAIN_COLUMNS},  # type: ignore[literal-required]
        **question["extra"],
    }
    for column in TRANSLATABLE:
        texts: Texts = question[column]  # type: ignore[literal-required]
        for language, text in texts.items():
            row[_text_column(column, language)] = text
    return row


def _page_row(page: Page) -> dict[str, str]:
    row = {
        "type": "begin_group",
        "name": page["name"],
        "relevant": page["relevant"],
        "appearance": page["appearance"],
        **page["extra"],
    }
    for column in ("label", "hint"):
        texts: Texts = page[column]
        for language, text in texts.items():
            row[_text_column(column, language)] = text
    return row


def _write_sheet(workbook: openpyxl.Workbook, title: str, first: list[str], rows: list[dict[str, str]]) -> None:
    columns = list(first)
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    sheet = workbook.create_sheet(title)
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column, "") or None for column in columns])


def export_xlsform(schema: Schema) -> bytes:
    """The questionnaire as an XLSForm workbook (survey, choices and settings sheets)."""
    languages = [language["name"] for language in schema["settings"]["languages"]]
    text_columns = [_text_column(c, lang) for c in ("label", "hint") for lang in languages]
    survey: list[dict[str, str]] = []
    for page in schema["pages"]:
        if not page["implicit"]:
            survey.append(_page_row(page))
        for question in page["questions"]:
            survey.append(_question_row(question))
            if question["kind"] == "matrix":
                survey.extend(_question_row(item) for item in question["items"])
                survey.append({"type": "end_group"})
        if not page["implicit"]:
            survey.append({"type": "end_group"})
    choices: list[dict[str, str]] = []
    for list_name, entries in schema["choice_lists"].items():
        for choice in entries:
            row = {"list_name": list_name, "name": choice["name"], **choice["extra"]}
            row.update({_text_column("label", language): text for language, text in choice["label"].items()})
            choices.append(row)
    settings = schema["settings"]
    settings_row = {
        "form_title": settings["title"],
        "form_id": settings["form_id"],
        "version": settings["version"],
        "default_language": settings["default_language"],
        **settings["extra"],
    }
    workbook = openpyxl.Workbook()
    if workbook.active is not None:
        workbook.remove(workbook.active)
    _write_sheet(workbook, "survey", ["type", "name", *text_columns], survey)
    _write_sheet(
        workbook, "choices", ["list_name", "name", *(_text_column("label", lang) for lang in languages)], choices
    )
    _write_sheet(workbook, "settings", list(settings_row), [settings_row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
