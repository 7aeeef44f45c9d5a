"""Dates and news of the demo process, as plain constants (local times in Europe/Berlin).

Every date is fixed, so loading the demo again changes nothing. Events carry a stable key from
which their UID is derived; news are found again by their slug.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

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
    title_en: str = ""
    description_en: str = ""


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
        title_en="Launch event of the future strategy",
        description_en="The business development agency presents the aims, the course and the participants of "
        "the future strategy, followed by talks at themed tables.",
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
    title_en: str = ""
    teaser_en: str = ""


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
        # An English title and teaser, the text itself only in German: the English page shows both cases.
        title_en="Kick-off for the future strategy of the district of Ludwigsburg",
        teaser_en="The business development agency works out a future strategy for the business location with "
        "towns and municipalities, chambers, institutions and companies.",
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
