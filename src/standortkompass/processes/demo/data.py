"""Content of the demo process, as plain constants.

Everything here is fixed (no ``now()``), so loading the demo twice changes nothing. Dates are
local times in Europe/Berlin. People and companies are fictitious and say so in their names;
the public institutions, sponsors and the consultancy are the real actors the strategy
process of Landkreis Ludwigsburg names. Municipalities are not listed here: they come from the
official regions (``builder.municipality_organisations``).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

# --- the process -------------------------------------------------------------------------

PROCESS_SLUG = "zukunftsstrategie-landkreis-ludwigsburg"
DISTRICT_CODE = "08118"
PROCESS_TITLE = "Zukunftsstrategie Landkreis Ludwigsburg"
AGENCY_NAME = "Wirtschaftsförderung Landkreis Ludwigsburg"
SHORT_DESCRIPTION = (
    "Demonstration: So erarbeitet die Wirtschaftsförderung des Landkreises Ludwigsburg gemeinsam mit "
    "Städten und Gemeinden, Kammern, Institutionen und Unternehmen eine Zukunftsstrategie für den "
    "Wirtschaftsstandort. Personen, Unternehmen, Termine und Nachrichten dieser Demo sind erfunden."
)
DESCRIPTION = """\
Technologischer Wandel, Digitalisierung und Dekarbonisierung verändern die Wirtschaft im
Landkreis Ludwigsburg – besonders die vielen Zulieferer der Automobilindustrie und des
Maschinenbaus. Mit der Zukunftsstrategie legen Landkreis, Städte und Gemeinden, Kammern,
Institutionen und Unternehmen gemeinsam fest, wie der Standort in den nächsten Jahren stark
bleiben soll.

Der Prozess hat fünf Phasen:

1. **Analysephase:** Auswertung der amtlichen Wirtschaftsdaten, Online-Unternehmensbefragung
   und Unternehmensworkshop.
2. **Strategiewerkstatt:** Auswahl der Handlungsfelder, auf die Kommunen und Akteure vor Ort
   Einfluss haben.
3. **Zukunftswerkstatt:** Ziele, Maßnahmen und Projektideen.
4. **Beratung und Beschluss:** Das Sounding Board berät, der Lenkungskreis beschließt.
5. **Umsetzung:** Die Projekte werden umgesetzt; der Umsetzungsstand wird hier veröffentlicht.

