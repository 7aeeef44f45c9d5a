"""What the API's views share: the process in the address, the error answers each operation documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import P, PathEx

from standortkompass.api.responses import ErrorOut, ValidationErrorOut, not_found
from standortkompass.api.selectors.processes import public_process
from standortkompass.processes.models import StrategyProcess

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
ProcessKey = PathEx[
    str,
    P(
        pattern=SLUG_PATTERN,
        max_length=80,
        description="The process's short name (slug), or `current` for the process the home page shows.",
    ),
]
Slug = PathEx[str, P(pattern=SLUG_PATTERN, max_length=120, description="The short name (slug).")]

# Besides 200: 304 for a conditional request whose copy is still fresh, 404 for what is not (public) there, 422 for
# a parameter out of its range.
ERRORS: dict[int, Any] = {304: None, 404: ErrorOut, 422: ValidationErrorOut}


_HEADER = {"schema": {"type": "string"}}
HEADERS = {
    "ETag": {**_HEADER, "description": "A strong validator of the body; send it back in If-None-Match."},
    "Last-Modified": {**_HEADER, "description": "Since when this address gives out this body."},
    "Cache-Control": {**_HEADER, "description": "public, max-age=60"},
    "Link": {**_HEADER, "description": 'The licence of the data: <…>; rel="license".'},
}
# What django-ninja does not write into the OpenAPI document by itself: the caching headers, and the CSV of lists.
DOCUMENT_EXTRA: dict[str, Any] = {"responses": {200: {"headers": HEADERS}, 304: {"headers": {"ETag": HEADERS["ETag"]}}}}
LIST_EXTRA: dict[str, Any] = {
    "responses": {
        200: {
            "headers": HEADERS,
            "content": {
                "text/csv": {
                    "schema": {"type": "string"},
                    "description": "With format=csv: the whole list, UTF-8, a header row, unrounded values.",
                }
            },
        },
        304: {"headers": {"ETag": HEADERS["ETag"]}},
    }
}


class NotFoundError(Exception):
    """Raised by a view for what is not there (or not public); answered with 404 and the message.

    The API's messages are English, like its field names and codes and django-ninja's own validation messages."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def process_or_404(key: str) -> StrategyProcess:
    process = public_process(key)
    if process is None:
        raise NotFoundError("There is no public process with this short name.")
    return process


def absolute(request: HttpRequest) -> Callable[[str], str]:
    """Makes a path of the site an address with the request's scheme and host."""

    def link(path: str) -> str:
        return request.build_absolute_uri(path)

    return link


def handle_not_found(request: HttpRequest, exc: NotFoundError | type[NotFoundError]) -> HttpResponse:
    return not_found(exc.detail if isinstance(exc, NotFoundError) else "")
