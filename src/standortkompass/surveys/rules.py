"""Who may do what with surveys. Objects are a StrategyProcess (or belong to one)."""

import rules

from standortkompass.accounts.predicates import can_administer, can_edit, can_see_board_matters

# Questionnaires, surveys, invitations, mail waves, contact requests: Administration and Redaktion.
rules.add_perm("surveys.manage", can_edit)
# Results with small-cell suppression: the boards read them too.
rules.add_perm("surveys.view_results", can_see_board_matters)
# Results and exports without suppression: Administration only.
rules.add_perm("surveys.view_unsuppressed", can_administer)
# Lowering the threshold below which counts are suppressed: Administration only (audited).
rules.add_perm("surveys.lower_suppression_threshold", can_administer)
# Coding open answers and turning results into findings: Administration and Redaktion.
rules.add_perm("surveys.code_answers", can_edit)
# Reading free-text answers word for word (the open-answers page): those who code them. The one rule for
# where texts appear is surveys.results.open_answers.free_text_shown; board members see the codes only.
rules.add_perm("surveys.read_open_answers", can_edit)
rules.add_perm("surveys.export", can_edit)
