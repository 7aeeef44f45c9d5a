"""The participant's pages: joining by code, the current phase of every kind, each action as a plain POST, and
what anonymous visitors, removed participants, wrong codes and ended sessions get."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.processes.calls_to_action import calls_to_action
from standortkompass.workshops.models import (
    Commitment,
    Contribution,
    Item,
    ItemKind,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseScope,
    PhaseState,
    SessionPhase,
    SessionState,
    StakeholderGroup,
    Table,
)
from standortkompass.workshops.selectors.participants import cookie_name
from standortkompass.workshops.services import throttle
from standortkompass.workshops.services.participation import participant_join
from standortkompass.workshops.views import participant as views

ACTIONS = ["card", "canvas", "points", "rating", "pairwise", "ranking", "cluster", "commitment", "profile", "leave"]


def url(name: str, session: LiveSession | str, **kwargs: Any) -> str:
    code = session if isinstance(session, str) else session.join_code
    return reverse(f"workshops:{name}", kwargs={"code": code, **kwargs})


def open_phase(
    session: LiveSession,
    kind: str,
    *,
    items: list[str] = (),  # type: ignore[assignment]
    settings: dict[str, Any] | None = None,
    scope: str = PhaseScope.PLENARY,
    title: str = "Phase",
) -> SessionPhase:
    position = session.phases.count()
    phase = SessionPhase.objects.create(
        session=session,
        position=position,
        kind=kind,
        title=title,
        prompt="Was braucht der Standort?",
        scope=scope,
        state=PhaseState.OPEN,
        settings=settings or {},
        opened_at=timezone.now(),
    )
    for index, text in enumerate(items):
        Item.objects.create(phase=phase, text=text, position=index, origin="facilitator")
    session.current_phase = phase
    session.save(update_fields=["current_phase"])
    return phase


def join(client: Client, session: LiveSession, *, group: str = StakeholderGroup.COMPANY, name: str = "") -> Participant:
    response = client.post(url("session", session), {"group": group, "display_name": name})
    assert response.status_code == 302, response.content.decode()[:2000]
    token = response.cookies[cookie_name(session)].value
    client.cookies[cookie_name(session)] = token
    return Participant.objects.get(session=session, token_hash=__import__("hashlib").sha256(token.encode()).hexdigest())


@pytest.fixture
def joined(client: Client, live_session: LiveSession) -> Participant:
    return join(client, live_session, name="Kim")


def items_of(phase: SessionPhase) -> list[Item]:
    return list(phase.items.order_by("position", "id"))


def text(response: Any) -> str:
    return response.content.decode()


# --- joining by code ------------------------------------------------------------------------------------------


def test_the_code_page_asks_for_the_code_without_autocomplete_and_sets_no_participant_cookie(client, live_session):
    response = client.get(reverse("workshops:join"))

    assert response.status_code == 200
    page = text(response)
    assert 'name="code"' in page
    assert 'autocomplete="off"' in page
    assert 'inputmode="text"' in page
    assert not [name for name in response.cookies if name.startswith("sk_werkstatt_")]


def test_a_typed_code_in_any_case_and_with_dashes_leads_to_its_session(client, live_session):
    response = client.post(reverse("workshops:join"), {"code": " te-st34 "})

    assert response.status_code == 302
    assert response["Location"] == url("session", live_session)


def test_an_unknown_code_is_refused_with_a_message_naming_the_field(client, live_session):
    response = client.post(reverse("workshops:join"), {"code": "QQQQQQ"})

    assert response.status_code == 400
    page = text(response)
    assert 'id="error-summary"' in page
    assert "autofocus" in page
    assert _("Code") in page
    assert 'href="#id_code"' in page
    assert 'aria-invalid="true"' in page


def test_an_empty_code_is_refused(client, live_session):
    response = client.post(reverse("workshops:join"), {"code": ""})

    assert response.status_code == 400
    assert _("Please type the code of the workshop.") in text(response)


def test_too_many_wrong_codes_are_refused_with_429(client, live_session):
    for _attempt in range(throttle.WRONG_CODES_LIMIT):
        client.post(reverse("workshops:join"), {"code": "QQQQQQ"})

    response = client.post(reverse("workshops:join"), {"code": live_session.join_code})

    assert response.status_code == 429
    assert _("Too many attempts") in text(response)
    # Guessing through the address is limited alike.
    assert client.get(url("session", live_session)).status_code == 429


def test_a_participant_behind_a_blocked_address_goes_on_with_their_own_cookie(client, live_session):
    """150 people behind one address: someone else's wrong codes must not lock out those who joined."""
    _participant, token = participant_join(session=live_session, group="company")
    for _attempt in range(throttle.WRONG_CODES_LIMIT):
        client.post(reverse("workshops:join"), {"code": "QQQQQQ"})
    assert client.get(url("session", live_session)).status_code == 429  # without the cookie: held back

    client.cookies[cookie_name(live_session)] = token
    assert client.get(url("session", live_session)).status_code == 200
    client.cookies[cookie_name(live_session)] = "a-token-of-nobody"
    assert client.get(url("session", live_session)).status_code == 429


