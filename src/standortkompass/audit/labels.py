"""Readable labels of the actions in the audit log, registered by the app that records them.

The audit log page shows "Umfrage geöffnet", not ``survey.open``. Each app names the actions
its services record in ``AUDIT_LABELS`` in its ``apps.py`` and registers them in
``AppConfig.ready``, so this base app knows no feature app (docs/decisions/0002).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

Label = str | Promise

_labels: dict[str, tuple[str, Label]] = {}


def register(app_label: str, labels: Mapping[str, Label]) -> None:
    """Register the labels of ``app_label``'s actions; an action belongs to one app only."""
    for action, label in labels.items():
        owner = _labels.get(action, (app_label, label))[0]
        if owner != app_label:
            raise ImproperlyConfigured(f"The audit action {action!r} is registered by {owner!r} and {app_label!r}.")
        _labels[action] = (app_label, label)


def action_label(action: str) -> str:
    """The label of an action, or the action itself when no app registered one."""
    return str(_labels[action][1]) if action in _labels else action


def registered_actions(app_label: str | None = None) -> set[str]:
    """The actions registered (by one app, or by all)."""
    return {action for action, (owner, _label) in _labels.items() if app_label in (None, owner)}
