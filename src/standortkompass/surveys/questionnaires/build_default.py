"""Generate the default questionnaire "Unternehmensbefragung Zukunftsstrategie" as an XLSForm.

The questionnaire is written here as Python data and written to
``unternehmensbefragung_zukunftsstrategie.xlsx`` next to this file (sheets survey, choices
and settings; labels in German and English). Run it after changing the questionnaire:

    python -m standortkompass.surveys.questionnaires.build_default

The municipality list comes from the shipped official file of the Gemeinden of Landkreis
Ludwigsburg; the WZ 2008 sections from ``standortkompass.regiondata.wz2008``.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from standortkompass.regiondata.wz2008 import SECTIONS

HERE = Path(__file__).resolve().parent
XLSX_PATH = HERE / "unternehmensbefragung_zukunftsstrategie.xlsx"
MUNICIPALITIES_CSV = (
    HERE.parents[1] / "regiondata" / "official" / "municipalities" / "gemeinden_lk_ludwigsburg_2019-12-31.csv"
)

DE = "Deutsch (de)"
EN = "English (en)"

FORM_TITLE = "Unternehmensbefragung Zukunftsstrategie"
FORM_ID = "unternehmensbefragung_zukunftsstrategie"
FORM_VERSION = "2026112501"

SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{DE}",
    f"label::{EN}",
    f"hint::{DE}",
    f"hint::{EN}",
    "required",
    f"required_message::{DE}",
    f"required_message::{EN}",
    "constraint",
    f"constraint_message::{DE}",
    f"constraint_message::{EN}",
    "relevant",
    "calculation",
    "appearance",
    "parameters",
    # Our own columns (kept by XLSForm tools): answers stored apart from anonymous responses; answers that
    # describe the company and are coarsened or left out of exports below Administration (export_anonymity).
    "personal_data",
    "quasi_identifier",
)
CHOICES_COLUMNS = ("list_name", "name", f"label::{DE}", f"label::{EN}")
SETTINGS_COLUMNS = ("form_title", "form_id", "version", "default_language")

REQUIRED_MESSAGE = ("Bitte beantworten Sie diese Frage.", "Please answer this question.")

Text = tuple[str, str]
Row = dict[str, str]


def question(
    type_: str,
    name: str,
    label: Text,
    *,
    hint: Text | None = None,
    required: Text | None = None,
    constraint: tuple[str, str, str] | None = None,
    relevant: str = "",
    calculation: str = "",
    appearance: str = "",
    parameters: str = "",
    personal_data: bool = False,
    quasi_identifier: str = "",
) -> Row:
    row = {
        "type": type_,
        "name": name,
        f"label::{DE}": label[0],
        f"label::{EN}": label[1],
        "relevant": relevant,
        "calculation": calculation,
        "appearance": appearance,
        "parameters": parameters,
    }
    if hint:
        row[f"hint::{DE}"], row[f"hint::{EN}"] = hint
    if required:
        row["required"] = "yes"
        row[f"required_message::{DE}"], row[f"required_message::{EN}"] = required
    if constraint:
        row["constraint"], row[f"constraint_message::{DE}"], row[f"constraint_message::{EN}"] = constraint
    if personal_data:
        row["personal_data"] = "yes"
    if quasi_identifier:
        row["quasi_identifier"] = quasi_identifier
    return row


def begin_page(name: str, label: Text, *, appearance: str = "field-list", relevant: str = "") -> Row:
    return question("begin_group", name, label, appearance=appearance, relevant=relevant)


def end_page(name: str) -> Row:
    return {"type": "end_group", "name": name}


def calculate(name: str, calculation: str) -> Row:
    return {"type": "calculate", "name": name, "calculation": calculation}


def none_is_exclusive(option: str = "keine") -> tuple[str, str, str]:
    """A constraint for select_multiple: the answer "none" cannot be combined with others."""
    return (
        f"not(selected(., '{option}') and count-selected(.) > 1)",
        "„Keine“ kann nicht zusammen mit anderen Antworten gewählt werden.",
        "“None” cannot be combined with other answers.",
    )


def likert_matrix(name: str, label: Text, items: list[tuple[str, Text]]) -> list[Row]:
    """A page of several items on the satisfaction scale, shown as a table (Likert matrix)."""
    rows = [begin_page(name, label, appearance="table-list")]
    rows += [question("select_one zufriedenheit", item, item_label) for item, item_label in items]
    rows.append(end_page(name))
    return rows


EXPANDS = "selected(${fl_plaene}, 'erweitern_standort') or selected(${fl_plaene}, 'erweitern_zusaetzlich')"
RELOCATES = "selected(${fl_plaene}, 'verlagern_kreis') or selected(${fl_plaene}, 'verlagern_ausserhalb')"


def survey_rows() -> list[Row]:
    rows: list[Row] = []

    # --- Introduction and privacy -------------------------------------------------------
    rows += [
        begin_page("einleitung", ("Willkommen", "Welcome")),
        question(
            "note",
            "hinweis_befragung",
            (
                "Mit dieser Befragung möchte die Wirtschaftsförderung erfahren, wie Sie den Standort "
                "erleben und was Ihr Unternehmen in den nächsten Jahren braucht. Ihre Antworten fließen "
                "direkt in die Zukunftsstrategie für den Wirtschaftsstandort ein. Die Beantwortung dauert "
                "etwa 15 Minuten. Sie können jederzeit unterbrechen und später weitermachen.",
                "With this survey the business development agency would like to learn how you experience "
                "the location and what your company will need in the coming years. Your answers feed "
                "directly into the future strategy for the business location. Answering takes about "
                "15 minutes. You can stop at any time and continue later.",
            ),
        ),
        question(
            "note",
            "hinweis_datenschutz",
            (
                "Datenschutz: Die Teilnahme ist freiwillig. Ihre Antworten werden vertraulich behandelt "
                "und ausschließlich zusammengefasst ausgewertet. Wir zeigen und veröffentlichen keine "
                "Zahlen, die auf den Antworten von weniger als 5 Unternehmen beruhen. Rückschlüsse auf "
                "einzelne Unternehmen sind so nicht möglich. Namen oder Kontaktdaten fragen wir nur ab, "
                "wenn Sie am Ende ausdrücklich eine Einladung zu Workshops wünschen.",
                "Data protection: Taking part is voluntary. Your answers are treated confidentially and "
                "evaluated only in aggregate. We do not show or publish any figure based on the answers "
                "of fewer than 5 companies, so no conclusions about individual companies are possible. "
                "We ask for names or contact details only if, at the end, you explicitly want an "
                "invitation to workshops.",
            ),
        ),
        end_page("einleitung"),
    ]

    # --- Company profile ----------------------------------------------------------------
    size_fits = (
        "(selected(${groessenklasse}, '0_9') and . <= 9)"
        " or (selected(${groessenklasse}, '10_49') and . >= 10 and . <= 49)"
        " or (selected(${groessenklasse}, '50_249') and . >= 50 and . <= 249)"
        " or (selected(${groessenklasse}, '250_plus') and . >= 250)"
    )
    rows += [
        begin_page("unternehmensprofil", ("Ihr Unternehmen", "Your company")),
        question(
            "select_one wz2008",
            "wz_abschnitt",
            (
                "In welchem Wirtschaftszweig ist Ihr Unternehmen überwiegend tätig?",
                "In which sector does your company mainly operate?",
            ),
            hint=(
                "Gliederung nach der Klassifikation der Wirtschaftszweige (WZ 2008). Bitte wählen Sie den "
                "Bereich, in dem Sie den größten Teil Ihres Umsatzes erzielen.",
                "Classification of economic activities (WZ 2008, equivalent to NACE Rev. 2). Please choose the "
                "sector in which you earn most of your turnover.",
            ),
            required=("Bitte wählen Sie einen Wirtschaftszweig.", "Please choose a sector."),
            appearance="minimal",
        ),
        question(
            "select_one groessenklasse",
            "groessenklasse",
            (
                "Wie viele Beschäftigte hat Ihr Unternehmen an den Standorten im Landkreis?",
                "How many people does your company employ at its sites in the district?",
            ),
            hint=(
                "Einschließlich Inhaberinnen und Inhabern, Teilzeitkräften und Auszubildenden.",
                "Including owners, part-time staff and apprentices.",
            ),
            required=("Bitte wählen Sie eine Größenklasse.", "Please choose a size class."),
        ),
        question(
            "integer",
            "beschaeftigte",
            ("Wie viele Beschäftigte sind es genau? (freiwillig)", "How many employees exactly? (optional)"),
            hint=(
                "Die genaue Zahl hilft bei der Auswertung. Sie wird nie einzeln gezeigt.",
                "The exact number helps the analysis. It is never shown individually.",
            ),
            constraint=(
                f". >= 0 and . <= 500000 and ({size_fits})",
                "Bitte geben Sie eine ganze Zahl zwischen 0 und 500 000 an, die zur gewählten Größenklasse passt.",
                "Please enter a whole number between 0 and 500,000 that matches the size class you chose.",
            ),
            quasi_identifier="yes",
        ),
        question(
            "select_one gemeinde",
            "gemeinde",
            (
                "In welcher Gemeinde liegt der Standort, auf den sich Ihre Antworten beziehen?",
                "In which municipality is the site your answers refer to?",
            ),
            hint=(
                "Wenn Sie mehrere Standorte haben, beziehen Sie Ihre Antworten bitte auf den größten im Landkreis.",
                "If you have several sites, please answer for your largest site in the district.",
            ),
            required=("Bitte wählen Sie eine Gemeinde.", "Please choose a municipality."),
            appearance="minimal",
        ),
        question(
            "select_one standortart",
            "standortart",
            ("Um welche Art von Standort handelt es sich?", "What kind of site is it?"),
            quasi_identifier="yes",
        ),
        question(
            "select_one rolle",
            "rolle",
            ("Welche Funktion haben Sie im Unternehmen?", "What is your role in the company?"),
        ),
        question(
            "text",
            "rolle_sonstige",
            ("Sonstige Funktion, nämlich:", "Other role, namely:"),
            relevant="selected(${rolle}, 'sonstige')",
        ),
        end_page("unternehmensprofil"),
    ]

    # --- Location factors (Likert matrix) -----------------------------------------------
    rows += likert_matrix(
        "standortfaktoren",
        (
            "Wie zufrieden sind Sie mit den folgenden Standortfaktoren?",
            "How satisfied are you with the following location factors?",
        ),
        [
            ("sf_strasse", ("Anbindung an das Straßennetz", "Access to the road network")),
            ("sf_oepnv", ("Anbindung an Bus und Bahn", "Access to bus and rail")),
            ("sf_internet", ("Breitband- und Mobilfunkversorgung", "Broadband and mobile coverage")),
            ("sf_flaechen", ("Verfügbarkeit von Gewerbeflächen", "Availability of commercial land")),
            ("sf_fachkraefte", ("Verfügbarkeit von Fachkräften", "Availability of skilled workers")),
            ("sf_wohnen", ("Wohnraum für Ihre Beschäftigten", "Housing for your employees")),
            ("sf_energie", ("Energieversorgung und Energiekosten", "Energy supply and energy costs")),
        ],
    )
    rows += [
        begin_page("standort_gesamt", ("Der Standort insgesamt", "The location overall")),
        question(
            "select_one zufriedenheit",
            "standort_gesamt_zufriedenheit",
            (
                "Wie zufrieden sind Sie insgesamt mit Ihrem Standort im Landkreis?",
                "Overall, how satisfied are you with your location in the district?",
            ),
            appearance="likert",
        ),
        question(
            "select_multiple standortfaktor",
            "standort_wichtigste",
            (
                "Welche Standortfaktoren sind für Ihr Unternehmen am wichtigsten?",
                "Which location factors matter most to your company?",
            ),
            hint=("Bitte wählen Sie höchstens drei.", "Please choose at most three."),
            constraint=(
                "count-selected(.) <= 3",
                "Bitte wählen Sie höchstens drei Standortfaktoren.",
                "Please choose at most three location factors.",
            ),
        ),
        end_page("standort_gesamt"),
    ]

    # --- Skilled workers ----------------------------------------------------------------
    hard_to_fill = (
        "selected(${fk_stellenbesetzung}, 'sehr_schwierig') or selected(${fk_stellenbesetzung}, 'eher_schwierig')"
    )
    rows += [
        begin_page("fachkraefte", ("Fachkräfte", "Skilled workers")),
        question(
            "select_one schwierigkeit",
            "fk_stellenbesetzung",
            (
                "Wie schwierig ist es derzeit für Sie, offene Stellen zu besetzen?",
                "How difficult is it for you at present to fill vacancies?",
            ),
        ),
        question(
            "select_multiple qualifikation",
            "fk_engpass",
            (
                "Bei welchen Qualifikationen fehlen Ihnen Bewerberinnen und Bewerber?",
                "For which qualifications do you lack applicants?",
            ),
            relevant=hard_to_fill,
        ),
        question(
            "select_multiple fk_massnahme",
            "fk_massnahmen",
            (
                "Was tun Sie, um Fachkräfte zu gewinnen und zu halten?",
                "What do you do to attract and retain skilled workers?",
            ),
            constraint=none_is_exclusive(),
        ),
        question(
            "select_one entwicklung",
            "fk_personalbedarf",
            (
                "Wie wird sich Ihr Personalbedarf in den nächsten fünf Jahren entwickeln?",
                "How will your staffing needs develop over the next five years?",
            ),
        ),
        end_page("fachkraefte"),
    ]

    # --- Digitalisation -----------------------------------------------------------------
    rows += [
        begin_page("digitalisierung", ("Digitalisierung", "Digitalisation")),
        question(
            "select_one bandbreite",
            "dig_bandbreite",
            (
                "Welche Bandbreite hat der Internetanschluss an Ihrem Standort?",
                "What bandwidth does the internet connection at your site have?",
            ),
        ),
        question(
            "select_multiple dig_thema",
            "dig_investitionen",
            (
                "In welche digitalen Themen wollen Sie in den nächsten drei Jahren investieren?",
                "Which digital topics do you plan to invest in over the next three years?",
            ),
            hint=(
                "Die Reihenfolge der Antworten ist zufällig.",
                "The order of the answers is random.",
            ),
            parameters="randomize=true",
        ),
        question(
            "select_multiple dig_hemmnis",
            "dig_hemmnisse",
            ("Was bremst die Digitalisierung in Ihrem Unternehmen?", "What holds back digitalisation in your company?"),
            constraint=none_is_exclusive(),
        ),
        end_page("digitalisierung"),
    ]

    # --- Energy and decarbonisation -----------------------------------------------------
    rows += [
        begin_page("energie_dekarbonisierung", ("Energie und Dekarbonisierung", "Energy and decarbonisation")),
        question(
            "select_one energieanteil",
            "en_kostenanteil",
            (
                "Wie hoch ist der Anteil der Energiekosten an Ihren gesamten Kosten?",
                "What share of your total costs are energy costs?",
            ),
            hint=("Eine Schätzung genügt.", "An estimate is enough."),
            required=REQUIRED_MESSAGE,
        ),
        calculate(
            "ist_energieintensiv",
            "if(selected(${en_kostenanteil}, '5_10') or selected(${en_kostenanteil}, 'ueber_10'), 1, 0)",
        ),
        question(
            "select_one belastung",
            "en_preisbelastung",
            (
                "Wie stark belasten die Energiepreise Ihr Unternehmen derzeit?",
                "How heavily do energy prices weigh on your company at present?",
            ),
            relevant="${ist_energieintensiv} = 1",
        ),
        question(
            "select_one ja_nein_wn",
            "en_netzanschluss",
            (
                "Benötigen Sie in den nächsten fünf Jahren einen leistungsstärkeren Strom- oder Gasanschluss, "
                "zum Beispiel, um Prozesse zu elektrifizieren?",
                "Will you need a more powerful electricity or gas connection in the next five years, "
                "for example to electrify processes?",
            ),
            relevant="${ist_energieintensiv} = 1",
        ),
        question(
            "select_one klimaziel",
            "en_klimaziel",
            (
                "Hat sich Ihr Unternehmen ein Ziel zur Klimaneutralität gesetzt?",
                "Has your company set itself a climate neutrality target?",
            ),
        ),
        question(
            "select_multiple en_massnahme",
            "en_massnahmen",
            (
                "Welche Maßnahmen zur Energieeinsparung oder Dekarbonisierung haben Sie umgesetzt oder fest geplant?",
                "Which measures to save energy or decarbonise have you implemented or firmly planned?",
            ),
            constraint=none_is_exclusive(),
        ),
        end_page("energie_dekarbonisierung"),
    ]

    # --- Land and buildings -------------------------------------------------------------
    rows += [
        begin_page("flaechen_immobilien", ("Flächen und Immobilien", "Land and buildings")),
        question(
            "select_one flaechenplan",
            "fl_plaene",
            (
                "Planen Sie, Ihren Standort in den nächsten fünf Jahren zu erweitern oder zu verlagern?",
                "Do you plan to expand or relocate your site in the next five years?",
            ),
            required=REQUIRED_MESSAGE,
        ),
        calculate("hat_flaechenbedarf", f"if({EXPANDS} or {RELOCATES}, 1, 0)"),
        end_page("flaechen_immobilien"),
        begin_page(
            "flaechenbedarf",
            ("Ihr Flächenbedarf", "Your need for space"),
            relevant="${hat_flaechenbedarf} = 1",
        ),
        question(
            "select_multiple flaechenart",
            "fl_bedarf_art",
            ("Für welche Nutzung brauchen Sie Flächen?", "What do you need the space for?"),
        ),
        question(
            "integer",
            "fl_bedarf_qm",
            (
                "Wie viel Grundstücksfläche brauchen Sie voraussichtlich für die Erweiterung oder den "
                "neuen Standort (in Quadratmetern)?",
                "How much land do you expect to need for the expansion or the new site (in square metres)?",
            ),
            hint=("Eine Schätzung genügt.", "An estimate is enough."),
            constraint=(
                ". > 0 and . <= 1000000",
                "Bitte geben Sie eine Fläche zwischen 1 und 1 000 000 Quadratmetern an.",
                "Please enter an area between 1 and 1,000,000 square metres.",
            ),
        ),
        question(
            "select_one zeitraum",
            "fl_bedarf_zeitraum",
            ("Bis wann brauchen Sie die Flächen?", "By when do you need the space?"),
        ),
        question(
            "select_multiple verlagerungsgrund",
            "fl_verlagerungsgrund",
            ("Aus welchen Gründen denken Sie über eine Verlagerung nach?", "Why are you considering relocating?"),
            relevant=RELOCATES,
        ),
        question(
            "text",
            "fl_verlagerungsgrund_sonstige",
            ("Sonstiger Grund, nämlich:", "Other reason, namely:"),
            relevant="selected(${fl_verlagerungsgrund}, 'sonstige')",
        ),
        end_page("flaechenbedarf"),
    ]

    # --- Mobility and infrastructure ----------------------------------------------------
    rows += [
        begin_page("mobilitaet_infrastruktur", ("Mobilität und Infrastruktur", "Mobility and infrastructure")),
        question(
            "select_multiple verkehrsproblem",
            "mob_probleme",
            (
                "Welche Verkehrsprobleme beeinträchtigen Ihr Unternehmen?",
                "Which traffic problems affect your company?",
            ),
            constraint=none_is_exclusive(),
        ),
        question(
            "select_one mob_massnahme",
            "mob_wichtigste_massnahme",
            (
                "Welche Maßnahme würde die Erreichbarkeit Ihres Standorts am meisten verbessern?",
                "Which measure would improve access to your site the most?",
            ),
        ),
        question(
            "text",
            "mob_wichtigste_massnahme_sonstige",
            ("Sonstige Maßnahme, nämlich:", "Other measure, namely:"),
            relevant="selected(${mob_wichtigste_massnahme}, 'sonstige')",
        ),
        end_page("mobilitaet_infrastruktur"),
    ]

    # --- Administration and permits -----------------------------------------------------
    rows += likert_matrix(
        "verwaltung_zufriedenheit",
        (
            "Wie zufrieden sind Sie mit der Verwaltung bei Landkreis und Gemeinden?",
            "How satisfied are you with the administration of the district and the municipalities?",
        ),
        [
            ("vw_erreichbarkeit", ("Erreichbarkeit der Ansprechpersonen", "Availability of contact persons")),
            ("vw_digital", ("Digitale Angebote (Online-Anträge)", "Digital services (online applications)")),
            ("vw_beratung", ("Beratung und Lösungsorientierung", "Advice and willingness to find solutions")),
        ],
    )
    rows += [
        begin_page("verwaltung_genehmigungen", ("Verwaltung und Genehmigungen", "Administration and permits")),
        question(
            "select_one ja_nein",
            "vw_genehmigung",
            (
                "Hatten Sie in den letzten drei Jahren ein Genehmigungsverfahren, zum Beispiel eine "
                "Baugenehmigung oder eine immissionsschutzrechtliche Genehmigung?",
                "Have you gone through a permit procedure in the last three years, for example a building "
                "permit or an emissions control permit?",
            ),
        ),
        question(
            "select_one verfahrensdauer",
            "vw_genehmigung_dauer",
            ("Wie beurteilen Sie die Dauer dieses Verfahrens?", "How do you rate the duration of that procedure?"),
            relevant="selected(${vw_genehmigung}, 'ja')",
        ),
        end_page("verwaltung_genehmigungen"),
    ]

    # --- Transformation of the business model -------------------------------------------
    rows += [
        begin_page("transformation", ("Wandel Ihres Geschäftsmodells", "Transformation of your business model")),
        question(
            "select_one veraenderung",
            "tr_veraenderung",
            (
                "Wie stark wird sich Ihr Geschäftsmodell in den nächsten fünf Jahren verändern?",
                "How much will your business model change over the next five years?",
            ),
        ),
        question(
            "select_multiple treiber",
            "tr_treiber",
            ("Was treibt diese Veränderung vor allem?", "What mainly drives this change?"),
            relevant="selected(${tr_veraenderung}, 'grundlegend') or selected(${tr_veraenderung}, 'deutlich')",
        ),
        question(
            "text",
            "tr_treiber_sonstige",
            ("Sonstiger Treiber, nämlich:", "Other driver, namely:"),
            relevant="selected(${tr_treiber}, 'sonstige')",
        ),
        question(
            "select_one nachfolge",
            "tr_nachfolge",
            (
                "Steht in Ihrem Unternehmen in den nächsten fünf Jahren eine Nachfolge in der Leitung an?",
                "Is there a succession in the management of your company within the next five years?",
            ),
        ),
        end_page("transformation"),
    ]

    # --- Expectations of the business development agency --------------------------------
    rows += [
        begin_page(
            "erwartungen_wirtschaftsfoerderung",
            ("Erwartungen an die Wirtschaftsförderung", "Expectations of the business development agency"),
        ),
        question(
            "select_one bekanntheit",
            "wf_bekanntheit",
            (
                "Kennen Sie die Angebote der Wirtschaftsförderung?",
                "Do you know the services of the business development agency?",
            ),
        ),
        question(
            "select_one zufriedenheit",
            "wf_zufriedenheit",
            (
                "Wie zufrieden waren Sie mit den Angeboten, die Sie genutzt haben?",
                "How satisfied were you with the services you used?",
            ),
            relevant="selected(${wf_bekanntheit}, 'genutzt')",
            appearance="likert",
        ),
        question(
            "rank thema",
            "wf_prioritaeten",
            (
                "Worum sollte sich die Wirtschaftsförderung vorrangig kümmern? Bitte bringen Sie die Themen "
                "in eine Reihenfolge.",
                "What should the business development agency focus on? Please put the topics in order.",
            ),
            hint=(
                "Ganz oben steht das Thema, das Ihnen am wichtigsten ist.",
                "Put the topic that matters most to you at the top.",
            ),
        ),
        end_page("erwartungen_wirtschaftsfoerderung"),
    ]

    # --- Open questions -----------------------------------------------------------------
    rows += [
        begin_page("offene_fragen", ("Ihre Einschätzung in eigenen Worten", "Your view in your own words")),
        question(
            "text",
            "offen_staerke",
            (
                "Was ist die größte Stärke unseres Wirtschaftsstandorts?",
                "What is the greatest strength of our business location?",
            ),
            appearance="multiline",
        ),
        question(
            "text",
            "offen_schwaeche",
            (
                "Was ist die größte Schwäche unseres Wirtschaftsstandorts?",
                "What is the greatest weakness of our business location?",
            ),
            appearance="multiline",
        ),
        question(
            "text",
            "offen_anregungen",
            (
                "Was sollte die Zukunftsstrategie unbedingt berücksichtigen? "
                "Hier ist auch Platz für weitere Anregungen.",
                "What must the future strategy take into account? There is also room here for further suggestions.",
            ),
            appearance="multiline",
        ),
        end_page("offene_fragen"),
    ]

    # --- Workshops ----------------------------------------------------------------------
    wants_workshops = "selected(${ws_teilnahme}, 'ja') or selected(${ws_teilnahme}, 'vielleicht')"
    rows += [
        begin_page("workshops", ("Mitwirkung in Workshops", "Taking part in workshops")),
        question(
            "select_one teilnahme",
            "ws_teilnahme",
            (
                "Im nächsten Schritt erarbeiten wir die Strategie in Workshops mit Unternehmen. "
                "Hätten Sie Interesse, daran teilzunehmen?",
                "In the next step we will develop the strategy in workshops with companies. "
                "Would you be interested in taking part?",
            ),
            required=REQUIRED_MESSAGE,
        ),
        question(
            "select_multiple thema",
            "ws_themen",
            ("Zu welchen Themen würden Sie gern mitarbeiten?", "Which topics would you like to work on?"),
            relevant=wants_workshops,
        ),
        question(
            "note",
            "ws_hinweis_kontakt",
            (
                "Für eine Einladung brauchen wir eine Kontaktmöglichkeit. Diese Angabe ist freiwillig. "
                "Wenn Sie lieber anonym bleiben, lassen Sie die folgenden Fragen einfach leer: Die "
                "Wirtschaftsförderung lädt außerdem öffentlich zu den Workshops ein. Wenn Sie Kontaktdaten "
                "angeben, verwenden wir sie ausschließlich für die Einladung und werten sie nicht zusammen "
                "mit Ihren Antworten aus.",
                "To invite you we need a way to contact you. This is optional. If you prefer to stay "
                "anonymous, simply leave the following questions empty: the business development agency "
                "also announces the workshops publicly. If you give contact details, we use them only for "
                "the invitation and do not analyse them together with your answers.",
            ),
            relevant=wants_workshops,
        ),
        question(
            "select_one ja_nein",
            "ws_kontakt_gewuenscht",
            (
                "Möchten Sie uns Kontaktdaten für eine persönliche Einladung nennen? (freiwillig)",
                "Would you like to give us contact details for a personal invitation? (optional)",
            ),
            relevant=wants_workshops,
        ),
        question(
            "text",
            "ws_kontakt",
            (
                "Ihr Name und Ihre E-Mail-Adresse oder Telefonnummer (freiwillig)",
                "Your name and your e-mail address or phone number (optional)",
            ),
            hint=(
                "Nur für die Einladung zu den Workshops. Sie können diese Einwilligung jederzeit widerrufen.",
                "Only for the invitation to the workshops. You can withdraw this consent at any time.",
            ),
            relevant=f"({wants_workshops}) and selected(${{ws_kontakt_gewuenscht}}, 'ja')",
            appearance="multiline",
            personal_data=True,
        ),
        end_page("workshops"),
    ]

    rows += [
        begin_page("abschluss", ("Vielen Dank", "Thank you")),
        question(
            "note",
            "hinweis_abschluss",
            (
                "Vielen Dank für Ihre Teilnahme! Mit „Absenden“ schließen Sie die Befragung ab. Die "
                "Ergebnisse veröffentlichen wir zusammengefasst auf der Seite des Strategieprozesses.",
                "Thank you for taking part! Choose “Submit” to complete the survey. We will publish the "
                "aggregated results on the page of the strategy process.",
            ),
        ),
        end_page("abschluss"),
    ]
    return rows


def municipality_choices(path: Path = MUNICIPALITIES_CSV) -> list[tuple[str, str]]:
    """(AGS, official name) of every municipality in the shipped file, in alphabetical order."""
    with path.open(encoding="utf-8", newline="") as handle:
        municipalities = [(row["ags"], row["name"]) for row in csv.DictReader(handle)]
    folded = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})
    return sorted(municipalities, key=lambda item: item[1].translate(folded).casefold())


WZ_ENGLISH = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply; sewerage, waste management and remediation activities",
    "F": "Construction",
    "G": "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    "H": "Transportation and storage",
    "I": "Accommodation and food service activities",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence; compulsory social security",
    "P": "Education",
    "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
    "T": "Activities of households as employers; undifferentiated goods- and services-producing activities "
    "of households for own use",
    "U": "Activities of extraterritorial organisations and bodies",
}

DONT_KNOW = ("weiss_nicht", ("weiß nicht", "don’t know"))
NONE = ("keine", ("keine davon", "none of these"))
OTHER = ("sonstige", ("Sonstiges", "Other"))

TOPICS = [
    ("flaechen", ("Gewerbeflächen und Ansiedlung", "Commercial land and business settlement")),
    ("fachkraefte", ("Fachkräftesicherung", "Securing skilled workers")),
    ("digitalisierung", ("Digitalisierung und Breitband", "Digitalisation and broadband")),
    ("energie", ("Energie und Klimaschutz", "Energy and climate protection")),
    ("mobilitaet", ("Verkehr und Mobilität", "Transport and mobility")),
    ("verwaltung", ("Schnellere Verwaltung und Genehmigungen", "Faster administration and permits")),
    ("netzwerke", ("Netzwerke und Kooperationen", "Networks and cooperation")),
    ("gruendung_nachfolge", ("Gründung und Unternehmensnachfolge", "Start-ups and business succession")),
]

CHOICE_LISTS: dict[str, list[tuple[str, Text]]] = {
    "groessenklasse": [
        ("0_9", ("0 bis 9 Beschäftigte", "0 to 9 employees")),
        ("10_49", ("10 bis 49 Beschäftigte", "10 to 49 employees")),
        ("50_249", ("50 bis 249 Beschäftigte", "50 to 249 employees")),
        ("250_plus", ("250 und mehr Beschäftigte", "250 or more employees")),
    ],
    "standortart": [
        ("einziger", ("Einziger Standort des Unternehmens", "The company’s only site")),
        ("hauptsitz", ("Hauptsitz mit weiteren Standorten", "Headquarters with further sites")),
        ("niederlassung", ("Niederlassung oder Filiale", "Branch or subsidiary")),
    ],
    "rolle": [
        ("geschaeftsfuehrung", ("Inhaberin/Inhaber oder Geschäftsführung", "Owner or managing director")),
        ("leitung", ("Bereichs- oder Standortleitung", "Head of division or site")),
        ("personal", ("Personalwesen", "Human resources")),
        ("technik_immobilien", ("Technik, Energie oder Immobilien", "Engineering, energy or real estate")),
        ("verwaltung", ("Kaufmännische Verwaltung", "Commercial administration")),
        OTHER,
    ],
    "zufriedenheit": [
        ("1", ("sehr zufrieden", "very satisfied")),
        ("2", ("eher zufrieden", "rather satisfied")),
        ("3", ("teils, teils", "neither nor")),
        ("4", ("eher unzufrieden", "rather dissatisfied")),
        ("5", ("sehr unzufrieden", "very dissatisfied")),
        ("weiss_nicht", ("weiß nicht / nicht relevant", "don’t know / not relevant")),
    ],
    "standortfaktor": [
        ("verkehr", ("Verkehrsanbindung", "Transport links")),
        ("internet", ("Breitband und Mobilfunk", "Broadband and mobile coverage")),
        ("flaechen", ("Gewerbeflächen", "Commercial land")),
        ("fachkraefte", ("Fachkräfte", "Skilled workers")),
        ("wohnen", ("Wohnraum", "Housing")),
        ("kinderbetreuung", ("Kinderbetreuung und Schulen", "Childcare and schools")),
        ("energie", ("Energieversorgung und -kosten", "Energy supply and costs")),
        ("abgaben", ("Steuern und Gebühren", "Taxes and fees")),
        ("verwaltung", ("Verwaltung und Genehmigungen", "Administration and permits")),
        ("naehe_kunden", ("Nähe zu Kunden und Zulieferern", "Proximity to customers and suppliers")),
        ("forschung", ("Hochschulen und Forschung", "Universities and research")),
        ("lebensqualitaet", ("Lebensqualität", "Quality of life")),
    ],
    "schwierigkeit": [
        ("sehr_schwierig", ("sehr schwierig", "very difficult")),
        ("eher_schwierig", ("eher schwierig", "rather difficult")),
        ("eher_leicht", ("eher leicht", "rather easy")),
        ("sehr_leicht", ("sehr leicht", "very easy")),
        ("keine_stellen", ("Wir haben derzeit keine offenen Stellen.", "We have no vacancies at present.")),
    ],
    "qualifikation": [
        ("auszubildende", ("Auszubildende", "Apprentices")),
        ("berufsausbildung", ("Fachkräfte mit Berufsausbildung", "Skilled workers with vocational training")),
        ("meister_techniker", ("Meisterinnen/Meister, Technikerinnen/Techniker", "Master craftspeople, technicians")),
        ("hochschule", ("Hochschulabsolventinnen und -absolventen", "University graduates")),
        ("it", ("IT-Fachkräfte", "IT specialists")),
        ("helfer", ("An- und Ungelernte", "Semi-skilled and unskilled workers")),
    ],
    "fk_massnahme": [
        ("ausbildung", ("Eigene Ausbildung", "In-house apprenticeships")),
        ("weiterbildung", ("Weiterbildung der Beschäftigten", "Further training of employees")),
        ("flexibel", ("Flexible Arbeitszeiten, mobiles Arbeiten", "Flexible working hours, remote work")),
        ("vereinbarkeit", ("Angebote zu Familie und Beruf", "Support for combining family and work")),
        ("ausland", ("Anwerbung im Ausland", "Recruitment abroad")),
        ("wohnraum", ("Hilfe bei der Wohnungssuche", "Help with finding housing")),
        ("hochschulen", ("Zusammenarbeit mit Schulen und Hochschulen", "Cooperation with schools and universities")),
        NONE,
    ],
    "entwicklung": [
        ("steigt_deutlich", ("steigt deutlich", "will rise considerably")),
        ("steigt_leicht", ("steigt leicht", "will rise slightly")),
        ("gleich", ("bleibt gleich", "will stay the same")),
        ("sinkt_leicht", ("sinkt leicht", "will fall slightly")),
        ("sinkt_deutlich", ("sinkt deutlich", "will fall considerably")),
        DONT_KNOW,
    ],
    "bandbreite": [
        ("unter_50", ("unter 50 Mbit/s", "below 50 Mbit/s")),
        ("50_250", ("50 bis unter 250 Mbit/s", "50 to under 250 Mbit/s")),
        ("250_1000", ("250 bis unter 1.000 Mbit/s", "250 to under 1,000 Mbit/s")),
        ("gigabit", ("1 Gbit/s und mehr (z. B. Glasfaser)", "1 Gbit/s or more (e.g. fibre)")),
        DONT_KNOW,
    ],
    "dig_thema": [
        ("ki", ("Künstliche Intelligenz", "Artificial intelligence")),
        ("cloud", ("Cloud-Dienste", "Cloud services")),
        ("sicherheit", ("IT-Sicherheit", "IT security")),
        ("automatisierung", ("Automatisierung von Abläufen", "Process automation")),
        ("daten", ("Datenanalyse", "Data analytics")),
        ("handel", ("Online-Vertrieb", "Online sales")),
        ("vernetzung", ("Vernetzte Produktion (Industrie 4.0)", "Connected production (Industry 4.0)")),
    ],
    "dig_hemmnis": [
        ("kosten", ("Hohe Kosten", "High costs")),
        ("personal", ("Fehlendes Fachpersonal", "Lack of specialist staff")),
        ("sicherheit", ("Datenschutz und IT-Sicherheit", "Data protection and IT security")),
        ("netz", ("Unzureichende Internetverbindung", "Inadequate internet connection")),
        ("zeit", ("Fehlende Zeit", "Lack of time")),
        ("nutzen", ("Unklarer Nutzen", "Unclear benefit")),
        NONE,
    ],
    "energieanteil": [
        ("unter_2", ("unter 2 %", "below 2%")),
        ("2_5", ("2 bis unter 5 %", "2 to under 5%")),
        ("5_10", ("5 bis unter 10 %", "5 to under 10%")),
        ("ueber_10", ("10 % und mehr", "10% or more")),
        DONT_KNOW,
    ],
    "belastung": [
        ("sehr_stark", ("sehr stark", "very heavily")),
        ("stark", ("stark", "heavily")),
        ("etwas", ("etwas", "somewhat")),
        ("kaum", ("kaum oder gar nicht", "hardly or not at all")),
    ],
    "ja_nein_wn": [
        ("ja", ("ja", "yes")),
        ("nein", ("nein", "no")),
        DONT_KNOW,
    ],
    "ja_nein": [
        ("ja", ("ja", "yes")),
        ("nein", ("nein", "no")),
    ],
    "klimaziel": [
        ("bis_2030", ("ja, bis 2030", "yes, by 2030")),
        ("bis_2040", ("ja, bis 2040", "yes, by 2040")),
        ("spaeter", ("ja, später", "yes, later")),
        ("nein", ("nein", "no")),
        DONT_KNOW,
    ],
    "en_massnahme": [
        ("effizienz", ("Energieeffizienz in Gebäuden oder Produktion", "Energy efficiency in buildings or production")),
        ("photovoltaik", ("Eigene Photovoltaikanlage", "Own photovoltaic system")),
        ("waermepumpe", ("Wärmepumpe oder erneuerbare Wärme", "Heat pump or renewable heat")),
        ("abwaerme", ("Nutzung von Abwärme", "Use of waste heat")),
        ("fuhrpark", ("Elektrische Fahrzeuge im Fuhrpark", "Electric vehicles in the fleet")),
        ("energiemanagement", ("Energiemanagementsystem", "Energy management system")),
        ("oekostrom", ("Bezug von Ökostrom", "Purchase of green electricity")),
        NONE,
    ],
    "flaechenplan": [
        ("erweitern_standort", ("ja, Erweiterung am bestehenden Standort", "yes, expansion at the existing site")),
        ("erweitern_zusaetzlich", ("ja, zusätzlicher Standort", "yes, an additional site")),
        ("verlagern_kreis", ("ja, Verlagerung innerhalb des Landkreises", "yes, relocation within the district")),
        ("verlagern_ausserhalb", ("ja, Verlagerung aus dem Landkreis heraus", "yes, relocation out of the district")),
        ("nein", ("nein", "no")),
        DONT_KNOW,
    ],
    "flaechenart": [
        ("produktion", ("Produktion oder Werkstatt", "Production or workshop")),
        ("logistik", ("Lager und Logistik", "Storage and logistics")),
        ("buero", ("Büro", "Office")),
        ("labor", ("Labor, Forschung und Entwicklung", "Laboratory, research and development")),
        ("verkauf", ("Verkauf und Ausstellung", "Sales and showroom")),
    ],
    "zeitraum": [
        ("1_jahr", ("innerhalb eines Jahres", "within one year")),
        ("2_jahre", ("in ein bis zwei Jahren", "in one to two years")),
        ("5_jahre", ("in drei bis fünf Jahren", "in three to five years")),
    ],
    "verlagerungsgrund": [
        ("keine_erweiterung", ("Keine Erweiterungsmöglichkeit am Standort", "No room to expand at the site")),
        ("kosten", ("Grundstücks- oder Mietpreise", "Land or rent prices")),
        ("verkehr", ("Verkehrsanbindung", "Transport links")),
        ("fachkraefte", ("Zugang zu Fachkräften", "Access to skilled workers")),
        ("genehmigung", ("Auflagen oder Genehmigungen", "Requirements or permits")),
        ("kunden", ("Nähe zu Kunden oder Konzern", "Proximity to customers or the group")),
        OTHER,
    ],
    "verkehrsproblem": [
        ("stau", ("Staus im Berufs- und Lieferverkehr", "Congestion in commuter and delivery traffic")),
        ("oepnv", ("Schlechte Anbindung an Bus und Bahn", "Poor bus and rail connections")),
        ("rad", ("Fehlende sichere Radwege", "Lack of safe cycle paths")),
        ("parken", ("Zu wenige Parkplätze", "Too few parking spaces")),
        ("lkw", ("Schwierige Zufahrt für Lkw", "Difficult access for lorries")),
        ("laden", ("Fehlende Ladeinfrastruktur", "Lack of charging infrastructure")),
        NONE,
    ],
    "mob_massnahme": [
        ("oepnv_takt", ("Dichterer Takt bei Bus und Bahn", "More frequent bus and rail services")),
        ("radwege", ("Radschnellwege und sichere Radwege", "Cycle highways and safe cycle paths")),
        ("strasse", ("Ausbau und Sanierung von Straßen", "Extension and repair of roads")),
        ("laden", ("Öffentliche Ladeinfrastruktur", "Public charging infrastructure")),
        (
            "mobilitaetsmanagement",
            ("Beratung zum betrieblichen Mobilitätsmanagement", "Advice on corporate mobility management"),
        ),
        OTHER,
    ],
    "verfahrensdauer": [
        ("angemessen", ("angemessen", "appropriate")),
        ("etwas_lang", ("etwas zu lang", "somewhat too long")),
        ("viel_zu_lang", ("deutlich zu lang", "far too long")),
    ],
    "veraenderung": [
        ("grundlegend", ("grundlegend", "fundamentally")),
        ("deutlich", ("deutlich", "considerably")),
        ("wenig", ("wenig", "a little")),
        ("gar_nicht", ("gar nicht", "not at all")),
        DONT_KNOW,
    ],
    "treiber": [
        ("antriebswende", ("Wandel der Automobilindustrie", "Change in the automotive industry")),
        (
            "digitalisierung",
            ("Digitalisierung und Künstliche Intelligenz", "Digitalisation and artificial intelligence"),
        ),
        ("klimaschutz", ("Klimaschutz und neue Vorgaben", "Climate protection and new regulations")),
        ("fachkraefte", ("Fachkräftemangel", "Shortage of skilled workers")),
        ("nachfrage", ("Veränderte Nachfrage", "Changing demand")),
        ("lieferketten", ("Lieferketten und Weltmarkt", "Supply chains and the world market")),
        OTHER,
    ],
    "nachfolge": [
        ("geregelt", ("ja, die Nachfolge ist geregelt", "yes, the succession is settled")),
        ("offen", ("ja, die Nachfolge ist noch offen", "yes, the succession is still open")),
        ("nein", ("nein", "no")),
        DONT_KNOW,
    ],
    "bekanntheit": [
        ("genutzt", ("ja, und wir haben sie genutzt", "yes, and we have used them")),
        ("bekannt", ("ja, aber wir haben sie nicht genutzt", "yes, but we have not used them")),
        ("unbekannt", ("nein", "no")),
    ],
    "thema": TOPICS,
    "teilnahme": [
        ("ja", ("ja", "yes")),
        ("vielleicht", ("vielleicht, je nach Termin und Thema", "perhaps, depending on date and topic")),
        ("nein", ("nein", "no")),
    ],
}


def choice_rows(municipalities_csv: Path = MUNICIPALITIES_CSV) -> list[Row]:
    lists: dict[str, list[tuple[str, Text]]] = {
        "wz2008": [(s.code, (f"{s.code} – {s.name}", f"{s.code} – {WZ_ENGLISH[s.code]}")) for s in SECTIONS],
        "gemeinde": [(ags, (name, name)) for ags, name in municipality_choices(municipalities_csv)]
        + [("ausserhalb", ("außerhalb des Landkreises", "outside the district"))],
        **CHOICE_LISTS,
    }
    return [
        {"list_name": list_name, "name": name, f"label::{DE}": label[0], f"label::{EN}": label[1]}
        for list_name, choices in lists.items()
        for name, label in choices
    ]


def settings_rows() -> list[Row]:
    return [{"form_title": FORM_TITLE, "form_id": FORM_ID, "version": FORM_VERSION, "default_language": DE}]


def build_sheets(municipalities_csv: Path = MUNICIPALITIES_CSV) -> dict[str, list[list[str]]]:
    """The three sheets as rows of cell texts, header first (empty cells are empty strings)."""

    def table(columns: tuple[str, ...], rows: list[Row]) -> list[list[str]]:
        return [list(columns)] + [[row.get(column, "") for column in columns] for row in rows]

    return {
        "survey": table(SURVEY_COLUMNS, survey_rows()),
        "choices": table(CHOICES_COLUMNS, choice_rows(municipalities_csv)),
        "settings": table(SETTINGS_COLUMNS, settings_rows()),
    }


def iter_cells(rows: list[list[str]]) -> Iterator[list[str | None]]:
    for row in rows:
        yield [cell or None for cell in row]


def write_workbook(path: Path = XLSX_PATH, municipalities_csv: Path = MUNICIPALITIES_CSV) -> Path:
    workbook = Workbook()
    for default_sheet in list(workbook.worksheets):
        workbook.remove(default_sheet)
    for title, rows in build_sheets(municipalities_csv).items():
        sheet = workbook.create_sheet(title)
        for cells in iter_cells(rows):
            sheet.append(cells)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    workbook.save(path)
    return path


def read_sheets(path: Path = XLSX_PATH) -> dict[str, list[list[str]]]:
    """The sheets of an XLSForm workbook as rows of cell texts, for comparing with build_sheets()."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return {
            sheet.title: [
                ["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)
            ]
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=XLSX_PATH, help="where to write the XLSForm")
    parser.add_argument("--municipalities", type=Path, default=MUNICIPALITIES_CSV, help="CSV of municipalities")
    args = parser.parse_args(argv)
    print(write_workbook(args.output, args.municipalities))


if __name__ == "__main__":
    main()
