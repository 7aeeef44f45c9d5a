"""The content of the demo strategy, as plain constants (see ``strategy.demo``).

Goals, fields of action, measures and projects are made up and labelled as demo content. Indicators bound
to an official statistic name only the statistic and the baseline year; their values come from the
statistics store when the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from standortkompass.strategy.models import FundingSource, ProjectStatus

TITLE = "Zukunftsstrategie Wirtschaftsstandort Landkreis Ludwigsburg (Demo)"
INTRODUCTION = """\
**Demo:** Diese Strategie ist ein Demonstrationsbeispiel von Standortkompass. Ziele, Maßnahmen, Projekte,
Budgets und Zielwerte sind erfunden; Werte aus der amtlichen Statistik sind echt.

Die Zukunftsstrategie beschreibt, wie der Landkreis Ludwigsburg Wirtschaftsstandort mit starker Industrie
bleibt, während Fahrzeugbau und Zulieferer sich wandeln. Sie stützt sich auf die Standortanalyse und die
Unternehmensbefragung, wurde in Strategie- und Zukunftswerkstatt erarbeitet, vom Sounding Board beraten und
vom Lenkungskreis beschlossen.
"""
DECIDED_ON = dt.date(2027, 10, 13)
DECISION = "Lenkungskreis, Sitzung vom 13. Oktober 2027 (Demo)"
TARGET_NOTE = "Der Zielwert ist eine Demo-Annahme der Wirtschaftsförderung."
EXTERNAL = {
    "title": "Regionalplan der Region Stuttgart",
    "url": "https://www.region-stuttgart.org/",
    "publisher": "Verband Region Stuttgart",
}


class Bound(NamedTuple):
    """An indicator bound to an official statistic of the district; the target is a factor of the baseline."""

    name: str
    statistic: str
    baseline_year: int
    target_factor: float
    target_year: int
    rounding: int = -2  # digits of the target (round's ndigits): hundreds by default
    definition: str = ""


class Target(NamedTuple):
    """An indicator the agency counts itself: a demo target, no baseline or actual value."""

    name: str
    unit: str
    target: float
    target_year: int
    definition: str = ""


class ProjectData(NamedTuple):
    title: str
    measure: str
    status: str
    progress: int
    lead: str  # an organisation's name, or a municipality's AGS
    summary: str
    goal: str
    partners: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    target_groups: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    budget: int | None = None
    funding: str = ""
    funding_note: str = ""
    milestones: tuple[tuple[str, dt.date, dt.date | None], ...] = ()
    indicators: tuple[Target, ...] = ()


VISION = {
    "title": "Industriestandort mit Zukunft",
    "summary": "Ludwigsburg 2035: Industrie im Wandel, Arbeit mit Zukunft, Raum für gute Ideen.",
    "text": (
        "Der Landkreis Ludwigsburg bleibt ein Standort, an dem Industrie, Handwerk und Dienstleistungen "
        "gemeinsam wachsen. Unternehmen finden hier Fachkräfte, Flächen, saubere Energie und schnelle Netze; "
        "Kommunen, Kammern und Wirtschaftsförderung arbeiten dafür zusammen."
    ),
}

GOALS: tuple[tuple[str, str, tuple[Bound | Target, ...]], ...] = (
    (
        "Industrielle Wertschöpfung im Wandel sichern",
        "Die Betriebe des Fahrzeugbaus und ihre Zulieferer stellen sich auf neue Produkte und Märkte um.",
        (
            Bound(
                "Sozialversicherungspflichtig Beschäftigte am Arbeitsort",
                "employees_workplace",
                2015,
                1.05,
                2030,
                definition="Beschäftigte im Landkreis zum 30. Juni. " + TARGET_NOTE,
            ),
            Bound(
                "Bruttoinlandsprodukt je Erwerbstätigen",
                "gdp_per_employed",
                2015,
                1.1,
                2030,
                definition="Wirtschaftsleistung je Erwerbstätigen in Euro. " + TARGET_NOTE,
            ),
        ),
    ),
    (
        "Fachkräfte gewinnen und halten",
        "Unternehmen finden die Fachkräfte, die sie brauchen – aus dem Kreis, der Region und dem Ausland.",
        (
            Bound(
                "Arbeitslosenquote",
                "unemployment_rate",
                2015,
                0.85,
                2030,
                rounding=1,
                definition="Arbeitslose in Prozent aller zivilen Erwerbspersonen. " + TARGET_NOTE,
            ),
            Bound(
                "Sozialversicherungspflichtig beschäftigte Frauen am Arbeitsort",
                "employees_workplace_female",
                2015,
                1.08,
                2030,
                definition="Beschäftigte Frauen im Landkreis zum 30. Juni. " + TARGET_NOTE,
            ),
        ),
    ),
    (
        "Flächen für Unternehmen klug entwickeln",
        "Betriebe können sich im Kreis erweitern, ohne dass neue Flächen ungeplant verbraucht werden.",
        (
            Target(
                "Gemeinsam entwickelte Gewerbefläche",
                "ha",
                25,
                2032,
                "Fläche in interkommunalen Gewerbegebieten und auf wieder genutzten Brachen. " + TARGET_NOTE,
            ),
        ),
    ),
    (
        "Energie und Digitalisierung zum Standortvorteil machen",
        "Bezahlbare erneuerbare Energie und gigabitfähige Netze in allen Gewerbegebieten.",
        (
            Target(
                "Gewerbegebiete mit Glasfaseranschluss",
                "%",
                100,
                2030,
                "Anteil der Gewerbegebiete des Kreises mit Glasfaser bis ins Gebäude. " + TARGET_NOTE,
            ),
            Target(
                "Unternehmen im Energieeffizienz-Netzwerk",
                "Unternehmen",
                40,
                2029,
                TARGET_NOTE,
            ),
        ),
    ),
)

# Fields of action: title, summary, rationale, the findings (titles) and survey questions they rest on,
# and their measures (title, summary, the goals they serve by number, the source they rest on).
FIELDS: tuple[dict[str, Any], ...] = (
    {
        "title": "Transformation der Automobilzulieferer",
        "summary": "Zulieferer und Maschinenbauer beim Umstieg auf neue Antriebe, Produkte und Märkte begleiten.",
        "rationale": (
            "Fast 29 % der Beschäftigten arbeiten im Verarbeitenden Gewerbe; der hohe Industrieanteil macht den "
            "Kreis verwundbar, wenn Fahrzeugbau und Zulieferer umbauen müssen."
        ),
        "findings": ("Starker Industriestandort", "Abhängigkeit vom Strukturwandel der Industrie"),
        "questions": (),
        "measures": (
            (
                "Transformationsnetzwerk Zulieferer",
                "Betriebe lernen voneinander und entwickeln neue Produkte.",
                (0,),
                ("finding", "Abhängigkeit vom Strukturwandel der Industrie"),
            ),
            (
                "Innovations- und Förderberatung",
                "Eine Anlaufstelle für Förderprogramme und Hochschulen.",
                (0, 3),
                ("finding", "Starker Industriestandort"),
            ),
        ),
    },
    {
        "title": "Fachkräfte sichern",
        "summary": "Ausbildung stärken, Frauen und internationale Fachkräfte gewinnen, Pendler halten.",
        "rationale": (
            "Viele Betriebe können offene Stellen nur schwer besetzen; zugleich pendeln viele Beschäftigte aus dem "
            "Kreis nach Stuttgart."
        ),
        "findings": ("Auspendlerüberschuss",),
        "questions": ("fk_stellenbesetzung",),
        "figure": "unemployment_rate",
        "measures": (
            (
                "Ausbildungs- und Karriereportal",
                "Alle Ausbildungsplätze und Praktika des Kreises an einem Ort.",
                (1,),
                ("survey_by_size", "fk_stellenbesetzung"),
            ),
            (
                "Welcome Service für internationale Fachkräfte",
                "Ankommen, Anerkennung, Wohnen und Familie.",
                (1,),
                ("survey", "fk_engpass"),
            ),
        ),
    },
    {
        "title": "Gewerbeflächen und Standortentwicklung",
        "summary": "Flächen gemeinsam entwickeln und Brachen wieder nutzen.",
        "rationale": "Unternehmen wollen sich erweitern, finden aber kaum geeignete Flächen im Kreis.",
        "findings": ("Auspendlerüberschuss",),
        "questions": ("fl_plaene",),
        "external": True,
        "measures": (
            (
                "Interkommunaler Gewerbeflächenpool",
                "Kommunen entwickeln und vermarkten Flächen gemeinsam.",
                (2, 0),
                ("survey", "fl_plaene"),
            ),
            (
                "Flächenrecycling und Brachflächenkataster",
                "Brachen erfassen und wieder nutzbar machen.",
                (2,),
                ("external", ""),
            ),
        ),
    },
    {
        "title": "Energie und Klimaschutz in Unternehmen",
        "summary": "Energiekosten senken, erneuerbare Energie auf Gewerbedächer bringen.",
        "rationale": "Hohe Energiepreise belasten viele Betriebe, besonders in der Industrie.",
        "findings": ("Abhängigkeit vom Strukturwandel der Industrie",),
        "questions": ("en_preisbelastung",),
        "measures": (
            (
                "Energieeffizienz-Netzwerk für kleine und mittlere Unternehmen",
                "Gemeinsam Energie sparen.",
                (3,),
                ("survey", "en_preisbelastung"),
            ),
            (
                "Photovoltaik auf Gewerbedächern",
                "Dachflächen der Gewerbegebiete für Solarstrom nutzen.",
                (3,),
                ("survey", "en_massnahmen"),
            ),
        ),
    },
    {
        "title": "Digitalisierung und Breitband",
        "summary": "Schnelle Netze in allen Gewerbegebieten und Unterstützung für kleine Betriebe.",
        "rationale": (
            "Die unternehmensnahen Dienstleistungen wachsen; viele Betriebe nennen fehlende Bandbreite und fehlende "
            "Zeit als Hemmnisse der Digitalisierung."
        ),
        "findings": ("Dynamische Dienstleistungen",),
        "questions": ("dig_hemmnisse",),
        "measures": (
            (
                "Glasfaser in allen Gewerbegebieten",
                "Die letzten Gewerbegebiete ans Glasfasernetz bringen.",
                (3,),
                ("survey", "dig_bandbreite"),
            ),
            (
                "Digitallotsen für Handwerk und Handel",
                "Beratung vor Ort für kleine Betriebe.",
                (3, 1),
                ("survey", "dig_hemmnisse"),
            ),
        ),
    },
)

LANDRATSAMT = "Landratsamt Ludwigsburg"
IHK = "IHK Region Stuttgart – Bezirkskammer Ludwigsburg"
HWK = "Handwerkskammer Region Stuttgart"
KHS = "Kreishandwerkerschaft Ludwigsburg"
WRS = "Wirtschaftsregion Stuttgart (WRS)"
AGENTUR = "Agentur für Arbeit Ludwigsburg"

PROJECTS: tuple[ProjectData, ...] = (
    ProjectData(
        "Transformationsnetzwerk Automotive Ludwigsburg",
        "Transformationsnetzwerk Zulieferer",
        ProjectStatus.IMPLEMENTATION,
        40,
        WRS,
        "Zwanzig Zulieferbetriebe treffen sich regelmäßig und entwickeln gemeinsam neue Geschäftsfelder.",
        "Neue Produkte und Märkte für mindestens zehn Zulieferbetriebe des Kreises.",
        partners=(IHK, "Probe Autoteile GmbH & Co. KG (Demo)", "Beispiel Antriebstechnik AG (Demo)"),
        target_groups="Zulieferbetriebe des Fahrzeugbaus und des Maschinenbaus",
        start=dt.date(2027, 11, 1),
        end=dt.date(2029, 10, 31),
        budget=450000,
        funding=FundingSource.LAND,
        funding_note="Landesprogramm, 50 % Förderquote (Demo-Annahme)",
        milestones=(
            ("Auftaktveranstaltung", dt.date(2027, 11, 20), dt.date(2027, 11, 20)),
            ("Fünf Innovationsprojekte gestartet", dt.date(2028, 6, 30), None),
            ("Abschlussbericht", dt.date(2029, 10, 31), None),
        ),
    ),
    ProjectData(
        "Förderlotsen-Sprechstunde",
        "Innovations- und Förderberatung",
        ProjectStatus.IMPLEMENTATION,
        60,
        IHK,
        "Eine monatliche Sprechstunde zu Förderprogrammen von Land, Bund und EU.",
        "Betriebe finden schneller das passende Förderprogramm.",
        partners=(WRS,),
        target_groups="Kleine und mittlere Unternehmen",
        start=dt.date(2027, 12, 1),
        end=dt.date(2029, 12, 31),
        budget=80000,
        funding=FundingSource.OWN,
        milestones=(("Erste Sprechstunde", dt.date(2028, 1, 15), dt.date(2028, 1, 15)),),
    ),
    ProjectData(
        "Azubi-Tour Landkreis Ludwigsburg",
        "Ausbildungs- und Karriereportal",
        ProjectStatus.COMPLETED,
        100,
        AGENTUR,
        "Schülerinnen und Schüler besuchen an einem Tag fünf Ausbildungsbetriebe.",
        "Mehr Bewerbungen für Ausbildungsplätze in Industrie und Handwerk.",
        partners=(HWK, KHS),
        target_groups="Schülerinnen und Schüler ab Klasse 8",
        start=dt.date(2027, 12, 1),
        end=dt.date(2028, 7, 31),
        budget=35000,
        funding=FundingSource.OWN,
        milestones=(
            ("Betriebe gewonnen", dt.date(2028, 2, 28), dt.date(2028, 2, 20)),
            ("Tour durchgeführt", dt.date(2028, 6, 30), dt.date(2028, 6, 24)),
        ),
    ),
    ProjectData(
        "Welcome Center Ludwigsburg",
        "Welcome Service für internationale Fachkräfte",
        ProjectStatus.PLANNING,
        15,
        LANDRATSAMT,
        "Eine Anlaufstelle für internationale Fachkräfte und ihre Familien.",
        "Internationale Fachkräfte kommen gut an und bleiben.",
        partners=(AGENTUR,),
        municipalities=("08118048",),
        target_groups="Internationale Fachkräfte, ihre Familien und ihre Arbeitgeber",
        start=dt.date(2028, 4, 1),
        end=dt.date(2030, 3, 31),
        budget=620000,
        funding=FundingSource.EFRE,
        funding_note="Antrag in Vorbereitung (Demo-Annahme)",
        milestones=(("Förderantrag gestellt", dt.date(2028, 2, 28), None),),
    ),
    ProjectData(
        "Gewerbeflächenpool Neckar-Enz",
        "Interkommunaler Gewerbeflächenpool",
        ProjectStatus.PLANNING,
        10,
        LANDRATSAMT,
        "Mehrere Gemeinden bringen Flächen in einen gemeinsamen Pool ein und teilen Kosten und Erträge.",
        "Ein interkommunales Gewerbegebiet ist planungsreif.",
        municipalities=("08118003", "08118001", "08118048"),
        target_groups="Erweiterungswillige Betriebe aus dem Kreis",
        start=dt.date(2028, 1, 1),
        end=dt.date(2031, 12, 31),
        budget=250000,
        funding=FundingSource.GRW,
        milestones=(
            ("Zweckverband gegründet", dt.date(2028, 9, 30), None),
            ("Bebauungsplan beschlossen", dt.date(2030, 6, 30), None),
        ),
    ),
    ProjectData(
        "Brachflächenkataster",
        "Flächenrecycling und Brachflächenkataster",
        ProjectStatus.IMPLEMENTATION,
        70,
        LANDRATSAMT,
        "Alle Brachen und untergenutzten Gewerbeflächen des Kreises in einer Karte.",
        "Brachen werden schneller wieder genutzt.",
        target_groups="Kommunen, Eigentümer, Projektentwickler",
        start=dt.date(2027, 12, 1),
        end=dt.date(2028, 12, 31),
        budget=120000,
        funding=FundingSource.LAND,
        milestones=(
            ("Erhebung in allen Kommunen", dt.date(2028, 6, 30), dt.date(2028, 6, 15)),
            ("Kataster online", dt.date(2028, 12, 31), None),
        ),
    ),
    ProjectData(
        "Energieeffizienz-Netzwerk KMU Ludwigsburg",
        "Energieeffizienz-Netzwerk für kleine und mittlere Unternehmen",
        ProjectStatus.IMPLEMENTATION,
        30,
        IHK,
        "Zwölf Betriebe setzen sich gemeinsame Einsparziele und lernen voneinander.",
        "Die Betriebe des Netzwerks senken ihren Energieverbrauch deutlich.",
        partners=(KHS, "Muster Präzisionsteile GmbH (Demo)"),
        target_groups="Kleine und mittlere Unternehmen aus Industrie und Handwerk",
        start=dt.date(2028, 3, 1),
        end=dt.date(2030, 2, 28),
        budget=90000,
        funding=FundingSource.OTHER,
        funding_note="Bundesförderung für Energieeffizienz-Netzwerke (Demo-Annahme)",
    ),
    ProjectData(
        "Solardächer im Gewerbegebiet",
        "Photovoltaik auf Gewerbedächern",
        ProjectStatus.IDEA,
        0,
        "08118048",
        "Ein Solarkataster und ein Pachtmodell für die Dächer eines Gewerbegebiets.",
        "Gewerbedächer erzeugen Solarstrom für die Betriebe darunter.",
        municipalities=("08118048",),
        target_groups="Eigentümer und Nutzer von Gewerbeimmobilien",
    ),
    ProjectData(
        "Glasfaseranschluss der Gewerbegebiete",
        "Glasfaser in allen Gewerbegebieten",
        ProjectStatus.IMPLEMENTATION,
        50,
        LANDRATSAMT,
        "Die letzten Gewerbegebiete ohne Glasfaser werden angeschlossen.",
        "Jedes Gewerbegebiet des Kreises hat Glasfaser bis ins Gebäude.",
        municipalities=("08118001", "08118003"),
        target_groups="Betriebe in Gewerbegebieten",
        start=dt.date(2027, 6, 1),
        end=dt.date(2030, 12, 31),
        budget=2400000,
        funding=FundingSource.LAND,
        funding_note="Breitbandförderung von Bund und Land (Demo-Annahme)",
        milestones=(
            ("Ausschreibung vergeben", dt.date(2027, 12, 31), dt.date(2027, 12, 10)),
            ("Erste Gewerbegebiete angeschlossen", dt.date(2028, 12, 31), None),
        ),
        indicators=(Target("Angeschlossene Gewerbegebiete", "Gewerbegebiete", 12, 2030, TARGET_NOTE),),
    ),
    ProjectData(
        "Digitallotsen Handwerk",
        "Digitallotsen für Handwerk und Handel",
        ProjectStatus.DEFERRED,
        0,
        HWK,
        "Lotsinnen und Lotsen beraten kleine Betriebe vor Ort zu digitalen Werkzeugen.",
        "Kleine Betriebe nutzen digitale Werkzeuge für Angebote, Rechnungen und Termine.",
        partners=(KHS,),
        target_groups="Handwerksbetriebe und kleine Händler",
        budget=60000,
        funding=FundingSource.LEADER,
        funding_note="Zurückgestellt, bis die Förderung geklärt ist (Demo-Annahme)",
    ),
)


class PartnerContact(NamedTuple):
    """The demo's Partner log-in as a contact person of the lead organisation of one project."""

    project: str  # the project whose lead organisation the contact belongs to
    name: str
    role: str
    consent_scope: str
    consent_given_at: dt.datetime  # local time (Europe/Berlin)
    consent_method: str


