"""What the chart builders of the Standortanalyse pages share: the regions' names and colours, percent text."""

from __future__ import annotations

from standortkompass.standortanalyse import charts as c
from standortkompass.standortanalyse.selectors.scope import Scope


def three(scope: Scope) -> tuple[list[str], list[str]]:
    """District, Land and Bund with their bar colours."""
    return [scope.region_name, scope.land_name, scope.bund_name], [c.REGION_COLOUR, c.LAND_COLOUR, c.BUND_COLOUR]


def three_lines(scope: Scope) -> tuple[list[str], list[str]]:
    """District, Land and Bund with their line colours."""
    return [scope.region_name, scope.land_name, scope.bund_name], [
        c.REGION_COLOUR,
        c.LAND_COLOUR,
        c.BUND_LINE_COLOUR,
    ]


def percent(value: float | None) -> str:
    return "–" if value is None else c.format_value(value, "percent")
