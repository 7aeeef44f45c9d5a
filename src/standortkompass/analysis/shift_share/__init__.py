r"""Shift-share analysis: classic (Dunn), Esteban-Marquillas, Gerfin's index method, dynamic.

One module each: ``classic`` (Dunn, and Gerfin's factors, which rest on the same
components), ``esteban_marquillas``, ``dynamic``; ``_components`` holds the per-sector
components and the alignment they share.

Notation for a region :math:`r` and its reference region (nation, Land) over a period
from :math:`t=0` to :math:`t=1`, sector by sector :math:`i`:

* :math:`e_{i0}, e_{i1}` – the region's values (employment) in sector :math:`i`;
* :math:`E_{i0}, E_{i1}` – the reference's values;
* :math:`g_i = e_{i1}/e_{i0} - 1`, :math:`G_i = E_{i1}/E_{i0} - 1` – sector growth rates;
* :math:`G = \sum_i E_{i1} / \sum_i E_{i0} - 1` – the reference's overall growth.

All sums run over the listed, non-overlapping sectors (totals convention,
:mod:`standortkompass.analysis.totals`). A sector enters a region's sums only where all
four values are present and :math:`E_{i0} > 0`; everything left out is reported.
:math:`G` is taken over the reference's sectors with both values present.

Inputs: for the static forms, four Series by sector code (``name`` = region code) or, for
the ``*_by_region`` variants, two DataFrames with one row per region and one column per
sector plus the two reference Series. For the dynamic form, panels with one row per year
and one column per sector; for many regions, one DataFrame with a (region, year) row index.
"""