# A project lead is a Partner account whose e-mail address is that of a contact person of the project's lead
# organisation (``monitoring.selectors.leads``); so the demo's Partner log-in leads this project and finds its
# report in "My area". The contact is made up and has recorded consent, as the companies' contacts have.
PARTNER_CONTACT = PartnerContact(
    "Digitallotsen Handwerk",
    "Demo-Partner (fiktiv)",
    "Projektleitung Digitallotsen (Demo)",
    "Statusberichte und Erinnerungen zu den Projekten der Zukunftsstrategie",
    dt.datetime(2026, 10, 12, 10, 0),
    "written",
)

# What goals and some projects rest on, besides the sources of the fields of action and measures:
# (kind, key) with the kinds of ``strategy.demo._cite_source``.
GOAL_SOURCES: dict[int, tuple[str, str]] = {
    0: ("finding", "Hohe Produktivität und niedrige Arbeitslosigkeit"),
    1: ("survey", "fk_personalbedarf"),
    2: ("survey", "fl_plaene"),
    3: ("survey", "en_preisbelastung"),
}
PROJECT_SOURCES: dict[str, tuple[str, str]] = {
    "Transformationsnetzwerk Automotive Ludwigsburg": ("finding", "Abhängigkeit vom Strukturwandel der Industrie"),
    "Welcome Center Ludwigsburg": ("survey", "fk_engpass"),
    "Brachflächenkataster": ("external", ""),
    "Glasfaseranschluss der Gewerbegebiete": ("survey", "dig_bandbreite"),
}

