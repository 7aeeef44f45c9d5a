"""Writing news items (Aktuelles), as done in the management area.

A news item without publication date is a draft; one with a date in the future is scheduled
and appears on the public site from then on (the public selectors compare with the current time).
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.db import transaction

from standortkompass.accounts.models import User
from standortkompass.processes.models import NewsItem, StrategyProcess
from standortkompass.processes.services.process import (
    assign_fields,
    create_audited,
    delete_audited,
    german_slug,
    numbered_slug,
    update_audited,
)

NEWS_FIELDS = (
    "title",
    "title_en",
    "slug",
    "teaser",
    "teaser_en",
    "body",
    "body_en",
    "published_at",
    "author",
    "author_name",
)


class NewsData(TypedDict, total=False):
    title: str
    title_en: str
    teaser: str
    teaser_en: str
    body: str
    body_en: str
    published_at: dt.datetime | None
    author: User | None
    author_name: str


def news_slug(*, process: StrategyProcess, title: str, exclude_pk: int | None = None) -> str:
    """A slug from the title that no other news item of the process uses (``title``, ``title-2`` …)."""
    max_length = NewsItem._meta.get_field("slug").max_length or 120
    base = german_slug(title, max_length=max_length, fallback="beitrag")
    others = process.news.filter(slug__startswith=base)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return numbered_slug(base, taken=set(others.values_list("slug", flat=True)), max_length=max_length)


def news_create(*, process: StrategyProcess, actor: User, data: NewsData) -> NewsItem:
    """A new news item; its author is ``actor`` unless the data names another."""
    with transaction.atomic():
        item = assign_fields(NewsItem(process=process, author=actor), data=data, fields=NEWS_FIELDS)
        item.slug = news_slug(process=process, title=item.title)
        return create_audited(item, actor=actor, action="news.create", process=process, fields=NEWS_FIELDS)


def news_update(*, item: NewsItem, actor: User, data: NewsData) -> NewsItem:
    """Change a news item. A draft follows a new title with its slug; a published item keeps its address."""
    with transaction.atomic():
        # Compare with the stored row: a ModelForm may already have copied the new title onto ``item``.
        stored = NewsItem.objects.get(pk=item.pk)
        values: dict[str, object] = dict(data)
        if "title" in data and data["title"] != stored.title and stored.published_at is None:
            values["slug"] = news_slug(process=item.process, title=data["title"], exclude_pk=item.pk)
        return update_audited(
            item, actor=actor, action="news.update", process=item.process, fields=NEWS_FIELDS, data=values
        )


def news_delete(*, item: NewsItem, actor: User) -> None:
    with transaction.atomic():
        delete_audited(item, actor=actor, action="news.delete", process=item.process)
