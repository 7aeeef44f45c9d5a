"""The Standortanalyse as a document (the reports' kind "standortanalyse", docs/reports.md).

Every page of the analysis in navigation order — each chart as a numbered figure with its summary sentence as
the alternative text, its data table and its sources — then the SWOT of the public findings, for the process's
district against its Land, the Bund and the comparison districts. Built from the same charts as the pages
(``pages.charts_of``), so that document and pages never disagree. The maps, which the pages draw from large
boundary files, are printed as their tables.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.core.documents import BulletList, Document, Figure, Paragraph, Section, TableBlock
from standortkompass.processes.documents import DocumentKind, DocumentUnavailableError
from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata import selectors as regiondata
from standortkompass.standortanalyse import pages
from standortkompass.standortanalyse.charts import STATISTICS_SOURCE, Chart
from standortkompass.standortanalyse.selectors.findings import public_findings_by_kind
from standortkompass.standortanalyse.selectors.scope import scope_for

KIND = "standortanalyse"
BATCHES_LISTED = 5


def chart_table(chart: Chart) -> TableBlock:
    """The chart's data table, formatted as the page shows it (the CSV download keeps the numbers unrounded)."""
    return TableBlock(
        caption=str(chart.title),
        columns=tuple(str(column.label) for column in chart.columns),
        rows=tuple(tuple(cell[0] for cell in row) for row in chart.display_rows()),
        numeric=tuple(column.is_number for column in chart.columns),
        note=str(chart.note or ""),
    )


def chart_blocks(chart: Chart) -> list[Any]:
    """A chart as a figure with its table, or (a map, a chart without a drawing) its summary and table."""
    table = chart_table(chart)
    spec = chart.spec if chart.spec is not None else (json.loads(chart.spec_text) if chart.spec_text else None)
    if spec is not None and not chart.spec_url:
        return [Figure(str(chart.title), spec, str(chart.summary), table, tuple(str(s) for s in chart.sources))]
    return [Paragraph(str(chart.summary)), table] if chart.summary else [table]


def standortanalyse_document(process: StrategyProcess, options: Mapping[str, Any]) -> Document:
    """The document of the process's Standortanalyse (``options``: "reference" = "land" or "bund")."""
    if process.region is None:
        raise DocumentUnavailableError(_("The process has no district, so there is no Standortanalyse to print."))
    batches = regiondata.import_batches_list(limit=BATCHES_LISTED)
    if not batches:
        raise DocumentUnavailableError(
            _("No official statistics are loaded (standortkompass load-official-data), so the analysis is empty.")
        )
    scope = scope_for(process=process, reference_key=str(options.get("reference") or "land"))
    sources: list[str] = [str(STATISTICS_SOURCE)]
    sections = []
    for page in pages.PAGES:
        blocks: list[Any] = []
        for chart in pages.charts_of(page.key, scope):
            blocks += chart_blocks(chart)
            sources += [str(source) for source in chart.sources if str(source) not in sources]
        if blocks:
            sections.append(Section(str(page.title), tuple(blocks)))
    quadrants = []
    for _kind, label, findings in public_findings_by_kind(process=process):
        blocks = [Paragraph(f"{finding.title}: {finding.text}") for finding in findings]
        quadrants.append(Section(label, tuple(blocks) or (Paragraph(_("No findings in this quadrant.")),)))
    sections.append(
        Section(
            _("Strengths, weaknesses, opportunities and threats (SWOT)"),
            (Paragraph(_("The findings of the analysis, as the agency has published them.")),),
            tuple(quadrants),
        )
    )
    comparison = _("Compared with %(land)s, %(bund)s and %(peers)s.") % {
        "land": scope.land_name,
        "bund": scope.bund_name,
        "peers": scope.peer_label,
    }
    intro = Section(
        _("About this analysis"),
        (
            Paragraph(comparison),
            BulletList(tuple(str(page.title) for page in pages.PAGES)),
        ),
    )
    versions = tuple(
        (_("Statistics import"), f"{batch.file_name} ({timezone.localtime(batch.imported_at):%d.%m.%Y})")
        for batch in batches
    )
    return Document(
        kind=KIND,
        title=_("Standortanalyse %(region)s") % {"region": scope.region_name},
        subtitle=comparison,
        language=translation.get_language() or "de",
        author=process.agency_name or process.title,
        sections=(intro, *sections),
        generated_at=timezone.now(),
        versions=versions,
        sources=tuple(sources),
    )


def register_document() -> None:
    from standortkompass.processes import documents

    documents.register(
        DocumentKind(
            key=KIND,
            label=gettext_lazy("Standortanalyse"),
            build=standortanalyse_document,
            order=10,
            options={"reference": gettext_lazy("land (default) or bund: the reference of the location quotients")},
        )
    )
