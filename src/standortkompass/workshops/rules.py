"""Who may do what with workshops. Objects are a StrategyProcess unless said otherwise.

Participants need no account: what they may do is decided by their token (selectors.participants), not here.
"""

import rules

from standortkompass.accounts.predicates import can_edit, can_see_board_matters

# Preparing workshops, running live sessions (facilitator console, projector), paper results, exports and
# handing results to the strategy: Redaktion (the agency's staff and the consultancy) and Administration.
rules.add_perm("workshops.manage", can_edit)
# The documentation of held workshops (all phase snapshots): also the board members.
rules.add_perm("workshops.view_results", can_see_board_matters)
