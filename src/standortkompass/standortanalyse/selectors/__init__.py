"""Reading the Standortanalyse, one module per page, and what the pages share.

- ``scope``: which analysis is shown (the published process, its settings, the scope);
- ``common``: sector names, the cache keyed by the data version, the raw indicator values;
- ``overview``, ``structure``, ``dynamics``, ``labour``, ``maps``: the figures of each page;
- ``findings``: the findings (SWOT) for the management area and the public page.

Import from the modules. The names below are only those the views still reach as
``selectors.<name>``; they go once the views import the modules themselves.
"""

from standortkompass.standortanalyse.selectors.dynamics import shift_share
from standortkompass.standortanalyse.selectors.findings import findings_for_management, public_findings_by_kind
from standortkompass.standortanalyse.selectors.maps import MAP_INDICATORS
from standortkompass.standortanalyse.selectors.overview import KeyFigure, key_figures
from standortkompass.standortanalyse.selectors.scope import Scope, published_process, scope_for, settings_for

__all__ = [
    "MAP_INDICATORS",
    "KeyFigure",
    "Scope",
    "findings_for_management",
    "key_figures",
    "public_findings_by_kind",
    "published_process",
    "scope_for",
    "settings_for",
    "shift_share",
]
