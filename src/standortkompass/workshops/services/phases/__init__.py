"""The phases of a live session: preparing them (add, change, move, delete) and driving them live.

Only one phase of a session is open at a time. Opening a phase closes the one open before (with its snapshot),
carries the phase's input items over on its first opening (the funnel, ``selectors.funnel``) and makes it the
session's current phase; closing freezes the result as a snapshot (what the projector showed and what is
exported); reopening a closed phase needs a reason, which the audit log keeps. Opening and closing lock the
session's row, so two facilitators clicking at the same moment never leave two phases open.

Every change is recorded in the audit log and announced to the session's clients (``services.live``).
"""

from standortkompass.workshops.services.phases.preparing import (
    PHASE_FIELDS,
    PhaseData,
    new_phase,
    phase_add,
    phase_delete,
    phase_move,
    phase_pick,
    phase_update,
)
from standortkompass.workshops.services.phases.running import (
    open_phase_close,
    phase_close,
    phase_open,
    phase_reopen,
    phase_reveal,
    phase_split,
    phase_timer,
)
from standortkompass.workshops.services.phases.settings import (
    BUDGETS,
    CANVAS_FIELDS,
    COMMON_SETTINGS,
    KIND_SETTINGS,
    MAX_TIMER_SECONDS,
    MAX_TOP_N,
    PAIRWISE_MAX_ITEMS,
    validate_settings,
)

__all__ = [
    "BUDGETS",
    "CANVAS_FIELDS",
    "COMMON_SETTINGS",
    "KIND_SETTINGS",
    "MAX_TIMER_SECONDS",
    "MAX_TOP_N",
    "PAIRWISE_MAX_ITEMS",
    "PHASE_FIELDS",
    "PhaseData",
    "new_phase",
    "open_phase_close",
    "phase_add",
    "phase_close",
    "phase_delete",
    "phase_move",
    "phase_open",
    "phase_pick",
    "phase_reopen",
    "phase_reveal",
    "phase_split",
    "phase_timer",
    "phase_update",
    "validate_settings",
]
