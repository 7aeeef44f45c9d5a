"""The one rule for free-text answers: who reads them word for word, and where they may appear.

=====================================  ==============================================================
Where                                  Who sees the texts word for word
=====================================  ==============================================================
the open-answers page (each text on    those who code them: Administration and Redaktion
its own, without the respondent's      (``surveys.read_open_answers``); e-mail addresses and
other answers)                         telephone numbers removed
a respondent-level export (a text      Administration only, in the export without suppression
next to the respondent's profile)      (``surveys.view_unsuppressed``): next to sector, size and place,
                                       a text can tell who wrote it
everyone else (board members …)        nobody: the codes of the texts with their frequencies, suppressed
                                       like every other figure (the codes page) — what an export below
                                       Administration would show
=====================================  ==============================================================

Pages, exports and (later) reports ask :func:`free_text_shown`; nothing else decides it.
"""

from __future__ import annotations

from standortkompass.accounts.models import User
from standortkompass.processes.models import StrategyProcess


def free_text_shown(*, user: User, process: StrategyProcess, beside_other_answers: bool, unsuppressed: bool) -> bool:
    """Whether ``user`` may see free-text answers word for word (see the module's table).

    ``beside_other_answers``: the texts would stand next to the respondent's other answers (a row of a
    respondent-level export, a quote next to a profile); ``unsuppressed``: the reader asked for figures
    without suppression (granted only to Administration).
    """
    if beside_other_answers:
        return unsuppressed and bool(user.has_perm("surveys.view_unsuppressed", process))
    return bool(user.has_perm("surveys.read_open_answers", process))


def free_text_in_export(*, suppressed: bool) -> bool:
    """Free-text columns in a respondent-level export: only without suppression, which only Administration gets.

    :func:`free_text_shown` with ``beside_other_answers``, for an export whose suppression was already
    decided from the requesting user's permission (``services.exports.export_request``).
    """
    return not suppressed
