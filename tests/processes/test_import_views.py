"""The organisation import in the browser: upload, preview, confirm or cancel, template, permissions."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import ContactPerson, Organisation

GOOD_CSV = (
    "Externe ID;Name;Typ;Gemeindeschlüssel;WZ-Abschnitt;Größenklasse;Beschäftigte;Ansprechperson;E-Mail\n"
    "1;Muster GmbH;Unternehmen;08118048;C;10-49;25;Erika Mustermann;erika@example.org\n"
    "2;Beispiel AG;Unternehmen;08118003;G;50-249;80;Max Beispiel;max@example.org\n"
)
BAD_CSV = GOOD_CSV + "3;Falsch KG;Unternehmen;09162000;Z;0-9;3;Eva Falsch;eva@example.org\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(name, process, **kwargs):
    return reverse(f"manage:organisations:{name}", kwargs={"process_pk": process.pk, **kwargs})


def upload(client, process, content: bytes, filename: str = "liste.csv"):
    return client.post(url("import", process), {"file": SimpleUploadedFile(filename, content)})


def stored_files(media):
    directory = media / "imports"
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("editor", 200), ("board", 403), ("partner", 403), ("company", 403), ("outsider", 404)],
)
@pytest.mark.parametrize("name", ["import", "import_preview", "import_template_xlsx", "import_template_csv"])
def test_only_administration_and_editors_may_import(client_for, process, role, expected, name):
    response = client_for(role).get(url(name, process))

    assert response.status_code == expected


@pytest.mark.parametrize("name", ["import", "import_preview", "import_template_csv"])
def test_anonymous_visitors_are_sent_to_the_login(client_for, process, name):
    response = client_for("anonymous").get(url(name, process))

    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


@pytest.mark.parametrize("role", ["board", "partner", "company", "outsider", "anonymous"])
def test_a_refused_role_cannot_upload_or_confirm(client_for, process, role):
    client = client_for(role)

    upload(client, process, GOOD_CSV.encode())
    client.post(url("import_preview", process))

    assert not Organisation.objects.exists()


def test_the_upload_page_documents_the_columns_and_offers_the_templates(client_for, process):
    response = client_for("editor").get(url("import", process))

    content = response.content.decode()
    for heading in ["Externe ID", "Gemeindeschlüssel", "WZ-Abteilung", "Größenklasse", "Einwilligung wie"]:
        assert heading in content
    assert url("import_template_xlsx", process) in content
    assert url("import_template_csv", process) in content
    assert 'enctype="multipart/form-data"' in content


def test_upload_shows_a_preview_and_saves_nothing_until_confirmed(client_for, process, media):
    client = client_for("editor")

    response = upload(client, process, GOOD_CSV.encode("cp1252"))

    assert response.status_code == 302
    assert response["Location"] == url("import_preview", process)
    assert len(stored_files(media)) == 1
    preview = client.get(url("import_preview", process))
    content = preview.content.decode()
    assert "Muster GmbH" in content
    assert "Beispiel AG" in content
    assert content.count(">new<") == 2
    assert "Import 2 rows" in content
    assert not Organisation.objects.exists()


def test_confirming_imports_every_row_and_removes_the_stored_file(client_for, process, users, media):
    client = client_for("admin")
    upload(client, process, GOOD_CSV.encode())

    response = client.post(url("import_preview", process), follow=True)

    assert response.redirect_chain[-1][0] == url("list", process)
    assert "2 organisations created" in response.content.decode()
    assert set(Organisation.objects.values_list("name", flat=True)) == {"Muster GmbH", "Beispiel AG"}
    assert ContactPerson.objects.count() == 2
    assert AuditEntry.objects.filter(action="organisation.import", actor=users["admin"]).exists()
    assert stored_files(media) == []
    assert client.get(url("import_preview", process)).status_code == 200  # nothing waiting any more
    assert client.post(url("import_preview", process)).status_code == 200
    assert Organisation.objects.count() == 2


def test_a_file_with_one_bad_row_shows_the_errors_and_cannot_be_confirmed(client_for, process):
    client = client_for("editor")
    upload(client, process, BAD_CSV.encode())

    response = client.get(url("import_preview", process))

    content = response.content.decode()
    assert "Row 4, column “Gemeindeschlüssel”: 09162000 is not a municipality in the region" in content
    assert "Row 4, column “WZ-Abschnitt”: “Z” is not a WZ 2008 section" in content
    assert 'id="zeile-4"' in content
    assert "Import 3 rows" not in content
    assert "Upload a corrected file" in content

    confirmed = client.post(url("import_preview", process))

    assert confirmed.status_code == 409
    assert not Organisation.objects.exists()
    assert not ContactPerson.objects.exists()


def test_reimport_through_the_browser_updates_instead_of_duplicating(client_for, process):
    client = client_for("editor")
    upload(client, process, GOOD_CSV.encode())
    client.post(url("import_preview", process))

    upload(client, process, GOOD_CSV.replace(";25;", ";30;").encode())
    content = client.get(url("import_preview", process)).content.decode()
    client.post(url("import_preview", process))

    assert ">updated<" in content
    assert ">unchanged<" in content
    assert Organisation.objects.count() == 2
    assert Organisation.objects.get(external_id="1").employee_count == 30


def test_cancelling_removes_the_stored_file(client_for, process, media):
    client = client_for("editor")
    upload(client, process, GOOD_CSV.encode())

    response = client.post(url("import_preview", process), {"abbrechen": "1"})

    assert response.status_code == 302
    assert stored_files(media) == []
    assert not Organisation.objects.exists()


def test_an_xlsx_upload_is_previewed(client_for, process):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Gemeinde", "Beschäftigte"])
    sheet.append(["Muster GmbH", "Ludwigsburg", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for("editor")

    upload(client, process, buffer.getvalue(), "mitglieder.xlsx")
    content = client.get(url("import_preview", process)).content.decode()

    assert "Muster GmbH" in content
    assert "Ludwigsburg, Stadt" in content
    assert "Import 1 row" in content


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("liste.pdf", b"%PDF-1.4", "is neither a CSV file (.csv) nor an Excel workbook (.xlsx)"),
        ("liste.xls", b"\xd0\xcf\x11\xe0", "is neither a CSV file (.csv) nor an Excel workbook (.xlsx)"),
        ("liste.xlsx", b"Name;Ort\nA;B\n", "could not be read as an Excel workbook"),
        ("liste.csv", b"Betrieb;Ort\nA;B\n", "The file has no column “Name”"),
        ("liste.csv", b"", "The submitted file is empty."),
    ],
)
def test_wrong_or_unreadable_files_are_refused_with_a_message(client_for, process, media, filename, content, message):
    response = upload(client_for("editor"), process, content, filename)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_files(media) == []


def test_a_file_above_the_upload_limit_is_refused(client_for, process, settings, media):
    settings.MAX_UPLOAD_MB = 1
    content = GOOD_CSV.encode() + b"x" * (1024 * 1024)

    response = upload(client_for("editor"), process, content)

    assert response.status_code == 200
    assert "The file is larger than 1 MB." in response.content.decode()
    assert stored_files(media) == []


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_template_downloads_and_imports_without_errors(client_for, process, kind):
    client = client_for("editor")

    response = client.get(url(f"import_template_{kind}", process))

    assert response.status_code == 200
    assert f'filename="organisationen-vorlage.{kind}"' in response["Content-Disposition"]
    upload(client, process, response.content, f"vorlage.{kind}")
    preview = client.get(url("import_preview", process)).content.decode()
    assert "Import 1 row" in preview, preview
    client.post(url("import_preview", process))
    organisation = Organisation.objects.get()
    assert organisation.name == "Muster GmbH"
    assert organisation.municipality is not None
    contact = organisation.contacts.get()
    assert contact.consent_to_contact
    assert contact.consent_method == "written"


def test_the_xlsx_template_explains_columns_and_codes_on_the_sheet_hinweise(client_for, process):
    from openpyxl import load_workbook

    response = client_for("editor").get(url("import_template_xlsx", process))

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Organisationen", "Hinweise"]
    notes = [[cell for cell in row if cell] for row in workbook["Hinweise"].iter_rows(values_only=True)]
    first_cells = [row[0] for row in notes if row]
    for expected in [
        "Externe ID",
        "Gemeindeschlüssel",
        "Unternehmen",
        "Kammer",
        "A",
        "U",
        "0-9",
        "250+",
        "schriftlich",
    ]:
        assert expected in first_cells


def test_the_preview_works_without_javascript(client_for, process):
    client = client_for("editor")
    upload(client, process, GOOD_CSV.encode())

    content = client.get(url("import_preview", process)).content.decode()

    assert f'<form method="post" action="{url("import_preview", process)}"' in content
    assert 'type="submit"' in content
