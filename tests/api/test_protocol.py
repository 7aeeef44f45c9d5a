"""How the API answers: pagination, caching headers and conditional requests, CSV, CORS, errors, no cookies."""

from __future__ import annotations

import csv
import io
import time

import pytest
from django.test import Client
from django.utils.http import http_date

from api.conftest import OFFICIAL_VALUE, ApiWorld, every_url, json_of
from standortkompass.accounts.middleware import LAST_SEEN_KEY
from standortkompass.processes.models import Event, NewsItem

pytestmark = pytest.mark.django_db


def base(world: ApiWorld) -> str:
    return f"/api/v1/processes/{world.process.slug}/"


# --- pagination -----------------------------------------------------------------------------------------------


def test_a_list_says_its_total_count_and_links_the_next_and_previous_page(api_world, client):
    first = json_of(client.get(base(api_world) + "strategy/elements/?limit=4"))
    second = json_of(client.get(first["pagination"]["next"]))
    last = json_of(client.get(base(api_world) + "strategy/elements/?limit=4&offset=8"))

    assert first["pagination"]["count"] == 10
    assert first["pagination"]["previous"] is None
    assert len(first["items"]) == 4
    assert second["pagination"]["offset"] == 4
    assert (
        second["pagination"]["previous"]
        == "http://testserver" + base(api_world) + "strategy/elements/?limit=4&offset=0"
    )
    assert [item["id"] for item in second["items"]] != [item["id"] for item in first["items"]]
    assert (len(last["items"]), last["pagination"]["next"]) == (2, None)


def test_pagination_keeps_the_filters(api_world, client):
    first = json_of(client.get(base(api_world) + "strategy/elements/?kind=measure&limit=2"))

    assert first["pagination"]["count"] == 3
    assert "kind=measure" in first["pagination"]["next"]


def test_an_offset_past_the_end_gives_an_empty_page(api_world, client):
    data = json_of(client.get(base(api_world) + "phases/?offset=50"))

    assert (data["items"], data["pagination"]["count"], data["pagination"]["previous"] is not None) == ([], 3, True)


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "limit=x", "format=xml", "kind=team"])
def test_a_parameter_out_of_range_is_refused_with_json(api_world, client, query):
    response = client.get(base(api_world) + "strategy/elements/?" + query)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


# --- ETag and Last-Modified -------------------------------------------------------------------------------------


def test_every_answer_has_an_etag_and_a_last_modified_date(api_world, client):
    for url in every_url(api_world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["ETag"].startswith('"'), url
        assert response["Last-Modified"].endswith("GMT"), url


def test_an_unchanged_answer_is_not_sent_again_for_if_none_match(api_world, client):
    url = base(api_world) + "events/"
    first = client.get(url)

    again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Access-Control-Allow-Origin"] == "*"


def test_an_unchanged_answer_is_not_sent_again_for_if_modified_since(api_world, client):
    url = base(api_world) + "strategy/"
    first = client.get(url)

    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})

    assert again.status_code == 304


def test_a_changed_answer_is_sent_with_a_new_etag(api_world, client):
    url = base(api_world) + "events/"
    first = client.get(url)
    Event.objects.filter(pk=api_world.event.pk).update(title="Unternehmensworkshop (verschoben)")

    again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.json()["items"][0]["title"] == "Unternehmensworkshop (verschoben)"


def test_a_date_before_the_last_change_gets_the_answer(api_world, client):
    response = client.get(base(api_world) + "news/", headers={"If-Modified-Since": http_date(0)})

    assert response.status_code == 200


def test_the_csv_of_a_list_has_its_own_etag_and_is_conditional_too(api_world, client):
    url = base(api_world) + "news/"
    as_json, as_csv = client.get(url), client.get(url + "?format=csv")

    assert as_json["ETag"] != as_csv["ETag"]
    assert client.get(url + "?format=csv", headers={"If-None-Match": as_csv["ETag"]}).status_code == 304


def test_answers_may_be_cached_publicly_for_a_minute(api_world, client):
    assert client.get(base(api_world) + "phases/")["Cache-Control"] == "public, max-age=60"


# --- CSV ------------------------------------------------------------------------------------------------------


def read_csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_every_list_comes_as_csv_with_a_header_row(api_world, client):
    for url in every_url(api_world):
        if "format=csv" in url:
            response = client.get(url)
            assert response["Content-Disposition"].startswith("attachment; filename="), url
            assert response.content.decode("utf-8").splitlines()[0].count(",") >= 2, url


def test_the_csv_holds_the_whole_list_whatever_the_page(api_world, client):
    rows = read_csv(client.get(base(api_world) + "strategy/elements/?format=csv&limit=2"))

    assert len(rows) == 10
    assert rows[0]["kind"] == "vision"


