"""Reading the Standortanalyse, one module per page, and what the pages share.

- ``scope``: which analysis is shown (the published process, its settings, the scope);
- ``common``: sector names, the cache keyed by the data version, the raw indicator values;
- ``overview``, ``structure``, ``dynamics``, ``labour``, ``maps``: the figures of each page;
- ``findings``: the findings (SWOT) for the management area and the public page.
"""
