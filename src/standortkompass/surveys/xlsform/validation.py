"""Checks of an XLSForm beyond building its schema: names and the references to them, brackets and
quotes of expressions, and pyxform's own conversion as a second opinion."""

from __future__ import annotations

import re
import warnings

from django.utils.translation import gettext as _
from pyxform.errors import PyXFormError  # type: ignore[import-untyped]
from pyxform.xls2xform import convert  # type: ignore[import-untyped]

from standortkompass.surveys.expressions import ExpressionError, parse
from standortkompass.surveys.xlsform.sheets import FormError, Sheets, workbook_type

LEFT_OUT_BLOCKS = {"repeat", "loop", "kobomatrix", "score", "rank"}
EXPRESSION_COLUMNS = ("relevant", "constraint", "choice_filter", "calculation", "default", "required")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
REFERENCE = re.compile(r"\$\{([^}]*)\}")
PYXFORM_ROW = re.compile(r"^\[row : (\d+)\]\s*")


def name_errors(sheets: Sheets) -> list[FormError]:
    """Rows of the survey sheet without a valid, unique name, and expressions that refer to no question
    or whose brackets or quotes are unbalanced."""
    errors: list[FormError] = []

    def error(sheet: str, row: int | None, column: str, message: str) -> None:
        errors.append(FormError(sheet, row, column, message))

    seen: dict[str, int] = {}
    names: set[str] = set()
    depth = 0  # inside a block that is left out (a repeat …): its names live in their own scope, as in pyxform
    for row in sheets.rows.get("survey", []):
        type_text = row.values.get("type", "").replace("_", " ", 1).lower()
        block = type_text.split()[1] if len(type_text.split()) > 1 else ""
        if type_text.startswith("end ") or not type_text:  # a row without type is a comment
            depth -= bool(depth) and type_text.startswith("end ") and block in LEFT_OUT_BLOCKS
            continue
        if depth or (type_text.startswith("begin ") and block in LEFT_OUT_BLOCKS):
            depth += type_text.startswith("begin ") and block in LEFT_OUT_BLOCKS
            names.add(row.values.get("name", ""))
            continue
        name = row.values.get("name", "")
        if not name and type_text == "note":  # named after its row (see parsing)
            continue
        if not name:
            error("survey", row.number, "name", _("The row has no name."))
            continue
        if not NAME.match(name):
            error(
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
            error(
                "survey",
                row.number,
                "name",
                _("The name “%(name)s” is already used in row %(row)d.") % {"name": name, "row": seen[name]},
            )
        else:
            seen[name] = row.number
        names.add(name)
    for row in sheets.rows.get("survey", []):
        for column, value in row.values.items():
            if column.split("::", 1)[0] not in {*EXPRESSION_COLUMNS, "label", "hint", "constraint_message"}:
                continue
            for reference in REFERENCE.findall(value):
                if reference.startswith("last-saved#"):
                    error(
                        "survey",
                        row.number,
                        column,
                        _(
                            "“${%(name)s}” is the answer of the form saved last on a device (ODK); an online survey "
                            "has none."
                        )
                        % {"name": reference},
                    )
                elif reference not in names:
                    error(
                        "survey",
                        row.number,
                        column,
                        _("The expression refers to “${%(name)s}”, but there is no question with that name.")
                        % {"name": reference},
                    )
            if column in EXPRESSION_COLUMNS and not balanced(value):
                error(
                    "survey",
                    row.number,
                    column,
                    _("The expression has unbalanced brackets or quotes: %(expression)s") % {"expression": value},
                )
    return errors


PARSED_COLUMNS = ("relevant", "constraint", "choice_filter", "calculation", "required")
FIXED_REQUIRED = {"", "yes", "no", "true", "false", "true()", "false()", "1", "0"}


def expression_errors(sheets: Sheets, *, kept: set[str]) -> list[FormError]:
    """Expressions of the groups and of the questions kept (``kept``: their names) that do not parse."""
    errors: list[FormError] = []
    for row in sheets.rows.get("survey", []):
        type_text = row.values.get("type", "").replace("_", " ", 1).lower()
        if not type_text.startswith("begin group") and row.values.get("name", "") not in kept:
            continue
        for column in PARSED_COLUMNS:
            expression = row.values.get(column, "")
            if column == "required" and expression.strip().lower() in FIXED_REQUIRED:
                continue
            if not expression.strip() or not balanced(expression):  # unbalanced: reported by name_errors
                continue
            try:
                parse(expression)
            except ExpressionError as error:
                errors.append(
                    FormError(
                        "survey",
                        row.number,
                        column,
                        _("The expression cannot be read: %(problem)s") % {"problem": error},
                    )
                )
    return errors


SINGLE_QUOTES = "'‘’‚‛"
DOUBLE_QUOTES = '"“”„‟'


def straight_quotes(expression: str) -> str:
    """The expression with typographic quotation marks (‘…’, “…”, „…“, as Excel's AutoCorrect writes them)
    around its values made straight; unchanged when every value is already quoted straight (then a
    typographic mark is part of a value)."""
    quote = ""
    for character in expression:
        if quote:
            quote = "" if character == quote else quote
        elif character in "'\"":
            quote = character
        elif character in SINGLE_QUOTES or character in DOUBLE_QUOTES:
            break
    else:  # all typographic marks inside straight quotes: part of a value, unless a value is never closed
        if not quote or not any(character in SINGLE_QUOTES[1:] + DOUBLE_QUOTES[1:] for character in expression):
            return expression
    straight, closing = [], ""
    for character in expression:
        if closing:
            if character in closing:
                straight.append("'" if closing == SINGLE_QUOTES else '"')
                closing = ""
            else:
                straight.append(character)
        elif character in SINGLE_QUOTES:
            straight.append("'")
            closing = SINGLE_QUOTES
        elif character in DOUBLE_QUOTES:
            straight.append('"')
            closing = DOUBLE_QUOTES
        else:
            straight.append(character)
    return "".join(straight)


def balanced(expression: str) -> bool:
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


def pyxform_errors(data: bytes, filename: str, sheets: Sheets) -> list[FormError]:
    try:
        with warnings.catch_warnings():  # openpyxl's warnings about dropped workbook features, see sheets
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            convert(xlsform=data, file_type=workbook_type(data, filename), warnings=[])
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
    except Exception as error:
        message = _(
            "pyxform, the converter of the XLSForm tools, fails on this form with an internal error "
            "(%(error)s); other XLSForm tools would fail on it too. Check the column headings and the "
            "rows last changed."
        )
        return [FormError("", None, "", message % {"error": f"{type(error).__name__}: {error}"})]
    return []
