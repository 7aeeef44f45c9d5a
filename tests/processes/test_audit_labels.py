"""Every action the services write to the audit log has a readable label on the audit log page."""

from __future__ import annotations

import re
from pathlib import Path

from standortkompass.processes.views.manage import ACTION_LABELS

SOURCE = Path(__file__).resolve().parents[2] / "src" / "standortkompass"
# Calls that name their action literally, e.g. audit_record(actor=..., action="survey.open", ...).
ACTION = re.compile(r'audit_record\((?:[^()]|\([^()]*\))*?action="([a-z_.]+)"', re.DOTALL)


def test_every_audited_action_has_a_label() -> None:
    actions = {action for path in SOURCE.rglob("*.py") for action in ACTION.findall(path.read_text(encoding="utf-8"))}
    assert len(actions) > 20  # the pattern finds the calls
    assert sorted(actions - set(ACTION_LABELS)) == []