def test_wrong_codes_in_the_address_count_against_guessing(client, live_session):
    for _attempt in range(throttle.WRONG_CODES_LIMIT):
        assert client.get(url("session", "QQQQQQ")).status_code == 404

    assert client.get(url("session", "QQQQQQ")).status_code == 429


# --- joining the session --------------------------------------------------------------------------------------


def test_the_join_page_explains_the_cookie_links_the_privacy_page_and_sets_no_cookie(client, live_session):
    response = client.get(url("session", live_session))

    assert response.status_code == 200
    page = text(response)
    assert reverse("public:page", args=["datenschutz"]) in page
    assert 'name="group"' in page
    assert 'type="radio"' in page
    assert cookie_name(live_session) not in response.cookies
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_joining_without_a_group_is_refused_naming_the_field(client, live_session):
    response = client.post(url("session", live_session), {"display_name": "Kim"})

    assert response.status_code == 400
    page = text(response)
    assert _("Please choose the group you are here for.") in page
    assert 'href="#id_group_0"' in page or 'href="#id_group"' in page
    assert not Participant.objects.exists()
    assert cookie_name(live_session) not in response.cookies


def test_joining_sets_an_http_only_lax_cookie_for_a_day_and_keeps_the_group(client, live_session):
    response = client.post(url("session", live_session), {"group": "chamber", "display_name": "Kim"})

    assert response.status_code == 302
    cookie = response.cookies[cookie_name(live_session)]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert int(cookie["max-age"]) == 24 * 3600
    assert not cookie["secure"]
    participant = Participant.objects.get()
    assert participant.group == "chamber"
    assert participant.display_name == "Kim"
    assert cookie.value not in participant.token_hash


def test_the_cookie_is_secure_over_https(client, live_session):
    response = client.post(url("session", live_session), {"group": "company"}, secure=True)

    assert response.cookies[cookie_name(live_session)]["secure"]


def test_a_session_not_started_yet_shows_that_it_starts_soon(client, live_session):
    live_session.state = SessionState.PREPARED
    live_session.save()

    response = client.get(url("session", live_session))

    assert response.status_code == 200
    assert _("It starts soon") in text(response)
    assert client.post(url("session", live_session), {"group": "company"}).status_code == 302
    assert not Participant.objects.exists()


def test_with_the_cookie_and_no_open_phase_the_participant_waits(client, live_session, joined):
    response = client.get(url("session", live_session))

    assert response.status_code == 200
    page = text(response)
    assert _("It starts in a moment") in page
    assert 'aria-live="polite"' in page
    assert 'role="status"' in page
    assert url("fragment", live_session) in page


# --- cards ----------------------------------------------------------------------------------------------------


def test_a_participant_adds_a_card_and_sees_it_escaped(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.COLLECT)

    response = client.post(url("card", live_session), {"text": "<script>alert(1)</script> Fachkräfte"})

    item = phase.items.get()
    assert response.status_code == 302
    assert response["Location"] == url("session", live_session) + f"#card-{item.pk}"
    assert item.author == joined
    page = text(client.get(url("session", live_session)))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Fachkräfte" in page


def test_an_empty_card_is_refused_with_the_field_named(client, live_session, joined):
    open_phase(live_session, PhaseKind.COLLECT)

    response = client.post(url("card", live_session), {"text": "  "})

    assert response.status_code == 400
    page = text(response)
    assert 'href="#id_text"' in page
    assert _("Please write something on the card.") in page
    assert 'aria-invalid="true"' in page


def test_a_too_long_card_is_refused(client, live_session, joined):
    open_phase(live_session, PhaseKind.COLLECT)

    response = client.post(url("card", live_session), {"text": "x" * 281})

    assert response.status_code == 400
    assert not Item.objects.exists()


