"""The projector: join code, QR code and address always; the results only as the phase's reveal setting allows;
the public address with the secret key; the results fragment for live updates and polling; the charts."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from standortkompass.workshops.charts import matrix_chart, pairwise_chart, points_chart, results_view
from standortkompass.workshops.models import LiveSession, PhaseKind, SessionPhase
from standortkompass.workshops.services.contributions import item_add, paper_points, points_change, rating_set
from standortkompass.workshops.services.participation import participant_join
from standortkompass.workshops.services.phases import phase_add, phase_close, phase_open, phase_reveal, phase_split
from standortkompass.workshops.views.projector import projector_by_key, projector_results_by_key


def url(name: str, *args: object) -> str:
    return reverse(f"workshops_manage:{name}", args=list(args))


@pytest.fixture
def editor(client_for) -> Client:
    return client_for("editor")


def add_phase(session: LiveSession, users, kind: str, title: str, **data: object) -> SessionPhase:
    return phase_add(session=session, actor=users["editor"], data={"kind": kind, "title": title, **data})  # type: ignore[typeddict-item]


def projector(client: Client, session: LiveSession) -> str:
    response = client.get(url("projector", session.workshop.process_id, session.pk))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def voted(live_session: LiveSession, users) -> dict[str, SessionPhase]:
    """A collect phase with three cards (one of them typed in from paper) and a dot vote on them (revealed on close)
    with votes from two stakeholder groups and paper dots."""
    actor = users["editor"]
    collect = add_phase(live_session, users, PhaseKind.COLLECT, "Sammeln", prompt="Was braucht die Region?")
    dots = add_phase(
        live_session,
        users,
        PhaseKind.DOT_VOTE,
        "Punkten",
        prompt="Wo zuerst?",
        input_mode="all",
        input_phase=collect,
        settings={"budget": 5, "reveal": "on_close"},
    )
    phase_open(phase=collect, actor=actor)
    kim, _ = participant_join(session=live_session, display_name="Kim", group="company")
    ali, _ = participant_join(session=live_session, display_name="Ali", group="science")
    item_add(phase=collect, participant=kim, text="Fachkräfte sichern")
    item_add(phase=collect, participant=ali, text="Breitband <script>x</script>")
    from standortkompass.workshops.services.contributions import paper_cards

    paper_cards(phase=collect, actor=actor, texts=["Flächen entwickeln"])
    phase_open(phase=dots, actor=actor)
    items = {item.text: item for item in dots.items.all()}
    points_change(phase=dots, participant=kim, item=items["Fachkräfte sichern"], delta=3)
    points_change(phase=dots, participant=ali, item=items["Fachkräfte sichern"], delta=1)
    points_change(phase=dots, participant=ali, item=items["Flächen entwickeln"], delta=2)
    paper_points(phase=dots, actor=actor, counts={items["Flächen entwickeln"].pk: 4})
    return {"collect": collect, "dots": dots}


def test_the_projector_shows_code_qr_and_address_without_site_chrome(editor, live_session):
    text = projector(editor, live_session)
    assert live_session.join_code in text
    assert "<svg" in text
    assert 'class="qr-code"' in text
    assert reverse("workshops:session", kwargs={"code": live_session.join_code}) in text
    assert "site-header" not in text
    assert "manage-nav" not in text
    assert "data-results-region" in text
    assert 'http-equiv="refresh"' in text  # without JavaScript it reloads itself (inside <noscript>)


def test_votes_stay_hidden_until_the_phase_closes(editor, live_session, voted, users):
    text = projector(editor, live_session)
    assert "Punkten" in text
    assert "Wo zuerst?" in text
    assert "data-vega-spec" not in text
    assert "Fachkräfte sichern" not in text
    phase_close(phase=voted["dots"], actor=users["editor"])
    text = projector(editor, live_session)
    assert "data-vega-spec" in text
    assert "Fachkräfte sichern" in text
    assert "Flächen entwickeln" in text


def test_manual_reveal_shows_the_results_while_the_vote_runs(editor, live_session, voted, users):
    dots = voted["dots"]
    dots.settings = {**dots.settings, "reveal": "manual"}
    dots.save(update_fields=["settings"])
    assert "data-vega-spec" not in projector(editor, live_session)
    phase_reveal(phase=dots, actor=users["editor"], revealed=True)
    text = projector(editor, live_session)
    assert "data-vega-spec" in text
    # The table beside the chart: online and paper counted, paper shown apart.
    assert "Flächen entwickeln" in text


def test_live_reveal_shows_the_cards_as_they_come_and_escapes_them(editor, live_session, voted, users):
    collect = voted["collect"]
    collect.settings = {**collect.settings, "reveal": "live"}
    collect.save(update_fields=["settings"])
    phase_close(phase=voted["dots"], actor=users["editor"])
    from standortkompass.workshops.services.phases import phase_reopen

    phase_reopen(phase=collect, actor=users["editor"], reason="Test")
    text = projector(editor, live_session)
    assert "projector-wall" in text
    assert "Breitband &lt;script&gt;x&lt;/script&gt;" in text
    assert "<script>x</script>" not in text
    assert "Papier" in text or "Paper" in text


def test_split_by_stakeholder_group_on_demand(editor, live_session, voted, users):
    dots = voted["dots"]
    phase_close(phase=dots, actor=users["editor"])
    company = ("Unternehmen", "Company")
    assert not any(name in projector(editor, live_session) for name in company)
    phase_split(phase=dots, actor=users["editor"], split=True)
    text = projector(editor, live_session)
    assert any(name in text for name in company)
    assert "Wissenschaft" in text or "Science" in text


def test_the_results_fragment_comes_as_json_with_its_sequence_number(editor, live_session, voted, users):
    phase_close(phase=voted["dots"], actor=users["editor"])
    response = editor.get(url("projector_results", live_session.workshop.process_id, live_session.pk))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    live_session.refresh_from_db()
    assert data["type"] == "results"
    assert data["seq"] == live_session.sequence
    assert "Fachkräfte sichern" in data["html"]


def test_the_projector_by_key_needs_no_log_in_and_sets_no_cookie(rf, live_session):
    request = rf.get("/")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    response = projector_by_key(request, live_session.join_code, live_session.projector_key)
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    assert live_session.join_code in response.content.decode()


def test_a_wrong_projector_key_is_not_found(rf, live_session):
    from django.http import Http404

    request = rf.get("/")
    with pytest.raises(Http404):
        projector_by_key(request, live_session.join_code, live_session.projector_key[:-1] + "x")
    with pytest.raises(Http404):
        projector_results_by_key(request, "ZZZZZZ", live_session.projector_key)


def test_the_public_projector_address_answers_with_the_key(client, live_session):
    key = {"code": live_session.join_code, "key": live_session.projector_key}
    address = reverse("workshops:projector", kwargs=key)
    response = client.get(address)
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert client.get(address[:-2] + "x/").status_code == 404
    results = client.get(reverse("workshops:projector_results", kwargs=key))
    assert json.loads(results.content)["type"] == "results"


def test_the_projector_thanks_the_room_when_the_session_has_ended(editor, live_session, voted, users):
    from standortkompass.workshops.services.workshops import session_end

    session_end(session=live_session, actor=users["editor"])
    text = projector(editor, live_session)
    assert "Vielen Dank" in text or "Thank you" in text


# --- the charts ------------------------------------------------------------------------------------------------


POINTS_RESULT = {
    "kind": "dot_vote",
    "grouped": True,
    "groups": ["company", ""],
    "items": [
        {"id": 1, "text": "A", "total": 7, "online": 3, "paper": 4, "by_group": {"company": 3, "": 0}},
        {"id": 2, "text": "B", "total": 1, "online": 1, "paper": 0, "by_group": {"company": 0, "": 1}},
    ],
    "total": 8,
    "paper": 4,
    "voters": 2,
}


def test_vote_bars_draw_paper_apart_and_keep_the_order():
    chart = points_chart(POINTS_RESULT, chart_id="c", large=True)
    spec = json.loads(chart.spec_text)
    bars = spec["layer"][0]["data"]["values"]
    assert {"item": "A", "part": "Papier", "points": 4} in bars or {"item": "A", "part": "Paper", "points": 4} in bars
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["A", "B"]
    assert spec["config"]["axis"]["labelFontSize"] >= 20  # readable from the back of the room
    assert chart.table.rows[0] == ("A", "7", "4")


def test_vote_bars_without_paper_counts_have_one_colour_and_no_paper_column():
    online_only = {
        **POINTS_RESULT,
        "items": [{**item, "online": item["total"], "paper": 0} for item in POINTS_RESULT["items"]],
        "paper": 0,
    }
    chart = points_chart(online_only, chart_id="c")
    spec = json.loads(chart.spec_text)
    assert spec["layer"][0]["encoding"]["color"] == {"value": spec["layer"][0]["encoding"]["color"]["value"]}
    assert [value["points"] for value in spec["layer"][0]["data"]["values"]] == [7, 1]
    assert len(chart.table.columns) == 2
    assert chart.table.rows[0] == ("A", "7")


def test_vote_bars_split_by_group_stack_the_groups():
    chart = points_chart(POINTS_RESULT, chart_id="c", split=True)
    values = json.loads(chart.spec_text)["layer"][0]["data"]["values"]
    assert sum(value["points"] for value in values if value["item"] == "A") == 3
    assert len(chart.table.columns) == 4


def test_the_matrix_draws_each_item_at_its_means_with_the_spread():
    result = {
        "kind": "matrix",
        "scale_min": 1,
        "scale_max": 5,
        "criteria": {"x": {"key": "impact", "label": "Wirkung"}, "y": {"key": "ease", "label": "Umsetzbarkeit"}},
        "items": [
            {
                "id": 1,
                "text": "A",
                "x": {"mean": 4.0, "sd": 1.5, "n": 4},
                "y": {"mean": 2.0, "sd": 0.5, "n": 4},
            },
            {"id": 2, "text": "B", "x": {"mean": None, "sd": None, "n": 0}, "y": {"mean": None, "sd": None, "n": 0}},
        ],
    }
    chart = matrix_chart(result, chart_id="m")
    values = json.loads(chart.spec_text)["data"]["values"]
    assert values == [
        {"number": "1", "item": "A", "x": 4.0, "y": 2.0, "x_low": 2.5, "x_high": 5, "y_low": 1.5, "y_high": 2.5}
    ]
    assert chart.table.rows[0][:6] == ("1", "A", "4,0", "1,5", "2,0", "0,5")


def test_pairwise_weights_are_shown_in_percent():
    result = {
        "kind": "pairwise",
        "items": [
            {"id": 1, "text": "A", "weight": 0.625, "points": 5.0, "wins": 2},
            {"id": 2, "text": "B", "weight": 0.375, "points": 3.0, "wins": 1},
        ],
    }
    chart = pairwise_chart(result, chart_id="p")
    assert chart.table.rows[0][1].startswith("62,5")
    assert json.loads(chart.spec_text)["layer"][0]["encoding"]["x"]["axis"]["format"] == ".0%"


def test_a_phase_without_items_has_no_chart():
    assert results_view("dot_vote", {"kind": "dot_vote", "items": []}).charts == ()
    assert results_view("collect", None).wall == ()


def test_a_rating_chart_draws_the_mean_with_one_standard_deviation(live_session, users):
    phase = add_phase(live_session, users, PhaseKind.COLLECT, "Sammeln")
    rating = add_phase(
        live_session,
        users,
        PhaseKind.RATING,
        "Bewerten",
        input_mode="all",
        input_phase=phase,
        settings={"criteria": [{"key": "need", "label": "Bedarf"}]},
    )
    phase_open(phase=phase, actor=users["editor"])
    item_add(phase=phase, actor=users["editor"], text="Idee")
    phase_open(phase=rating, actor=users["editor"])
    item = rating.items.get()
    for value in (2, 4):
        person, _ = participant_join(session=live_session)
        rating_set(phase=rating, participant=person, item=item, value=value)
    from standortkompass.workshops.selectors.results import phase_result

    view = results_view("rating", phase_result(rating))
    values = json.loads(view.charts[0].spec_text)["data"]["values"]
    assert values[0]["mean"] == 3.0
    assert values[0]["low"] == pytest.approx(3.0 - 2**0.5)
