"""Every action the services write to the audit log has a readable label, registered by its own app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from standortkompass.audit import labels

SOURCE = Path(__file__).resolve().parents[2] / "src" / "standortkompass"
# Calls that name their action literally, e.g. audit_record(actor=..., action="survey.open", ...).
ACTION = re.compile(r'audit_record\((?:[^()]|\([^()]*\))*?action="([a-z_.]+)"', re.DOTALL)


def _audited_actions(app_label: str) -> set[str]:
    return {
        action
        for path in (SOURCE / app_label).rglob("*.py")
        for action in ACTION.findall(path.read_text(encoding="utf-8"))
    }


def test_the_pattern_finds_the_audited_actions() -> None:
    assert len(set().union(*(_audited_actions(app.label) for app in apps.get_app_configs()))) > 20


@pytest.mark.parametrize("app_label", ["accounts", "processes", "regiondata", "standortanalyse", "surveys"])
def test_every_audited_action_has_a_label_registered_by_the_app_that_records_it(app_label: str) -> None:
    actions = _audited_actions(app_label)

    assert actions
    assert sorted(actions - labels.registered_actions(app_label)) == []


def test_no_app_records_an_action_without_a_label() -> None:
    recorded = {(app.label, action) for app in apps.get_app_configs() for action in _audited_actions(app.label)}

    assert [item for item in recorded if item[1] not in labels.registered_actions(item[0])] == []


def test_the_label_is_shown_for_a_registered_action_and_the_action_otherwise() -> None:
    assert labels.action_label("survey.open") == "Befragung geöffnet"
    assert labels.action_label("unknown.action") == "unknown.action"


def test_an_action_cannot_be_registered_by_a_second_app() -> None:
    message = "'survey.open' is registered by 'surveys' and 'processes'"
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        labels.register("processes", {"survey.open": "Opened"})
