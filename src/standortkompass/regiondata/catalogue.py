"""The indicators Standortkompass knows, and how the official tables map onto them.

Indicator codes are stable identifiers used by the analysis and the pages. Names, units and
descriptions are those of the official tables (German, as published). A Regionaldatenbank
table listed in ``GENESIS_TABLES`` is read into these indicators whether it comes as the
shipped clean CSV (``OFFICIAL_FILES``), as a GENESIS CSV download or as an XLSX download;
any other table is imported under codes derived from its column headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

TOTAL = "TOTAL"

BA_EMPLOYMENT = "Bundesagentur für Arbeit, Beschäftigungsstatistik"
BA_LABOUR_MARKET = "Bundesagentur für Arbeit, Arbeitsmarktstatistik"
VGRDL = 'Arbeitskreis "Volkswirtschaftliche Gesamtrechnungen der Länder"'
DESTATIS_POPULATION = "Statistisches Bundesamt (Destatis), Fortschreibung des Bevölkerungsstandes"
URS = "Statistische Ämter des Bundes und der Länder, Unternehmensregister-System"
TOURISM = "Statistische Ämter des Bundes und der Länder, Monatserhebung im Tourismus"
REGIONALDATENBANK = "Regionaldatenbank Deutschland"


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    unit: str
    source: str
    description: str = ""
    has_sectors: bool = False


def _employees(base: str, place: str, tables: str, note: str) -> list[IndicatorSpec]:
    groups = [
        ("", ""),
        ("_male", ", männlich"),
        ("_female", ", weiblich"),
        ("_foreign", ", Ausländer(innen)"),
        ("_foreign_male", ", Ausländer"),
        ("_foreign_female", ", Ausländerinnen"),
    ]
    return [
        IndicatorSpec(
            code=f"{base}{suffix}",
            name=f"Sozialversicherungspflichtig Beschäftigte am {place}{label}",
            unit="Personen",
            source=f"{BA_EMPLOYMENT}; {REGIONALDATENBANK} {tables}",
            description=f"Stichtag 30.06. {note}",
            has_sectors=True,
        )
        for suffix, label in groups
    ]


# (column suffix in the shipped file, code suffix, label in 12411-0018)
AGE_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("u3", "under_3", "unter 3 Jahre"),
    ("3-6", "3_to_6", "3 bis unter 6 Jahre"),
    ("6-10", "6_to_10", "6 bis unter 10 Jahre"),
    ("10-15", "10_to_15", "10 bis unter 15 Jahre"),
    ("15-18", "15_to_18", "15 bis unter 18 Jahre"),
    ("18-20", "18_to_20", "18 bis unter 20 Jahre"),
    ("20-25", "20_to_25", "20 bis unter 25 Jahre"),
    ("25-30", "25_to_30", "25 bis unter 30 Jahre"),
    ("30-35", "30_to_35", "30 bis unter 35 Jahre"),
    ("35-40", "35_to_40", "35 bis unter 40 Jahre"),
    ("40-45", "40_to_45", "40 bis unter 45 Jahre"),
    ("45-50", "45_to_50", "45 bis unter 50 Jahre"),
    ("50-55", "50_to_55", "50 bis unter 55 Jahre"),
    ("55-60", "55_to_60", "55 bis unter 60 Jahre"),
    ("60-65", "60_to_65", "60 bis unter 65 Jahre"),
    ("65-75", "65_to_75", "65 bis unter 75 Jahre"),
    ("75+", "75_plus", "75 Jahre und mehr"),
)
SEXES = (("m", "male", "männlich"), ("w", "female", "weiblich"))


def _population() -> list[IndicatorSpec]:
    source = f"{DESTATIS_POPULATION}; {REGIONALDATENBANK} 12411-01-01-4, GENESIS-Online 12411-0018"
    note = "Stichtag 31.12., Bevölkerung auf Grundlage des Zensus 2011."
    specs = [
        IndicatorSpec("population", "Bevölkerung", "Personen", source, note),
        IndicatorSpec("population_male", "Bevölkerung, männlich", "Personen", source, note),
        IndicatorSpec("population_female", "Bevölkerung, weiblich", "Personen", source, note),
    ]
    for _prefix, sex, sex_label in SEXES:
        for _column, age, age_label in AGE_GROUPS:
            specs.append(
                IndicatorSpec(
                    f"population_{sex}_{age}", f"Bevölkerung, {sex_label}, {age_label}", "Personen", source, note
                )
            )
    return specs


def _unemployment() -> list[IndicatorSpec]:
    source = f"{BA_LABOUR_MARKET}; {REGIONALDATENBANK} 13211-02-05-4"
    note = "Jahresdurchschnitt."
    persons = [
        ("unemployed", "Arbeitslose"),
        ("unemployed_foreign", "Arbeitslose, Ausländer"),
        ("unemployed_severely_disabled", "Arbeitslose, schwerbehindert"),
        ("unemployed_15_to_20", "Arbeitslose, 15 bis unter 20 Jahre"),
        ("unemployed_15_to_25", "Arbeitslose, 15 bis unter 25 Jahre"),
        ("unemployed_55_to_65", "Arbeitslose, 55 bis unter 65 Jahre"),
        ("unemployed_long_term", "Arbeitslose, langzeitarbeitslos"),
    ]
    rates = [
        ("unemployment_rate_dependent", "Arbeitslosenquote bezogen auf abhängige zivile Erwerbspersonen"),
        ("unemployment_rate", "Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen"),
        ("unemployment_rate_male", "Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen, Männer"),
        ("unemployment_rate_female", "Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen, Frauen"),
        ("unemployment_rate_foreign", "Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen, Ausländer"),
        (
            "unemployment_rate_15_to_25",
            "Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen, 15 bis unter 25 Jahre",
        ),
    ]
    return [IndicatorSpec(code, name, "Personen", source, note) for code, name in persons] + [
        IndicatorSpec(code, name, "%", source, note) for code, name in rates
    ]


def _national_accounts() -> list[IndicatorSpec]:
    gdp_source = f"{VGRDL}; {REGIONALDATENBANK} 82111-01-05-4"
    income_source = f"{VGRDL}; {REGIONALDATENBANK} 82411-01-03-4"
    note = "Jahressumme, in jeweiligen Preisen, Berechnungsstand August 2018."
    return [
        IndicatorSpec("gdp", "Bruttoinlandsprodukt zu Marktpreisen", "Tsd. EUR", gdp_source, note),
        IndicatorSpec("gdp_per_employed", "Bruttoinlandsprodukt je Erwerbstätigen", "EUR", gdp_source, note),
        IndicatorSpec("gdp_per_capita", "Bruttoinlandsprodukt je Einwohner", "EUR", gdp_source, note),
        IndicatorSpec(
            "gva", "Bruttowertschöpfung zu Herstellungspreisen", "Tsd. EUR", gdp_source, note, has_sectors=True
        ),
        IndicatorSpec(
            "disposable_income", "Verfügbares Einkommen der privaten Haushalte", "Tsd. EUR", income_source, note
        ),
        IndicatorSpec(
            "disposable_income_per_capita",
            "Verfügbares Einkommen der privaten Haushalte je Einwohner",
            "EUR",
            income_source,
            note,
        ),
    ]


def _companies_and_tourism() -> list[IndicatorSpec]:
    units_source = f"{URS}; {REGIONALDATENBANK} 52111-01-02-4"
    units_note = "Niederlassungen (örtliche Einheiten) nach der Zahl der abhängig Beschäftigten im Jahresdurchschnitt."
    tourism_source = f"{TOURISM}; {REGIONALDATENBANK} 45412-01-03-4"
    tourism_note = "Jahressumme; Betriebe mit mindestens 10 Schlafgelegenheiten (Camping: 10 Stellplätzen)."
    return [
        IndicatorSpec("local_units", "Niederlassungen", "Anzahl", units_source, units_note),
        IndicatorSpec("local_units_0_to_10", "Niederlassungen, 0 bis unter 10 Beschäftigte", "Anzahl", units_source),
        IndicatorSpec("local_units_10_to_50", "Niederlassungen, 10 bis unter 50 Beschäftigte", "Anzahl", units_source),
        IndicatorSpec(
            "local_units_50_to_250", "Niederlassungen, 50 bis unter 250 Beschäftigte", "Anzahl", units_source
        ),
        IndicatorSpec("local_units_250_plus", "Niederlassungen, 250 und mehr Beschäftigte", "Anzahl", units_source),
        IndicatorSpec(
            "accommodation_establishments", "Geöffnete Beherbergungsbetriebe", "Anzahl", tourism_source, tourism_note
        ),
        IndicatorSpec("sleeping_places", "Angebotene Schlafgelegenheiten", "Anzahl", tourism_source, tourism_note),
        IndicatorSpec("guest_arrivals", "Gästeankünfte", "Anzahl", tourism_source, tourism_note),
        IndicatorSpec("overnight_stays", "Gästeübernachtungen", "Anzahl", tourism_source, tourism_note),
    ]


INDICATORS: dict[str, IndicatorSpec] = {
    spec.code: spec
    for spec in [
        *_employees(
            "employees_workplace",
            "Arbeitsort",
            "13111-07-05-4, 13111-01-03-4",
            "Der Wert für Deutschland enthält Personen ohne Angabe oder Zuordnung.",
        ),
        *_employees(
            "employees_residence",
            "Wohnort",
            "13111-02-02-4",
            "Der Wert für Deutschland enthält weder Personen ohne Angabe noch Personen mit Wohnort im Ausland.",
        ),
        *_national_accounts(),
        *_population(),
        *_unemployment(),
        *_companies_and_tourism(),
    ]
}


# --- Reading GENESIS table headings into indicator codes ------------------------------------

Resolver = Callable[[Sequence[str]], str | None]


def normalise_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _has(labels: Sequence[str], *words: str) -> bool:
    return any(word in label for label in labels for word in words)


def _sex_suffix(labels: Sequence[str]) -> str:
    if "männlich" in labels or "männer" in labels:
        return "_male"
    if "weiblich" in labels or "frauen" in labels:
        return "_female"
    return ""


def _employees_resolver(base: str) -> Resolver:
    def resolve(labels: Sequence[str]) -> str | None:
        foreign = "_foreign" if _has(labels, "ausländer") else ""
        return f"{base}{foreign}{_sex_suffix(labels)}"

    return resolve


_AGE = (
    (re.compile(r"^unter (\d+) jahre$"), "under_{0}"),
    (re.compile(r"^(\d+) bis unter (\d+) jahre$"), "{0}_to_{1}"),
    (re.compile(r"^(\d+) jahre und mehr$"), "{0}_plus"),
)


def _age_suffix(labels: Sequence[str]) -> str:
    for label in labels:
        for pattern, template in _AGE:
            match = pattern.match(label)
            if match:
                return "_" + template.format(*match.groups())
    return ""


def _population_resolver(labels: Sequence[str]) -> str | None:
    sex = _sex_suffix(labels)
    age = _age_suffix(labels)
    if age and not sex:
        return None
    return f"population{sex}{age}"


def _unemployment_resolver(labels: Sequence[str]) -> str | None:
    if _has(labels, "arbeitslosenquote"):
        if _has(labels, "abh."):
            return "unemployment_rate_dependent"
        for word, suffix in (("männer", "_male"), ("frauen", "_female"), ("ausländer", "_foreign")):
            if word in labels:
                return f"unemployment_rate{suffix}"
        return "unemployment_rate_15_to_25" if "15 bis unter 25 jahre" in labels else "unemployment_rate"
    groups = {
        "ausländer": "_foreign",
        "schwerbehindert": "_severely_disabled",
        "15 bis unter 20 jahre": "_15_to_20",
        "15 bis unter 25 jahre": "_15_to_25",
        "55 bis unter 65 jahre": "_55_to_65",
        "langzeitarbeitslos": "_long_term",
    }
    for label, suffix in groups.items():
        if label in labels:
            return f"unemployed{suffix}"
    return "unemployed" if "arbeitslose" in labels else None


def _gdp_resolver(labels: Sequence[str]) -> str | None:
    if _has(labels, "bruttowertschöpfung"):
        return "gva"
    if _has(labels, "bruttoinlandsprodukt"):
        if _has(labels, "je erwerbstätige"):
            return "gdp_per_employed"
        if _has(labels, "je einwohner"):
            return "gdp_per_capita"
        return "gdp"
    return None


def _income_resolver(labels: Sequence[str]) -> str | None:
    if not _has(labels, "einkommen"):
        return None
    return "disposable_income_per_capita" if _has(labels, "je einwohner") else "disposable_income"


def _local_units_resolver(labels: Sequence[str]) -> str | None:
    if not _has(labels, "niederlassungen"):
        return None
    for words, suffix in (
        ("0 bis unter 10", "_0_to_10"),
        ("10 bis unter 50", "_10_to_50"),
        ("50 bis unter 250", "_50_to_250"),
        ("250 und mehr", "_250_plus"),
    ):
        if any(label.startswith(words) for label in labels):
            return f"local_units{suffix}"
    return "local_units"


def _tourism_resolver(labels: Sequence[str]) -> str | None:
    for word, code in (
        ("beherbergungsbetriebe", "accommodation_establishments"),
        ("schlafgelegenheiten", "sleeping_places"),
        ("ankünfte", "guest_arrivals"),
        ("übernachtungen", "overnight_stays"),
    ):
        if _has(labels, word):
            return code
    return None


@dataclass(frozen=True)
class Derived:
    """An indicator computed as the sum of others (all components must have a value)."""

    code: str
    components: tuple[str, ...]


def _population_sums() -> tuple[Derived, ...]:
    by_sex = {sex: tuple(f"population_{sex}_{age}" for _column, age, _label in AGE_GROUPS) for _p, sex, _l in SEXES}
    return (
        Derived("population_male", by_sex["male"]),
        Derived("population_female", by_sex["female"]),
        Derived("population", by_sex["male"] + by_sex["female"]),
    )


@dataclass(frozen=True)
class GenesisTable:
    code: str
    title: str
    resolve: Resolver
    derived: tuple[Derived, ...] = ()
    # True where the reader was checked against a real download of the table; the others
    # follow the published column names and fall back to derived codes when a heading differs.
    verified: bool = False


GENESIS_TABLES: dict[str, GenesisTable] = {
    table.code: table
    for table in (
        GenesisTable(
            "13111-07-05-4",
            "Sozialversicherungspflichtig Beschäftigte am Arbeitsort nach Geschlecht, Nationalität und "
            "Wirtschaftszweigen (WZ 2008) - Stichtag 30.06. - Kreise und krfr. Städte",
            _employees_resolver("employees_workplace"),
            verified=True,
        ),
        GenesisTable(
            "13111-01-03-4",
            "Sozialversicherungspflichtig Beschäftigte am Arbeitsort nach Geschlecht und Nationalität - "
            "Stichtag 30.06. - Kreise und krfr. Städte",
            _employees_resolver("employees_workplace"),
        ),
        GenesisTable(
            "13111-02-02-4",
            "Sozialversicherungspflichtig Beschäftigte am Wohnort nach Geschlecht und Nationalität - "
            "Stichtag 30.06. - Kreise und krfr. Städte",
            _employees_resolver("employees_residence"),
        ),
        GenesisTable(
            "82111-01-05-4",
            "Bruttoinlandsprodukt/Bruttowertschöpfung nach Wirtschaftsbereichen - Jahressumme - "
            "Kreise und krfr. Städte",
            _gdp_resolver,
        ),
        GenesisTable(
            "82411-01-03-4",
            "Verfügbares Einkommen der privaten Haushalte einschl. privater Organisationen ohne Erwerbszweck - "
            "Jahressumme - Kreise und krfr. Städte",
            _income_resolver,
        ),
        GenesisTable(
            "12411-0018",
            "Bevölkerung: Kreise, Stichtag, Geschlecht, Altersgruppen",
            _population_resolver,
            derived=_population_sums(),
            verified=True,
        ),
        GenesisTable(
            "12411-01-01-4",
            "Bevölkerung nach Geschlecht - Stichtag 31.12. - Kreise und krfr. Städte",
            _population_resolver,
        ),
        GenesisTable(
            "13211-02-05-4",
            "Arbeitslose nach ausgewählten Personengruppen sowie Arbeitslosenquoten - Jahresdurchschnitt - "
            "Kreise und krfr. Städte",
            _unemployment_resolver,
            verified=True,
        ),
        GenesisTable(
            "52111-01-02-4",
            "Niederlassungen nach Beschäftigtengrößenklassen - Jahr - Kreise und krfr. Städte",
            _local_units_resolver,
        ),
        GenesisTable(
            "45412-01-03-4",
            "Beherbergungsbetriebe, Schlafgelegenheiten, Gästeankünfte, Gästeübernachtungen - Jahressumme - "
            "Kreise und krfr. Städte",
            _tourism_resolver,
        ),
    )
}


# --- The clean CSV files shipped in regiondata/official --------------------------------------


@dataclass(frozen=True)
class Column:
    indicator: str
    sector: str = ""
    table: str = ""


@dataclass(frozen=True)
class OfficialFile:
    """A clean CSV of regiondata/official (see PROVENANCE.md) and how its columns map to indicators."""

    path: str
    table: str
    columns: dict[str, Column]
    sector_column: str = ""
    derived: tuple[Derived, ...] = ()
    # bump when the mapping changes, so that `load_official_data` reads the file again
    version: int = 1
    ignored_columns: tuple[str, ...] = field(
        default=("jahr", "stichtag", "ags", "ebene", "name", "anmerkung", "wirtschaftsbereich")
    )


def _employee_columns(prefix: str, base: str, table: str, sector: str) -> dict[str, Column]:
    return {
        f"{prefix}{column}": Column(f"{base}{suffix}", sector, table)
        for column, suffix in (
            ("insgesamt", ""),
            ("maennlich", "_male"),
            ("weiblich", "_female"),
            ("auslaender_insgesamt", "_foreign"),
            ("auslaender_maennlich", "_foreign_male"),
            ("auslaender_weiblich", "_foreign_female"),
        )
    }


def _age_columns() -> dict[str, Column]:
    return {
        f"{prefix}_{column}": Column(f"population_{sex}_{age}")
        for prefix, sex, _label in SEXES
        for column, age, _age_label in AGE_GROUPS
    }


OFFICIAL_FILES: tuple[OfficialFile, ...] = (
    OfficialFile(
        "employment/svb_arbeitsort_wirtschaftsabschnitte_kreise_2015-2020.csv",
        "13111-07-05-4",
        _employee_columns("svb_", "employees_workplace", "", ""),
        sector_column="wz2008_code",
    ),
    OfficialFile(
        "employment/svb_arbeitsort_wohnort_kreise_2008-2019.csv",
        "13111-01-03-4",
        {
            **_employee_columns("ao_", "employees_workplace", "13111-01-03-4", TOTAL),
            **_employee_columns("wo_", "employees_residence", "13111-02-02-4", TOTAL),
        },
    ),
    OfficialFile(
        "gva/vgrdl_bip_bws_kreise_2000-2017.csv",
        "82111-01-05-4",
        {
            "bip_tsd_eur": Column("gdp"),
            "bip_je_erwerbstaetigen_eur": Column("gdp_per_employed"),
            "bip_je_einwohner_eur": Column("gdp_per_capita"),
            "bws_insgesamt_tsd_eur": Column("gva", TOTAL),
            **{
                f"bws_{sector}_tsd_eur": Column("gva", sector) for sector in ("A", "B-E", "C", "F", "G-J", "K-N", "O-T")
            },
        },
    ),
    OfficialFile(
        "gva/vgrdl_verfuegbares_einkommen_kreise_2000-2017.csv",
        "82411-01-03-4",
        {
            "verfuegbares_einkommen_tsd_eur": Column("disposable_income"),
            "verfuegbares_einkommen_je_einwohner_eur": Column("disposable_income_per_capita"),
        },
    ),
    OfficialFile(
        "population/bevoelkerung_kreise_geschlecht_altersgruppen_2015-2020.csv",
        "12411-0018",
        _age_columns(),
        derived=_population_sums(),
    ),
    OfficialFile(
        "population/bevoelkerung_kreise_2021-12-31.csv",
        "12411-01-01-4",
        {
            "bevoelkerung_insgesamt": Column("population"),
            "maennlich": Column("population_male"),
            "weiblich": Column("population_female"),
        },
    ),
    OfficialFile(
        "labour_market/arbeitslose_kreise_jahresdurchschnitt_2015-2020.csv",
        "13211-02-05-4",
        {
            "arbeitslose_insgesamt": Column("unemployed"),
            "arbeitslose_auslaender": Column("unemployed_foreign"),
            "arbeitslose_schwerbehindert": Column("unemployed_severely_disabled"),
            "arbeitslose_15_bis_u20": Column("unemployed_15_to_20"),
            "arbeitslose_15_bis_u25": Column("unemployed_15_to_25"),
            "arbeitslose_55_bis_u65": Column("unemployed_55_to_65"),
            "arbeitslose_langzeit": Column("unemployed_long_term"),
            "alq_abhaengige_zivile_erwerbspersonen_pct": Column("unemployment_rate_dependent"),
            "alq_alle_zivilen_erwerbspersonen_pct": Column("unemployment_rate"),
            "alq_maenner_pct": Column("unemployment_rate_male"),
            "alq_frauen_pct": Column("unemployment_rate_female"),
            "alq_auslaender_pct": Column("unemployment_rate_foreign"),
            "alq_15_bis_u25_pct": Column("unemployment_rate_15_to_25"),
        },
    ),
    OfficialFile(
        "companies/niederlassungen_groessenklassen_kreise_2021.csv",
        "52111-01-02-4",
        {
            "niederlassungen_insgesamt": Column("local_units"),
            "nl_0_bis_u10_beschaeftigte": Column("local_units_0_to_10"),
            "nl_10_bis_u50": Column("local_units_10_to_50"),
            "nl_50_bis_u250": Column("local_units_50_to_250"),
            "nl_250_und_mehr": Column("local_units_250_plus"),
        },
    ),
    OfficialFile(
        "tourism/beherbergung_kreise_2021.csv",
        "45412-01-03-4",
        {
            "beherbergungsbetriebe_geoeffnet": Column("accommodation_establishments"),
            "schlafgelegenheiten_angeboten": Column("sleeping_places"),
            "gaesteankuenfte": Column("guest_arrivals"),
            "gaesteuebernachtungen": Column("overnight_stays"),
        },
    ),
)
