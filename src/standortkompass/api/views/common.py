"""What the API's views share: the process in the address, the error answers each operation documents."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
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


class NotFoundError(Exception):
    """Raised by a view for what is not there (or not public); answered with 404 and the message."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def process_or_404(key: str) -> StrategyProcess:
    process = public_process(key)
    if process is None:
        raise NotFoundError(_("There is no public process with this short name."))
    return process


def absolute(request: HttpRequest) -> Any:
    return request.build_absolute_uri


def handle_not_found(request: HttpRequest, exc: NotFoundError | type[NotFoundError]) -> HttpResponse:
    return not_found(exc.detail if isinstance(exc, NotFoundError) else "")