*Hinweis: Dies ist ein Demonstrationsprozess von Standortkompass. Die Statistiken sind amtlich;
Personen, Unternehmen, Termine und Nachrichten sind erfunden.*
"""
PROCESS_STATUS = "running"


class PhaseData(NamedTuple):
    name: str
    start: dt.date
    end: dt.date | None
    state: str


# Names and descriptions follow processes.models.process.DEFAULT_PHASES.
PHASES: tuple[PhaseData, ...] = (
    PhaseData("Analysephase", dt.date(2026, 9, 1), dt.date(2027, 1, 31), "active"),
    PhaseData("Strategiewerkstatt", dt.date(2027, 2, 1), dt.date(2027, 4, 30), "planned"),
    PhaseData("Zukunftswerkstatt", dt.date(2027, 5, 1), dt.date(2027, 7, 31), "planned"),
    PhaseData("Beratung und Beschluss", dt.date(2027, 8, 1), dt.date(2027, 11, 30), "planned"),
    PhaseData("Umsetzung", dt.date(2027, 12, 1), None, "planned"),
)

# --- organisations -------------------------------------------------------------------------


class OrganisationData(NamedTuple):
    name: str
    type: str
    description: str
    website: str = ""
    city: str = ""
    municipality_code: str = ""


INSTITUTIONS: tuple[OrganisationData, ...] = (
    OrganisationData(
        "Landratsamt Ludwigsburg",
        "administration",
        "Die Verwaltung des Landkreises. Ihre Wirtschaftsförderung leitet den Strategieprozess.",
        "https://www.landkreis-ludwigsburg.de",
        "Ludwigsburg",
        "08118048",
    ),
    OrganisationData(
        "IHK Region Stuttgart – Bezirkskammer Ludwigsburg",
        "chamber",
        "Bringt die Sicht der Industrie-, Handels- und Dienstleistungsunternehmen im Landkreis ein.",
        "https://www.ihk.de/stuttgart",
        "Ludwigsburg",
        "08118048",
    ),
    OrganisationData(
        "Handwerkskammer Region Stuttgart",
        "chamber",
        "Bringt die Sicht der Handwerksbetriebe in der Region Stuttgart ein, zu der der Landkreis gehört.",
        "https://www.hwk-stuttgart.de",
        "Stuttgart",
    ),
    OrganisationData(
        "Kreishandwerkerschaft Ludwigsburg",
        "association",
        "Der Zusammenschluss der Handwerksinnungen im Landkreis.",
        "",
        "Ludwigsburg",
        "08118048",
    ),
    OrganisationData(
        "Wirtschaftsregion Stuttgart (WRS)",
        "association",
        "Die Wirtschaftsförderung der Region Stuttgart; verbindet die Strategie des Landkreises mit der Region.",
        "https://wrs.region-stuttgart.de",
        "Stuttgart",
    ),
    OrganisationData(
        "Agentur für Arbeit Ludwigsburg",
        "labour_market",
        "Bringt ihr Wissen über Arbeitsmarkt, Fachkräfte und Ausbildung im Landkreis ein.",
        "https://www.arbeitsagentur.de",
        "Ludwigsburg",
        "08118048",
    ),
    OrganisationData(
        "Hochschule für öffentliche Verwaltung und Finanzen Ludwigsburg",
        "education",
        "Bringt die Sicht von Lehre und Forschung zu Verwaltung und Finanzen ein.",
        "https://www.hs-ludwigsburg.de",
        "Ludwigsburg",
        "08118048",
    ),
)

SPONSORS: tuple[OrganisationData, ...] = (
    OrganisationData(
        "Kreissparkasse Ludwigsburg",
        "sponsor",
        "Unterstützt die Zukunftsstrategie als Sponsor.",
        "https://www.ksklb.de",
        "Ludwigsburg",
        "08118048",
    ),
    OrganisationData(
        "Wüstenrot Bausparkasse AG",
        "sponsor",
        "Unterstützt die Zukunftsstrategie als Sponsor.",
        "https://www.wuestenrot.de",
    ),
    OrganisationData(
        "Gebr. Lotter KG",
        "sponsor",
        "Unterstützt die Zukunftsstrategie als Sponsor.",
        "https://www.lotter.de",
    ),
)

CONSULTANCY = OrganisationData(
    "VDI/VDE Innovation + Technik GmbH",
    "consultancy",
    "Begleitet den Prozess methodisch: Standortanalyse, Unternehmensbefragung und Moderation der Werkstätten.",
    "https://vdivde-it.de",
)


class ContactData(NamedTuple):
    name: str
    role: str
    email: str
    consent_given_at: dt.datetime
    consent_method: str


CONSENT_SCOPE = "Einladungen zur Online-Unternehmensbefragung und zu den Werkstätten der Zukunftsstrategie"


class CompanyData(NamedTuple):
    name: str
    sector_division: str
    employee_count: int
    municipality_code: str
    contact: ContactData


# Clearly fictitious companies; the sector, size and place are plausible for the district.
COMPANIES: tuple[CompanyData, ...] = (
    CompanyData(
        "Muster Präzisionsteile GmbH (Demo)",
        "25",
        180,
        "08118079",
        ContactData(
            "Thomas Muster (fiktiv)",
            "Geschäftsführer",
            "thomas.muster@example.org",
            dt.datetime(2026, 9, 22, 10, 15),
            "online",
        ),
    ),
    CompanyData(
        "Beispiel Antriebstechnik AG (Demo)",
        "28",
        620,
        "08118048",
        ContactData(
            "Dr. Erika Beispiel (fiktiv)",
            "Vorständin",
            "erika.beispiel@example.org",
            dt.datetime(2026, 9, 18, 14, 0),
            "written",
        ),
    ),
    CompanyData(
        "Fiktiv Elektronik GmbH (Demo)",
        "26",
        85,
        "08118011",
        ContactData(
            "Lea Fiktiv (fiktiv)",
            "Leiterin Personal",
            "lea.fiktiv@example.org",
            dt.datetime(2026, 10, 2, 9, 30),
            "email",
        ),
    ),
    CompanyData(
        "Probe Autoteile GmbH & Co. KG (Demo)",
        "29",
        410,
        "08118073",
        ContactData(
            "Aylin Probe (fiktiv)",
            "Geschäftsführerin",
            "aylin.probe@example.org",
            dt.datetime(2026, 9, 25, 16, 45),
            "online",
        ),
    ),
    CompanyData(
        "Exempel Logistik GmbH (Demo)",
        "49",
        140,
        "08118046",
        ContactData(
            "Jonas Exempel (fiktiv)",
            "Niederlassungsleiter",
            "jonas.exempel@example.org",
            dt.datetime(2026, 10, 6, 11, 0),
            "in_person",
        ),
    ),
    CompanyData(
        "Musterbau Ausbau GmbH (Demo)",
        "43",
        24,
        "08118049",
        ContactData(
            "Karl Musterbau (fiktiv)",
            "Inhaber",
            "karl.musterbau@example.org",
            dt.datetime(2026, 10, 8, 20, 10),
            "in_person",
        ),
    ),
    CompanyData(
        "Beispiel Software & Daten GmbH (Demo)",
        "62",
        38,
        "08118081",
        ContactData(
            "Sophie Beispielhaft (fiktiv)",
            "Geschäftsführerin",
            "sophie.beispielhaft@example.org",
            dt.datetime(2026, 9, 30, 8, 50),
            "online",
        ),
    ),
    CompanyData(
        "Weingut Musterberg (Demo)",
        "01",
        7,
        "08118007",
        ContactData(
            "Klaus Musterberg (fiktiv)",
            "Inhaber",
            "klaus.musterberg@example.org",
            dt.datetime(2026, 10, 14, 17, 20),
            "phone",
        ),
    ),
    CompanyData(
        "Fiktiv Hotel am Schloss GmbH (Demo)",
        "55",
        16,
        "08118048",
        ContactData(
            "Mia Fiktiv-Hahn (fiktiv)",
            "Direktorin",
            "mia.fiktiv-hahn@example.org",
            dt.datetime(2026, 10, 20, 13, 5),
            "email",
        ),
    ),
    CompanyData(
        "Muster Pflege gGmbH (Demo)",
        "87",
        95,
        "08118076",
        ContactData(
            "Petra Modell (fiktiv)",
            "Geschäftsführerin",
            "petra.modell@example.org",
            dt.datetime(2026, 10, 1, 15, 40),
            "written",
        ),
    ),
)

# --- boards --------------------------------------------------------------------------------


class MemberData(NamedTuple):
    name: str
    function: str
    organisation: str


class BoardData(NamedTuple):
    name: str
    kind: str
    description: str
    members: tuple[MemberData, ...]


BOARDS: tuple[BoardData, ...] = (
    BoardData(
        "Sounding Board",
        "sounding_board",
        "Im Sounding Board beraten Führungskräfte aus Unternehmen des Landkreises den Strategieprozess. "
        "Es gibt Rückmeldung zu den Ergebnissen der Analyse, zu den Handlungsfeldern und zum "
        "Strategieentwurf und spricht Empfehlungen an den Lenkungskreis aus.\n\n"
        "*Demo: Die Mitglieder sind erfunden.*",
        (
            MemberData("Dr. Erika Beispiel (fiktiv)", "Vorsitz", "Beispiel Antriebstechnik AG (Demo)"),
            MemberData("Thomas Muster (fiktiv)", "stellv. Vorsitz", "Muster Präzisionsteile GmbH (Demo)"),
            MemberData("Aylin Probe (fiktiv)", "Mitglied", "Probe Autoteile GmbH & Co. KG (Demo)"),
            MemberData("Jonas Exempel (fiktiv)", "Mitglied", "Exempel Logistik GmbH (Demo)"),
            MemberData("Sophie Beispielhaft (fiktiv)", "Mitglied", "Beispiel Software & Daten GmbH (Demo)"),
            MemberData("Klaus Musterberg (fiktiv)", "Mitglied", "Weingut Musterberg (Demo)"),
            MemberData("Petra Modell (fiktiv)", "Mitglied", "Muster Pflege gGmbH (Demo)"),
        ),
    ),
    BoardData(
        "Lenkungskreis",
        "steering_committee",
        "Im Lenkungskreis steuern die Kreisverwaltung, Vertreterinnen und Vertreter der Städte und "
        "Gemeinden, die Kammern, weitere Institutionen und die Sponsoren den Prozess. Er legt den "
        "Zeitplan fest, berät die Empfehlungen des Sounding Boards und beschließt die Zukunftsstrategie.\n\n"
        "*Demo: Die Mitglieder sind erfunden.*",
        (
            MemberData("Dr. Max Beispielmann (fiktiv)", "Vorsitz", "Landratsamt Ludwigsburg"),
            MemberData("Claudia Vorlage (fiktiv)", "stellv. Vorsitz", "Stadt Ludwigsburg"),
            MemberData("Bernd Exemplar (fiktiv)", "Mitglied", "Stadt Bietigheim-Bissingen"),
            MemberData("Ines Musterfrau (fiktiv)", "Mitglied", "Gemeinde Affalterbach"),
            MemberData("Oliver Probst (fiktiv)", "Mitglied", "IHK Region Stuttgart – Bezirkskammer Ludwigsburg"),
            MemberData("Sabine Werkmann (fiktiv)", "Mitglied", "Handwerkskammer Region Stuttgart"),
            MemberData("Dr. Jan Vorbild (fiktiv)", "Mitglied", "Agentur für Arbeit Ludwigsburg"),
            MemberData("Julia Schema (fiktiv)", "Mitglied", "Wirtschaftsregion Stuttgart (WRS)"),
            MemberData(
                "Prof. Dr. Lena Muster (fiktiv)",
                "Mitglied",
                "Hochschule für öffentliche Verwaltung und Finanzen Ludwigsburg",
            ),
            MemberData("Markus Beleg (fiktiv)", "Mitglied", "Kreissparkasse Ludwigsburg"),
            MemberData("Nina Beispiel-Kraus (fiktiv)", "Mitglied", "Wüstenrot Bausparkasse AG"),
            MemberData("Stefan Entwurf (fiktiv)", "Mitglied", "Gebr. Lotter KG"),
        ),
    ),
)

# --- dates ---------------------------------------------------------------------------------


class EventData(NamedTuple):
    key: str  # stable part of the event's UID, so calendars recognise it after a reload
    title: str
    kind: str
    start: dt.datetime
    end: dt.datetime | None
    location: str
    phase: str
    description: str
    visibility: str = "public"


FORUM = "Forum am Schlosspark, Ludwigsburg"
KREISHAUS = "Kreishaus Ludwigsburg, Großer Sitzungssaal"

EVENTS: tuple[EventData, ...] = (
    EventData(
        "auftakt",
        "Auftaktveranstaltung zur Zukunftsstrategie",
        "information",
        dt.datetime(2026, 10, 8, 18, 0),
        dt.datetime(2026, 10, 8, 20, 30),
        FORUM,
        "Analysephase",
        "Die Wirtschaftsförderung stellt Ziele, Ablauf und Beteiligte der Zukunftsstrategie vor. "
        "Im Anschluss Gespräche an Thementischen.",
    ),
    EventData(
        "lenkungskreis-1",
        "Konstituierende Sitzung des Lenkungskreises",
        "board_meeting",
        dt.datetime(2026, 10, 21, 14, 0),
        dt.datetime(2026, 10, 21, 16, 0),
        KREISHAUS,
        "Analysephase",
        "Der Lenkungskreis beschließt seine Arbeitsweise und den Zeitplan des Prozesses.",
    ),
    EventData(
        "sounding-board-1",
        "Konstituierende Sitzung des Sounding Boards",
        "board_meeting",
        dt.datetime(2026, 11, 4, 17, 0),
        dt.datetime(2026, 11, 4, 19, 0),
        KREISHAUS,
        "Analysephase",
        "Das Sounding Board wählt seinen Vorsitz und bespricht die Fragen der Unternehmensbefragung.",
    ),
    EventData(
        "sounding-board-2",
        "Sitzung des Sounding Boards: erste Ergebnisse der Standortanalyse",
        "board_meeting",
        dt.datetime(2026, 12, 9, 17, 0),
        dt.datetime(2026, 12, 9, 19, 0),
        KREISHAUS,
        "Analysephase",
        "Nur für Mitglieder des Sounding Boards. Tagesordnung:\n\n"
        "1. Erste Ergebnisse der Standortanalyse\n"
        "2. Stand der Unternehmensbefragung\n"
        "3. Vorbereitung des Unternehmensworkshops",
        "board",
    ),
    EventData(
        "befragung-frist",
        "Online-Unternehmensbefragung: letzter Tag der Teilnahme",
        "deadline",
        dt.datetime(2026, 12, 18, 23, 59),
        None,
        "",
        "Analysephase",
        "Unternehmen aus dem Landkreis können bis zu diesem Tag an der Online-Unternehmensbefragung "
        "teilnehmen. *Demo: In dieser Demonstration ist keine echte Befragung geöffnet.*",
    ),
    EventData(
        "unternehmensworkshop",
        "Unternehmensworkshop",
        "workshop",
        dt.datetime(2027, 1, 20, 9, 30),
        dt.datetime(2027, 1, 20, 13, 0),
        "Kronenzentrum, Bietigheim-Bissingen",
        "Analysephase",
        "Unternehmen diskutieren die Ergebnisse der Befragung und der Standortanalyse: Was hält sie am "
        "Standort, was fehlt ihnen? Die Einladung erhalten Unternehmen per E-Mail.",
    ),
    EventData(
        "strategiewerkstatt",
        "Strategiewerkstatt",
        "workshop",
        dt.datetime(2027, 3, 10, 9, 0),
        dt.datetime(2027, 3, 10, 16, 0),
        "Das K – Kultur- und Kongresszentrum, Kornwestheim",
        "Strategiewerkstatt",
        "Kommunen, Kammern, Institutionen und Unternehmen wählen die Handlungsfelder der Strategie aus "
        "und gewichten sie nach Wirkung und Machbarkeit.",
    ),
    EventData(
        "zukunftswerkstatt",
        "Zukunftswerkstatt",
        "workshop",
        dt.datetime(2027, 6, 16, 9, 0),
        dt.datetime(2027, 6, 16, 17, 0),
        FORUM,
        "Zukunftswerkstatt",
        "In drei Phasen – Kritik, Fantasie, Verwirklichung – entstehen Ziele, Maßnahmen und Projektideen "
        "für die ausgewählten Handlungsfelder.",
    ),
    EventData(
        "sounding-board-3",
        "Sitzung des Sounding Boards: Beratung des Strategieentwurfs",
        "board_meeting",
        dt.datetime(2027, 9, 15, 17, 0),
        dt.datetime(2027, 9, 15, 19, 30),
        KREISHAUS,
        "Beratung und Beschluss",
        "Das Sounding Board berät den Entwurf der Zukunftsstrategie und beschließt seine Empfehlungen "
        "an den Lenkungskreis.",
    ),
    EventData(
        "lenkungskreis-beschluss",
        "Sitzung des Lenkungskreises: Beschluss der Zukunftsstrategie",
        "board_meeting",
        dt.datetime(2027, 10, 13, 14, 0),
        dt.datetime(2027, 10, 13, 17, 0),
        KREISHAUS,
        "Beratung und Beschluss",
        "Der Lenkungskreis berät die Empfehlungen des Sounding Boards und beschließt die Zukunftsstrategie.",
    ),
)

# --- news ----------------------------------------------------------------------------------


class NewsData(NamedTuple):
    slug: str
    title: str
    published_at: dt.datetime
    teaser: str
    body: str


NEWS_AUTHOR_NAME = "Redaktion Zukunftsstrategie"
DEMO_NOTE = (
    "*Hinweis: Dieser Beitrag gehört zur Demonstration von Standortkompass. "
    "Personen, Unternehmen, Termine und Nachrichten sind erfunden.*"
)

NEWS: tuple[NewsData, ...] = (
    NewsData(
        "startschuss-fuer-die-zukunftsstrategie",
        "Startschuss für die Zukunftsstrategie Landkreis Ludwigsburg",
        dt.datetime(2026, 9, 15, 9, 0),
        "Die Wirtschaftsförderung erarbeitet mit Städten und Gemeinden, Kammern, Institutionen und "
        "Unternehmen eine Zukunftsstrategie für den Wirtschaftsstandort.",
        f"""\
