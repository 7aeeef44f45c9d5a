"""Error pages people can use: 400, 403, 404, 500 and a failed CSRF check in the site's layout, per role.

Each page says what happened and where to go (home, log-in or "My area", contact, the feedback form), in
German and on /en/ in English; Django's bare English pages and its DEBUG pages never appear.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from permission_audiences import ROLES
from standortkompass.processes.views import public as public_views

LAYOUT = 'class="site-header"'
FEEDBACK_LINK = "/barriere-melden/?seite="


def _assert_in_layout(response, *, status: int, heading: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert LAYOUT in html
    assert f'<h1 class="kern-heading-x-large">{heading}</h1>' in html
    assert FEEDBACK_LINK in html
    assert reverse("public:page", args=["impressum"]) in html
    for bare in ("Not Found", "Forbidden", "Server Error", "Bad Request", "CSRF verification failed", "Traceback"):
        assert bare not in html
    return html


@pytest.mark.parametrize("role", ROLES)
def test_a_missing_page_is_a_page_of_the_site_for_every_role(role, client_for):
    response = client_for(role).get("/gibt-es-nicht/")

    html = _assert_in_layout(response, status=404, heading="Seite nicht gefunden")
    assert '<html lang="de">' in html
    if role == "anonymous":
        assert reverse("accounts:login") in html
    else:
        assert reverse("manage:home") in html


def test_a_missing_page_under_en_speaks_english(client, db):
    response = client.get("/en/does-not-exist/")

    html = _assert_in_layout(response, status=404, heading="Page not found")
    assert '<html lang="en">' in html


@pytest.mark.parametrize("role", ["company", "partner", "board", "editor"])
def test_a_page_of_another_role_says_whom_to_ask(role, client_for, process):
    response = client_for(role).get(reverse("manage:audit_log", args=[process.pk]))

    html = _assert_in_layout(response, status=403, heading="Kein Zugriff auf diese Seite")
    assert "bitten Sie die Administration" in html
    assert reverse("manage:home") in html


def test_the_refusal_names_no_role_to_a_visitor_and_offers_the_log_in_back_to_the_page(client, db):
    from standortkompass.core.views import permission_denied

    request = client.get("/").wsgi_request
    response = permission_denied(request)

    html = response.content.decode()
    assert response.status_code == 403
    assert "nur für angemeldete Personen" in html
    assert f"{reverse('accounts:login')}?next=/" in html


@pytest.mark.parametrize("role", ROLES)
def test_a_failed_form_check_says_what_to_do_for_every_role(role, users, process):
    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(users[role])

    response = client.post(reverse("public:feedback"), {"nachricht": "Test"})

    html = _assert_in_layout(response, status=403, heading="Das Formular konnte nicht gesendet werden")
    assert "nichts gespeichert" in html


def test_a_failed_form_check_under_en_speaks_english(db):
    response = Client(enforce_csrf_checks=True).post("/en/konto/anmelden/", {"username": "x"})

    _assert_in_layout(response, status=403, heading="The form could not be sent")


@pytest.mark.parametrize("role", ROLES)
def test_a_server_error_is_a_page_of_the_site_for_every_role(role, client_for, process, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(public_views, "render", broken)
    client = client_for(role)
    client.raise_request_exception = False

    response = client.get(reverse("public:home"))

    html = _assert_in_layout(response, status=500, heading="Ein Fehler ist bei uns aufgetreten")
    assert "a bug" not in html


def test_a_server_error_whose_page_fails_too_shows_a_plain_german_page(client, db, monkeypatch):
    from standortkompass.core import views as core_views

    def broken(*args, **kwargs):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(public_views, "render", broken)
    monkeypatch.setattr(core_views, "render", broken)
    client.raise_request_exception = False

    response = client.get(reverse("public:home"))

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="de">' in html
    assert "Ein Fehler ist bei uns aufgetreten" in html
    assert "database" not in html


def test_a_request_for_an_unknown_host_gets_the_sites_400_page(db):
    response = Client(HTTP_HOST="angreifer.example").get("/")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Die Anfrage konnte nicht verarbeitet werden" in html
    assert "DisallowedHost" not in html
