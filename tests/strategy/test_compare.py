"""Comparing two trees of the strategy shows exactly the changed elements and fields (hand-built cases)."""

from __future__ import annotations

from dataclasses import replace

from standortkompass.strategy.models import ProjectStatus
from standortkompass.strategy.selectors.compare import Segment, compare_trees, word_diff
from standortkompass.strategy.selectors.tree import (
    ElementNode,
    EvidenceNode,
    IndicatorNode,
    MilestoneNode,
    SheetNode,
    StrategyTree,
)

VISION = ElementNode(
    1, "vision", "Innovativ und lebenswert", "innovativ", summary="Der Kreis bleibt Industriestandort."
)
GOAL_A = ElementNode(
    2,
    "goal",
    "Fachkräfte sichern",
    "fachkraefte-sichern",
    order=1,
    indicators=(IndicatorNode(21, "Beschäftigte", unit="Personen", target_value=120000, target_year=2030),),
)
GOAL_B = ElementNode(3, "goal", "Transformation gestalten", "transformation", order=2)
FIELD_A = ElementNode(4, "field", "Fachkräfte", "fachkraefte", order=1, text="Wir halten und gewinnen Fachkräfte.")
FIELD_B = ElementNode(5, "field", "Flächen", "flaechen", order=2)
MEASURE_A = ElementNode(6, "measure", "Ausbildungsbörse", "ausbildungsboerse", parent=4, serves=(2,), order=1)
MEASURE_B = ElementNode(7, "measure", "Willkommensservice", "willkommensservice", parent=4, serves=(2, 3), order=2)
MEASURE_C = ElementNode(8, "measure", "Flächenpool", "flaechenpool", parent=5, serves=(3,), order=1)
PROJECT = ElementNode(
    9,
    "project",
    "Azubi-Tour 2027",
    "azubi-tour-2027",
    serves=(6,),
    order=1,
    evidence=(EvidenceNode(31, "finding", {"finding": 1}, "finding:1", "Befund: Mangel an Azubis"),),
    sheet=SheetNode(status="planning", milestones=(MilestoneNode("Start", "2027-03-01"),)),
)
ELEMENTS = (VISION, GOAL_A, GOAL_B, FIELD_A, FIELD_B, MEASURE_A, MEASURE_B, MEASURE_C, PROJECT)


def tree(*elements: ElementNode, title: str = "Zukunftsstrategie") -> StrategyTree:
    return StrategyTree(title=title, introduction="", elements=tuple(elements))


def with_changed(element: ElementNode, **changes: object) -> tuple[ElementNode, ...]:
    return tuple(replace(node, **changes) if node.id == element.id else node for node in ELEMENTS)  # type: ignore[arg-type]


BEFORE = tree(*ELEMENTS)


def test_two_equal_trees_have_no_differences():
    comparison = compare_trees(BEFORE, tree(*ELEMENTS))

    assert comparison.is_empty
    assert comparison.elements == ()


def test_an_edited_title_is_the_one_changed_field_of_its_element():
    comparison = compare_trees(BEFORE, tree(*with_changed(GOAL_B, title="Transformation aktiv gestalten")))

    assert [change.id for change in comparison.elements] == [GOAL_B.id]
    change = comparison.elements[0]
    assert change.changed_fields == ["title"]
    assert not change.is_moved
    assert change.fields[0].segments == (
        Segment("equal", "Transformation "),
        Segment("inserted", "aktiv "),
        Segment("equal", "gestalten"),
    )


def test_one_changed_word_of_a_text_is_one_deletion_and_one_insertion():
    comparison = compare_trees(BEFORE, tree(*with_changed(FIELD_A, text="Wir halten und binden Fachkräfte.")))

    assert [change.id for change in comparison.changed] == [FIELD_A.id]
    text = comparison.elements[0].fields[0]
    assert text.name == "text"
    assert text.segments == (
        Segment("equal", "Wir halten und "),
        Segment("deleted", "gewinnen"),
        Segment("inserted", "binden"),
        Segment("equal", " Fachkräfte."),
    )
    assert [segment.kind for segment in text.old_segments] == ["equal", "deleted", "equal"]
    assert [segment.kind for segment in text.new_segments] == ["equal", "inserted", "equal"]


def test_an_element_moved_up_is_the_one_moved_element():
    moved = replace(MEASURE_B, order=1)
    other = replace(MEASURE_A, order=2)
    comparison = compare_trees(
        BEFORE, tree(*[moved if n is MEASURE_B else other if n is MEASURE_A else n for n in ELEMENTS])
    )

    assert [change.id for change in comparison.moved] == [MEASURE_B.id]
    assert comparison.changed == []
    place = comparison.elements[0].moves[0]
    assert (place.name, place.old, place.new) == ("position", "2", "1")


