"""The strategy tree: read from the draft, stored in a version's snapshot and read back unchanged."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from standortkompass.audit.models import AuditEntry
from standortkompass.strategy.models import ElementKind
from standortkompass.strategy.selectors.tree import draft_tree, tree_from_json
from standortkompass.strategy.services.elements import element_create, element_delete, element_move


def test_the_tree_reads_in_the_order_of_the_strategy(small_strategy):
    tree = draft_tree(small_strategy.strategy)
    assert [node.title for node in tree.walk()] == [
        "Innovativ und lebenswert",
        "Fachkräfte sichern",
        "Transformation gestalten",
        "Fachkräfte",
        "Ausbildungsbörse",
        "Willkommensservice",
        "Flächen",
        "Flächenpool",
        "Azubi-Tour 2027",
        "Gewerbeflächenkataster",
    ]
    goal = tree.by_slug("fachkraefte-sichern")
    assert goal is not None
    assert [m.title for m in tree.served_by(goal)] == ["Ausbildungsbörse", "Willkommensservice"]
    project = tree.by_slug("azubi-tour-2027")
    assert project is not None
    assert project.sheet is not None
    assert tree.field_of(project).title == "Fachkräfte"


def test_a_snapshot_reads_back_as_the_same_tree(small_strategy):
    tree = draft_tree(small_strategy.strategy)
    assert tree_from_json(tree.to_json()) == tree


def test_moving_an_element_reorders_its_list_and_is_audited(small_strategy, users):
    second = small_strategy.goals[1]
    assert element_move(element=second, actor=users["editor"], direction="up")
    tree = draft_tree(small_strategy.strategy)
    assert [g.title for g in tree.of_kind(ElementKind.GOAL)] == ["Transformation gestalten", "Fachkräfte sichern"]
    assert not element_move(element=second, actor=users["editor"], direction="up")
    assert AuditEntry.objects.filter(action="strategy.element.move").count() == 1


def test_a_measure_needs_a_field_and_serves_only_goals(small_strategy, users):
    with pytest.raises(ValidationError) as error:
        element_create(
            strategy=small_strategy.strategy, actor=users["editor"], kind=ElementKind.MEASURE, data={"title": "X"}
        )
    assert "parent" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        element_create(
            strategy=small_strategy.strategy,
            actor=users["editor"],
            kind=ElementKind.MEASURE,
            data={"title": "Y", "parent": small_strategy.fields[0]},
            serves=[small_strategy.projects[0]],
        )
    assert "serves" in error.value.message_dict


def test_a_field_with_measures_is_not_deleted(small_strategy, users):
    with pytest.raises(ValidationError):
        element_delete(element=small_strategy.fields[0], actor=users["editor"])
