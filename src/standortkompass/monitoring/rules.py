"""Who may do what in monitoring. Objects are a StrategyProcess unless said otherwise."""

from typing import Any

import rules

from standortkompass.accounts.predicates import can_administer, can_edit


@rules.predicate
def leads_project(user: Any, project: Any = None) -> bool:
    """The user leads the project (the object is the project's strategy Element)."""
    from standortkompass.monitoring.selectors.leads import is_project_lead
    from standortkompass.strategy.models import Element

    return isinstance(project, Element) and is_project_lead(user, project)


@rules.predicate
def administers_project(user: Any, project: Any = None) -> bool:
    """Administration of the project's process (the object is the project's strategy Element)."""
    from standortkompass.strategy.models import Element

    return isinstance(project, Element) and bool(can_administer(user, project.strategy.process))


# Opening and closing reporting rounds, the overview of who has reported, reminders and the import of status
# updates: Administration.
rules.add_perm("monitoring.manage", can_administer)
# Reporting on a project (the object is the project's Element): its leads, and Administration on their behalf.
rules.add_perm("monitoring.report", leads_project | administers_project)
# The import of indicator actual values (CSV/XLSX): Redaktion, who enters them one by one, and Administration.
rules.add_perm("monitoring.import_actuals", can_edit)