def test_a_measure_moved_to_another_field_shows_the_fields_by_name():
    comparison = compare_trees(BEFORE, tree(*with_changed(MEASURE_B, parent=FIELD_B.id, order=2)))

    assert [change.id for change in comparison.moved] == [MEASURE_B.id]
    assert comparison.changed == []
    move = comparison.elements[0].moves
    assert [(m.name, m.old, m.new) for m in move] == [("parent", "Fachkräfte", "Flächen")]


def test_an_added_element_is_the_one_added_and_moves_no_sibling():
    new_measure = ElementNode(10, "measure", "Pendlerportal", "pendlerportal", parent=4, serves=(2,), order=0)
    comparison = compare_trees(BEFORE, tree(*ELEMENTS, new_measure))

    assert [change.id for change in comparison.added] == [10]
    assert comparison.moved == []
    assert comparison.changed == []
    assert comparison.removed == []


def test_a_removed_element_is_the_one_removed():
    comparison = compare_trees(BEFORE, tree(*[node for node in ELEMENTS if node is not MEASURE_C]))

    assert [change.id for change in comparison.removed] == [MEASURE_C.id]
    assert comparison.elements[0].state == "removed"
    assert comparison.added == comparison.moved == comparison.changed == []


def test_a_changed_indicator_target_names_the_indicator_and_the_field():
    indicator = replace(GOAL_A.indicators[0], target_value=125000.5)
    comparison = compare_trees(BEFORE, tree(*with_changed(GOAL_A, indicators=(indicator,))))

    assert [change.id for change in comparison.changed] == [GOAL_A.id]
    change = comparison.elements[0]
    assert change.fields == ()
    assert change.changed_fields == ["indicator:changed:Beschäftigte"]
    target = change.indicators[0].fields
    assert [(f.name, f.old, f.new) for f in target] == [("target_value", "120.000", "125.000,5")]


def test_an_added_evidence_link_is_listed_as_added():
    link = EvidenceNode(32, "external", {"title": "IHK-Fachkräftemonitor"}, "external:ihk", "Engpass bestätigt")
    comparison = compare_trees(BEFORE, tree(*with_changed(PROJECT, evidence=(*PROJECT.evidence, link))))

    assert [change.id for change in comparison.changed] == [PROJECT.id]
    assert comparison.elements[0].changed_fields == ["evidence:added:IHK-Fachkräftemonitor"]


def test_a_changed_evidence_note_is_a_word_diff():
    link = replace(PROJECT.evidence[0], note="Befund: großer Mangel an Azubis")
    comparison = compare_trees(BEFORE, tree(*with_changed(PROJECT, evidence=(link,))))

    item = comparison.elements[0].evidence[0]
    assert item.state == "changed"
    assert [(s.kind, s.text.strip()) for s in item.fields[0].segments if s.kind != "equal"] == [("inserted", "großer")]


def test_a_changed_project_status_shows_the_status_labels():
    sheet = replace(PROJECT.sheet, status="implementation")
    comparison = compare_trees(BEFORE, tree(*with_changed(PROJECT, sheet=sheet)))

    assert [change.id for change in comparison.changed] == [PROJECT.id]
    change = comparison.elements[0]
    assert change.changed_fields == ["sheet.status"]
    status = change.fields[0]
    assert (status.old, status.new) == (str(ProjectStatus.PLANNING.label), str(ProjectStatus.IMPLEMENTATION.label))
    assert not status.is_text


def test_a_milestone_date_and_what_a_project_implements_are_compared():
    sheet = replace(PROJECT.sheet, milestones=(MilestoneNode("Start", "2027-04-15"),))
    comparison = compare_trees(BEFORE, tree(*with_changed(PROJECT, sheet=sheet, serves=(6, 7))))

    change = comparison.elements[0]
    assert change.changed_fields == ["milestone:changed:Start"]
    assert [(f.old, f.new) for f in change.milestones[0].fields] == [("01.03.2027", "15.04.2027")]
    assert [(m.name, m.old, m.new) for m in change.moves] == [
        ("serves", "Ausbildungsbörse", "Ausbildungsbörse, Willkommensservice")
    ]


def test_a_word_diff_keeps_changes_next_to_each_other_together():
    assert word_diff("alte Worte hier", "neue Sätze hier") == (
        Segment("deleted", "alte Worte"),
        Segment("inserted", "neue Sätze"),
        Segment("equal", " hier"),
    )
    assert word_diff("", "neu") == (Segment("inserted", "neu"),)
