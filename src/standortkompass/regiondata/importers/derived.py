"""Steps every reader applies after reading: sums the catalogue derives, the sector convention."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import ngettext

from standortkompass.regiondata.catalogue import INDICATORS, TOTAL, Derived
from standortkompass.regiondata.importers.base import ParsedFile, Record
from standortkompass.regiondata.models import ValueStatus


def add_derived(parsed: ParsedFile, derived: Iterable[Derived]) -> None:
    """Add each derived indicator where all its components have a value (never from flagged cells)."""
    derived = list(derived)
    if not derived:
        return
    by_key: dict[tuple[str, str, int], dict[str, Record]] = defaultdict(dict)
    for record in parsed.records:
        by_key[(record.region, record.sector, record.year)][record.indicator] = record
    added: list[Record] = []
    incomplete = 0
    for group in by_key.values():
        for sum_spec in derived:
            if sum_spec.code in group:
                continue
            parts = [group.get(code) for code in sum_spec.components]
            if all(part is None for part in parts):
                continue
            present = [part for part in parts if part is not None and part.status == ValueStatus.VALUE]
            if len(present) != len(sum_spec.components):
                incomplete += 1
                continue
            first = present[0]
            added.append(
                Record(
                    indicator=sum_spec.code,
                    region=first.region,
                    region_name=first.region_name,
                    sector=first.sector,
                    year=first.year,
                    reference_date=first.reference_date,
                    value=sum(part.value or 0.0 for part in present),
                    status=ValueStatus.VALUE,
                    source_table=first.source_table,
                    line=None,
                )
            )
    parsed.records.extend(added)
    codes = ", ".join(sum_spec.code for sum_spec in derived)
    parsed.notes.append(
        ngettext(
            "Computed %(count)d value of %(codes)s as the sum of its parts.",
            "Computed %(count)d values of %(codes)s as sums of their parts.",
            len(added),
        )
        % {"count": len(added), "codes": codes}
    )
    if incomplete:
        parsed.notes.append(
            ngettext(
                "%(count)d sum was not computed because a part is missing or flagged.",
                "%(count)d sums were not computed because a part is missing or flagged.",
                incomplete,
            )
            % {"count": incomplete}
        )


def normalise_sectors(parsed: ParsedFile) -> None:
    """Totals of indicators with a sector breakdown carry ``TOTAL``; other indicators have no sector."""
    for record in parsed.records:
        spec = INDICATORS.get(record.indicator)
        if spec is None:
            continue
        if spec.has_sectors and not record.sector:
            record.sector = TOTAL
        elif not spec.has_sectors and record.sector == TOTAL:
            record.sector = ""
