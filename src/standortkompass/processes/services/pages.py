"""Writing the installation-wide site pages and handling accessibility feedback.

The sign-language page carries a video. Uploads are checked by extension, declared content type,
the first bytes of the file (an MP4 has ``ftyp`` at offset 4, a WebM starts with the EBML magic
``1A 45 DF A3``) and size (``settings.MAX_VIDEO_UPLOAD_MB``).
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.demo.site_texts import DEMO_PAGE_SLUGS, demo_page_body
from standortkompass.processes.models import AccessibilityFeedback, FeedbackStatus, SitePage
from standortkompass.processes.selectors import site_page_for
from standortkompass.processes.services.process import create_audited, update_audited
from standortkompass.processes.site_texts import DEFAULT_PAGES, has_demo_values, has_template_note

SITE_PAGE_FIELDS = ("title", "body", "video", "video_transcript")

DEFAULT_TITLES = {page.slug: page.title for page in DEFAULT_PAGES}

VIDEO_TYPES = {".mp4": {"video/mp4"}, ".webm": {"video/webm"}}


def _looks_like(extension: str, head: bytes) -> bool:
    if extension == ".mp4":
        return head[4:8] == b"ftyp"
    return head[:4] == b"\x1a\x45\xdf\xa3"


def validate_video_upload(upload: UploadedFile[bytes]) -> None:
    """Refuse anything but an MP4 or WebM video within the size limit, with a message saying why."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in VIDEO_TYPES:
        raise ValidationError(
            _("Only videos in the formats MP4 or WebM can be uploaded (file ending .mp4 or .webm)."), code="extension"
        )
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    if content_type not in VIDEO_TYPES[extension] or not _looks_like(extension, head):
        raise ValidationError(
            _("The file is not an MP4 or WebM video, although its name ends in %(extension)s.")
            % {"extension": extension},
            code="content_type",
        )
    limit_mb = settings.MAX_VIDEO_UPLOAD_MB
    if (upload.size or 0) > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The video is larger than %(limit)s MB. Please upload a smaller or more strongly compressed file.")
            % {"limit": limit_mb},
            code="size",
        )


def site_page_update(
    *,
    slug: str,
    actor: User,
    title: str,
    body: str,
    video_transcript: str = "",
    video: UploadedFile[bytes] | None = None,
    remove_video: bool = False,
) -> SitePage:
    """Write a site page; only the sign-language page keeps a video and its description."""
    page = site_page_for(slug)
    is_new = page.pk is None
    data: dict[str, object] = {"title": title, "body": body}
    old_video = page.video.name if page.video else ""
    if slug == SitePage.SIGN_LANGUAGE:
        data["video_transcript"] = video_transcript
        if video is not None:
            validate_video_upload(video)
            video.name = f"{SitePage.SIGN_LANGUAGE}{PurePath(video.name or '').suffix.lower()}"
            data["video"] = video
        elif remove_video:
            data["video"] = ""
    with transaction.atomic():
        page.updated_by = actor
        if is_new:
            for name, value in data.items():
                setattr(page, name, value)
            create_audited(page, actor=actor, action="site_page.create", process=None, fields=SITE_PAGE_FIELDS)
        else:
            update_audited(
                page, actor=actor, action="site_page.update", process=None, fields=SITE_PAGE_FIELDS, data=data
            )
        new_video = page.video.name if page.video else ""
        if old_video and old_video != new_video:
            storage = page.video.storage
            transaction.on_commit(lambda: storage.delete(old_video))
    return page


def feedback_set_status(
    *, feedback: AccessibilityFeedback, actor: User, status: FeedbackStatus | str
) -> AccessibilityFeedback:
    """Move a report through new → in progress → done; the first "done" is its answer date."""
    with transaction.atomic():
        data: dict[str, object] = {"status": status}
        if status == FeedbackStatus.DONE and feedback.answered_at is None:
            data["answered_at"] = timezone.now()
        return update_audited(
            feedback,
            actor=actor,
            action="feedback.update",
            process=None,
            fields=("status", "answered_at"),
            data=data,
        )


def site_pages_ensure_defaults(*, actor: User | None = None) -> list[SitePage]:
    """Create the site pages that are missing, with their default texts; returns the pages created.

    Existing pages are never changed, whatever Administration has written in them.
    """
    created: list[SitePage] = []
    with transaction.atomic():
        existing = set(SitePage.objects.values_list("slug", flat=True))
        for default in DEFAULT_PAGES:
            if default.slug in existing:
                continue
            page = SitePage(slug=default.slug, title=default.title, body=default.body)
            page.full_clean()
            page.save()
            audit_record(actor=actor, action="site_page.create", obj=page, changes={"title": ["", page.title]})
            created.append(page)
    return created


def site_pages_write_demo_texts() -> list[SitePage]:
    """Give the Impressum, Datenschutz and Barrierefreiheit pages the demo's texts; returns the pages written.

    A page is written only while it is not finished: missing, still the template (with its note for
    Administration) or holding demo values. A page Administration has finished is never touched, so
    ``standortkompass demo --force`` on a real installation keeps its texts.
    """
    defaults = {page.slug: page for page in DEFAULT_PAGES}
    written: list[SitePage] = []
    with transaction.atomic():
        for slug in DEMO_PAGE_SLUGS:
            body = demo_page_body(slug)
            page = SitePage.objects.filter(slug=slug).first()
            if page is None:
                page = SitePage(slug=slug, title=defaults[slug].title, body=body)
                page.full_clean()
                page.save()
                audit_record(actor=None, action="site_page.create", obj=page, changes={"title": ["", page.title]})
                written.append(page)
            elif page.body != body and (has_template_note(page.body) or has_demo_values(page.body)):
                update_audited(
                    page, actor=None, action="site_page.update", process=None, fields=("body",), data={"body": body}
                )
                written.append(page)
    return written
