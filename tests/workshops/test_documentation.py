"""The documentation page of a live session (every phase's frozen result with its data table, participation by
stakeholder group, where an idea came from and what became of it) and the hand-over page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.strategy.models import Element, ElementKind
from standortkompass.strategy.services.elements import element_create, strategy_ensure
from standortkompass.workshops.models import Item, StakeholderGroup, Workshop
from standortkompass.workshops.selectors.documentation import session_documentation
from standortkompass.workshops.services.handover import handover_to_strategy
from workshops.held_session import Held, build_held_session


@pytest.fixture
def held(live_session, users) -> Held:
    return build_held_session(live_session, users["editor"])


def _url(held: Held) -> str:
    return reverse(
        "workshops_manage:documentation",
        kwargs={"process_pk": held.session.workshop.process_id, "session_pk": held.session.pk},
    )


def _handover_url(held: Held, item: Item) -> str:
    return reverse(
        "workshops_manage:handover",
        kwargs={"process_pk": held.session.workshop.process_id, "session_pk": held.session.pk, "item_pk": item.pk},
    )


def test_the_documentation_holds_every_closed_phase_with_its_figures(held):
    doc = session_documentation(held.session)

    assert [phase.phase.title for phase in doc.phases] == [
        "Karten sammeln",
        "Clustern",
        "Punkte",
        "Matrix",
        "Paarvergleich",
        "Steckbriefe",
        "Zusagen",
    ]
    assert all(phase.closed and phase.frozen for phase in doc.phases)
    dots = doc.phases[2]
    assert dots.table is not None
    assert dots.table.rows[0][1].text == "Fachkräfte"
    assert dots.table.rows[0][2].text == "5"
    assert dots.voters == 3
    matrix = doc.phases[3].table
    assert matrix is not None
    assert len(matrix.columns) == 8
    assert "Wirkung" in matrix.columns[2].text
    assert doc.joined == 3
    assert doc.took_part == 3
    assert {row.group: row.joined for row in doc.participation} == {
        str(StakeholderGroup.COMPANY.label): 2,
        str(StakeholderGroup.MUNICIPALITY.label): 1,
    }


def test_a_cluster_shows_its_cards_and_commitments_their_names(held):
    doc = session_documentation(held.session)

    cluster = next(item for item in doc.phases[1].items if item.id == held.cluster.pk)
    assert [member.text for member in cluster.members] == ["Azubis finden", "Fachkräfte halten"]
    commitment = doc.phases[6].items[0]
    assert [name for _role, name, _note in commitment.commitments] == ["Kim Muster", "Max Papier"]


def test_a_carried_item_says_where_it_came_from(held):
    doc = session_documentation(held.session)

    winner = next(item for item in doc.phases[2].items if item.id == held.winner.pk)
    assert [origin.item_id for origin in winner.lineage] == [held.cluster.pk]
    assert winner.lineage[0].phase == "Clustern"
    assert winner.lineage[0].same_session


def test_what_became_of_an_idea_follows_it_through_the_funnel(held, users):
    handover_to_strategy(
        item=held.phases["pairwise"].items.get(text="Fachkräfte"),
        actor=users["editor"],
        element_kind=ElementKind.FIELD,
        title="Fachkräfte sichern",
    )

    doc = session_documentation(held.session)

    pairwise = next(item for item in doc.phases[4].items if item.text == "Fachkräfte")
    assert [citation.title for citation in pairwise.citations] == ["Fachkräfte sichern"]
    assert not pairwise.cited_later
    cluster = next(item for item in doc.phases[1].items if item.id == held.cluster.pk)
    assert [citation.title for citation in cluster.citations] == ["Fachkräfte sichern"]
    assert cluster.cited_later
    card = next(member for member in cluster.members if member.text == "Azubis finden")
    assert [citation.title for citation in card.citations] == ["Fachkräfte sichern"]
    assert doc.handed_over == 1


def test_the_page_shows_phases_tables_and_participation(held, client_for):
    response = client_for("board").get(_url(held))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Strategiewerkstatt (Test)" in content
    assert 'id="phase-' in content
    assert f'id="eintrag-{held.winner.pk}"' in content
    assert "Kim Muster" in content  # named with the commitment
    assert "Erika" not in content  # display names are never shown
    assert _("Data table") in content
    assert _("Hand over to the strategy …") not in content  # board members only read
    assert (
        reverse("workshops_manage:export_csv", args=[held.session.workshop.process_id, held.session.pk]) not in content
    )


def test_facilitators_get_the_exports_and_the_hand_over(held, client_for):
    content = client_for("editor").get(_url(held)).content.decode()

    assert reverse("workshops_manage:export_csv", args=[held.session.workshop.process_id, held.session.pk]) in content
    assert _handover_url(held, held.winner) in content
    assert _handover_url(held, held.cluster) in content
    assert _handover_url(held, held.canvas) in content
    card = held.phases["collect"].items.first()
    assert card is not None
    assert _handover_url(held, card) not in content  # plain cards of a collect phase are no result to hand over


def test_demo_results_are_labelled(held, client_for):
    Workshop.objects.filter(pk=held.session.workshop_id).update(is_demo=True)

    content = client_for("editor").get(_url(held)).content.decode()

    assert _("Demo data") in content


def test_the_list_links_the_documented_sessions(held, client_for):
    url = reverse("workshops_manage:documentations", kwargs={"process_pk": held.session.workshop.process_id})

    content = client_for("board").get(url).content.decode()

    assert _url(held) in content


@pytest.mark.parametrize(
    ("role", "expected"),
    [("editor", 200), ("admin", 200), ("board", 200), ("partner", 403), ("company", 403), ("outsider", 404)],
)
def test_the_documentation_is_for_those_who_see_results(live_session, client_for, process, role, expected):
    for name, kwargs in (
        ("workshops_manage:documentation", {"process_pk": process.pk, "session_pk": live_session.pk}),
        ("workshops_manage:documentations", {"process_pk": process.pk}),
    ):
        assert client_for(role).get(reverse(name, kwargs=kwargs)).status_code == expected


def test_anonymous_visitors_are_sent_to_the_log_in(live_session, client_for, process):
    url = reverse("workshops_manage:documentation", kwargs={"process_pk": process.pk, "session_pk": live_session.pk})

    response = client_for("anonymous").get(url)

    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("editor", 200), ("admin", 200), ("board", 403), ("partner", 403), ("company", 403), ("outsider", 404)],
)
def test_the_hand_over_is_for_facilitators(held, client_for, role, expected):
    url = _handover_url(held, held.winner)

    posted = client_for(role).post(url, {"action": "create", "neu-element_kind": "field", "neu-title": "X"})

    assert client_for(role).get(url).status_code == expected
    assert posted.status_code == (302 if expected == 200 else expected)
    assert Element.objects.exists() == (expected == 200)


def test_handing_over_a_cluster_makes_a_field_of_action_and_returns_to_the_item(held, client_for):
    response = client_for("editor").post(
        _handover_url(held, held.cluster),
        {"action": "create", "neu-element_kind": "field", "neu-title": "Fachkräfte sichern", "neu-parent": ""},
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#eintrag-{held.cluster.pk}")
    element = Element.objects.get()
    assert element.kind == ElementKind.FIELD
    assert element.title == "Fachkräfte sichern"
    content = client_for("editor").get(response["Location"]).content.decode()
    assert _("What became of this idea?") in content
    assert "Fachkräfte sichern" in content


def test_a_measure_without_its_field_is_refused_next_to_the_field(held, client_for):
    response = client_for("editor").post(
        _handover_url(held, held.winner), {"action": "create", "neu-element_kind": "measure", "neu-title": "Ausbildung"}
    )

    assert response.status_code == 200
    assert _("Choose the field of action this measure belongs to.") in response.content.decode()
    assert not Element.objects.exists()


def test_a_result_can_be_cited_by_an_existing_element(held, client_for, users):
    field = element_create(
        strategy=strategy_ensure(process=held.session.workshop.process),
        actor=users["editor"],
        kind=ElementKind.FIELD,
        data={"title": "Fachkräfte"},
    )

    response = client_for("editor").post(
        _handover_url(held, held.winner), {"action": "link", "zuordnen-element": str(field.pk), "zuordnen-note": ""}
    )

    assert response.status_code == 302
    assert field.evidence.get().source_key == f"workshop_item:{held.winner.pk}"


def test_a_hidden_item_says_why_it_cannot_be_handed_over(held, client_for):
    Item.objects.filter(pk=held.winner.pk).update(hidden=True)

    response = client_for("editor").get(_handover_url(held, held.winner))

    assert response.status_code == 200
    assert _("This item was hidden by the facilitator and cannot be handed over.") in response.content.decode()
    response = client_for("editor").post(
        _handover_url(held, held.winner), {"action": "create", "neu-element_kind": "field", "neu-title": "X"}
    )
    assert response.status_code == 200
    assert not Element.objects.exists()


def test_an_item_of_another_session_is_not_found(held, client_for, workshop, users):
    from standortkompass.workshops.services.workshops import session_create

    other = session_create(workshop=workshop, actor=users["editor"], title="Andere Sitzung")
    url = reverse(
        "workshops_manage:handover",
        kwargs={"process_pk": workshop.process_id, "session_pk": other.pk, "item_pk": held.winner.pk},
    )

    assert client_for("editor").get(url).status_code == 404
