"""The statistics upload in the management area: permissions, preview with the validation report, confirm."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from standortkompass.audit.models import AuditEntry
from standortkompass.regiondata.models import ImportBatch, Observation, Region

REPOSITORY = Path(__file__).resolve().parents[2]
EUROSTAT = REPOSITORY / "tests" / "regiondata" / "fixtures" / "eurostat_nama_10r_3empers_synthetic.tsv"
GENESIS = REPOSITORY / "src" / "standortkompass" / "regiondata" / "official" / "raw" / "13111-07-05-4_2020.csv"

GOOD_CSV = (
    "region_code,region_name,sector_code,sector_name,year,value\n"
    "08118,Ludwigsburg,C,Verarbeitendes Gewerbe,2020,59225\n"
    "08118,Ludwigsburg,TOTAL,Insgesamt,2020,206752\n"
    "08119,Rems-Murr-Kreis,TOTAL,Insgesamt,2020,150000\n"
)
BAD_CSV = (
    "region_code,region_name,sector_code,sector_name,year,value\n"
    "08118,Ludwigsburg,C,Verarbeitendes Gewerbe,2020,59225\n"
    "08118,Ludwigsburg,TOTAL,Insgesamt,2020,viele\n"
    "8118,Ludwigsburg,A,Land- und Forstwirtschaft,2020,1516\n"
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(name, process):
    return reverse(f"standortanalyse_manage:{name}", kwargs={"process_pk": process.pk})


def upload(client, process, content: bytes, filename: str = "daten.csv", **fields):
    data = {"file": SimpleUploadedFile(filename, content), "format": "", "indicator": "employees_workplace"}
    return client.post(url("statistics_upload", process), {**data, **fields})


def stored_files(media):
    directory = media / "imports"
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("editor", 200), ("board", 403), ("partner", 403), ("company", 403), ("outsider", 404)],
)
@pytest.mark.parametrize("name", ["statistics_upload", "statistics_preview"])
def test_only_administration_and_editors_may_import_statistics(client_for, process, role, expected, name):
    response = client_for(role).get(url(name, process))

    assert response.status_code == expected


@pytest.mark.parametrize("name", ["statistics_upload", "statistics_preview"])
def test_anonymous_visitors_are_sent_to_the_login(client_for, process, name):
    response = client_for("anonymous").get(url(name, process))

    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


@pytest.mark.parametrize("role", ["board", "partner", "company", "outsider", "anonymous"])
def test_a_refused_role_can_neither_upload_nor_confirm(client_for, process, media, role):
    client = client_for(role)

    upload(client, process, GOOD_CSV.encode())
    client.post(url("statistics_preview", process))

    assert not Observation.objects.exists()
    assert stored_files(media) == []


def test_the_upload_page_explains_the_formats(client_for, process):
    response = client_for("editor").get(url("statistics_upload", process))

    content = response.content.decode()
    assert "Import statistics" in content
    assert "region_code,region_name,sector_code,sector_name,year,value" in content
    assert 'enctype="multipart/form-data"' in content


def test_the_preview_shows_what_would_change_and_saves_nothing(client_for, process, media):
    client = client_for("editor")

    response = upload(client, process, GOOD_CSV.encode())

    assert response.status_code == 302
    assert response["Location"] == url("statistics_preview", process)
    assert len(stored_files(media)) == 1
    preview = client.get(url("statistics_preview", process))
    content = preview.content.decode()
    assert "3 values would be created" in content
    assert "1 region would be created" in content
    assert "08119 Rems-Murr-Kreis" in content
    assert "Import the file" in content
    assert not Observation.objects.exists()
    assert not ImportBatch.objects.exists()
    assert not Region.objects.filter(code="08119").exists()


def test_confirming_imports_the_file_and_records_it_in_the_audit_log(client_for, process, media, users):
    client = client_for("admin")
    upload(client, process, GOOD_CSV.encode())

    response = client.post(url("statistics_preview", process))

    assert response.status_code == 302
    assert Observation.objects.get(region__code="08118", sector="TOTAL", year=2020).value == 206752
    assert Observation.objects.count() == 3
    batch = ImportBatch.objects.get()
    assert (batch.created, batch.imported_by) == (3, users["admin"])
    entry = AuditEntry.objects.get(action="statistics.import")
    assert entry.process == process
    assert entry.actor == users["admin"]
    assert entry.changes["created"] == 3
    assert stored_files(media) == []
    assert "Import finished: 3 values created" in client.get(response["Location"]).content.decode()


def test_the_same_file_a_second_time_changes_nothing(client_for, process):
    client = client_for("editor")
    upload(client, process, GOOD_CSV.encode())
    client.post(url("statistics_preview", process))

    upload(client, process, GOOD_CSV.encode())
    preview = client.get(url("statistics_preview", process)).content.decode()
    client.post(url("statistics_preview", process))

    assert "3 values unchanged" in preview
    assert "importing it would change nothing" in preview
    assert ImportBatch.objects.count() == 1


def test_a_revised_value_is_shown_before_it_replaces_the_old_one(client_for, process):
    client = client_for("editor")
    upload(client, process, GOOD_CSV.encode())
    client.post(url("statistics_preview", process))

    upload(client, process, GOOD_CSV.replace("206752", "207000").encode())
    preview = client.get(url("statistics_preview", process)).content.decode()

    assert "1 value would be revised" in preview
    assert "206752.0" in preview
    assert "207000.0" in preview
    assert Observation.objects.get(region__code="08118", sector="TOTAL").value == 206752
    client.post(url("statistics_preview", process))
    assert Observation.objects.get(region__code="08118", sector="TOTAL").value == 207000


def test_the_preview_lists_every_problem_with_line_and_column_and_nothing_is_saved(client_for, process):
    client = client_for("editor")
    upload(client, process, BAD_CSV.encode(), filename="kaputt.csv")

    response = client.get(url("statistics_preview", process))

    content = response.content.decode()
    assert "The file has 2 problems. Nothing can be imported." in content
    assert '<th scope="row" class="kern-table__header kern-table__header--numeric">3</th>' in content
    assert '<td class="kern-table__cell">6</td>' in content
    assert "&#x27;viele&#x27; is not a number" in content
    assert "did a spreadsheet drop a leading zero?" in content
    assert "Import the file" not in content
    assert not Observation.objects.exists()


def test_confirming_a_file_with_problems_saves_nothing(client_for, process):
    client = client_for("editor")
    upload(client, process, BAD_CSV.encode(), filename="kaputt.csv")

    response = client.post(url("statistics_preview", process))

    assert response.status_code == 409
    assert not Observation.objects.exists()
    assert not ImportBatch.objects.exists()
    assert not AuditEntry.objects.filter(action="statistics.import").exists()


def test_cancelling_removes_the_stored_file(client_for, process, media):
    client = client_for("editor")
    upload(client, process, GOOD_CSV.encode())

    response = client.post(url("statistics_preview", process), {"abbrechen": "1"})

    assert response.status_code == 302
    assert stored_files(media) == []
    assert "There is no uploaded file" in client.get(url("statistics_preview", process)).content.decode()
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("filename", "message"),
    [("daten.txt", "has none of the endings .csv, .xlsx, .tsv, .tsv.gz"), ("leer.csv", "The submitted file is empty")],
)
def test_a_file_of_the_wrong_kind_is_refused_on_the_upload_page(client_for, process, media, filename, message):
    content = b"" if filename == "leer.csv" else GOOD_CSV.encode()

    response = upload(client_for("editor"), process, content, filename=filename)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_files(media) == []


def test_a_file_above_the_size_limit_is_refused(client_for, process, media, settings):
    settings.MAX_UPLOAD_MB = 1

    response = upload(client_for("editor"), process, b"x" * (1024 * 1024 + 1))

    assert "The file is larger than 1 MB." in response.content.decode()
    assert stored_files(media) == []


def test_a_eurostat_tsv_is_recognised_from_its_name(client_for, process, regions):
    client = client_for("editor")
    upload(client, process, EUROSTAT.read_bytes(), filename="nama_10r_3empers.tsv", indicator="")

    content = client.get(url("statistics_preview", process)).content.decode()

    assert "Eurostat TSV" in content
    assert "values would be created" in content


def test_a_genesis_download_is_recognised_and_previewed(client_for, process, regions):
    client = client_for("editor")
    upload(client, process, GENESIS.read_bytes(), filename="13111-07-05-4_2020.csv", indicator="")

    content = client.get(url("statistics_preview", process)).content.decode()

    assert "Regionaldatenbank/GENESIS table (CSV)" in content
    assert "employees_workplace" in content
    assert not Observation.objects.exists()
