"""Results of live-workshop phases (issue 13): pure functions on plain rows, no Django.

The app (``workshops.selectors.results``) reads the phase's items and contributions and passes them in as the
small frozen dataclasses defined here; each function returns plain values (dataclasses of ints, floats and
dicts), unrounded. Item ids are ints, voters any hashable key (a participant's id), stakeholder groups strings
(``""`` for none). Sizes are small (≤ 150 participants × ≤ 200 items), so everything is plain Python.

Modules
-------
``points`` dot votes and 100-point allocations (totals online and on paper, by stakeholder group, voters) ·
``ratings`` ratings on a scale and the two-criteria matrix (n, mean, sample sd, distribution, "cannot judge") ·
``pairwise`` pairwise comparison with strengths (points, weights that add up to 1, wins, losses, ties) ·
``ranking`` Borda points and mean rank · ``order`` ordering by score and the top N ·
``commitments`` commitments per item and role · ``items`` which items count on their own (clusters, merged
duplicates, hidden items) · ``ballots`` contributions as stored, turned into what the other modules count.
"""

from standortkompass.analysis.workshop.ballots import Entry, comparisons, point_votes, ranking_ballots, ratings, voters
from standortkompass.analysis.workshop.commitments import CommitmentCount, CommitmentRow, commitment_counts
from standortkompass.analysis.workshop.items import ItemNode, ItemTree, item_tree
from standortkompass.analysis.workshop.order import ranked_ids, tied_at_cut, top_n
from standortkompass.analysis.workshop.pairwise import Comparison, PairwiseScore, pairwise_weights
from standortkompass.analysis.workshop.points import PointTotals, PointVote, point_totals, voter_counts
from standortkompass.analysis.workshop.ranking import RankScore, borda
from standortkompass.analysis.workshop.ratings import (
    MatrixPoint,
    Rating,
    RatingStats,
    matrix_points,
    rating_stats,
    ratings_by_item,
)

__all__ = [
    "CommitmentCount",
    "CommitmentRow",
    "Comparison",
    "Entry",
    "ItemNode",
    "ItemTree",
    "MatrixPoint",
    "PairwiseScore",
    "PointTotals",
    "PointVote",
    "RankScore",
    "Rating",
    "RatingStats",
    "borda",
    "commitment_counts",
    "comparisons",
    "item_tree",
    "matrix_points",
    "pairwise_weights",
    "point_totals",
    "point_votes",
    "ranked_ids",
    "ranking_ballots",
    "rating_stats",
    "ratings",
    "ratings_by_item",
    "tied_at_cut",
    "top_n",
    "voter_counts",
    "voters",
]
