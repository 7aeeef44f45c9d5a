"""Board documents: the type is checked by content, the size is limited, the file is stored under a random name and
downloaded only through the permission-checked view, as an attachment."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from governance.helpers import docx_bytes, pdf_bytes, upload
from standortkompass.governance.filetypes import detect
from standortkompass.governance.models import Document, FileType
from standortkompass.governance.services.documents import document_delete, document_upload
from standortkompass.governance.storage import document_path

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 20
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 100
    + b"This program cannot be run in DOS mode."
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _upload(gov, process, users, name, data, **extra):
    return document_upload(
        process=process,
        actor=users["editor"],
        data={"board": gov.sounding, "title": name, "confidentiality": "board", **extra},
        upload=upload(name, data),
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (pdf_bytes(), FileType.PDF),
        (docx_bytes(), FileType.DOCX),
        (PNG, FileType.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", FileType.JPEG),
        ("Tagesordnung: Begrüßung, Bericht".encode(), FileType.TEXT),
        (EXE, None),
        (HTML, None),
        (b"   <svg onload='x'></svg>", None),
        (b"Text mit\x00Nullbyte", None),
    ],
)
def test_the_type_is_told_by_the_content(data, expected):
    assert detect(io.BytesIO(data)) == expected


def test_a_zip_that_is_no_office_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hallo")
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
        )

    assert detect(io.BytesIO(out.getvalue())) is None
    assert detect(io.BytesIO(macro.getvalue())) is None


def test_an_opendocument_text_is_accepted():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")

    assert detect(io.BytesIO(out.getvalue())) == FileType.ODT


def test_a_real_pdf_and_docx_are_stored_under_a_random_name(gov, process, users):
    pdf = _upload(gov, process, users, "Protokoll Sitzung.pdf", pdf_bytes())
    docx = _upload(gov, process, users, "Vorlage.docx", docx_bytes())

    for document, data in ((pdf, pdf_bytes()), (docx, docx_bytes())):
        path = document_path(document.stored_name)
        assert path is not None
        assert path.read_bytes() == data
        assert len(document.stored_name) == 32
        assert "." not in document.stored_name
        assert path.stat().st_mode & 0o077 == 0
    assert (pdf.file_type, docx.file_type) == (FileType.PDF, FileType.DOCX)
    assert pdf.original_name == "Protokoll Sitzung.pdf"


def test_a_renamed_program_or_web_page_is_refused_with_a_message_naming_the_file(gov, process, users, settings):
    count = Document.objects.count()
    for name, data in (("bericht.pdf", EXE), ("protokoll.txt", HTML), ("vorlage.docx", HTML)):
        with pytest.raises(ValidationError) as error:
            _upload(gov, process, users, name, data)
        assert name in error.value.message_dict["file"][0]

    assert Document.objects.count() == count
    assert sorted(path.name for path in (Path(settings.MEDIA_ROOT) / "governance").iterdir()) == [
        gov.document.stored_name
    ]


def test_a_renamed_pdf_gets_the_ending_of_its_content(gov, process, users):
    document = _upload(gov, process, users, "scan.exe", pdf_bytes())

    assert document.original_name == "scan.pdf"


def test_a_file_over_the_size_limit_is_refused(gov, process, users, settings):
    settings.GOVERNANCE_DOCUMENT_MAX_MB = 1
    big = pdf_bytes() + b"%" + b"x" * (1024 * 1024)

    with pytest.raises(ValidationError) as error:
        _upload(gov, process, users, "gross.pdf", big)

    assert "gross.pdf" in error.value.message_dict["file"][0]
    assert "1 MB" in error.value.message_dict["file"][0]


def test_the_upload_form_shows_the_refusal_next_to_the_file_field(gov, process, client_for):
    response = client_for("editor").post(
        reverse("governance_manage:upload", args=[process.pk]),
        {
            "file": upload("trojaner.pdf", EXE),
            "title": "Angeblich ein PDF",
            "board": gov.sounding.pk,
            "confidentiality": "board",
        },
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_file-error"' in content
    assert "trojaner.pdf" in content
    assert not Document.objects.filter(title="Angeblich ein PDF").exists()


def test_the_upload_form_stores_a_real_pdf(gov, process, client_for):
    response = client_for("editor").post(
        reverse("governance_manage:upload", args=[process.pk]),
        {
            "file": upload("anlage.pdf", pdf_bytes(), "application/pdf"),
            "title": "Anlage",
            "board": gov.sounding.pk,
            "meeting": gov.meeting.pk,
            "confidentiality": "board",
        },
    )

    assert response.status_code == 302
    assert Document.objects.get(title="Anlage").meeting == gov.meeting


def _download(client: Client, gov, process):
    return client.get(reverse("governance_manage:download", args=[process.pk, gov.document.pk]))


def test_the_download_is_an_attachment_with_the_type_found_and_nosniff(gov, process, client_for):
    response = _download(client_for("board"), gov, process)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="analyse.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == pdf_bytes()  # type: ignore[attr-defined]


def test_a_member_of_another_board_an_outsider_and_the_public_cannot_download(
    gov, process, client_for, other_board_client
):
    assert _download(other_board_client, gov, process).status_code == 404
    assert _download(client_for("outsider"), gov, process).status_code == 404
    assert _download(client_for("partner"), gov, process).status_code == 403
    assert _download(client_for("anonymous"), gov, process).status_code == 302
    assert Client().get(reverse("governance:document", args=[gov.document.pk])).status_code == 404


def test_an_internal_document_is_for_the_editorial_team_only(gov, process, users, client_for):
    internal = _upload(gov, process, users, "intern.pdf", pdf_bytes(), confidentiality="internal")
    url = reverse("governance_manage:download", args=[process.pk, internal.pk])

    assert client_for("board").get(url).status_code == 404
    assert client_for("editor").get(url).status_code == 200


def test_a_public_document_of_a_public_entry_is_downloaded_by_anyone(gov, process, users):
    public = _upload(gov, process, users, "empfehlung.pdf", pdf_bytes(), confidentiality="public", entry=gov.entry)

    response = Client().get(reverse("governance:document", args=[public.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="empfehlung.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_public_document_of_a_board_level_meeting_stays_inside(gov, process, users):
    hidden = _upload(gov, process, users, "folien.pdf", pdf_bytes(), confidentiality="public", meeting=gov.meeting)

    assert Client().get(reverse("governance:document", args=[hidden.pk])).status_code == 404


def test_the_file_is_not_reachable_under_a_media_address(gov):
    assert Client().get(f"/media/governance/{gov.document.stored_name}").status_code == 404


def test_a_deleted_document_takes_its_file_with_it(gov, users, django_capture_on_commit_callbacks):
    path = document_path(gov.document.stored_name)
    assert path is not None
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=gov.document, actor=users["editor"])

    assert not path.exists()
