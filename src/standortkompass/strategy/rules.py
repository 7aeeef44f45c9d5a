"""Who may do what with the strategy. Objects are a StrategyProcess."""

import rules

from standortkompass.accounts.predicates import can_administer, can_edit, can_see_board_matters

# Editing the draft (elements, order, indicators, fact sheets, evidence) and freezing versions: Redaktion.
rules.add_perm("strategy.edit", can_edit)
# Reading the draft, the versions and their comparison in the management area: Redaktion and board members.
rules.add_perm("strategy.view_draft", can_see_board_matters)
# Submitting a version to the steering committee, opening consultation rounds, publishing: Administration.
rules.add_perm("strategy.manage_versions", can_administer)
