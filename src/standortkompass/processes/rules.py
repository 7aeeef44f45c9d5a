"""Who may do what in the processes app. Objects are a StrategyProcess or belong to one."""

import rules

from standortkompass.accounts.predicates import (
    can_administer,
    can_edit,
    can_see_board_matters,
    has_any_role,
    is_admin_somewhere,
    is_superuser,
)

# The management area of one process.
rules.add_perm("processes.view_management", can_edit)
rules.add_perm("processes.change_process", can_administer)
rules.add_perm("processes.publish_process", can_administer)
rules.add_perm("processes.edit_content", can_edit)  # phases, organisations, boards, events, news
rules.add_perm("processes.import_organisations", can_edit)
rules.add_perm("processes.view_contacts", can_edit)
rules.add_perm("processes.manage_members", can_administer)
rules.add_perm("processes.view_audit_log", can_administer)
# Internal (non-public) parts of a process for its participants.
rules.add_perm("processes.view_participant_area", has_any_role | is_superuser)
rules.add_perm("processes.view_board_events", can_see_board_matters)
# Installation-wide.
rules.add_perm("processes.create_process", is_superuser | is_admin_somewhere)
rules.add_perm("processes.edit_site_pages", is_superuser | is_admin_somewhere)
rules.add_perm("processes.view_feedback", is_superuser | is_admin_somewhere)
rules.add_perm("processes.view_go_live_checklist", is_superuser | is_admin_somewhere)
