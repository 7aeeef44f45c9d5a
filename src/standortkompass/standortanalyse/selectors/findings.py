"""The findings (SWOT) of a process: all of them for the management area, the public ones by quadrant."""

from __future__ import annotations

from typing import Any

from standortkompass.processes.models import StrategyProcess
from standortkompass.standortanalyse.models import Finding, FindingKind


def findings_for_management(*, process: StrategyProcess) -> Any:
    return Finding.objects.filter(process=process).select_related("created_by").order_by("kind", "order", "id")


def public_findings_by_kind(*, process: StrategyProcess) -> list[tuple[str, str, list[Finding]]]:
    """The public findings in the four SWOT quadrants: (kind, label, findings)."""
    findings = list(Finding.objects.filter(process=process, is_public=True).order_by("order", "id"))
    return [
        (kind.value, str(kind.label), [finding for finding in findings if finding.kind == kind.value])
        for kind in FindingKind
    ]
