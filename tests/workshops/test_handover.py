"""Handing workshop results to the strategy: a cluster, a winning item or a canvas becomes a field of action, a
measure or a project idea with an evidence link back ("Was wurde aus dieser Idee?"); refusals name the problem."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.processes import evidence
from standortkompass.processes.models import Organisation, OrganisationType
from standortkompass.strategy.models import Element, ElementKind, EvidenceLink, ProjectSheet
from standortkompass.strategy.services.elements import element_create, strategy_ensure
from standortkompass.workshops.models import Item, PhaseKind
from standortkompass.workshops.services.contributions import item_add, items_merge
from standortkompass.workshops.services.handover import handover_link, handover_to_strategy
from standortkompass.workshops.services.phases import CANVAS_FIELDS, phase_add, phase_open
from standortkompass.workshops.services.workshops import session_end
from workshops.held_session import Held, build_held_session


@pytest.fixture
def held(live_session, users) -> Held:
    return build_held_session(live_session, users["editor"])


def test_a_cluster_becomes_a_field_of_action_that_cites_it(held, users, process):
    element = handover_to_strategy(item=held.cluster, actor=users["editor"], element_kind=ElementKind.FIELD)

    assert element.kind == ElementKind.FIELD
    assert element.title == "Fachkräfte"
    assert element.strategy.process == process
    assert "- Azubis finden" in element.text
    assert "- Fachkräfte halten" in element.text
    link = EvidenceLink.objects.get(element=element)
    assert link.kind == "workshop_item"
    assert link.reference == {"item": held.cluster.pk}
    assert link.source_key == f"workshop_item:{held.cluster.pk}"
    assert "Strategiewerkstatt (Test)" in link.note
    entry = AuditEntry.objects.get(action="workshops.handover")
    assert entry.process == process
    assert entry.object_id == str(held.cluster.pk)


def test_the_documentation_finds_the_element_through_the_citation_registry(held, users, process):
    element = handover_to_strategy(
        item=held.winner, actor=users["editor"], element_kind=ElementKind.FIELD, title="Fachkräfte sichern"
    )

    citations = evidence.citations(process, f"workshop_item:{held.winner.pk}", public=False)

    assert [(citation.title, citation.kind_label) for citation in citations] == [
        ("Fachkräfte sichern", str(ElementKind.FIELD.label))
    ]
    assert element.title == "Fachkräfte sichern"


def test_a_measure_needs_its_field_of_action(held, users):
    with pytest.raises(ValidationError) as error:
        handover_to_strategy(item=held.winner, actor=users["editor"], element_kind=ElementKind.MEASURE)

    assert "parent" in error.value.message_dict
    assert not Element.objects.exists()


def test_a_winning_item_becomes_a_measure_of_a_field(held, users):
    strategy = strategy_ensure(process=held.session.workshop.process)
    field = element_create(
        strategy=strategy, actor=users["editor"], kind=ElementKind.FIELD, data={"title": "Fachkräfte"}
    )

    measure = handover_to_strategy(
        item=held.winner, actor=users["editor"], element_kind=ElementKind.MEASURE, parent=field, title="Ausbildung"
    )

    assert measure.parent == field
    assert measure.evidence.get().source_key == f"workshop_item:{held.winner.pk}"


def test_a_canvas_becomes_a_project_idea_with_its_fact_sheet(held, users, process):
    lead = Organisation.objects.create(process=process, name="IHK Testregion", type=OrganisationType.CHAMBER)

    project = handover_to_strategy(item=held.canvas, actor=users["editor"], element_kind=ElementKind.PROJECT)

    sheet = ProjectSheet.objects.get(element=project)
    assert project.summary == "Schüler lernen Betriebe kennen"
    assert sheet.goal == "Schüler lernen Betriebe kennen"
    assert sheet.risks == "Zu wenige Betriebe machen mit"
    assert sheet.other_partners == "Schulen, Handwerkskammer"
    assert sheet.lead_organisation == lead
    assert f"**{CANVAS_FIELDS['first_steps']}:** Betriebe ansprechen" in project.text
    assert "Teilnehmende Schüler" in project.text
    assert "IHK Testregion" not in project.text  # it is the lead organisation of the sheet


def test_a_canvas_lead_that_is_no_actor_stays_in_the_text(held, users):
    project = handover_to_strategy(item=held.canvas, actor=users["editor"], element_kind=ElementKind.PROJECT)

    assert ProjectSheet.objects.get(element=project).lead_organisation is None
    assert f"**{CANVAS_FIELDS['lead']}:** IHK Testregion" in project.text


def test_a_field_of_action_cannot_have_a_parent(held, users):
    strategy = strategy_ensure(process=held.session.workshop.process)
    field = element_create(strategy=strategy, actor=users["editor"], kind=ElementKind.FIELD, data={"title": "F"})

    with pytest.raises(ValidationError) as error:
        handover_to_strategy(item=held.cluster, actor=users["editor"], element_kind=ElementKind.FIELD, parent=field)

    assert "parent" in error.value.message_dict


def test_a_goal_is_no_hand_over(held, users):
    with pytest.raises(ValidationError) as error:
        handover_to_strategy(item=held.cluster, actor=users["editor"], element_kind=ElementKind.GOAL)

    assert "element_kind" in error.value.message_dict


def test_a_hidden_item_is_refused(held, users):
    Item.objects.filter(pk=held.winner.pk).update(hidden=True)

    with pytest.raises(ValidationError, match=_("This item was hidden by the facilitator and cannot be handed over.")):
        handover_to_strategy(item=held.winner, actor=users["editor"], element_kind=ElementKind.FIELD)

    assert not Element.objects.exists()
    assert not AuditEntry.objects.filter(action="workshops.handover").exists()


def test_an_item_of_an_open_phase_is_refused(live_session, users):
    phase = phase_add(session=live_session, actor=users["editor"], data={"kind": PhaseKind.COLLECT, "title": "Offen"})
    phase_open(phase=phase, actor=users["editor"])
    card = item_add(phase=phase, actor=users["editor"], text="Noch offen")

    with pytest.raises(
        ValidationError,
        match=re.escape(
            _("The phase “%(phase)s” is not closed: only results of closed phases can be handed over.")
            % {"phase": "Offen"}
        ),
    ):
        handover_to_strategy(item=card, actor=users["editor"], element_kind=ElementKind.FIELD)


def test_a_card_merged_into_another_is_refused_with_the_name_of_the_other(live_session, users):
    phase = phase_add(session=live_session, actor=users["editor"], data={"kind": PhaseKind.COLLECT, "title": "Sammeln"})
    phase_open(phase=phase, actor=users["editor"])
    first = item_add(phase=phase, actor=users["editor"], text="Breitband")
    second = item_add(phase=phase, actor=users["editor"], text="Glasfaser")
    items_merge(target=first, items=[second], actor=users["editor"])
    session_end(session=live_session, actor=users["editor"])
    second.refresh_from_db()

    with pytest.raises(ValidationError, match="Breitband"):
        handover_to_strategy(item=second, actor=users["editor"], element_kind=ElementKind.FIELD)


def test_an_existing_element_can_cite_a_result_once(held, users):
    strategy = strategy_ensure(process=held.session.workshop.process)
    field = element_create(
        strategy=strategy, actor=users["editor"], kind=ElementKind.FIELD, data={"title": "Fachkräfte"}
    )

    link = handover_link(item=held.winner, actor=users["editor"], element=field)

    assert link.element == field
    assert link.kind == "workshop_item"
    with pytest.raises(ValidationError, match=_("This element already cites this source.")):
        handover_link(item=held.winner, actor=users["editor"], element=field)
    assert AuditEntry.objects.filter(action="workshops.handover").count() == 1


def test_an_element_of_another_process_cannot_cite_the_result(held, users, regions):
    from standortkompass.processes.models import StrategyProcess

    other = StrategyProcess.objects.create(title="Anderer Prozess", slug="anderer", region=regions["08118"])
    field = element_create(
        strategy=strategy_ensure(process=other), actor=users["editor"], kind=ElementKind.FIELD, data={"title": "X"}
    )

    with pytest.raises(ValidationError) as error:
        handover_link(item=held.winner, actor=users["editor"], element=field)

    assert "element" in error.value.message_dict


def test_a_long_card_text_is_shortened_to_a_title(held, users):
    Item.objects.filter(pk=held.winner.pk).update(text=("Wort " * 50).strip())
    held.winner.refresh_from_db()

    element = handover_to_strategy(item=held.winner, actor=users["editor"], element_kind=ElementKind.FIELD)

    assert len(element.title) <= 200
    assert element.title.endswith("…")
