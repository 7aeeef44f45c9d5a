"""The exports pages: list with progress, request, download with permission checks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from standortkompass.surveys.models import ExportJob, ExportStatus
from surveys.results_data import grid, results_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(process):
    return results_survey(process, grid({("industrie", "0_9"): 6, ("industrie", "10_49"): 3}))


def url(name: str, survey, *args: int) -> str:
    return reverse(f"surveys_manage:{name}", args=[survey.process_id, survey.pk, *args])


def test_an_editor_requests_an_export_and_downloads_the_suppressed_file(client_for, survey):
    client = client_for("editor")
    page = client.get(url("exports", survey))
    assert page.status_code == 200
    assert "unsuppressed" not in page.content.decode()  # the checkbox is for Administration only

    response = client.post(url("export_request", survey), {"format": "csv", "unsuppressed": "on"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.suppressed
    assert job.status == ExportStatus.DONE

    download = client.get(url("export_download", survey, job.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"].startswith("attachment;")
    assert f"{survey.slug}-" in download["Content-Disposition"]
    content = b"".join(download.streaming_content)
    assert content.startswith(b"\xef\xbb\xbfantwort;")
    assert b"firma" not in content.split(b"\r\n")[0]


def test_an_editor_may_not_download_an_unsuppressed_export_of_administration(client_for, survey):
    admin = client_for("admin")
    assert "unsuppressed" in admin.get(url("exports", survey)).content.decode()
    admin.post(url("export_request", survey), {"format": "xlsx", "unsuppressed": "on"})
    job = ExportJob.objects.get()
    assert not job.suppressed
    download = admin.get(url("export_download", survey, job.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    editor = client_for("editor")
    assert editor.get(url("export_download", survey, job.pk)).status_code == 404
    assert url("export_download", survey, job.pk) not in editor.get(url("exports", survey)).content.decode()


def test_an_unfinished_export_has_no_download(client_for, survey):
    job = ExportJob.objects.create(survey=survey, format="csv", status=ExportStatus.RUNNING, progress=50)
    client = client_for("editor")
    assert client.get(url("export_download", survey, job.pk)).status_code == 404
    page = client.get(url("exports", survey)).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert '<progress max="100" value="50"' in page


def test_an_export_of_another_process_is_not_found(client_for, survey, process):
    other = results_survey(process, [])
    job = ExportJob.objects.create(survey=other, format="csv", status=ExportStatus.DONE, file_name="x.csv")
    assert client_for("editor").get(url("export_download", survey, job.pk)).status_code == 404


def test_an_unknown_format_is_shown_as_a_form_error(client_for, survey):
    response = client_for("editor").post(url("export_request", survey), {"format": "pdf"})
    assert response.status_code == 200
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("role", ["board", "partner", "company", "outsider"])
def test_roles_below_redaktion_cannot_export(client_for, survey, role):
    assert client_for(role).get(url("exports", survey)).status_code in {403, 404}
