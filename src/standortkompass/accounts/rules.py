"""Who may do what in the accounts app (the members of a process are managed under ``processes.manage_members``)."""

import rules

from standortkompass.accounts.predicates import is_admin_somewhere, is_superuser

# Installation-wide: requests about one person's data (DSGVO Art. 15 and 17) cover every process.
rules.add_perm("accounts.manage_personal_data", is_superuser | is_admin_somewhere)
