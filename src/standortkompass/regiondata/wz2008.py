"""The sections (Abschnitte) and divisions (Abteilungen) of the German WZ 2008 classification.

Source: Statistisches Bundesamt, Klassifikation der Wirtschaftszweige, Ausgabe 2008 (WZ 2008).
"""

from __future__ import annotations

from typing import NamedTuple


class Section(NamedTuple):
    code: str
    name: str
    divisions: range


SECTIONS: tuple[Section, ...] = (
    Section("A", "Land- und Forstwirtschaft, Fischerei", range(1, 4)),
    Section("B", "Bergbau und Gewinnung von Steinen und Erden", range(5, 10)),
    Section("C", "Verarbeitendes Gewerbe", range(10, 34)),
    Section("D", "Energieversorgung", range(35, 36)),
    Section(
        "E", "Wasserversorgung; Abwasser- und Abfallentsorgung und Beseitigung von Umweltverschmutzungen", range(36, 40)
    ),
    Section("F", "Baugewerbe", range(41, 44)),
    Section("G", "Handel; Instandhaltung und Reparatur von Kraftfahrzeugen", range(45, 48)),
    Section("H", "Verkehr und Lagerei", range(49, 54)),
    Section("I", "Gastgewerbe", range(55, 57)),
    Section("J", "Information und Kommunikation", range(58, 64)),
    Section("K", "Erbringung von Finanz- und Versicherungsdienstleistungen", range(64, 67)),
    Section("L", "Grundstücks- und Wohnungswesen", range(68, 69)),
    Section("M", "Erbringung von freiberuflichen, wissenschaftlichen und technischen Dienstleistungen", range(69, 76)),
    Section("N", "Erbringung von sonstigen wirtschaftlichen Dienstleistungen", range(77, 83)),
    Section("O", "Öffentliche Verwaltung, Verteidigung; Sozialversicherung", range(84, 85)),
    Section("P", "Erziehung und Unterricht", range(85, 86)),
    Section("Q", "Gesundheits- und Sozialwesen", range(86, 89)),
    Section("R", "Kunst, Unterhaltung und Erholung", range(90, 94)),
    Section("S", "Erbringung von sonstigen Dienstleistungen", range(94, 97)),
    Section(
        "T",
        "Private Haushalte mit Hauspersonal; Herstellung von Waren und Erbringung von Dienstleistungen "
        "durch private Haushalte für den Eigenbedarf",
        range(97, 99),
    ),
    Section("U", "Exterritoriale Organisationen und Körperschaften", range(99, 100)),
)

SECTION_BY_CODE = {section.code: section for section in SECTIONS}
# Divisions that exist in WZ 2008 (04, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89 do not).
DIVISION_SECTION = {f"{number:02d}": section.code for section in SECTIONS for number in section.divisions}


def section_choices() -> list[tuple[str, str]]:
    return [(section.code, f"{section.code} – {section.name}") for section in SECTIONS]


def section_of_division(division: str) -> str | None:
    return DIVISION_SECTION.get(division)
