"""Who may do what in the boards' work. Objects are a StrategyProcess.

Which meetings, agenda items, register entries and documents a board member sees inside the area is decided
per object by its confidentiality and board (``governance.selectors.access``).
"""

import rules

from standortkompass.accounts.predicates import can_edit, can_see_board_matters

# The boards' work in the management area (meetings, register, documents), as far as each item allows.
rules.add_perm("governance.view", can_see_board_matters)
# Preparing meetings, inviting, recording attendance, minutes, the register and documents: Redaktion.
rules.add_perm("governance.manage", can_edit)
