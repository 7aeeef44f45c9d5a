"""The permission matrix entries of the strategy's editing URLs (merged by permission_access.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from permission_audiences import BOARD_MATTERS, EDITORS, Audience, post_only

ACCESS: dict[str, Audience] = {
    "strategy_manage:strategy_edit": EDITORS,
    "strategy_manage:element_create": EDITORS,
    "strategy_manage:element_edit": EDITORS,
    "strategy_manage:element_delete": EDITORS,
    "strategy_manage:element_move": post_only(EDITORS),
    "strategy_manage:sheet_edit": EDITORS,
    "strategy_manage:milestone_create": EDITORS,
    "strategy_manage:milestone_edit": EDITORS,
    "strategy_manage:milestone_delete": EDITORS,
    "strategy_manage:indicator_create": EDITORS,
    "strategy_manage:indicator": BOARD_MATTERS,
    "strategy_manage:indicator_edit": EDITORS,
    "strategy_manage:indicator_delete": EDITORS,
    "strategy_manage:actual_create": EDITORS,
    "strategy_manage:actual_edit": EDITORS,
    "strategy_manage:actual_delete": post_only(EDITORS),
    "strategy_manage:evidence_kinds": EDITORS,
    "strategy_manage:evidence_add": EDITORS,
    "strategy_manage:evidence_edit": EDITORS,
    "strategy_manage:evidence_remove": post_only(EDITORS),
}
GET_ONLY: set[str] = set()
KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "strategy_manage:element_create": lambda w: {"process_pk": w["process"].pk, "kind": "ziel"},
    "strategy_manage:sheet_edit": lambda w: {"process_pk": w["process"].pk, "element_pk": w["strategy_project"].pk},
    "strategy_manage:milestone_create": lambda w: {
        "process_pk": w["process"].pk,
        "element_pk": w["strategy_project"].pk,
    },
    "strategy_manage:milestone_edit": lambda w: {
        "process_pk": w["process"].pk,
        "element_pk": w["strategy_project"].pk,
        "milestone_pk": w["strategy_milestone"].pk,
    },
    "strategy_manage:milestone_delete": lambda w: {
        "process_pk": w["process"].pk,
        "element_pk": w["strategy_project"].pk,
        "milestone_pk": w["strategy_milestone"].pk,
    },
    "strategy_manage:indicator_create": lambda w: {"process_pk": w["process"].pk, "element_pk": w["strategy_goal"].pk},
    "strategy_manage:evidence_add": lambda w: {
        "process_pk": w["process"].pk,
        "element_pk": w["element"].pk,
        "kind": "external",
    },
}
BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {
    "indicator_pk": lambda w: w["strategy_indicator"].pk,
    "actual_pk": lambda w: w["strategy_actual"].pk,
    "evidence_pk": lambda w: w["strategy_evidence"].pk,
}


def editing_world(small: Any, editor: Any) -> dict[str, Any]:
    """An indicator with an actual value on a goal, a milestone of a project, an evidence link of a measure."""
    from standortkompass.strategy.services.elements import milestone_create
    from standortkompass.strategy.services.evidence import evidence_add
    from standortkompass.strategy.services.indicators import actual_save, indicator_create

    goal = small.goals[0]
    indicator = indicator_create(element=goal, actor=editor, data={"name": "Ausbildungsquote", "unit": "%"})
    actual = actual_save(indicator=indicator, actor=editor, data={"year": 2025, "value": 5.4})
    milestone = milestone_create(sheet=small.projects[0].sheet, actor=editor, data={"title": "Start"})
    link = evidence_add(
        element=small.measures[0],
        actor=editor,
        kind="external",
        reference={"title": "Fachkräftemonitor", "url": "https://example.org/monitor", "publisher": "IHK"},
    )
    return {
        "strategy_goal": goal,
        "strategy_indicator": indicator,
        "strategy_actual": actual,
        "strategy_milestone": milestone,
        "strategy_evidence": link,
    }
