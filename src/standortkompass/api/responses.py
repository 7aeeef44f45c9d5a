"""How every answer of the API is made: the metadata (licence and attribution), pagination, CSV, caching headers.

A view hands over the data; this module validates it against the operation's schema, serialises it once and
answers with a strong ``ETag`` (a hash of the body) and ``Last-Modified`` (when this address first gave out
this body, kept in the cache), so ``If-None-Match`` and ``If-Modified-Since`` are answered with 304 by Django's
``get_conditional_response`` (``If-None-Match`` wins when both are sent). Lists are paginated with ``limit``
and ``offset`` and say the total ``count``; ``?format=csv`` gives the whole list (filters apply, pagination
does not) as UTF-8 CSV with a header row and unrounded values (text that a spreadsheet would run as a formula
with a leading apostrophe).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, urlencode
from ninja import Schema
from pydantic import BaseModel, Field

# Public data that changes a few times a day: a client or proxy may reuse an answer for a minute, then asks
# again with If-None-Match and usually gets a 304.
MAX_AGE_SECONDS = 60
LAST_MODIFIED_SECONDS = 30 * 24 * 60 * 60
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000

STATISTICS_ATTRIBUTION = "Quelle: Statistische Ämter des Bundes und der Länder (Regionaldatenbank), eigene Aufbereitung"
STATISTICS_LICENCE = ("Datenlizenz Deutschland – Namensnennung – Version 2.0", "https://www.govdata.de/dl-de/by-2-0")


# --- metadata ---------------------------------------------------------------------------------------------------


class LicenceOut(Schema):
    name: str = Field(description="The licence's name, e.g. CC BY 4.0 or dl-de/by-2-0.")
    url: str = Field(description="Where the licence's text is.")


class SourceOut(Schema):
    name: str
    licence: LicenceOut
    attribution: str = Field(description="The credit the licence asks for, as it is to be given.")


class MetaOut(Schema):
    api_version: str = "1"
    licence: LicenceOut = Field(description="The licence of the data of this answer.")
    attribution: str = Field(description="Whom to name when the data is reused.")
    sources: list[SourceOut] = Field(
        default_factory=list, description="Data of others within this answer, each with its own licence."
    )
    documentation: str = Field(description="The OpenAPI document of the API.")


class PaginationOut(Schema):
    count: int = Field(description="The number of items of the whole list (with the filters applied).")
    limit: int
    offset: int
    next: str | None = Field(description="The address of the next page, or null on the last page.")
    previous: str | None = Field(description="The address of the previous page, or null on the first page.")


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(description="What is wrong with which parameter.")


class ListQuery(Schema):
    """The query parameters every list takes."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
    offset: int = Field(0, ge=0, le=10_000_000, description="How many items to skip.")
    format: Literal["json", "csv"] = Field(
        "json", description="csv: the whole list (filters apply, limit and offset do not) as UTF-8 CSV."
    )


@dataclass(frozen=True)
class Meta:
    """What the metadata of an answer says, before the request fills in the documentation's address."""

    licence: tuple[str, str]
    attribution: str
    sources: tuple[tuple[str, tuple[str, str], str], ...] = ()

    def out(self, request: HttpRequest) -> dict[str, Any]:
        return {
            "licence": {"name": self.licence[0], "url": self.licence[1]},
            "attribution": self.attribution,
            "sources": [
                {"name": name, "licence": {"name": licence[0], "url": licence[1]}, "attribution": attribution}
                for name, licence, attribution in self.sources
            ],
            "documentation": request.build_absolute_uri("/api/openapi.json"),
        }


OFFICIAL_STATISTICS = ("Statistische Ämter des Bundes und der Länder", STATISTICS_LICENCE, STATISTICS_ATTRIBUTION)


def content_meta(attribution: str, *, with_statistics: bool = False) -> Meta:
    """Editorial content of the agency (API_CONTENT_LICENCE); with the official statistics it may quote."""
    return Meta(
        licence=(settings.API_CONTENT_LICENCE, settings.API_CONTENT_LICENCE_URL),
        attribution=attribution,
        sources=(OFFICIAL_STATISTICS,) if with_statistics else (),
    )


