"""The demo's held workshops: an Unternehmensworkshop and a Strategiewerkstatt with generated, labelled results
whose candidates are cited by the demo strategy's fields of action; idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.processes import evidence
from standortkompass.processes.demo.builder import event_uid
from standortkompass.processes.demo.steps import demo_steps
from standortkompass.processes.models import Event
from standortkompass.standortanalyse.models import Finding
from standortkompass.strategy.demo import strategy_demo_load
from standortkompass.strategy.models import ElementKind, EvidenceLink
from standortkompass.strategy.services.elements import element_create, strategy_ensure
from standortkompass.workshops.demo import TOPICS, workshops_demo_load
from standortkompass.workshops.models import (
    Contribution,
    Item,
    ItemKind,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseState,
    SessionState,
    Workshop,
    WorkshopKind,
)
from standortkompass.workshops.selectors.documentation import session_documentation

FIELDS = [topic.field for topic in TOPICS if topic.field]


@pytest.fixture
def demo_setting(process, users):
    """What the demo's earlier steps leave: the workshop dates, a finding and the strategy's fields of action."""
    start = timezone.make_aware(dt.datetime(2027, 1, 20, 9, 30))
    for key, days in (("unternehmensworkshop", 0), ("strategiewerkstatt", 49)):
        Event.objects.create(
            process=process,
            uid=event_uid(key),
            title=key,
            kind="workshop",
            start=start + dt.timedelta(days=days),
            end=start + dt.timedelta(days=days, hours=4),
        )
    Finding.objects.create(process=process, kind="weakness", title="Auspendlerüberschuss", text="Viele pendeln aus.")
    strategy = strategy_ensure(process=process)
    for title in FIELDS:
        element_create(strategy=strategy, actor=users["editor"], kind=ElementKind.FIELD, data={"title": title})
    return process


@pytest.fixture
def demo(demo_setting):
    return workshops_demo_load(process=demo_setting)


def test_the_step_runs_after_the_strategy(demo_setting):
    steps = demo_steps()

    assert steps.index(workshops_demo_load) > steps.index(strategy_demo_load)


def test_the_demo_holds_two_workshops_labelled_as_demo(demo, process):
    workshops = Workshop.objects.filter(process=process).order_by("kind")

    assert sorted(workshop.kind for workshop in workshops) == [WorkshopKind.COMPANY, WorkshopKind.STRATEGY]
    assert all(workshop.is_demo and "(Demo)" in workshop.title for workshop in workshops)
    assert all(workshop.event is not None for workshop in workshops)
    sessions = LiveSession.objects.filter(workshop__process=process)
    assert all(session.state == SessionState.ENDED for session in sessions)
    assert not sessions.filter(phases__state__in=[PhaseState.OPEN, PhaseState.PENDING]).exists()
    assert not sessions.filter(phases__snapshot__isnull=True).exists()
    company = sessions.get(workshop__kind=WorkshopKind.COMPANY)
    assert company.started_at == Event.objects.get(uid=event_uid("unternehmensworkshop")).start


def test_forty_pseudonymous_demo_participants_take_part_in_each(demo):
    for session in demo:
        participants = Participant.objects.filter(session=session)
        assert participants.count() == 40
        assert all(participant.is_demo and not participant.display_name for participant in participants)
        assert participants.values("group").distinct().count() >= 5


def test_the_company_workshop_clusters_its_cards_into_candidates(demo):
    company = demo[0]
    clustering = company.phases.get(kind=PhaseKind.CLUSTER)

    clusters = clustering.items.filter(kind=ItemKind.CLUSTER)
    assert sorted(clusters.values_list("text", flat=True)) == sorted(topic.cluster for topic in TOPICS)
    assert clustering.items.filter(kind=ItemKind.CARD, cluster__isnull=False).count() >= 40
    assert Item.objects.filter(phase__session=company, origin="paper").exists()


def test_the_strategy_workshop_narrows_the_candidates_by_votes_ratings_and_pairs(demo):
    strategy = demo[1]
    candidates = strategy.phases.filter(kind=PhaseKind.COLLECT).order_by("position").first()
    assert candidates is not None

    from_company = candidates.items.filter(source_reference__kind="workshop_item")
    assert from_company.count() == len(TOPICS)
    assert candidates.items.filter(source_reference__kind="finding").exists()
    dots = strategy.phases.get(kind=PhaseKind.DOT_VOTE)
    assert (
        Contribution.objects.filter(phase=dots, participant__isnull=False).values("participant").distinct().count()
        == 40
    )
    assert Contribution.objects.filter(phase=dots, origin="paper").count() == 2
    pairwise = strategy.phases.get(kind=PhaseKind.PAIRWISE)
    assert pairwise.items.count() == 6
    assert Contribution.objects.filter(phase=pairwise).count() == 40 * 15
    weights = [entry["weight"] for entry in pairwise.snapshot["result"]["items"]]
    assert sum(weights) == pytest.approx(1)


def test_the_fields_of_action_cite_the_candidates_they_came_from(demo, process):
    links = EvidenceLink.objects.filter(element__strategy__process=process, kind="workshop_item")

    assert sorted(link.element.title for link in links) == sorted(FIELDS)
    for link in links:
        shown = evidence.resolve(process, "workshop_item", link.reference, public=False)
        assert shown is not None
        item = Item.objects.get(pk=link.reference["item"])
        assert item.phase.session == demo[1]
        assert item.phase.is_voting
    # "Was wurde aus dieser Idee?" leads back to the company workshop's clusters.
    company = session_documentation(demo[0])
    clustering = next(phase for phase in company.phases if phase.phase.kind == PhaseKind.CLUSTER)
    cited = {item.text for item in clustering.items if item.citations}
    assert cited == {topic.cluster for topic in TOPICS if topic.field}


def test_running_the_step_again_changes_nothing(demo, process):
    counts = (
        Workshop.objects.count(),
        Item.objects.count(),
        Contribution.objects.count(),
        EvidenceLink.objects.count(),
    )

    again = workshops_demo_load(process=process)

    assert [session.pk for session in again] == sorted(session.pk for session in demo)
    assert (
        Workshop.objects.count(),
        Item.objects.count(),
        Contribution.objects.count(),
        EvidenceLink.objects.count(),
    ) == counts


def test_without_the_strategy_the_workshops_are_held_but_nothing_is_cited(process, users):
    workshops_demo_load(process=process)

    assert Workshop.objects.filter(process=process).count() == 2
    assert not EvidenceLink.objects.exists()


def test_the_documentation_says_demo_data(demo, client_for, process):
    url = reverse("workshops_manage:documentation", kwargs={"process_pk": process.pk, "session_pk": demo[1].pk})

    response = client_for("board").get(url)

    assert response.status_code == 200
    assert _("Demo data") in response.content.decode()