Der Landkreis Ludwigsburg ist ein starker Wirtschaftsstandort. Doch Digitalisierung,
Dekarbonisierung und der Wandel in der Automobilindustrie stellen viele Betriebe vor große
Aufgaben. Deshalb erarbeitet die Wirtschaftsförderung des Landkreises in den nächsten
Monaten eine **Zukunftsstrategie für den Wirtschaftsstandort**.

## Wer macht mit?

Beteiligt sind die 39 Städte und Gemeinden des Landkreises, die Kammern, die Agentur für
Arbeit, Hochschulen, Verbände und natürlich die Unternehmen selbst. Zwei Gremien begleiten
den Prozess: Das **Sounding Board** berät, der **Lenkungskreis** steuert und beschließt.

## Wie läuft es ab?

Zuerst analysieren wir die amtlichen Wirtschaftsdaten und fragen die Unternehmen nach ihren
Erfahrungen und Bedarfen. Danach wählen wir in der Strategiewerkstatt die wichtigsten
Handlungsfelder aus. In der Zukunftswerkstatt entstehen Ziele, Maßnahmen und Projektideen.
Nach Beratung und Beschluss beginnt ab Ende 2027 die Umsetzung.

Alle Termine finden Sie unter [Termine](/termine/) – auch zum Abonnieren in Ihrem Kalender.

