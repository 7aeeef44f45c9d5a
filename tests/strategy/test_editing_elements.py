"""Editing the draft: the draft page, creating, editing, deleting and ordering elements of every kind."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.strategy.models import Element, ElementKind


def url(name: str, process, **kwargs) -> str:
    return reverse(f"strategy_manage:{name}", kwargs={"process_pk": process.pk, **kwargs})


def titles(strategy, kind: str, parent=None) -> list[str]:
    return list(
        Element.objects.filter(strategy=strategy, kind=kind, parent=parent)
        .order_by("order")
        .values_list("title", flat=True)
    )


@pytest.fixture
def editor(client_for):
    return client_for("editor")


def test_the_draft_page_shows_the_tree_with_kinds_relations_counts_and_ordering_controls(
    small_strategy, process, editor
):
    html = editor.get(url("draft", process)).content.decode()
    for title in ["Innovativ und lebenswert", "Fachkräfte sichern", "Flächen", "Willkommensservice", "Azubi-Tour 2027"]:
        assert title in html
    assert html.index("Fachkräfte sichern") < html.index("Ausbildungsbörse") < html.index("Azubi-Tour 2027")
    assert _("Serves the goals:") in html
    assert _("Implements the measures:") in html
    # Each ordering button names its element; the first has no "up", the last no "down".
    assert f'aria-label="{_("Move down")}: Fachkräfte sichern"' in html
    assert f'aria-label="{_("Move up")}: Fachkräfte sichern"' not in html
    assert f'aria-label="{_("Move up")}: Transformation gestalten"' in html
    assert f'aria-label="{_("Move to position")}: Willkommensservice"' in html
    assert f'id="position-{small_strategy.measures[1].pk}"' in html
    # A vision exists: no button to add another one; measures are added in their field.
    assert url("element_create", process, kind="leitbild") not in html
    assert url("element_create", process, kind="massnahme") + f"?handlungsfeld={small_strategy.fields[0].pk}" in html


def test_an_empty_draft_offers_to_add_a_vision_statement(process, editor):
    html = editor.get(url("draft", process)).content.decode()
    assert url("element_create", process, kind="leitbild") in html
    assert _("No goals yet.") in html


@pytest.mark.parametrize(
    ("slug", "kind", "data"),
    [
        ("leitbild", ElementKind.VISION, {"title": "Zukunft Ludwigsburg", "summary": "Stark und offen."}),
        ("ziel", ElementKind.GOAL, {"title": "Gründungen fördern", "text": "Mehr Gründungen."}),
        ("handlungsfeld", ElementKind.FIELD, {"title": "Energie", "rationale": "Weil es zählt."}),
        ("projekt", ElementKind.PROJECT, {"title": "Gründerzentrum"}),
    ],
)
def test_an_editor_creates_an_element_of_each_kind(process, editor, slug, kind, data):
    response = editor.post(url("element_create", process, kind=slug), data)
    element = Element.objects.get(title=data["title"])
    assert element.kind == kind
    assert response.status_code == 302
    assert response["Location"] == url("element", process, element_pk=element.pk)
    assert AuditEntry.objects.filter(action="strategy.element.create", object_id=str(element.pk)).exists()
    if kind == ElementKind.PROJECT:
        assert element.sheet is not None


def test_a_measure_is_created_in_its_field_serving_the_chosen_goals(small_strategy, process, editor):
    field = small_strategy.fields[1]
    form = editor.get(url("element_create", process, kind="massnahme") + f"?handlungsfeld={field.pk}").content.decode()
    assert f'<option value="{field.pk}" selected>' in form
    goals = [goal.pk for goal in small_strategy.goals]
    editor.post(
        url("element_create", process, kind="massnahme"), {"title": "Solarpflicht", "parent": field.pk, "serves": goals}
    )
    measure = Element.objects.get(title="Solarpflicht")
    assert measure.parent == field
    assert sorted(measure.serves.values_list("pk", flat=True)) == sorted(goals)
    assert titles(small_strategy.strategy, ElementKind.MEASURE, field) == ["Flächenpool", "Solarpflicht"]


def test_a_project_implements_the_measures_chosen_from_the_groups_of_their_fields(small_strategy, process, editor):
    form = editor.get(url("element_create", process, kind="projekt")).content.decode()
    assert '<legend class="kern-label">Fachkräfte</legend>' in form
    measures = [small_strategy.measures[1].pk, small_strategy.measures[2].pk]
    editor.post(url("element_create", process, kind="projekt"), {"title": "Welcome Center", "serves": measures})
    project = Element.objects.get(title="Welcome Center")
    assert sorted(project.serves.values_list("pk", flat=True)) == sorted(measures)


def test_a_measure_without_field_or_title_is_refused_with_messages_naming_the_fields(small_strategy, process, editor):
    response = editor.post(url("element_create", process, kind="massnahme"), {"title": "", "parent": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert _("Enter the title.") in html
    assert _("Choose the field of action this measure belongs to.") in html
    assert not Element.objects.filter(kind=ElementKind.MEASURE, title="").exists()


def test_a_second_vision_statement_is_not_created_the_existing_one_is_offered_for_editing(
    small_strategy, process, editor
):
    response = editor.get(url("element_create", process, kind="leitbild"))
    assert response["Location"] == url("element_edit", process, element_pk=small_strategy.vision.pk)
    editor.post(url("element_create", process, kind="leitbild"), {"title": "Noch ein Leitbild"})
    assert Element.objects.filter(kind=ElementKind.VISION).count() == 1


def test_an_unknown_kind_has_no_create_page(process, editor):
    assert editor.get(url("element_create", process, kind="wunsch")).status_code == 404


def test_an_editor_changes_an_element_and_the_goals_it_serves(small_strategy, process, editor):
    measure = small_strategy.measures[0]
    goal = small_strategy.goals[1]
    editor.post(
        url("element_edit", process, element_pk=measure.pk),
        {"title": "Ausbildungsbörse 2.0", "parent": measure.parent_id, "serves": [goal.pk], "summary": "Neu."},
    )
    measure.refresh_from_db()
    assert measure.title == "Ausbildungsbörse 2.0"
    assert list(measure.serves.all()) == [goal]
    assert AuditEntry.objects.filter(action="strategy.element.update", object_id=str(measure.pk)).count() == 2


def test_a_measure_moved_to_another_field_of_action_goes_to_the_end_there(small_strategy, process, editor):
    measure = small_strategy.measures[0]
    target = small_strategy.fields[1]
    editor.post(
        url("element_edit", process, element_pk=measure.pk),
        {"title": measure.title, "parent": target.pk, "serves": [small_strategy.goals[0].pk]},
    )
    strategy = small_strategy.strategy
    assert titles(strategy, ElementKind.MEASURE, target) == ["Flächenpool", "Ausbildungsbörse"]
    assert titles(strategy, ElementKind.MEASURE, small_strategy.fields[0]) == ["Willkommensservice"]


def test_an_editor_deletes_a_goal_and_the_measures_no_longer_serve_it(small_strategy, process, editor):
    goal = small_strategy.goals[0]
    confirm = editor.get(url("element_delete", process, element_pk=goal.pk))
    assert confirm.status_code == 200
    response = editor.post(url("element_delete", process, element_pk=goal.pk))
    assert response["Location"] == url("draft", process)
    assert not Element.objects.filter(pk=goal.pk).exists()
    assert list(small_strategy.measures[0].serves.all()) == []


def test_a_field_of_action_with_measures_is_not_deleted_and_the_page_says_why(small_strategy, process, editor):
    field = small_strategy.fields[0]
    confirm = editor.get(url("element_delete", process, element_pk=field.pk)).content.decode()
    assert _("This field of action still has measures: move them to another field or delete them first.") in confirm
    response = editor.post(url("element_delete", process, element_pk=field.pk), follow=True)
    assert Element.objects.filter(pk=field.pk).exists()
    assert _("Move or delete the measures of this field of action first.") in response.content.decode()


def test_an_empty_field_of_action_and_a_project_are_deleted(small_strategy, process, editor):
    empty = Element.objects.create(strategy=small_strategy.strategy, kind=ElementKind.FIELD, title="Leer", slug="leer")
    project = small_strategy.projects[0]
    editor.post(url("element_delete", process, element_pk=empty.pk))
    editor.post(url("element_delete", process, element_pk=project.pk))
    assert not Element.objects.filter(pk__in=[empty.pk, project.pk]).exists()


def test_moving_up_and_down_reorders_the_list_and_says_where_the_element_is_now(small_strategy, process, editor):
    strategy = small_strategy.strategy
    second = small_strategy.goals[1]
    response = editor.post(url("element_move", process, element_pk=second.pk), {"richtung": "hoch"})
    assert response["Location"] == url("draft", process) + f"#element-{second.pk}"
    assert titles(strategy, ElementKind.GOAL) == ["Transformation gestalten", "Fachkräfte sichern"]
    editor.post(url("element_move", process, element_pk=second.pk), {"richtung": "runter"})
    assert titles(strategy, ElementKind.GOAL) == ["Fachkräfte sichern", "Transformation gestalten"]
    assert AuditEntry.objects.filter(action="strategy.element.move").count() == 2


def test_moving_beyond_the_ends_changes_nothing_and_says_so(small_strategy, process, editor):
    strategy = small_strategy.strategy
    first, last = small_strategy.goals
    response = editor.post(url("element_move", process, element_pk=first.pk), {"richtung": "hoch"}, follow=True)
    assert _("“%(title)s” is already in the first position.") % {"title": first.title} in response.content.decode()
    response = editor.post(url("element_move", process, element_pk=last.pk), {"richtung": "runter"}, follow=True)
    assert _("“%(title)s” is already in the last position.") % {"title": last.title} in response.content.decode()
    assert titles(strategy, ElementKind.GOAL) == ["Fachkräfte sichern", "Transformation gestalten"]
    assert not AuditEntry.objects.filter(action="strategy.element.move").exists()


def test_moving_to_a_position_places_the_element_there_within_its_own_list(small_strategy, process, editor):
    strategy = small_strategy.strategy
    project = Element.objects.create(
        strategy=strategy, kind=ElementKind.PROJECT, title="Drittes", slug="drittes", order=3
    )
    editor.post(url("element_move", process, element_pk=project.pk), {"position": "1"})
    assert titles(strategy, ElementKind.PROJECT) == ["Drittes", "Azubi-Tour 2027", "Gewerbeflächenkataster"]
    editor.post(url("element_move", process, element_pk=project.pk), {"position": "3"})
    assert titles(strategy, ElementKind.PROJECT) == ["Azubi-Tour 2027", "Gewerbeflächenkataster", "Drittes"]
    # A measure moves only among the measures of its field.
    measure = small_strategy.measures[1]
    editor.post(url("element_move", process, element_pk=measure.pk), {"position": "1"})
    assert titles(strategy, ElementKind.MEASURE, small_strategy.fields[0]) == ["Willkommensservice", "Ausbildungsbörse"]
    assert titles(strategy, ElementKind.MEASURE, small_strategy.fields[1]) == ["Flächenpool"]


@pytest.mark.parametrize("position", ["0", "3", "zwei", ""])
def test_a_position_outside_the_list_is_refused_with_a_message(small_strategy, process, editor, position):
    goal = small_strategy.goals[0]
    response = editor.post(url("element_move", process, element_pk=goal.pk), {"position": position}, follow=True)
    expected = _("Enter the position of “%(title)s” as a number from 1 to %(count)s.") % {
        "title": goal.title,
        "count": 2,
    }
    assert expected in response.content.decode()
    assert titles(small_strategy.strategy, ElementKind.GOAL) == ["Fachkräfte sichern", "Transformation gestalten"]


def test_moving_answers_only_to_post(small_strategy, process, editor):
    assert editor.get(url("element_move", process, element_pk=small_strategy.goals[1].pk)).status_code == 405


def test_the_title_and_introduction_of_the_strategy_are_edited(small_strategy, process, editor):
    editor.post(url("strategy_edit", process), {"title": "Zukunftsstrategie 2035", "introduction": "Ein **Plan**."})
    html = editor.get(url("draft", process)).content.decode()
    assert "Zukunftsstrategie 2035" in html
    assert "<strong>Plan</strong>" in html


def test_the_element_page_shows_relations_and_for_a_field_its_measures(small_strategy, process, editor):
    html = editor.get(url("element", process, element_pk=small_strategy.goals[0].pk)).content.decode()
    assert "Ausbildungsbörse" in html
    assert "Willkommensservice" in html
    html = editor.get(url("element", process, element_pk=small_strategy.measures[0].pk)).content.decode()
    assert "Fachkräfte sichern" in html
    assert "Azubi-Tour 2027" in html
    html = editor.get(url("element", process, element_pk=small_strategy.fields[1].pk)).content.decode()
    assert "Flächenpool" in html


def test_on_english_pages_the_german_texts_of_the_draft_are_marked_as_german(small_strategy, process, editor):
    draft, vision = url("draft", process), url("element", process, element_pk=small_strategy.vision.pk)
    html = editor.get("/en" + draft).content.decode()
    assert '<span lang="de">Fachkräfte sichern</span>' in html
    html = editor.get("/en" + vision).content.decode()
    assert '<span lang="de">Innovativ und lebenswert</span>' in html
