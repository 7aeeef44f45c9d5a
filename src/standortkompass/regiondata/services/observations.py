"""Writing what a reader produced: all-or-nothing, idempotent, revisions recorded."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standortkompass.audit.services import audit_record
from standortkompass.regiondata.catalogue import INDICATORS
from standortkompass.regiondata.importers.base import IndicatorInfo, ParsedFile, Problem, Record, StatisticsImportError
from standortkompass.regiondata.models import (
    ImportBatch,
    ImportFormat,
    Indicator,
    Observation,
    ObservationRevision,
    Region,
    RegionLevel,
    level_for_code,
)

if TYPE_CHECKING:
    from standortkompass.accounts.models import User
    from standortkompass.processes.models import StrategyProcess

# The Regionaldatenbank lists Hamburg and Berlin only as Länder; as Kreise they are 02000 and 11000.
CITY_STATES = {"02": "02000", "11": "11000"}
BULK_SIZE = 2000
WRITE_CHUNK = 10000
REVISIONS_SHOWN = 20
DISTRICT_KINDS = {
    "landkreis": "Landkreis",
    "kreis": "Kreis",
    "kreisfreie stadt": "Kreisfreie Stadt",
    "krfr. stadt": "Kreisfreie Stadt",
    "stadtkreis": "Stadtkreis",
}

Key = tuple[int, int, str, int]
# A stored observation (id, value, status, qualifier) by key, and a changed record with the id and old value and status.
Stored = tuple[int, float | None, str, str]
Changed = tuple[int, Record, float | None, str]


@dataclass(frozen=True)
class RevisionNote:
    indicator: str
    region: str
    sector: str
    year: int
    old_value: float | None
    old_status: str
    new_value: float | None
    new_status: str

    def __str__(self) -> str:
        old = self.old_status or _number(self.old_value)
        new = self.new_status or _number(self.new_value)
        return f"{self.indicator} {self.region} {self.sector or '–'} {self.year}: {old} → {new}"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else repr(value)


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    file_name: str
    format: str
    source_table: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    regions_created: list[tuple[str, str]] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    revisions: list[RevisionNote] = field(default_factory=list)
    revision_count: int = 0
    notes: list[str] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.regions_created)

    def summary(self) -> str:
        text = _(
            "%(file)s: %(rows)d values read, %(created)d new, %(updated)d revised, %(unchanged)d unchanged, "
            "%(regions)d regions created."
        ) % {
            "file": self.file_name,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "regions": len(self.regions_created),
        }
        if self.dry_run:
            text += " " + _("(Dry run: nothing was saved.)")
        return text

    def lines(self) -> list[str]:
        lines = [self.summary()]
        if self.indicators:
            lines.append(_("Indicators: %(codes)s") % {"codes": ", ".join(self.indicators)})
        if self.regions_created:
            shown = ", ".join(f"{code} {name}" for code, name in self.regions_created[:30])
            more = len(self.regions_created) - 30
            lines.append(_("New regions: %(regions)s") % {"regions": shown} + (f" (+{more})" if more > 0 else ""))
        for revision in self.revisions:
            lines.append(_("Revised: %(revision)s") % {"revision": revision})
        if self.revision_count > len(self.revisions):
            more = self.revision_count - len(self.revisions)
            lines.append(
                ngettext("… and %(count)d more revision.", "… and %(count)d more revisions.", more) % {"count": more}
            )
        lines.extend(self.notes)
        return lines


def observations_import(
    *,
    parsed: ParsedFile,
    sha256: str,
    imported_by: User | None = None,
    dry_run: bool = False,
    loader: str = "",
    always_record: bool = False,
    process: StrategyProcess | None = None,
) -> ImportReport:
    """Store the records of ``parsed`` in one transaction.

    New values are created, equal ones left alone, differing ones replaced with an
    ``ObservationRevision`` (old → new) in the ``ImportBatch`` of this import. Regions the
    database does not know are created from key and name (level from the key, parent from
    the longest known key prefix). A batch is only written when something changed (or
    ``always_record``), so importing the same file twice changes nothing.

    Raises ``StatisticsImportError`` with every problem when the file cannot be imported.
    """
    if parsed.problems:
        raise parsed.refusal()
    records, city_note = _with_city_state_districts(parsed.records)
    duplicates = _duplicates(records, parsed)
    if duplicates:
        raise StatisticsImportError(duplicates)
    report = ImportReport(
        file_name=parsed.file_name,
        format=parsed.format,
        source_table=parsed.source_table,
        rows=len(parsed.records),
        notes=[*parsed.notes, *([city_note] if city_note else [])],
        dry_run=dry_run,
    )
    with transaction.atomic():
        indicator_ids = _indicators(records, parsed.indicators)
        region_ids = _regions(records, report, parsed.file_name)
        report.indicators = sorted(indicator_ids)
        existing = _existing(indicator_ids.values(), {record.year for record in records})
        new, changed = _compare(records, existing, indicator_ids, region_ids, report)
        report.created, report.updated, report.revision_count = len(new), len(changed), len(changed)
        if report.changed or always_record:
            batch = _batch_save(parsed, report, sha256=sha256, loader=loader, imported_by=imported_by)
            report.batch_id = batch.pk
            _insert(new, indicator_ids, region_ids, batch.pk)
            _update(changed, batch.pk)
            if parsed.format != ImportFormat.OFFICIAL:
                _audit(batch, parsed, report, imported_by=imported_by, process=process)
        if dry_run:
            transaction.set_rollback(True)
            report.batch_id = None
    return report


def _compare(
    records: list[Record],
    existing: dict[Key, Stored],
    indicator_ids: dict[str, int],
    region_ids: dict[str, int],
    report: ImportReport,
) -> tuple[list[Record], list[Changed]]:
    """The new records and the changed ones (with the stored value and status); counts the unchanged in ``report``."""
    new: list[Record] = []
    changed: list[Changed] = []
    for record in records:
        key = (indicator_ids[record.indicator], region_ids[record.region], record.sector, record.year)
        found = existing.get(key)
        if found is None:
            new.append(record)
            continue
        pk, old_value, old_status, old_qualifier = found
        if (old_value, old_status, old_qualifier) == (record.value, record.status, record.qualifier):
            report.unchanged += 1
            continue
        changed.append((pk, record, old_value, old_status))
        if len(report.revisions) < REVISIONS_SHOWN:
            report.revisions.append(
                RevisionNote(
                    record.indicator,
                    record.region,
                    record.sector,
                    record.year,
                    old_value,
                    old_status,
                    record.value,
                    record.status,
                )
            )
    return new, changed


def _batch_save(
    parsed: ParsedFile, report: ImportReport, *, sha256: str, loader: str, imported_by: User | None
) -> ImportBatch:
    """The ``ImportBatch`` of this import, validated and saved."""
    batch = ImportBatch(
        file_name=parsed.file_name[:255],
        sha256=sha256,
        format=parsed.format,
        loader=loader,
        source_table=parsed.source_table[:100],
        rows=len(parsed.records),
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        regions_created=len(report.regions_created),
        notes="\n".join(report.notes),
        imported_by=imported_by if imported_by is not None and imported_by.pk else None,
    )
    batch.full_clean()
    batch.save()
    return batch


def _audit(
    batch: ImportBatch,
    parsed: ParsedFile,
    report: ImportReport,
    *,
    imported_by: User | None,
    process: StrategyProcess | None,
) -> None:
    audit_record(
        actor=imported_by,
        action="statistics.import",
        obj=batch,
        process=process,
        changes={
            "file": batch.file_name,
            "format": parsed.format,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "regions_created": len(report.regions_created),
        },
    )


def _with_city_state_districts(records: list[Record]) -> tuple[list[Record], str]:
    keys = {(record.indicator, record.region, record.sector, record.year) for record in records}
    added = [
        dataclasses.replace(record, region=CITY_STATES[record.region])
        for record in records
        if record.region in CITY_STATES
        and (record.indicator, CITY_STATES[record.region], record.sector, record.year) not in keys
    ]
    if not added:
        return records, ""
    note = _("The values of Hamburg (02) and Berlin (11) were also stored for the Kreise 02000 and 11000.")
    return records + added, note


def _duplicates(records: Iterable[Record], parsed: ParsedFile) -> list[Problem]:
    seen: dict[tuple[str, str, str, int], Record] = {}
    problems: list[Problem] = []
    for record in records:
        key = (record.indicator, record.region, record.sector, record.year)
        first = seen.setdefault(key, record)
        if first is not record:
            problems.append(
                Problem(
                    parsed.file_name,
                    record.line,
                    None,
                    _(
                        "%(indicator)s for %(region)s, sector %(sector)s, %(year)d appears twice (first in line "
                        "%(first)s)."
                    )
                    % {
                        "indicator": record.indicator,
                        "region": record.region,
                        "sector": record.sector or "–",
                        "year": record.year,
                        "first": first.line if first.line is not None else "?",
                    },
                    parsed.spreadsheet,
                )
            )
    return problems


def _indicators(records: Iterable[Record], infos: dict[str, IndicatorInfo]) -> dict[str, int]:
    codes = {record.indicator for record in records}
    existing = {indicator.code: indicator for indicator in Indicator.objects.filter(code__in=codes)}
    for code in sorted(codes):
        spec = INDICATORS.get(code)
        if spec is not None:
            values = {
                "name": spec.name,
                "unit": spec.unit,
                "source": spec.source,
                "description": spec.description,
                "has_sectors": spec.has_sectors,
            }
        else:
            info = infos.get(code, IndicatorInfo(name=code))
            values = {
                "name": info.name[:300],
                "unit": info.unit[:50],
                "source": info.source[:500],
                "description": info.description,
                "has_sectors": any(record.sector for record in records if record.indicator == code),
            }
        indicator = existing.get(code)
        if indicator is None:
            indicator = Indicator(code=code, **values)
        elif spec is None or all(getattr(indicator, name) == value for name, value in values.items()):
            continue
        else:
            for name, value in values.items():
                setattr(indicator, name, value)
        indicator.full_clean()
        indicator.save()
        existing[code] = indicator
    return {code: indicator.pk for code, indicator in existing.items()}


def _regions(records: Iterable[Record], report: ImportReport, file_name: str) -> dict[str, int]:
    names: dict[str, str] = {}
    for record in records:
        names.setdefault(record.region, record.region_name)
    known = dict(Region.objects.filter(code__in=names).values_list("code", "pk"))
    missing = sorted((code for code in names if code not in known), key=lambda code: (code != "DG", len(code), code))
    if not missing:
        return known
    prefixes = {_prefix for code in missing for _prefix in _parent_candidates(code)}
    parents = dict(Region.objects.filter(code__in=prefixes).values_list("code", "pk"))
    for code in missing:
        parent_id = next((parents[candidate] for candidate in _parent_candidates(code) if candidate in parents), None)
        level = level_for_code(code)
        region = Region(
            code=code,
            name=names[code][:200],
            level=level,
            kind=_kind(names[code], level),
            parent_id=parent_id,
            source=(_("Created by the import of %(file)s") % {"file": file_name})[:300],
        )
        region.full_clean()
        region.save()
        known[code] = parents[code] = region.pk
        report.regions_created.append((code, region.name))
    return known


def _parent_candidates(code: str) -> list[str]:
    if code == "DG":
        return []
    candidates = [code[:length] for length in (5, 3, 2) if length < len(code)]
    return [*candidates, "DG"]


def _kind(name: str, level: str) -> str:
    if level == RegionLevel.STATE:
        return "Land"
    if level != RegionLevel.DISTRICT or "," not in name:
        return ""
    return DISTRICT_KINDS.get(name.rsplit(",", 1)[1].strip().casefold(), "")


def _existing(indicator_ids: Iterable[int], years: set[int]) -> dict[Key, Stored]:
    rows = Observation.objects.filter(indicator_id__in=list(indicator_ids), year__in=sorted(years)).values_list(
        "indicator_id", "region_id", "sector", "year", "id", "value", "status", "qualifier"
    )
    return {
        (indicator, region, sector, year): (pk, value, status, qualifier)
        for indicator, region, sector, year, pk, value, status, qualifier in rows
    }


# Observations are written with executemany rather than bulk_create: building a model instance
# and its SQL per value made the full employment file (225,000 values) take half a minute.
# The values were validated by the reader; the database constraints still apply.


def _columns(*names: str) -> tuple[str, list[str]]:
    quote = connection.ops.quote_name
    by_name = {field.name: str(field.column) for field in Observation._meta.concrete_fields}
    return quote(Observation._meta.db_table), [quote(by_name[name]) for name in names]


def _date(value: dt.date | None) -> str | None:
    return connection.ops.adapt_datefield_value(value)


def _insert(records: list[Record], indicator_ids: dict[str, int], region_ids: dict[str, int], batch_id: int) -> None:
    names = ("indicator", "region", "sector", "year", "reference_date", "value", "status", "qualifier", "source_table")
    table, columns = _columns(*names, "batch")
    # Identifiers come from the model's meta data, values are passed as parameters.
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(records), WRITE_CHUNK):
            cursor.executemany(
                sql,
                [
                    (
                        indicator_ids[record.indicator],
                        region_ids[record.region],
                        record.sector,
                        record.year,
                        _date(record.reference_date),
                        record.value,
                        str(record.status),
                        record.qualifier,
                        record.source_table[:100],
                        batch_id,
                    )
                    for record in records[start : start + WRITE_CHUNK]
                ],
            )


def _update(changed: list[Changed], batch_id: int) -> None:
    if not changed:
        return
    table, columns = _columns("value", "status", "qualifier", "reference_date", "source_table", "batch", "id")
    assignments = ", ".join(f"{column} = %s" for column in columns[:3])
    keep_date = f"{columns[3]} = COALESCE(%s, {columns[3]})"
    key = columns[6]
    sql = f"UPDATE {table} SET {assignments}, {keep_date}, {columns[4]} = %s, {columns[5]} = %s WHERE {key} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (
                    record.value,
                    str(record.status),
                    record.qualifier,
                    _date(record.reference_date),
                    record.source_table[:100],
                    batch_id,
                    pk,
                )
                for pk, record, _old_value, _old_status in changed
            ],
        )
    ObservationRevision.objects.bulk_create(
        [
            ObservationRevision(
                batch_id=batch_id,
                observation_id=pk,
                old_value=old_value,
                old_status=old_status,
                new_value=record.value,
                new_status=record.status,
            )
            for pk, record, old_value, old_status in changed
        ],
        batch_size=BULK_SIZE,
    )