{DEMO_NOTE}
""",
    ),
    NewsData(
        "rueckblick-auftaktveranstaltung",
        "Rückblick: Auftaktveranstaltung im Forum am Schlosspark",
        dt.datetime(2026, 10, 9, 11, 0),
        "Vertreterinnen und Vertreter aus Unternehmen, Kommunen und Institutionen haben den Start der "
        "Zukunftsstrategie gemeinsam eröffnet.",
        f"""\
Am 8. Oktober 2026 fiel im Forum am Schlosspark in Ludwigsburg der gemeinsame Startschuss für
die Zukunftsstrategie. Die Wirtschaftsförderung stellte Ziele, Ablauf und Zeitplan vor.

An Thementischen ging es danach um die Fragen, die viele Betriebe bewegen:

- Wie finden Unternehmen genügend Fachkräfte?
- Wo gibt es Flächen für Betriebe, die wachsen wollen?
- Wie gelingt der Umstieg auf klimafreundliche Energie?
- Wie können kleine Betriebe die Digitalisierung nutzen?

Die Ergebnisse der Thementische fließen in die Online-Unternehmensbefragung und in die
Standortanalyse ein.

{DEMO_NOTE}
""",
    ),
    NewsData(
        "online-unternehmensbefragung-gestartet",
        "Online-Unternehmensbefragung gestartet",
        dt.datetime(2026, 10, 12, 8, 0),
        "Bis zum 18. Dezember 2026 können Unternehmen aus dem Landkreis ihre Einschätzung zum Standort "
        "abgeben. Die Teilnahme dauert etwa 15 Minuten.",
        """\
