"""What a member of a process can do there now: the tasks on the "My area" page, contributed by the apps.

Partner and Unternehmen accounts do not manage the process; their area says what their role is for and
lists what concerns them (an open survey invitation, their organisation's data, the next dates, the
published analysis). An app registers a provider in its ``AppConfig.ready``; the provider gets the user,
the process and the user's role there and returns the tasks to show now, in the order of registration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from standortkompass.accounts.models import Role

if TYPE_CHECKING:
    from standortkompass.accounts.models import User
    from standortkompass.processes.models import StrategyProcess


@dataclass(frozen=True)
class MemberTask:
    title: str
    text: str = ""
    url: str = ""
    link_text: str = ""
    done: bool = False
    # Facts shown under the text as a description list (e.g. the organisation's registry data).
    details: tuple[tuple[str, str], ...] = ()
    # Where the task stands in the list: what asks for action first (a survey 10, data to check 20,
    # dates 30, reading 40); done tasks come last.
    order: int = 50


Provider = Callable[["User", "StrategyProcess", Role], list[MemberTask]]
_providers: list[Provider] = []

# What each role is for, in one or two sentences (the head of a member's area).
ROLE_PURPOSES: dict[Role, Promise] = {
    Role.ADMIN: _("You lead the process: settings, members, publication and everything Redaktion does."),
    Role.EDITOR: _("You keep the process going: dates, news, actors, the analysis, the survey and its results."),
    Role.BOARD: _(
        "You advise or decide as a member of a board: the board's dates and documents, the results that are "
        "ready for the board, and later the strategy drafts for your recommendations and decisions."
    ),
    Role.PARTNER: _(
        "Your organisation (a municipality, chamber, association or institution) accompanies the process: you "
        "follow its dates and results, take part in workshops and check what the process holds about your "
        "organisation."
    ),
    Role.COMPANY: _(
        "Your company takes part in the process: you answer the company survey, take part in workshops and "
        "check what the process holds about your company."
    ),
}


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def member_tasks(user: User, process: StrategyProcess, role: Role) -> list[MemberTask]:
    tasks = [task for provider in _providers for task in provider(user, process, role)]
    return sorted(tasks, key=lambda task: (task.done, task.order))
