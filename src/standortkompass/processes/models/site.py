from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SitePage(models.Model):
    """Installation-wide pages: Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache, Gebärdensprache."""

    IMPRINT = "impressum"
    PRIVACY = "datenschutz"
    ACCESSIBILITY = "barrierefreiheit"
    EASY_LANGUAGE = "leichte-sprache"
    SIGN_LANGUAGE = "gebaerdensprache"
    SLUGS = (IMPRINT, PRIVACY, ACCESSIBILITY, EASY_LANGUAGE, SIGN_LANGUAGE)

    slug = models.SlugField(_("page"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Formatted text (Markdown)."))
    video = models.FileField(_("video"), upload_to="site/", blank=True)
    video_transcript = models.TextField(_("video description"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class AccessibilityFeedback(models.Model):
    """A report of an accessibility problem, sent from the feedback form linked on every page."""

    page_url = models.CharField(_("page"), max_length=500, blank=True)
    message = models.TextField(_("message"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d}: {self.message[:60]}"