Was schätzen Unternehmen am Landkreis Ludwigsburg, und was fehlt ihnen? Das will die
Wirtschaftsförderung mit der **Online-Unternehmensbefragung** herausfinden.

## Worum geht es?

Die Fragen betreffen die Standortfaktoren, Fachkräfte und Ausbildung, Gewerbeflächen,
Verkehr, Digitalisierung und Energie sowie die Pläne der Unternehmen für die nächsten Jahre.

## Wie nehme ich teil?

Unternehmen erhalten einen persönlichen Link per E-Mail. Die Antworten werden nur
zusammengefasst ausgewertet; Ergebnisse für sehr kleine Gruppen werden nicht veröffentlicht.
Die Teilnahme ist bis zum **18. Dezember 2026** möglich.

*Hinweis: In dieser Demonstration ist keine echte Befragung geöffnet.*
""",
    ),
    NewsData(
        "lenkungskreis-und-sounding-board-haben-ihre-arbeit-aufgenommen",
        "Lenkungskreis und Sounding Board haben ihre Arbeit aufgenommen",
        dt.datetime(2026, 11, 6, 10, 0),
        "Die beiden Gremien der Zukunftsstrategie haben sich konstituiert und ihren Vorsitz gewählt.",
        f"""\
Die beiden Gremien der Zukunftsstrategie haben sich im Oktober und November 2026
konstituiert.