def statistics_meta() -> Meta:
    return Meta(licence=STATISTICS_LICENCE, attribution=STATISTICS_ATTRIBUTION)


# --- conditional answers ----------------------------------------------------------------------------------------


def _first_seen(key: str, etag: str) -> int:
    """When this address first gave out the body with ``etag`` (now, if its last body was another)."""
    cache_key = "api:last-modified:" + hashlib.sha256(key.encode()).hexdigest()
    stored = cache.get(cache_key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == etag:
        return int(stored[1])
    now = int(time.time())
    cache.set(cache_key, (etag, now), LAST_MODIFIED_SECONDS)
    return now


def conditional(request: HttpRequest, body: bytes, *, content_type: str, filename: str = "") -> HttpResponseBase:
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    last_modified = _first_seen(f"{request.get_full_path()}|{content_type}", etag)
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response) or response


def _licence_link(response: HttpResponseBase, meta: Meta) -> HttpResponseBase:
    response["Link"] = f'<{meta.licence[1]}>; rel="license"'
    return response


# --- documents and lists ----------------------------------------------------------------------------------------


def document(request: HttpRequest, schema: type[BaseModel], data: Mapping[str, Any], meta: Meta) -> HttpResponseBase:
    """One object: ``{"meta": …, "data": …}``."""
    body = schema.model_validate({"meta": meta.out(request), "data": data}).model_dump_json().encode()
    return _licence_link(conditional(request, body, content_type="application/json"), meta)


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return request.build_absolute_uri(request.path + "?" + urlencode(sorted(query.lists()), doseq=True))


# Text a spreadsheet would run as a formula gets a leading apostrophe in CSV, as in the survey exports
# (surveys/export_formats.py); a lone "-" (the official tables' flag "nothing") is no formula and stays.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: Any) -> Any:
    if isinstance(value, str):
        return "'" + value if len(value) > 1 and value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # unrounded: the shortest text that reads back as the same number
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_csv_value(item)) for item in value)
    return value


def csv_body(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8")


@dataclass(frozen=True)
class Listing:
    """A list for an answer: its items (a query set or a sequence), how a page of them reads in JSON, and how
    all of them read as CSV rows."""

    items: Any  # a QuerySet or a Sequence: sliced and counted
    to_json: Callable[[list[Any]], list[dict[str, Any]]]
    columns: Sequence[str]
    to_rows: Callable[[list[Any]], Iterable[Mapping[str, Any]]]
    name: str  # the CSV file's name without ".csv"

    def count(self) -> int:
        return len(self.items) if isinstance(self.items, (list, tuple)) else int(self.items.count())


def listing(
    request: HttpRequest, schema: type[BaseModel], found: Listing, query: ListQuery, meta: Meta
) -> HttpResponseBase:
    """A page of a list: ``{"meta": …, "pagination": …, "items": […]}``, or the whole list as CSV."""
    if query.format == "csv":
        body = csv_body(found.columns, found.to_rows(list(found.items)))
        response = conditional(request, body, content_type="text/csv; charset=utf-8", filename=f"{found.name}.csv")
        return _licence_link(response, meta)
    count = found.count()
    offset, limit = query.offset, query.limit
    page = list(found.items[offset : offset + limit]) if offset < count else []
    pagination = {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _page_url(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _page_url(request, max(0, offset - limit), limit) if offset > 0 else None,
    }
    data = {"meta": meta.out(request), "pagination": pagination, "items": found.to_json(page)}
    body = schema.model_validate(data).model_dump_json().encode()
    return _licence_link(conditional(request, body, content_type="application/json"), meta)


def with_caching_headers(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """For django-ninja's own OpenAPI view: the same ETag, Last-Modified and 304 as every other answer."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or not isinstance(response, HttpResponse):
            return response
        return conditional(request, response.content, content_type=response["Content-Type"])

    return wrapped


def not_found(detail: str) -> HttpResponse:
    return HttpResponse(ErrorOut(detail=detail).model_dump_json(), status=404, content_type="application/json")