def test_a_participant_edits_their_own_card_but_not_another(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.COLLECT)
    client.post(url("card", live_session), {"text": "Fachkräfte"})
    own = phase.items.get()
    other = Item.objects.create(phase=phase, text="Breitband", origin="facilitator")

    assert client.post(url("card", live_session), {"item": own.pk, "text": "Fachkräfte sichern"}).status_code == 302
    refused = client.post(url("card", live_session), {"item": other.pk, "text": "Anders"})

    own.refresh_from_db()
    other.refresh_from_db()
    assert own.text == "Fachkräfte sichern"
    assert refused.status_code == 400
    assert other.text == "Breitband"
    assert f'href="#card-text-{other.pk}"' in text(refused)


def test_only_own_cards_are_listed_in_a_plenary_collect_phase_but_the_tables_in_a_table_phase(
    client, live_session, joined
):
    table = Table.objects.create(session=live_session, name="Tisch 1")
    joined.table = table
    joined.save()
    other = Participant.objects.create(session=live_session, token_hash="b" * 64, table=table)
    phase = open_phase(live_session, PhaseKind.COLLECT)
    Item.objects.create(phase=phase, text="Karte der anderen", author=other)
    assert "Karte der anderen" not in text(client.get(url("session", live_session)))

    table_phase = open_phase(live_session, PhaseKind.COLLECT, scope=PhaseScope.TABLE)
    Item.objects.create(phase=table_phase, text="Karte am Tisch", author=other, table=table)
    assert "Karte am Tisch" in text(client.get(url("session", live_session)))


def test_a_check_in_answer_is_a_card(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.CHECK_IN)

    client.post(url("card", live_session), {"text": "Neugierig"})

    assert phase.items.get().text == "Neugierig"


# --- points ---------------------------------------------------------------------------------------------------


def test_dot_vote_plus_and_minus_and_the_remaining_points_are_shown(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.DOT_VOTE, items=["Fachkräfte", "Breitband"], settings={"budget": 3})
    first, second = items_of(phase)

    response = client.post(url("points", live_session), {"item": first.pk, "delta": 1})
    client.post(url("points", live_session), {"item": first.pk, "delta": 1})
    client.post(url("points", live_session), {"item": second.pk, "delta": 1})
    client.post(url("points", live_session), {"item": first.pk, "delta": -1})

    assert response["Location"].endswith(f"#item-{first.pk}")
    ballot = dict(Contribution.objects.filter(participant=joined).values_list("item_id", "value"))
    assert ballot == {first.pk: 1, second.pk: 1}
    page = text(client.get(url("session", live_session)))
    assert 'id="points-left"' in page
    assert "<strong>1</strong>" in page
    label = _("One point more for “%(text)s”") % {"text": "Fachkräfte"}
    assert label.replace("%%", "%") in page.replace("&quot;", '"')


def test_a_point_over_the_budget_is_refused_with_the_message_in_the_error_summary(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.DOT_VOTE, items=["Fachkräfte"], settings={"budget": 2})
    (item,) = items_of(phase)
    for _point in range(2):
        client.post(url("points", live_session), {"item": item.pk, "delta": 1})

    response = client.post(url("points", live_session), {"item": item.pk, "delta": 1})

    assert response.status_code == 400
    page = text(response)
    assert 'id="error-summary"' in page
    assert f'href="#points-{item.pk}"' in page
    assert "take some back" in page or "zurück" in page
    assert Contribution.objects.get(participant=joined).value == 2


def test_a_hundred_point_allocation_has_steps_of_ten(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.POINTS, items=["A", "B"])
    first, _second = items_of(phase)

    client.post(url("points", live_session), {"item": first.pk, "delta": 10})

    page = text(client.get(url("session", live_session)))
    assert 'value="10"' in page
    assert "<strong>90</strong>" in page


def test_a_vote_in_a_closed_phase_is_refused_with_a_message(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.DOT_VOTE, items=["A"])
    phase.state = PhaseState.CLOSED
    phase.save()

    response = client.post(url("points", live_session), {"item": items_of(phase)[0].pk, "delta": 1})

    assert response.status_code == 400
    assert _("This phase has been closed; your entry was not saved.") in text(response)
    assert not Contribution.objects.exists()


