"""Retention rules: personal data that is deleted on schedule (DSGVO Art. 5(1)e), contributed by every app.

Each app registers, in its ``AppConfig.ready``, the rules for the data it keeps: a label, the period
in words (with the setting that changes it, for the operator's record of processing), and a function
``run(now=..., dry_run=...)`` that deletes or anonymises what is due at ``now`` and returns how many
records it affected (with ``dry_run`` it only counts). ``standortkompass retention`` runs every rule
(``accounts.services.retention.retention_run``); docs/deployment.md lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

Label = str | Promise


class Run(Protocol):
    def __call__(self, *, now: dt.datetime, dry_run: bool) -> int: ...


@dataclass(frozen=True)
class Rule:
    name: str  # "<app>.<subject>", e.g. "processes.feedback"
    label: Label  # what is deleted, e.g. "Accessibility feedback"
    period: Callable[[], Label]  # when, read at run time from the settings, e.g. "365 days after it was received"
    run: Run


_rules: dict[str, Rule] = {}


def register(name: str, *, label: Label, period: Callable[[], Label], run: Run) -> Rule:
    """Register a retention rule; a name is registered once (again only with the same function)."""
    known = _rules.get(name)
    if known is not None and known.run is not run:
        raise ImproperlyConfigured(f"The retention rule {name!r} is registered twice.")
    rule = Rule(name=name, label=label, period=period, run=run)
    _rules[name] = rule
    return rule


def registered_rules() -> list[Rule]:
    """The rules in the order of their registration."""
    return list(_rules.values())