Im **Lenkungskreis** steuern die Kreisverwaltung, Städte und Gemeinden, die Kammern, weitere
Institutionen und die Sponsoren den Prozess. Er hat in seiner ersten Sitzung am 21. Oktober
den Zeitplan beschlossen.

Im **Sounding Board** beraten Führungskräfte aus Unternehmen des Landkreises. In seiner
ersten Sitzung am 4. November hat es seinen Vorsitz gewählt und die Fragen der
Unternehmensbefragung besprochen.

Wer in den Gremien mitarbeitet, lesen Sie unter [Gremien](/gremien/).

{DEMO_NOTE}
""",
    ),
    NewsData(
        "termine-fuer-die-werkstaetten-stehen-fest",
        "Termine für Unternehmensworkshop, Strategiewerkstatt und Zukunftswerkstatt stehen fest",
        dt.datetime(2026, 11, 18, 9, 30),
        "Die drei Werkstätten der Zukunftsstrategie finden im Januar, März und Juni 2027 statt.",
        f"""\
Die Termine der drei Werkstätten stehen fest:

| Werkstatt | Datum | Ort |
|---|---|---|
| Unternehmensworkshop | 20. Januar 2027, 9:30–13:00 Uhr | Kronenzentrum, Bietigheim-Bissingen |
| Strategiewerkstatt | 10. März 2027, 9:00–16:00 Uhr | Das K, Kornwestheim |
| Zukunftswerkstatt | 16. Juni 2027, 9:00–17:00 Uhr | Forum am Schlosspark, Ludwigsburg |

