from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsItem(models.Model):
    process = models.ForeignKey(
        "processes.StrategyProcess", verbose_name=_("process"), on_delete=models.CASCADE, related_name="news"
    )
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title – English version (optional)"), max_length=200, blank=True)
    slug = models.SlugField(_("short name in web addresses"), max_length=120)
    teaser = models.CharField(_("teaser"), max_length=400)
    teaser_en = models.CharField(_("teaser – English version (optional)"), max_length=400, blank=True)
    body = models.TextField(_("text"), help_text=_("Formatted text (Markdown)."))
    body_en = models.TextField(
        _("text – English version (optional)"), blank=True, help_text=_("Formatted text (Markdown).")
    )
    published_at = models.DateTimeField(
        _("publication date"), null=True, blank=True, help_text=_("Empty: draft, not published.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("author as shown"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["process", "slug"], name="unique_news_slug_per_process")]

    def __str__(self) -> str:
        return self.title