def test_points_for_an_item_of_another_phase_are_refused(client, live_session, joined):
    other = open_phase(live_session, PhaseKind.DOT_VOTE, items=["Alt"])
    open_phase(live_session, PhaseKind.DOT_VOTE, items=["Neu"])

    response = client.post(url("points", live_session), {"item": items_of(other)[0].pk, "delta": 1})

    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_a_forged_delta_is_refused(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.DOT_VOTE, items=["A"], settings={"budget": 100})

    response = client.post(url("points", live_session), {"item": items_of(phase)[0].pk, "delta": 50})

    assert response.status_code == 400
    assert not Contribution.objects.exists()


# --- ratings, matrix, pairwise, ranking -----------------------------------------------------------------------


def test_ratings_of_several_items_with_cannot_judge(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.RATING, items=["A", "B", "C"])
    first, second, _third = items_of(phase)

    response = client.post(url("rating", live_session), {f"rating-{first.pk}": "4", f"rating-{second.pk}": "none"})

    assert response.status_code == 302
    ballot = dict(Contribution.objects.filter(participant=joined).values_list("item_id", "value"))
    assert ballot == {first.pk: 4, second.pk: None}
    page = text(client.get(url("session", live_session)))
    assert f'id="rating-{first.pk}-4" checked' in page or f'value="4" id="rating-{first.pk}-4" checked' in page
    assert f'id="rating-{second.pk}-none" checked' in page


def test_a_rating_off_the_scale_is_refused_naming_the_item(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.RATING, items=["A"])
    (item,) = items_of(phase)

    response = client.post(url("rating", live_session), {f"rating-{item.pk}": "9"})

    assert response.status_code == 400
    assert f'href="#rating-{item.pk}"' in text(response)
    assert not Contribution.objects.exists()


def test_a_matrix_takes_two_scales_per_item(client, live_session, joined):
    criteria = [{"key": "impact", "label": "Wirkung"}, {"key": "effort", "label": "Umsetzbarkeit"}]
    phase = open_phase(live_session, PhaseKind.MATRIX, items=["A"], settings={"criteria": criteria})
    (item,) = items_of(phase)
    page = text(client.get(url("session", live_session)))
    assert "Wirkung" in page
    assert "Umsetzbarkeit" in page

    client.post(url("rating", live_session), {f"rating-{item.pk}-impact": "5", f"rating-{item.pk}-effort": "2"})

    values = dict(Contribution.objects.filter(participant=joined).values_list("ballot_key", "value"))
    assert values == {f"{item.pk}:impact": 5, f"{item.pk}:effort": 2}


def test_pairwise_choices_with_strength_and_equal(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.PAIRWISE, items=["A", "B", "C"])
    first, second, third = items_of(phase)
    page = text(client.get(url("session", live_session)))
    assert page.count('class="kern-fieldset workshop-pair') == 3

    response = client.post(
        url("pairwise", live_session),
        {
            f"pair-{first.pk}-{second.pk}": str(second.pk),
            f"pair-{first.pk}-{second.pk}-strength": "3",
            f"pair-{first.pk}-{third.pk}": "equal",
        },
    )

    assert response.status_code == 302
    rows = {row.ballot_key: (row.item_id, row.value) for row in Contribution.objects.filter(participant=joined)}
    assert rows == {f"{first.pk}-{second.pk}": (second.pk, 3), f"{first.pk}-{third.pk}": (first.pk, 0)}
    page = text(client.get(url("session", live_session)))
    assert f'id="pair-{first.pk}-{second.pk}-b" checked' in page


def test_a_ranking_is_saved_and_moved_with_the_buttons(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.RANKING, items=["A", "B", "C"])
    first, second, third = items_of(phase)

    client.post(url("ranking", live_session), {f"rank-{third.pk}": "1", f"prev-{third.pk}": "3"})
    ranks = dict(Contribution.objects.filter(participant=joined).values_list("item_id", "value"))
    assert ranks == {third.pk: 1, first.pk: 2, second.pk: 3}

    response = client.post(url("ranking", live_session), {"move": f"{second.pk}:up"})

    assert response["Location"].endswith(f"#rank-row-{second.pk}")
    ranks = dict(Contribution.objects.filter(participant=joined).values_list("item_id", "value"))
    assert ranks == {third.pk: 1, second.pk: 2, first.pk: 3}


def test_a_place_out_of_range_is_refused(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.RANKING, items=["A", "B"])
    first, _second = items_of(phase)

    response = client.post(url("ranking", live_session), {f"rank-{first.pk}": "7"})

    assert response.status_code == 400
    assert f'href="#rank-{first.pk}"' in text(response)


# --- cluster, canvas, commitments -------------------------------------------------------------------------------


