"""XLSForm workbooks built in the tests, covering every question type and logic feature."""

from __future__ import annotations

import csv
import io

import openpyxl

SURVEY = [
    [
        "type",
        "name",
        "label::Deutsch (de)",
        "label::English (en)",
        "hint::Deutsch (de)",
        "required",
        "required_message::Deutsch (de)",
        "relevant",
        "constraint",
        "constraint_message::Deutsch (de)",
        "choice_filter",
        "calculation",
        "appearance",
        "parameters",
    ],
    ["begin_group", "profil", "Profil", "Profile", "", "", "", "", "", "", "", "", "", ""],
    [
        "text",
        "firma",
        "Firmenname",
        "Company name",
        "Wie im Register",
        "yes",
        "Bitte angeben",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    ["text", "beschreibung", "Beschreibung", "Description", "", "", "", "", "", "", "", "", "multiline", ""],
    [
        "integer",
        "beschaeftigte",
        "Beschäftigte",
        "Employees",
        "",
        "yes",
        "",
        "",
        ". >= 0",
        "Nicht negativ",
        "",
        "",
        "",
        "",
    ],
    ["decimal", "umsatz", "Umsatz", "Turnover", "", "", "", "", "", "", "", "", "", ""],
    ["date", "gruendung", "Gründung", "Founded", "", "", "", "", "", "", "", "", "", ""],
    ["select_one branche", "branche", "Branche", "Sector", "", "yes", "", "", "", "", "", "", "minimal", ""],
    [
        "text",
        "branche_andere",
        "Andere Branche, nämlich",
        "Other sector",
        "",
        "",
        "",
        "selected(${branche}, 'other')",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    ["select_one groesse", "groesse", "Größe", "Size", "", "", "", "", "", "", "", "", "", "randomize=true"],
    ["select_one ort", "ort", "Ort", "Place", "", "", "", "", "", "", "groesse=${groesse}", "", "", ""],
    ["end_group", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["begin_group", "themen", "Themen", "Topics", "", "", "", "${beschaeftigte} > 0", "", "", "", "", "field-list", ""],
    ["select_multiple themen_liste", "themen_wahl", "Themen", "Topics", "", "", "", "", "", "", "", "", "", ""],
    ["select_one kanal or_other", "kanal", "Kanal", "Channel", "", "", "", "", "", "", "", "", "", ""],
    ["rank themen_liste", "rangfolge", "Rangfolge", "Ranking", "", "", "", "", "", "", "", "", "", ""],
    ["note", "hinweis", "Danke für ${firma}", "Thanks", "", "", "", "", "", "", "", "", "", ""],
    ["calculate", "pro_kopf", "", "", "", "", "", "", "", "", "", "${umsatz} div ${beschaeftigte}", "", ""],
    ["begin_group", "zufriedenheit", "Zufriedenheit", "Satisfaction", "", "", "", "", "", "", "", "", "table-list", ""],
    ["select_one skala", "z_breitband", "Breitband", "Broadband", "", "", "", "", "", "", "", "", "likert", ""],
    ["select_one skala", "z_verkehr", "Verkehr", "Traffic", "", "", "", "", "", "", "", "", "likert", ""],
    ["end_group", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["end_group", "", "", "", "", "", "", "", "", "", "", "", "", ""],
]
CHOICES = [
    ["list_name", "name", "label::Deutsch (de)", "label::English (en)", "groesse"],
    ["branche", "industrie", "Industrie", "Industry", ""],
    ["branche", "handel", "Handel", "Trade", ""],
    ["branche", "other", "Andere", "Other", ""],
    ["groesse", "klein", "Klein", "Small", ""],
    ["groesse", "gross", "Groß", "Large", ""],
    ["ort", "a", "Altstadt", "Old town", "klein"],
    ["ort", "b", "Bahnhof", "Station", "gross"],
    ["themen_liste", "digital", "Digitalisierung", "Digitalisation", ""],
    ["themen_liste", "energie", "Energie", "Energy", ""],
    ["kanal", "mail", "E-Mail", "E-mail", ""],
    ["kanal", "telefon", "Telefon", "Telephone", ""],
    ["skala", "1", "sehr zufrieden", "very satisfied", ""],
    ["skala", "2", "unzufrieden", "dissatisfied", ""],
]
SETTINGS = [
    ["form_title", "form_id", "version", "default_language"],
    ["Testbefragung", "testbefragung", "2026-1", "Deutsch (de)"],
]


def xlsx(
    survey: list[list[str]] = SURVEY, choices: list[list[str]] = CHOICES, settings: list[list[str]] = SETTINGS
) -> bytes:
    workbook = openpyxl.Workbook()
    if workbook.active is not None:
        workbook.remove(workbook.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([cell or None for cell in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_form(
    survey: list[list[str]] = SURVEY, choices: list[list[str]] = CHOICES, settings: list[list[str]] = SETTINGS
) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        writer.writerow([title, *rows[0]])
        for row in rows[1:]:
            writer.writerow(["", *row])
    return output.getvalue().encode()
