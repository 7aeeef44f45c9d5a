"""Charts of live-workshop results as Vega-Lite specs on the site's chart kit (``core.charts``).

Built from a phase's result as ``selectors.results.phase_result`` (or a closed phase's snapshot) gives it:

- **vote bars** (dot vote, 100 points: totals, paper counts drawn apart; rating: means with ± one standard
  deviation; ranking: Borda points; commitments: how many signed up), split into stakeholder groups on demand;
- the **matrix** scatter: each item at its mean on both criteria, with ± one standard deviation on each axis as
  error bars (the spread of the room's judgements);
- **pairwise weights**: each item's share of the comparison points, in percent.

Each chart carries its figures as rows (``Chart.table``): the text alternative beside it, and what a page shows
without JavaScript. ``large=True`` sets the type sizes for the projector (read from the back of a room);
the documentation page uses the site's sizes. :func:`results_view` bundles what the projector's results fragment
shows for a phase.
"""

from standortkompass.workshops.charts.bars import (
    commitments_chart,
    pairwise_chart,
    points_chart,
    ranking_chart,
    rating_chart,
)
from standortkompass.workshops.charts.frame import Chart, Table, split_shown
from standortkompass.workshops.charts.matrix import matrix_chart
from standortkompass.workshops.charts.results import ResultsView, phase_charts, results_view

__all__ = [
    "Chart",
    "ResultsView",
    "Table",
    "commitments_chart",
    "matrix_chart",
    "pairwise_chart",
    "phase_charts",
    "points_chart",
    "ranking_chart",
    "rating_chart",
    "results_view",
    "split_shown",
]
