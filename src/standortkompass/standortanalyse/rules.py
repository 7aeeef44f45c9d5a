"""Who may do what in the Standortanalyse. Objects are a StrategyProcess."""

import rules

from standortkompass.accounts.predicates import can_administer, can_edit

# Statistics import (management area: upload, preview, confirm) --------------------------------
rules.add_perm("standortanalyse.import_statistics", can_edit)

# Pages and findings --------------------------------------------------------------------------
# Publishing the analysis and choosing its comparison districts: Administration.
rules.add_perm("standortanalyse.publish", can_administer)
# Writing the findings (Befunde, SWOT): Administration and Redaktion.
rules.add_perm("standortanalyse.edit_findings", can_edit)
