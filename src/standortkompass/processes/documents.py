"""The kinds of document the apps contribute to the reports (docs/reports.md).

An app registers a :class:`DocumentKind` in its ``AppConfig.ready``: its key (the ``KIND`` of
``standortkompass report``), its label, whether a process has what it needs now, and the function that builds
the :class:`~standortkompass.core.documents.Document` from the app's own selectors. The ``reports`` app renders
and keeps the documents and never imports the apps that build them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from standortkompass.core.documents import Document
    from standortkompass.processes.models import StrategyProcess


class DocumentUnavailableError(Exception):
    """The process lacks what the document needs (no statistics loaded, no survey …); the message says what."""


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: str | Promise
    # build(process, options) -> Document; options are the kind's own (e.g. {"workshop": 3}); raises
    # DocumentUnavailableError with a message for the user when the process lacks what the document needs.
    build: Callable[[StrategyProcess, Mapping[str, Any]], Document]
    order: int = 100
    # The options the kind takes (name -> help text), e.g. {"workshop": "the workshop's number"}.
    options: Mapping[str, str | Promise] | None = None


_kinds: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    _kinds[kind.key] = kind
    return kind


def document_kinds() -> list[DocumentKind]:
    """Every registered kind, in their order."""
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def document_kind(key: str) -> DocumentKind | None:
    return _kinds.get(key)