def test_participants_make_a_cluster_and_move_a_card_into_it_without_drag_and_drop(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.CLUSTER, items=["Fachkräfte fehlen", "Azubis"])
    card, _other = items_of(phase)

    client.post(url("cluster", live_session), {"text": "Fachkräfte"})
    cluster = phase.items.get(kind=ItemKind.CLUSTER)
    response = client.post(url("cluster", live_session), {"item": card.pk, "cluster": cluster.pk})

    card.refresh_from_db()
    assert response.status_code == 302
    assert card.cluster == cluster
    page = text(client.get(url("session", live_session)))
    assert f'id="move-{card.pk}"' in page
    client.post(url("cluster", live_session), {"item": card.pk, "cluster": ""})
    card.refresh_from_db()
    assert card.cluster is None


def test_a_cluster_without_a_name_is_refused(client, live_session, joined):
    open_phase(live_session, PhaseKind.CLUSTER, items=["A"])

    response = client.post(url("cluster", live_session), {"text": ""})

    assert response.status_code == 400
    assert 'href="#id_cluster_text"' in text(response)


def test_a_project_canvas_is_added_and_edited(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.CANVAS)
    page = text(client.get(url("session", live_session)))
    assert 'name="canvas_goal"' in page
    assert 'name="canvas_indicator"' in page

    client.post(url("canvas", live_session), {"text": "Gründerzentrum", "canvas_goal": "Mehr Gründungen"})
    item = phase.items.get()
    client.post(url("canvas", live_session), {"item": item.pk, "text": "Gründerzentrum Nord", "canvas_lead": "IHK"})

    item.refresh_from_db()
    assert item.text == "Gründerzentrum Nord"
    assert item.canvas == {"lead": "IHK"}


def test_a_canvas_without_a_title_is_refused(client, live_session, joined):
    open_phase(live_session, PhaseKind.CANVAS)

    response = client.post(url("canvas", live_session), {"text": "", "canvas_goal": "x"})

    assert response.status_code == 400
    assert 'href="#id_text"' in text(response)


def test_commitments_are_made_and_withdrawn(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.COMMITMENTS, items=["Gründerzentrum"])
    (item,) = items_of(phase)

    client.post(url("commitment", live_session), {"item": item.pk, "role": "lead", "name": "Kim, IHK", "note": ""})
    commitment = Commitment.objects.get()
    assert commitment.role == "lead"
    assert commitment.participant == joined
    assert commitment.get_role_display() in text(client.get(url("session", live_session)))

    client.post(url("commitment", live_session), {"item": item.pk, "withdraw": "1"})
    assert not Commitment.objects.exists()


# --- information, summary, results ---------------------------------------------------------------------------


def test_an_information_phase_shows_its_text(client, live_session, joined):
    open_phase(live_session, PhaseKind.INFORMATION, title="Willkommen")

    page = text(client.get(url("session", live_session)))

    assert "Willkommen" in page
    assert "Was braucht der Standort?" in page


def test_a_summary_shows_the_result_of_its_input_phase(client, live_session, joined):
    vote = open_phase(live_session, PhaseKind.DOT_VOTE, items=["Fachkräfte", "Breitband"], title="Punkte")
    client.post(url("points", live_session), {"item": items_of(vote)[1].pk, "delta": 1})
    vote.state = PhaseState.CLOSED
    vote.save()
    summary = open_phase(live_session, PhaseKind.SUMMARY, title="Ergebnis")
    summary.input_phase = vote
    summary.save()

    page = text(client.get(url("session", live_session)))

    assert page.index("Breitband") < page.index("Fachkräfte")


def test_results_are_not_shown_before_they_are_revealed(client, live_session, joined):
    phase = open_phase(live_session, PhaseKind.DOT_VOTE, items=["A"], settings={"reveal": "manual"})

    assert 'id="result-heading"' not in text(client.get(url("session", live_session)))

    phase.revealed = True
    phase.save()
    assert 'id="result-heading"' in text(client.get(url("session", live_session)))


# --- profile, leaving, fragment, state ---------------------------------------------------------------------------


def test_the_name_and_group_can_be_changed(client, live_session, joined):
    response = client.post(url("profile", live_session), {"group": "science", "display_name": "Dr. Kim"})

    joined.refresh_from_db()
    assert response.status_code == 302
    assert joined.group == "science"
    assert joined.display_name == "Dr. Kim"


