"""Installation-wide management: site pages with the sign-language video, and the feedback inbox."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import AccessibilityFeedback, FeedbackStatus, SitePage

MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"
WEBM_HEAD = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81"


@pytest.fixture(autouse=True)
def media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def sign_language_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Gebärdensprache",
        "body": "Hier erklären wir die Seite.",
        "video_transcript": "Im Video sehen Sie …",
    }
    data.update(overrides)
    return data


def test_site_page_list_names_all_five_pages(client_for: Callable[[str], Client]) -> None:
    response = client_for("admin").get(reverse("manage:site_pages"))
    assert [page.slug for page in response.context["pages"]] == list(SitePage.SLUGS)
    html = response.content.decode()
    for slug in SitePage.SLUGS:
        assert reverse("manage:site_page_edit", args=[slug]) in html
    assert "Noch nicht geschrieben" in html


def test_writing_the_imprint_creates_the_page_and_audits_it(client_for: Callable[[str], Client]) -> None:
    client = client_for("admin")
    form_page = client.get(reverse("manage:site_page_edit", args=["impressum"])).content.decode()
    assert 'name="video"' not in form_page
    response = client.post(
        reverse("manage:site_page_edit", args=["impressum"]),
        {"title": "Impressum", "body": "## Anbieter\n\nLandratsamt Ludwigsburg"},
    )
    assert response.status_code == 302
    page = SitePage.objects.get(slug="impressum")
    assert page.body.startswith("## Anbieter")
    assert AuditEntry.objects.get(action="site_page.create").changes["title"] == ["", "Impressum"]
    assert "Landratsamt Ludwigsburg" in Client().get(reverse("public:page", args=["impressum"])).content.decode()


def test_changing_a_page_records_the_changed_fields(client_for: Callable[[str], Client]) -> None:
    SitePage.objects.create(slug="datenschutz", title="Datenschutz", body="Alt")
    client_for("admin").post(
        reverse("manage:site_page_edit", args=["datenschutz"]), {"title": "Datenschutz", "body": "Neu"}
    )
    entry = AuditEntry.objects.get(action="site_page.update")
    assert entry.changes == {"body": ["Alt", "Neu"]}


def test_a_page_without_title_is_refused(client_for: Callable[[str], Client]) -> None:
    response = client_for("admin").post(reverse("manage:site_page_edit", args=["impressum"]), {"title": "", "body": ""})
    assert 'id="id_title-error"' in response.content.decode()
    assert not SitePage.objects.exists()


def test_an_mp4_video_with_description_is_uploaded_to_the_sign_language_page(
    client_for: Callable[[str], Client], media_root: Path
) -> None:
    client = client_for("admin")
    url = reverse("manage:site_page_edit", args=["gebaerdensprache"])
    assert 'accept="video/mp4,video/webm"' in client.get(url).content.decode()
    video = SimpleUploadedFile("erklaerung.MP4", MP4_HEAD + b"\x00" * 100, content_type="video/mp4")
    response = client.post(url, {**sign_language_form(), "video": video})
    assert response.status_code == 302
    page = SitePage.objects.get(slug="gebaerdensprache")
    assert page.video.name.startswith("site/gebaerdensprache")
    assert page.video.name.endswith(".mp4")
    assert (media_root / page.video.name).exists()
    assert page.video_transcript == "Im Video sehen Sie …"
    public = Client().get(reverse("public:page", args=["gebaerdensprache"])).content.decode()
    assert "<video" in public


def test_a_new_video_replaces_the_old_file_and_removing_deletes_it(
    client_for: Callable[[str], Client], media_root: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    client = client_for("admin")
    url = reverse("manage:site_page_edit", args=["gebaerdensprache"])
    first = SimpleUploadedFile("a.webm", WEBM_HEAD + b"\x00" * 50, content_type="video/webm")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**sign_language_form(), "video": first})
    old_name = SitePage.objects.get().video.name
    second = SimpleUploadedFile("b.mp4", MP4_HEAD + b"\x00" * 50, content_type="video/mp4")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**sign_language_form(), "video": second})
    page = SitePage.objects.get()
    assert page.video.name != old_name
    assert not (media_root / old_name).exists()
    assert 'name="remove_video"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**sign_language_form(), "remove_video": "on"})
    page.refresh_from_db()
    assert not page.video
    assert list((media_root / "site").iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content_type", "head", "message"),
    [
        ("film.avi", "video/x-msvideo", MP4_HEAD, "Hochladen lassen sich nur Videos in den Formaten MP4 oder WebM"),
        ("film.mp4", "application/x-msdownload", MP4_HEAD, "ist kein MP4- oder WebM-Video"),
        ("film.mp4", "video/mp4", b"MZ\x90\x00" + b"\x00" * 12, "ist kein MP4- oder WebM-Video"),
        ("film.webm", "video/webm", MP4_HEAD, "ist kein MP4- oder WebM-Video"),
    ],
)
def test_files_that_are_not_mp4_or_webm_videos_are_refused_with_a_clear_message(
    name: str, content_type: str, head: bytes, message: str, client_for: Callable[[str], Client]
) -> None:
    upload = SimpleUploadedFile(name, head + b"\x00" * 10, content_type=content_type)
    response = client_for("admin").post(
        reverse("manage:site_page_edit", args=["gebaerdensprache"]), {**sign_language_form(), "video": upload}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_video-error"' in html
    assert message in html
    assert not SitePage.objects.exists()


def test_a_video_over_the_size_limit_is_refused(client_for: Callable[[str], Client], settings: object) -> None:
    settings.MAX_VIDEO_UPLOAD_MB = 1  # type: ignore[attr-defined]
    upload = SimpleUploadedFile("gross.mp4", MP4_HEAD + b"\x00" * (1024 * 1024), content_type="video/mp4")
    response = client_for("admin").post(
        reverse("manage:site_page_edit", args=["gebaerdensprache"]), {**sign_language_form(), "video": upload}
    )
    html = response.content.decode()
    assert 'id="id_video-error"' in html
    assert "Das Video ist größer als 1 MB." in html
    assert not SitePage.objects.exists()


def test_other_pages_ignore_a_video_sent_with_them(client_for: Callable[[str], Client]) -> None:
    upload = SimpleUploadedFile("film.mp4", MP4_HEAD, content_type="video/mp4")
    client_for("admin").post(
        reverse("manage:site_page_edit", args=["impressum"]), {"title": "Impressum", "body": "x", "video": upload}
    )
    assert not SitePage.objects.get(slug="impressum").video


@pytest.fixture
def reports(db: None) -> list[AccessibilityFeedback]:
    items = [AccessibilityFeedback.objects.create(message=f"Problem {n}", page_url="/termine/") for n in range(22)]
    items.append(
        AccessibilityFeedback.objects.create(
            message="Erledigt schon", status=FeedbackStatus.DONE, email="a@example.org"
        )
    )
    return items


def test_feedback_inbox_lists_reports_newest_first_twenty_per_page(
    reports: list[AccessibilityFeedback], client_for: Callable[[str], Client]
) -> None:
    client = client_for("admin")
    first = client.get(reverse("manage:feedback"))
    assert [item.message for item, _form in first.context["rows"]][:2] == ["Erledigt schon", "Problem 21"]
    assert len(first.context["rows"]) == 20
    assert len(client.get(reverse("manage:feedback"), {"seite": 2}).context["rows"]) == 3


def test_feedback_inbox_filters_by_status(
    reports: list[AccessibilityFeedback], client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").get(reverse("manage:feedback"), {"status": "done"})
    assert [item.message for item, _form in response.context["rows"]] == ["Erledigt schon"]


def test_setting_a_report_to_done_records_the_answer_date_and_the_audit_entry(
    reports: list[AccessibilityFeedback], client_for: Callable[[str], Client]
) -> None:
    item = reports[0]
    response = client_for("admin").post(
        reverse("manage:feedback_status", args=[item.pk]), {f"f{item.pk}-status": "done", "zurueck": "?status=new"}
    )
    assert response.status_code == 302
    assert response.url == reverse("manage:feedback") + "?status=new"
    item.refresh_from_db()
    assert item.status == FeedbackStatus.DONE
    assert item.answered_at is not None
    entry = AuditEntry.objects.get(action="feedback.update")
    assert entry.changes["status"] == ["new", "done"]


def test_an_invalid_status_changes_nothing(
    reports: list[AccessibilityFeedback], client_for: Callable[[str], Client]
) -> None:
    item = reports[0]
    client_for("admin").post(reverse("manage:feedback_status", args=[item.pk]), {f"f{item.pk}-status": "gelöscht"})
    item.refresh_from_db()
    assert item.status == FeedbackStatus.NEW


def test_the_return_address_after_a_status_change_stays_on_this_site(
    reports: list[AccessibilityFeedback], client_for: Callable[[str], Client]
) -> None:
    item = reports[0]
    response = client_for("admin").post(
        reverse("manage:feedback_status", args=[item.pk]),
        {f"f{item.pk}-status": "in_progress", "zurueck": "https://example.com/"},
    )
    assert response.url == reverse("manage:feedback")


def test_status_change_is_refused_to_the_editorial_team(
    reports: list[AccessibilityFeedback], client_for: Callable[[str], Client]
) -> None:
    item = reports[0]
    response = client_for("editor").post(
        reverse("manage:feedback_status", args=[item.pk]), {f"f{item.pk}-status": "done"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == FeedbackStatus.NEW