# The Sounding Board's consultation on version 1 (demo): comments by its member, handled by Redaktion.
CONSULTATION_TITLE = "Konsultation des Sounding Boards zum Strategieentwurf (Demo)"
CONSULTATION_INTRODUCTION = (
    "**Demo:** Bitte kommentieren Sie den Entwurf – je Element oder zum Entwurf als Ganzem. "
    "Die Redaktion antwortet auf jeden Kommentar."
)
CONSULTATION_COMMENTS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Transformation der Automobilzulieferer",
        "Die kleinen Zulieferer brauchen vor allem Zeit ihrer Geschäftsführung – bitte Formate, die höchstens "
        "einen halben Tag dauern. (Demo)",
        "taken_up",
        "Aufgenommen: Die Treffen des Transformationsnetzwerks dauern einen halben Tag. (Demo)",
    ),
    (
        "Fachkräfte gewinnen und halten",
        "Das Ziel sollte auch Ausbildung im Handwerk nennen, nicht nur die Industrie. (Demo)",
        "taken_up",
        "Aufgenommen: Das Ausbildungs- und Karriereportal umfasst Handwerk und Industrie. (Demo)",
    ),
    (
        "Flächen für Unternehmen klug entwickeln",
        "Ein gemeinsamer Flächenpool aller Kommunen ist politisch kaum durchsetzbar. (Demo)",
        "not_taken_up",
        "Nicht aufgenommen: Der Pool beginnt freiwillig mit den Kommunen, die mitmachen wollen. (Demo)",
    ),
    (
        "",
        "Insgesamt ein guter Entwurf; bitte die Kennzahlen jährlich berichten. (Demo)",
        "answered",
        "Danke – die Umsetzung wird in Berichtsrunden jährlich dargestellt. (Demo)",
    ),
)
