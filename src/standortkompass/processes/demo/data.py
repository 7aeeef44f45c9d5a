"""Content of the demo process, as plain constants.

Everything here is fixed (no ``now()``), so loading the demo twice changes nothing. Dates are
local times in Europe/Berlin. People and companies are fictitious and say so in their names;
the public institutions, sponsors and the consultancy are the real actors the strategy
process of Landkreis Ludwigsburg names. Municipalities are not listed here: they come from the
official regions (``builder.municipality_organisation_specs``). Dates and news are in
``dates_and_news``.
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

# English versions of some texts, so that the English pages of the demo show both cases: text in
# English, and German-only text marked lang="de" (the description and most news and dates stay German).
PROCESS_TITLE_EN = "Future strategy for the district of Ludwigsburg"
SHORT_DESCRIPTION_EN = (
    "Demonstration: how the business development agency of the district of Ludwigsburg works out a future "
    "strategy for the business location together with towns and municipalities, chambers, institutions and "
    "companies. The people, companies, dates and news of this demo are made up."
)


class PhaseData(NamedTuple):
    name: str
    start: dt.date
    end: dt.date | None
    state: str
    name_en: str = ""
    description_en: str = ""


# Names and descriptions follow processes.models.process.DEFAULT_PHASES.
PHASES: tuple[PhaseData, ...] = (
    PhaseData(
        "Analysephase",
        dt.date(2026, 9, 1),
        dt.date(2027, 1, 31),
        "active",
        "Analysis",
        "Analysis of the economic data, online company survey and company workshop.",
    ),
    PhaseData(
        "Strategiewerkstatt",
        dt.date(2027, 2, 1),
        dt.date(2027, 4, 30),
        "planned",
        "Strategy workshop",
        "Narrowing down the fields of action that the municipalities and local actors can influence.",
    ),
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
    name_en: str = ""
    description_en: str = ""


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
        "Steering committee",
        "In the steering committee, the district administration, representatives of the towns and "
        "municipalities, the chambers, further institutions and the sponsors steer the process. It sets the "
        "schedule, discusses the recommendations of the Sounding Board and adopts the future strategy.\n\n"
        "*Demo: the members are made up.*",
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
