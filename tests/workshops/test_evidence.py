"""Workshop items as a kind of evidence ("workshop_item"): the choice of sources, how a cited item is shown to
Redaktion and to the public, its key, and many resolved at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _

from standortkompass.processes import evidence
from standortkompass.processes.models import StrategyProcess
from standortkompass.workshops.models import Item
from standortkompass.workshops.selectors.evidence import WORKSHOP_ITEM, documentation_url, item_standings
from workshops.held_session import Held, build_held_session


@pytest.fixture
def held(live_session, users) -> Held:
    return build_held_session(live_session, users["editor"])


def test_the_kind_is_registered_with_the_strategy():
    assert evidence.kind("workshop_item") is WORKSHOP_ITEM


def test_the_choice_offers_clusters_winners_and_canvases_of_closed_phases(held, process):
    options = WORKSHOP_ITEM.options(process)
    offered = {option.reference["item"] for option in options}

    assert held.cluster.pk in offered
    assert held.winner.pk in offered
    assert held.canvas.pk in offered
    collected = held.phases["collect"].items.values_list("pk", flat=True)
    assert not offered & set(collected)  # plain cards of the collect phase are no result
    winner = next(option for option in options if option.reference["item"] == held.winner.pk)
    assert winner.label.startswith("Fachkräfte (")
    assert "Punkte" in winner.group or held.phases["dots"].title in winner.group


def test_hidden_items_are_not_offered(held, process):
    Item.objects.filter(pk=held.winner.pk).update(hidden=True)

    assert held.winner.pk not in {option.reference["item"] for option in WORKSHOP_ITEM.options(process)}


def test_an_item_resolves_for_redaktion_with_its_standing_and_a_link_to_the_documentation(held, process):
    shown = evidence.resolve(process, "workshop_item", {"item": held.winner.pk}, public=False)

    assert shown is not None
    assert shown.title == "Fachkräfte"
    assert shown.url == documentation_url(held.session, held.winner.pk)
    assert shown.url.endswith(f"#eintrag-{held.winner.pk}")
    assert "Strategiewerkstatt (Test)" in shown.summary
    assert held.phases["dots"].title in shown.summary
    standing = item_standings(held.phases["dots"])[held.winner.pk]
    assert shown.figure == standing.text
    assert standing.rank == 1
    assert standing.of == 3
    assert _("rank %(rank)s of %(count)s") % {"rank": 1, "count": 3} in standing.text


def test_the_public_sees_the_text_and_the_workshop_without_a_link(held, process):
    shown = evidence.resolve(process, "workshop_item", {"item": held.winner.pk}, public=True)

    assert shown is not None
    assert shown.title == "Fachkräfte"
    assert shown.url == ""
    assert shown.summary == ""
    assert shown.source.startswith("Strategiewerkstatt (Test)")


@pytest.mark.parametrize("reference", [{"item": 0}, {"item": "x"}, {}, {"item": True}])
def test_unknown_references_resolve_to_nothing(held, process, reference):
    assert evidence.resolve(process, "workshop_item", reference, public=False) is None


def test_a_hidden_item_and_an_item_of_another_process_resolve_to_nothing(held, process, regions):
    other = StrategyProcess.objects.create(title="Anderer Prozess", slug="anderer", region=regions["08118"])

    assert evidence.resolve(other, "workshop_item", {"item": held.winner.pk}, public=False) is None
    Item.objects.filter(pk=held.winner.pk).update(hidden=True)
    assert evidence.resolve(process, "workshop_item", {"item": held.winner.pk}, public=False) is None


def test_the_source_key_names_the_item():
    assert WORKSHOP_ITEM.source_key({"item": 17}) == "workshop_item:17"
    assert WORKSHOP_ITEM.source_key({"item": "17"}) == "workshop_item:17"


def test_many_items_are_resolved_together_in_the_order_asked(held, process):
    references = [{"item": held.canvas.pk}, {"item": 0}, {"item": held.winner.pk}, {"item": held.cluster.pk}]

    with CaptureQueriesContext(connection) as queries:
        answers = evidence.resolve_all(process, [("workshop_item", ref) for ref in references], public=False)

    assert [answer.title if answer else None for answer in answers] == [
        "Azubi-Tour",
        None,
        "Fachkräfte",
        "Fachkräfte",
    ]
    # one query for the items, the phases' frozen results need none
    assert len(queries) <= 2


def test_a_canvas_shows_its_goal(held, process):
    shown = evidence.resolve(process, "workshop_item", {"item": held.canvas.pk}, public=False)

    assert shown is not None
    assert "Schüler lernen Betriebe kennen" in shown.summary


def test_standings_say_what_each_phase_counts(held):
    dots = item_standings(held.phases["dots"])
    matrix = item_standings(held.phases["matrix"])
    pairwise = item_standings(held.phases["pairwise"])
    clusters = item_standings(held.phases["cluster"])

    assert dots[held.winner.pk].text.startswith("5 ")  # 2 + 1 + 2 dots
    assert "Wirkung" in matrix[held.phases["matrix"].items.get(text="Fachkräfte").pk].text
    assert "%" in pairwise[held.phases["pairwise"].items.get(text="Fachkräfte").pk].text
    assert clusters[held.cluster.pk].text.startswith("2 ")  # two cards
    # the cluster's cards share their cluster's standing
    member = held.phases["cluster"].items.get(text="Azubis finden")
    assert clusters[member.pk] == clusters[held.cluster.pk]
