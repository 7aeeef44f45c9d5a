"""Who may do what with the strategy. Objects are a StrategyProcess unless said otherwise."""

from typing import Any

import rules

from standortkompass.accounts.predicates import can_administer, can_edit, can_see_board_matters

# Editing the draft (elements, order, indicators, fact sheets, evidence) and freezing versions: Redaktion.
rules.add_perm("strategy.edit", can_edit)
# Reading the draft, the versions and their comparison in the management area: Redaktion and board members.
rules.add_perm("strategy.view_draft", can_see_board_matters)
# Submitting a version to the steering committee, opening consultation rounds, publishing: Administration.
rules.add_perm("strategy.manage_versions", can_administer)


@rules.predicate
def takes_part_in_round(user: Any, consultation: Any = None) -> bool:
    """The user takes part in a consultation round (the object is the ConsultationRound)."""
    from standortkompass.strategy.models import ConsultationRound
    from standortkompass.strategy.selectors.consultation import takes_part

    return isinstance(consultation, ConsultationRound) and takes_part(user, consultation)


# Reading a consultation round, commenting in it (until its deadline) and reading its outcome: Redaktion,
# Administration, the members of the round's boards and, in a round for the partners, the partners.
# The object is the ConsultationRound.
rules.add_perm("strategy.take_part_in_consultation", takes_part_in_round)