def test_the_csv_keeps_the_filters(api_world, client):
    rows = read_csv(client.get(base(api_world) + "strategy/elements/?format=csv&kind=project"))

    assert [row["title"] for row in rows] == ["Azubi-Tour 2027", "Gewerbeflächenkataster"]


def test_csv_values_are_unrounded_and_utf8(api_world, client):
    rows = read_csv(client.get(base(api_world) + "indicators/?format=csv"))
    district = next(row for row in rows if row["region"] == "08118" and row["year"] == "2020")
    flagged = next(row for row in rows if row["status"] == ".")

    assert float(district["value"]) == OFFICIAL_VALUE
    assert district["value"] == repr(OFFICIAL_VALUE)
    assert (flagged["value"], flagged["status"]) == ("", ".")
    assert rows[0]["region_name"] == "Baden-Württemberg"


def test_the_csv_of_projects_lists_the_names_of_related_things(api_world, client):
    rows = read_csv(client.get(base(api_world) + "projects/?format=csv"))

    assert rows[0]["lead_organisation"] == "Muster GmbH"
    assert rows[0]["budget"] == "1250000.55"
    assert rows[0]["status"] == "implementation"


def test_a_text_that_a_spreadsheet_would_run_is_neutralised_in_the_csv_only(api_world, client):
    NewsItem.objects.filter(pk=api_world.news.pk).update(title='=HYPERLINK("https://example.org")')

    rows = read_csv(client.get(base(api_world) + "news/?format=csv"))

    assert rows[0]["title"] == '\'=HYPERLINK("https://example.org")'
    assert json_of(client.get(base(api_world) + "news/"))["items"][0]["title"] == '=HYPERLINK("https://example.org")'


def test_the_csv_names_its_licence_in_a_link_header(api_world, client):
    response = client.get(base(api_world) + "boards/?format=csv")

    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


# --- CORS, cookies, errors and security headers ----------------------------------------------------------------


def test_reading_is_open_to_every_origin_without_credentials(api_world, client):
    response = client.get(base(api_world) + "phases/", headers={"Origin": "https://daten.example.org"})

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_is_answered_for_the_conditional_headers(db, client):
    response = client.options(
        "/api/v1/processes/",
        headers={
            "Origin": "https://daten.example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_a_head_request_gets_the_headers_of_the_get(api_world, client):
    response = client.head(base(api_world) + "news/")

    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == client.get(base(api_world) + "news/")["ETag"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_is_not_opened_for_the_site(db, client):
    assert "Access-Control-Allow-Origin" not in client.get("/healthz")
    assert client.options("/healthz").get("Access-Control-Allow-Origin") is None


def test_the_api_sets_no_cookie_and_does_not_vary(api_world, client):
    for url in every_url(api_world):
        response = client.get(url)
        assert not response.cookies, url
        assert "Vary" not in response, url


def test_a_logged_in_readers_session_cookie_is_not_refreshed_by_the_api(api_world, client_for):
    reader = client_for("admin")
    session = reader.session
    session[LAST_SEEN_KEY] = int(time.time()) - 120  # the session would be saved and its cookie sent again
    session.save()

    response = reader.get(base(api_world) + "news/")

    assert response.status_code == 200
    assert not response.cookies


def test_a_logged_in_reader_gets_the_same_data_but_nothing_is_stored(api_world, client_for):
    anonymous, logged_in = Client().get(base(api_world) + "news/"), client_for("admin").get(base(api_world) + "news/")

    assert logged_in.json() == anonymous.json()
    assert "no-store" in logged_in["Cache-Control"]


def test_a_write_is_refused_with_json(api_world, client):
    response = client.post(base(api_world) + "news/", {})

    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")


def test_an_unknown_address_is_answered_with_json(db, client):
    response = client.get("/api/v1/gibt-es-nicht/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_the_security_headers_stay_on_json_answers(api_world, client):
    response = client.get(base(api_world) + "news/")

    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_openapi_document_is_there_and_the_docs_page_from_a_cdn_is_not(db, client):
    schema = json_of(client.get("/api/openapi.json"))

    assert schema["openapi"].startswith("3.")
    assert "/api/v1/processes/{process}/projects/" in schema["paths"]
    assert client.get("/api/docs").status_code == 404


def test_the_openapi_document_documents_pagination_and_csv(db, client):
    operation = json_of(client.get("/api/openapi.json"))["paths"]["/api/v1/processes/{process}/events/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}

    assert {"limit", "offset", "format", "process", "upcoming"} <= names
    assert {"200", "304", "404", "422"} <= set(operation["responses"])
