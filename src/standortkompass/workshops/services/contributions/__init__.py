"""What participants and facilitators contribute to a phase: cards, clusters, votes, ratings, rankings, paper
results and commitments.

**Integrity.** Every contribution of a participant runs in one transaction that first holds the session's row
(``participation.hold_session``: a key-share lock on PostgreSQL) and locks the participant's row, and checks
inside these locks everything the contribution depends on: the session is live, the phase is open and the one now
shown, the participant is still there (and at a table in a per-table phase), the item is one of the phase's
visible, votable items, the values are in range, and the budget, the cap per item and the number of cards are
kept. Two requests of the same participant are so handled one after the other, each seeing what the other stored:
no race exceeds a budget or makes two ballots (the unique constraint ``workshop_contribution_once`` backs it).
The phases' services (open, close, reopen, end) lock the session's row for update: a vote waits for a phase
change and then finds the phase closed, or the change waits for the vote, whose vote its snapshot then holds.
Facilitators' changes lock the session's row for update too.

Ballot keys (``Contribution.ballot_key``): the item's id (dot vote, points, rating, ranking), ``"<item>:<criterion>"``
(matrix) and ``"<smaller id>-<larger id>"`` (pairwise; ``item`` is the preferred one, ``value`` the strength, 0 for
"equal"). A contribution keeps the participant's stakeholder group and table of the moment. Paper results have
no participant; entering them again for an item replaces the earlier count.

Facilitators (``actor``) may change a phase that is pending or open, not a closed one (reopening it is audited);
hiding, merging, paper results and removing a participant are recorded in the audit log.
"""

from standortkompass.workshops.services.contributions.checks import canvas_fields, criterion_keys
from standortkompass.workshops.services.contributions.commitments import commitment_add, commitment_remove
from standortkompass.workshops.services.contributions.items import (
    cluster_create,
    cluster_rename,
    item_add,
    item_edit,
    item_hide,
    item_move,
    items_merge,
)
from standortkompass.workshops.services.contributions.paper import paper_cards, paper_points
from standortkompass.workshops.services.contributions.votes import (
    pairwise_set,
    points_change,
    points_set,
    ranking_submit,
    rating_set,
)

__all__ = [
    "canvas_fields",
    "cluster_create",
    "cluster_rename",
    "commitment_add",
    "commitment_remove",
    "criterion_keys",
    "item_add",
    "item_edit",
    "item_hide",
    "item_move",
    "items_merge",
    "pairwise_set",
    "paper_cards",
    "paper_points",
    "points_change",
    "points_set",
    "ranking_submit",
    "rating_set",
]