Die Einladungen verschickt die Wirtschaftsförderung rechtzeitig per E-Mail. Alle Termine
finden Sie unter [Termine](/termine/); mit dem [Kalender-Abonnement](/termine.ics) sehen Sie
Änderungen automatisch in Ihrem Kalender.

{DEMO_NOTE}
""",
    ),
)

# --- demo log-ins --------------------------------------------------------------------------


class UserData(NamedTuple):
    email: str
    password: str
    role: str
    full_name: str
    totp_key: str = ""  # hex; only for the roles that must use a second factor
    board_member: tuple[str, str] | None = None  # (board name, member name)


# Published on purpose: these accounts exist only in the demo. The TOTP keys are the hex
# encoding of readable 20-character strings ("Demo-Admin-TOTP-2026" ...).
USERS: tuple[UserData, ...] = (
    UserData(
        "admin@demo.standortkompass.de",
        "Demo-Admin-2026!",
        "admin",
        "Demo-Administration",
        "44656d6f2d41646d696e2d544f54502d32303236",
    ),
    UserData(
        "redaktion@demo.standortkompass.de",
        "Demo-Redaktion-2026!",
        "editor",
        "Demo-Redaktion",
        "44656d6f2d526564616b2d544f54502d32303236",
    ),
    UserData(
        "gremium@demo.standortkompass.de",
        "Demo-Gremium-2026!",
        "board",
        "Dr. Erika Beispiel (fiktiv)",
        "44656d6f2d4772656d692d544f54502d32303236",
        ("Sounding Board", "Dr. Erika Beispiel (fiktiv)"),
    ),
    UserData("partner@demo.standortkompass.de", "Demo-Partner-2026!", "partner", "Demo-Partner"),
    UserData("unternehmen@demo.standortkompass.de", "Demo-Unternehmen-2026!", "company", "Demo-Unternehmen"),
)
NEWS_AUTHOR_EMAIL = "redaktion@demo.standortkompass.de"
TOTP_DEVICE_NAME = "Demo"