def test_a_bad_profile_change_shows_the_form_open_with_its_error(client, live_session, joined):
    response = client.post(url("profile", live_session), {"group": "", "display_name": "Kim"})

    assert response.status_code == 400
    page = text(response)
    assert '<details class="workshop__details" open>' in page
    assert 'href="#id_profile_group_0"' in page


def test_leaving_deletes_the_cookie(client, live_session, joined):
    response = client.post(url("leave", live_session))

    assert response.status_code == 302
    assert response.cookies[cookie_name(live_session)]["max-age"] == 0


def test_the_fragment_is_the_region_alone_and_only_for_participants(client, live_session):
    assert client.get(url("fragment", live_session)).status_code == 403

    join(client, live_session)
    response = client.get(url("fragment", live_session))

    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page
    assert 'class="workshop-screen workshop-screen--waiting"' in page


def test_the_state_is_json_for_participants(client, live_session):
    assert client.get(url("state", live_session)).status_code == 403

    join(client, live_session)
    response = client.get(url("state", live_session))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


# --- who gets what -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
def test_actions_answer_only_post(client, live_session, joined, action):
    assert client.get(url(action, live_session)).status_code == 405


@pytest.mark.parametrize("action", ACTIONS)
def test_without_a_cookie_an_action_leads_to_the_join_page(client, live_session, action):
    open_phase(live_session, PhaseKind.COLLECT)

    response = client.post(url(action, live_session), {"text": "x"})

    assert response.status_code == 302
    assert response["Location"].startswith(url("session", live_session)) or action == "leave"
    assert not Item.objects.exists()


@pytest.mark.parametrize("name", ["session", "fragment", "state", *ACTIONS])
def test_a_wrong_code_is_404_everywhere(client, live_session, name):
    response = client.post(url(name, "ZZZZZZ")) if name in ACTIONS else client.get(url(name, "ZZZZZZ"))

    assert response.status_code == 404


@pytest.mark.parametrize("action", [name for name in ACTIONS if name != "leave"])
def test_a_removed_participant_sees_so_and_every_action_is_refused(client, live_session, joined, action):
    phase = open_phase(live_session, PhaseKind.COLLECT)
    joined.removed_at = timezone.now()
    joined.save()

    page = client.get(url("session", live_session))
    response = client.post(url(action, live_session), {"text": "Trotzdem"})

    assert _("You were removed from this session") in text(page)
    assert 'name="group"' not in text(page)
    assert response.status_code == 403
    assert not phase.items.exists()
    assert client.get(url("fragment", live_session)).status_code == 403


def test_an_ended_session_says_so_and_deletes_the_cookie(client, live_session, joined):
    open_phase(live_session, PhaseKind.COLLECT)
    live_session.state = SessionState.ENDED
    live_session.ended_at = timezone.now()
    live_session.save()

    response = client.get(url("session", live_session))
    posted = client.post(url("card", live_session), {"text": "Zu spät"})

    assert _("The workshop session has ended") in text(response)
    assert response.cookies[cookie_name(live_session)]["max-age"] == 0
    assert posted.status_code == 302
    assert not Item.objects.exists()


def test_an_ended_session_cannot_be_joined(client, live_session):
    live_session.state = SessionState.ENDED
    live_session.save()

    response = client.post(url("session", live_session), {"group": "company"})

    assert response.status_code == 302
    assert not Participant.objects.exists()


@pytest.mark.parametrize("name", ["session", *[action for action in ACTIONS if action != "leave"]])
def test_posts_need_the_csrf_token(live_session, name):
    client = Client(enforce_csrf_checks=True)

    response = client.post(url(name, live_session), {"group": "company", "text": "x"})

    assert response.status_code == 403
    assert not Participant.objects.exists()
    assert not Item.objects.exists()


# --- the home page -------------------------------------------------------------------------------------------


def test_a_live_session_puts_take_part_now_on_the_home_page(client, live_session, register_call_to_action):
    actions = calls_to_action(live_session.process)

    assert [action.url for action in actions] == [reverse("workshops:join")]
    assert live_session.workshop.title in actions[0].title
    page = text(client.get(reverse("public:home")))
    assert reverse("workshops:join") in page
    assert live_session.join_code not in page


def test_no_call_to_action_without_a_live_session(live_session, register_call_to_action):
    live_session.state = SessionState.ENDED
    live_session.save()

    assert calls_to_action(live_session.process) == []


@pytest.fixture
def register_call_to_action() -> Callable[[], None]:
    views.register_calls_to_action()
    return views.register_calls_to_action
