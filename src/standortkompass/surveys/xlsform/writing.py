"""Writing the project's schema as an XLSForm workbook (survey, choices and settings sheets) that
imports to the identical schema."""

from __future__ import annotations

import io

import openpyxl

from standortkompass.surveys.schema import DEFAULT_LANGUAGE, Page, Question, Schema, Texts
from standortkompass.surveys.xlsform.sheets import PLAIN_COLUMNS, TRANSLATABLE
from standortkompass.surveys.xlsform.types import SERVER_TIMESTAMPS


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
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a text such as "==name" stays text, never becomes a formula


def export_xlsform(schema: Schema) -> bytes:
    """The questionnaire as an XLSForm workbook (survey, choices and settings sheets)."""
    languages = [language["name"] for language in schema["settings"]["languages"]]
    text_columns = [_text_column(c, lang) for c in ("label", "hint") for lang in languages]
    metadata = schema["settings"].get("metadata", {})
    survey: list[dict[str, str]] = [
        {"type": row_type, "name": metadata[row_type]} for row_type in SERVER_TIMESTAMPS if row_type in metadata
    ]
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
