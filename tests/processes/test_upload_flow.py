"""The one upload → check → confirm flow that every import of the management area uses."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from standortkompass.processes.models import Organisation
from standortkompass.regiondata.models import Observation

ORGANISATIONS = (
    "Externe ID;Name;Typ;Gemeindeschlüssel\n1;Muster GmbH;Unternehmen;08118048\n",
    "liste.csv",
    {},
)
STATISTICS = (
    "region_code,region_name,sector_code,sector_name,year,value\n08118,Ludwigsburg,TOTAL,Insgesamt,2020,206752\n",
    "daten.csv",
    {"format": "", "indicator": "employees_workplace"},
)
# (upload URL name, check URL name, the file and the other fields of the form)
IMPORTS = {
    "organisations": ("manage:organisations:import", "manage:organisations:import_preview", ORGANISATIONS),
    "statistics": (
        "standortanalyse_manage:statistics_upload",
        "standortanalyse_manage:statistics_preview",
        STATISTICS,
    ),
}
HEADINGS = {"organisations": "Check the import", "statistics": "Check the statistics import"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(client, process, kind):
    upload_name, check_name, (content, filename, fields) = IMPORTS[kind]
    response = client.post(
        reverse(upload_name, args=[process.pk]),
        {"file": SimpleUploadedFile(filename, content.encode()), **fields},
    )
    assert response.status_code == 302
    return reverse(check_name, args=[process.pk])


@pytest.mark.parametrize("kind", IMPORTS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_upload_is_refused_with_the_one_page_and_nothing_is_saved(client_for, process, media, kind, method):
    client = client_for("editor")
    check_url = _upload(client, process, kind)
    for stored in (media / "imports").iterdir():
        stored.unlink()  # what the daily clean-up does to an abandoned upload

    response = getattr(client, method)(check_url)

    assert response.status_code == 200
    assert response.templates[0].name == "processes/manage/import_missing.html"
    content = response.content.decode()
    assert f'<h1 class="kern-heading-x-large">{HEADINGS[kind]}</h1>' in content
    assert "There is no uploaded file waiting to be imported." in content
    assert not Organisation.objects.exists()
    assert not Observation.objects.exists()


@pytest.mark.parametrize("kind", IMPORTS)
def test_an_upload_is_bound_to_the_session_that_made_it(client_for, process, kind):
    check_url = _upload(client_for("editor"), process, kind)

    response = client_for("admin").get(check_url)

    assert response.templates[0].name == "processes/manage/import_missing.html"


@pytest.mark.parametrize("kind", IMPORTS)
def test_a_new_upload_replaces_the_one_waiting(client_for, process, media, kind):
    client = client_for("editor")
    _upload(client, process, kind)
    _upload(client, process, kind)

    assert len(list((media / "imports").iterdir())) == 1
