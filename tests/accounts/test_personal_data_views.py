"""The pages of requests about one person's data: Administration only, the address only in POST bodies,
a confirmation page that lists what will happen, CSRF on every POST."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from accounts.personal_data_cast import EMAIL, Cast, build
from conftest import verified_client
from standortkompass.accounts.models import User
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import ContactPerson

SEARCH = reverse("manage:personal_data:search")
EXPORT = reverse("manage:personal_data:export")
ERASE = reverse("manage:personal_data:erase")
# Members below Administration and the outsider learn nothing: the page does not exist for them.
REFUSED = {"editor": 404, "board": 404, "partner": 404, "company": 404, "outsider": 404}
ERASE_DATA = {"email": EMAIL, "requested_on": "2026-12-01", "confirm": "on"}


@pytest.fixture
def cast(process, users) -> Cast:
    return build(process, users["admin"])


def test_the_menu_of_administration_links_the_page(client_for):
    page = client_for("admin").get(reverse("manage:home")).content.decode()

    assert f'href="{SEARCH}"' in page
    assert "Personenbezogene Daten" in page
    assert f'href="{SEARCH}"' not in client_for("editor").get(reverse("manage:home")).content.decode()


@pytest.mark.parametrize("url", [SEARCH, EXPORT, ERASE])
def test_only_administration_reaches_the_pages(url, cast, client_for):
    for role, status in REFUSED.items():
        client = client_for(role)
        assert client.get(url).status_code == status, role
        assert client.post(url, ERASE_DATA).status_code == status, role
    anonymous = client_for("anonymous")
    assert anonymous.get(url)["Location"].startswith("/konto/anmelden/")
    assert anonymous.post(url, ERASE_DATA)["Location"].startswith("/konto/anmelden/")
    assert User.objects.filter(email=EMAIL).exists()
    assert not AuditEntry.objects.filter(action__startswith="personal_data.").exists()


def test_export_and_erase_answer_only_posts(client_for):
    admin = client_for("admin")

    assert admin.get(SEARCH).status_code == 200
    assert admin.get(EXPORT).status_code == 405
    assert admin.get(ERASE).status_code == 405


def test_the_summary_lists_per_kind_how_many_records_and_what_erasing_does(cast, client_for):
    page = client_for("admin").post(SEARCH, {"email": "Kim@Example.org"})

    text = page.content.decode()
    assert page.status_code == 200
    assert "Personenbezogene Daten von kim@example.org" in text
    assert "Es gibt ein Konto mit dieser E-Mail-Adresse." in text
    assert "Kontaktpersonen von Organisationen" in text
    assert "gelöscht (Einladungen zu Befragungen behalten keine Verknüpfung)" in text
    assert "von der Person gelöst und als anonyme Daten für die Ergebnisse behalten" in text
    assert 'name="requested_on"' in text
    assert 'name="confirm"' in text
    assert User.objects.filter(email=EMAIL).exists()  # looking changes nothing


def test_a_bad_address_is_refused_naming_the_field(client_for):
    page = client_for("admin").post(SEARCH, {"email": "kein-name"})

    assert page.status_code == 200
    assert 'aria-invalid="true"' in page.content.decode()
    assert "gültige E-Mail-Adresse" in page.content.decode()


def test_administration_downloads_the_zip(cast, client_for):
    answer = client_for("admin").post(EXPORT, {"email": EMAIL})

    assert answer["Content-Type"] == "application/zip"
    assert answer["Content-Disposition"].startswith('attachment; filename="personendaten-')
    assert EMAIL not in answer["Content-Disposition"]
    assert sorted(zipfile.ZipFile(io.BytesIO(answer.content)).namelist()) == ["LIESMICH.txt", "personendaten.json"]


def test_nothing_is_erased_without_the_confirmation(cast, client_for):
    page = client_for("admin").post(ERASE, {**ERASE_DATA, "confirm": ""})

    assert page.status_code == 200
    assert 'aria-invalid="true"' in page.content.decode()
    assert User.objects.filter(email=EMAIL).exists()
    assert ContactPerson.objects.filter(pk=cast.contact.pk).exists()


def test_administration_erases_after_confirming(cast, client_for):
    admin = client_for("admin")

    answer = admin.post(ERASE, ERASE_DATA)

    assert answer.status_code == 302
    assert answer["Location"] == SEARCH
    assert not User.objects.filter(email=EMAIL).exists()
    assert not ContactPerson.objects.filter(pk=cast.contact.pk).exists()
    page = admin.get(SEARCH).content.decode()
    assert "Die Daten der Person wurden gelöscht" in page
    assert "Daten einer Person gelöscht (Anfrage vom 01.12.2026)" in page  # the recent requests


def test_a_refused_erasure_shows_why_and_offers_no_button(cast, users, client_for):
    page = client_for("admin").post(SEARCH, {"email": users["admin"].email}).content.decode()

    assert "Ihr eigenes Konto können Sie nicht löschen." in page
    assert 'name="confirm"' not in page


def test_the_posts_need_the_csrf_token(cast, users):
    client = verified_client(users["admin"])
    client.handler.enforce_csrf_checks = True

    assert client.post(ERASE, ERASE_DATA).status_code == 403
    assert client.post(EXPORT, {"email": EMAIL}).status_code == 403
    assert User.objects.filter(email=EMAIL).exists()


def test_a_superuser_without_a_role_reaches_the_pages(db):
    operator = User.objects.create_superuser("betrieb@example.org", "x" * 20)

    assert verified_client(operator).get(SEARCH).status_code == 200
    assert Client().get(SEARCH).status_code == 302


def test_an_unknown_address_finds_nothing_and_offers_nothing_to_erase(cast, client_for):
    page = client_for("admin").post(SEARCH, {"email": "niemand@example.org"}).content.decode()

    assert "Es gibt kein Konto mit dieser E-Mail-Adresse" in page
    assert "Die Installation speichert 0 Einträge über diese Person." in page
    assert "Es gibt nichts zu löschen." in page
    assert 'name="confirm"' not in page
