"""The facilitator console: driving the phases, the timer, reveal and split, cards (hide, merge, clusters),
paper results, the pick, the participation and removing a participant. Every control is a plain form with
post/redirect/get; bad input shows the console again with the message at the field."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from standortkompass.audit.models import AuditEntry
from standortkompass.workshops.models import (
    Contribution,
    ContributionOrigin,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionPhase,
)
from standortkompass.workshops.services.contributions import item_add, points_change
from standortkompass.workshops.services.participation import participant_join
from standortkompass.workshops.services.phases import phase_add, phase_close, phase_open


def url(name: str, *args: object) -> str:
    return reverse(f"workshops_manage:{name}", args=list(args))


@pytest.fixture
def editor(client_for) -> Client:
    return client_for("editor")


def add_phase(session: LiveSession, users, kind: str, title: str, **data: object) -> SessionPhase:
    return phase_add(session=session, actor=users["editor"], data={"kind": kind, "title": title, **data})  # type: ignore[typeddict-item]


@pytest.fixture
def phases(live_session: LiveSession, users) -> dict[str, SessionPhase]:
    collect = add_phase(live_session, users, PhaseKind.COLLECT, "Karten sammeln", prompt="Was fehlt?")
    cluster = add_phase(live_session, users, PhaseKind.CLUSTER, "Clustern", input_mode="all", input_phase=collect)
    dots = add_phase(
        live_session,
        users,
        PhaseKind.DOT_VOTE,
        "Punkten",
        input_mode="all",
        input_phase=cluster,
        settings={"budget": 3, "reveal": "manual"},
    )
    pick = add_phase(live_session, users, PhaseKind.PAIRWISE, "Vergleich", input_mode="pick", input_phase=dots)
    return {"collect": collect, "cluster": cluster, "dots": dots, "pick": pick}


def console(client: Client, session: LiveSession, phase: SessionPhase | None = None) -> str:
    address = url("console", session.workshop.process_id, session.pk)
    if phase is not None:
        address += f"?phase={phase.pk}"
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- phases ----------------------------------------------------------------------------------------------------


def test_the_console_offers_to_open_the_first_phase(editor, live_session, phases):
    text = console(editor, live_session)
    assert "Karten sammeln" in text
    assert url("phase_open", live_session.workshop.process_id, live_session.pk, phases["collect"].pk) in text
    assert "data-results-region" in text
    assert live_session.join_code in text


def test_opening_the_next_phase_and_closing_it(editor, process, live_session, phases):
    collect = phases["collect"]
    response = editor.post(url("phase_open", process.pk, live_session.pk, collect.pk))
    assert response["Location"] == url("console", process.pk, live_session.pk)
    collect.refresh_from_db()
    live_session.refresh_from_db()
    assert collect.state == PhaseState.OPEN
    assert live_session.current_phase_id == collect.pk
    text = console(editor, live_session)
    assert url("phase_close", process.pk, live_session.pk, collect.pk) in text
    assert url("phase_open", process.pk, live_session.pk, phases["cluster"].pk) in text  # the next one
    editor.post(url("phase_close", process.pk, live_session.pk, collect.pk))
    collect.refresh_from_db()
    assert collect.state == PhaseState.CLOSED
    assert collect.snapshot is not None


def test_a_phase_of_a_prepared_session_cannot_be_opened(editor, process, workshop, users):
    from standortkompass.workshops.services.workshops import session_create

    prepared = session_create(workshop=workshop, actor=users["editor"], title="Vorbereitet")
    phase = add_phase(prepared, users, PhaseKind.COLLECT, "Sammeln")
    response = editor.post(url("phase_open", process.pk, prepared.pk, phase.pk), follow=True)
    phase.refresh_from_db()
    assert phase.state == PhaseState.PENDING
    assert messages_of(response)


def test_reopening_needs_a_reason_that_goes_to_the_audit_log(editor, process, live_session, phases, users):
    collect = phases["collect"]
    phase_open(phase=collect, actor=users["editor"])
    phase_close(phase=collect, actor=users["editor"])
    address = url("phase_reopen", process.pk, live_session.pk, collect.pk)
    response = editor.post(address, {"reason": ""})
    assert response.status_code == 200
    assert 'id="id_reason-error"' in response.content.decode()
    collect.refresh_from_db()
    assert collect.state == PhaseState.CLOSED
    response = editor.post(address, {"reason": "Papierkarten fehlten"})
    assert response.status_code == 302
    collect.refresh_from_db()
    assert collect.state == PhaseState.OPEN
    entry = AuditEntry.objects.get(action="workshops.phase.reopen")
    assert "Papierkarten fehlten" in str(entry.changes)


def test_results_are_revealed_and_hidden_and_split_by_group(editor, process, live_session, phases, users):
    dots = phases["dots"]
    for phase in (phases["collect"], phases["cluster"], dots):
        phase_open(phase=phase, actor=users["editor"])
    editor.post(url("phase_reveal", process.pk, live_session.pk, dots.pk), {"revealed": "1"})
    dots.refresh_from_db()
    assert dots.revealed is True
    editor.post(url("phase_reveal", process.pk, live_session.pk, dots.pk), {"revealed": "0"})
    dots.refresh_from_db()
    assert dots.revealed is False
    editor.post(url("phase_split", process.pk, live_session.pk, dots.pk), {"split": "1"})
    dots.refresh_from_db()
    assert dots.split_by_group is True


def test_the_timer_starts_with_minutes_and_stops(editor, process, live_session, phases, users):
    collect = phases["collect"]
    phase_open(phase=collect, actor=users["editor"])
    response = editor.post(url("phase_timer", process.pk, live_session.pk, collect.pk), {"minutes": "7"})
    assert response.status_code == 302
    collect.refresh_from_db()
    assert collect.timer_ends_at is not None
    assert 6 * 60 < (collect.timer_ends_at - collect.opened_at).total_seconds() <= 7 * 60 + 5
    editor.post(url("phase_timer", process.pk, live_session.pk, collect.pk), {"stop": "1"})
    collect.refresh_from_db()
    assert collect.timer_ends_at is None


def test_a_timer_beyond_two_hours_is_refused_at_the_field(editor, process, live_session, phases, users):
    collect = phases["collect"]
    phase_open(phase=collect, actor=users["editor"])
    response = editor.post(url("phase_timer", process.pk, live_session.pk, collect.pk), {"minutes": "500"})
    assert response.status_code == 200
    assert 'id="id_timer_minutes-error"' in response.content.decode()
    collect.refresh_from_db()
    assert collect.timer_ends_at is None


# --- cards -----------------------------------------------------------------------------------------------------


@pytest.fixture
def cards(live_session, phases, users) -> list[Item]:
    phase_open(phase=phases["collect"], actor=users["editor"])
    person, _token = participant_join(session=live_session, display_name="Kim", group="company")
    return [
        item_add(phase=phases["collect"], participant=person, text=text)
        for text in ("Fachkräfte fehlen", "Zu wenig Fachkräfte", "Breitband <b>langsam</b>")
    ]


def test_cards_are_listed_and_escaped(editor, live_session, cards):
    text = console(editor, live_session)
    assert "Fachkräfte fehlen" in text
    assert "Breitband &lt;b&gt;langsam&lt;/b&gt;" in text
    assert "<b>langsam</b>" not in text


def test_the_card_list_alone_is_what_the_console_fetches_when_cards_change(
    editor, process, live_session, phases, cards
):
    page = console(editor, live_session, phases["collect"])
    address = url("console_cards", process.pk, live_session.pk) + f"?phase={phases['collect'].pk}"
    assert f'data-fragment-url="{address}"' in page.replace("&amp;", "&")
    person, _token = participant_join(session=live_session, display_name="Lou", group="municipality")
    item_add(phase=phases["collect"], participant=person, text="Neue Karte & mehr")
    response = editor.get(address)
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section aria-labelledby="karten-titel"')
    assert "Neue Karte &amp; mehr" in fragment
    assert "Fachkräfte fehlen" in fragment
    assert "data-live-hold" not in fragment  # swapped freely while no form shows errors


def test_a_card_form_showing_errors_holds_the_list(editor, process, live_session, phases, cards):
    response = editor.post(
        url("cards", process.pk, live_session.pk, phases["collect"].pk),
        {"items": [cards[0].pk, cards[1].pk], "action": "merge"},
    )
    assert "data-live-hold" in response.content.decode()


def test_paper_cards_are_typed_in_several_lines_at_once_and_marked(editor, process, live_session, phases, cards):
    collect = phases["collect"]
    response = editor.post(
        url("paper_cards", process.pk, live_session.pk, collect.pk),
        {"texts": "Gewerbeflächen knapp\n\n  ÖPNV am Abend  \n"},
    )
    assert response.status_code == 302
    paper = list(collect.items.filter(origin=ItemOrigin.PAPER).order_by("position"))
    assert [item.text for item in paper] == ["Gewerbeflächen knapp", "ÖPNV am Abend"]
    text = console(editor, live_session)
    assert "Papier" in text or "Paper" in text


def test_an_empty_or_too_long_paper_entry_names_the_problem(editor, process, live_session, phases, cards):
    collect = phases["collect"]
    address = url("paper_cards", process.pk, live_session.pk, collect.pk)
    response = editor.post(address, {"texts": "  \n "})
    assert 'id="id_paper_texts-error"' in response.content.decode()
    response = editor.post(address, {"texts": "kurz\n" + "x" * 300})
    text = response.content.decode()
    assert 'id="id_paper_texts-error"' in text
    assert "2" in text
    assert not collect.items.filter(origin=ItemOrigin.PAPER).exists()


def test_two_cards_are_merged_into_a_third(editor, process, live_session, phases, cards):
    first, second, _third = cards
    response = editor.post(
        url("cards", process.pk, live_session.pk, phases["collect"].pk),
        {"items": [first.pk, second.pk], "target": first.pk, "action": "merge"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.cluster_id == first.pk
    assert AuditEntry.objects.filter(action="workshops.item.merge").exists()


def test_merging_without_a_target_names_the_field(editor, process, live_session, phases, cards):
    response = editor.post(
        url("cards", process.pk, live_session.pk, phases["collect"].pk),
        {"items": [cards[0].pk, cards[1].pk], "action": "merge"},
    )
    assert response.status_code == 200
    assert 'href="#id_target"' in response.content.decode()
    cards[1].refresh_from_db()
    assert cards[1].cluster_id is None


def test_a_card_is_hidden_and_shown_again(editor, process, live_session, phases, cards):
    address = url("cards", process.pk, live_session.pk, phases["collect"].pk)
    editor.post(address, {"hide": cards[2].pk})
    cards[2].refresh_from_db()
    assert cards[2].hidden is True
    assert AuditEntry.objects.filter(action="workshops.item.hide").exists()
    editor.post(address, {"show": cards[2].pk})
    cards[2].refresh_from_db()
    assert cards[2].hidden is False


def test_a_card_of_another_phase_cannot_be_hidden_here(editor, process, live_session, phases, cards):
    response = editor.post(url("cards", process.pk, live_session.pk, phases["cluster"].pk), {"hide": cards[0].pk})
    assert response.status_code == 200
    cards[0].refresh_from_db()
    assert cards[0].hidden is False


def test_a_cluster_is_created_renamed_and_cards_moved_into_it(editor, process, live_session, phases, cards, users):
    phase_close(phase=phases["collect"], actor=users["editor"])
    cluster_phase = phases["cluster"]
    phase_open(phase=cluster_phase, actor=users["editor"])
    carried = list(cluster_phase.items.order_by("position"))
    assert len(carried) == 3
    response = editor.post(url("cluster_create", process.pk, live_session.pk, cluster_phase.pk), {"text": "Fachkräfte"})
    assert response.status_code == 302
    cluster = cluster_phase.items.get(kind=ItemKind.CLUSTER)
    editor.post(
        url("cards", process.pk, live_session.pk, cluster_phase.pk),
        {"items": [carried[0].pk, carried[1].pk], "cluster": cluster.pk, "action": "move"},
    )
    assert set(cluster.members.values_list("pk", flat=True)) == {carried[0].pk, carried[1].pk}
    editor.post(
        url("cluster_rename", process.pk, live_session.pk, cluster_phase.pk),
        {"cluster": cluster.pk, "text": "Fachkräfte sichern"},
    )
    cluster.refresh_from_db()
    assert cluster.text == "Fachkräfte sichern"
    editor.post(
        url("cards", process.pk, live_session.pk, cluster_phase.pk),
        {"items": [carried[1].pk], "cluster": "none", "action": "move"},
    )
    carried[1].refresh_from_db()
    assert carried[1].cluster_id is None
    text = console(editor, live_session)
    assert "Fachkräfte sichern" in text


def test_paper_dots_are_entered_per_item(editor, process, live_session, phases, cards, users):
    for phase in (phases["cluster"], phases["dots"]):
        phase_open(phase=phase, actor=users["editor"])
    dots = phases["dots"]
    items = list(dots.items.filter(cluster__isnull=True).order_by("position"))
    response = editor.post(
        url("paper_points", process.pk, live_session.pk, dots.pk),
        {f"item_{items[0].pk}": "4", f"item_{items[1].pk}": ""},
    )
    assert response.status_code == 302
    paper = Contribution.objects.get(phase=dots, origin=ContributionOrigin.PAPER)
    assert (paper.item_id, paper.value, paper.participant_id) == (items[0].pk, 4, None)
    text = console(editor, live_session)
    assert 'value="4"' in text  # the count entered is shown again


def test_negative_paper_dots_are_refused_at_the_field(editor, process, live_session, phases, cards, users):
    for phase in (phases["cluster"], phases["dots"]):
        phase_open(phase=phase, actor=users["editor"])
    dots = phases["dots"]
    item = dots.items.first()
    response = editor.post(url("paper_points", process.pk, live_session.pk, dots.pk), {f"item_{item.pk}": "-2"})
    assert response.status_code == 200
    assert f'id="id_points_item_{item.pk}-error"' in response.content.decode()
    assert not Contribution.objects.filter(phase=dots).exists()


def test_the_console_shows_the_facilitator_the_result_before_it_is_revealed(editor, live_session, phases, cards, users):
    for phase in (phases["cluster"], phases["dots"]):
        phase_open(phase=phase, actor=users["editor"])
    dots = phases["dots"]
    voter, _token = participant_join(session=live_session, group="science")
    target = dots.items.get(text="Fachkräfte fehlen")
    points_change(phase=dots, participant=voter, item=target, delta=2)
    text = console(editor, live_session, dots)
    assert "Bisheriges Ergebnis" in text or "Result so far" in text
    assert "Fachkräfte fehlen" in text


def test_the_pick_for_a_later_phase_is_offered_from_the_console(editor, process, live_session, phases, users):
    text = console(editor, live_session, phases["dots"])
    address = url("phase_pick", process.pk, live_session.pk, phases["pick"].pk) + "?von=moderation"
    assert address in text


# --- participants ----------------------------------------------------------------------------------------------


def test_participation_is_shown_by_stakeholder_group(editor, live_session, phases):
    participant_join(session=live_session, display_name="Kim", group="company")
    participant_join(session=live_session, display_name="Ali", group="science")
    text = console(editor, live_session)
    assert "Kim" in text
    assert "Ali" in text
    assert "Unternehmen" in text or "Company" in text


def test_a_participant_is_removed_after_confirming(editor, process, live_session, phases):
    person, _token = participant_join(session=live_session, display_name="Störer", group="other")
    address = url("participant_remove", process.pk, live_session.pk, person.pk)
    page = editor.get(address)
    assert page.status_code == 200
    assert "Störer" in page.content.decode()
    person.refresh_from_db()
    assert person.removed_at is None
    response = editor.post(address)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.removed_at is not None
    assert AuditEntry.objects.filter(action="workshops.participant.remove").exists()


def test_a_participant_of_another_session_is_not_found(editor, process, live_session, workshop, users):
    from standortkompass.workshops.services.workshops import session_create

    other = session_create(workshop=workshop, actor=users["editor"], title="Andere")
    person, _token = participant_join(session=live_session, display_name="Kim")
    assert editor.get(url("participant_remove", process.pk, other.pk, person.pk)).status_code == 404


def test_console_posts_need_the_csrf_token(editor, process, live_session, phases):
    editor.handler.enforce_csrf_checks = True
    response = editor.post(url("phase_open", process.pk, live_session.pk, phases["collect"].pk))
    assert response.status_code == 403
    phases["collect"].refresh_from_db()
    assert phases["collect"].state == PhaseState.PENDING


def test_the_console_of_a_session_without_phases_says_so(editor, live_session):
    text = console(editor, live_session)
    assert "noch keine Phasen" in text or "has no phases yet" in text
    assert url("phase_create", live_session.workshop.process_id, live_session.pk) in text


def test_a_phase_of_another_session_is_not_chosen_in_the_console(
    editor, process, live_session, phases, workshop, users
):
    from standortkompass.workshops.services.workshops import session_create

    other = session_create(workshop=workshop, actor=users["editor"], title="Andere")
    foreign = add_phase(other, users, PhaseKind.COLLECT, "Fremde Phase")
    text = console(editor, live_session, foreign)
    assert "Fremde Phase" not in text
    assert editor.post(url("phase_open", process.pk, live_session.pk, foreign.pk)).status_code == 404
