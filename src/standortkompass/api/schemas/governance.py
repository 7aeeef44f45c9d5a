"""What the API gives out of the boards' register: the public recommendations and decisions."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from standortkompass.api.schemas.common import NamedOut


class DocumentOut(BaseModel):
    id: int
    title: str
    file_type: str
    size: int = Field(description="In bytes.")
    url: str | None = Field(description="The download (for the current process).")


class DecisionOut(BaseModel):
    id: int
    kind: Literal["recommendation", "decision"]
    subject: str
    text: str = Field(description="Formatted text (Markdown).")
    rationale: str
    conditions: str
    decided_on: dt.date
    board: NamedOut
    status: Literal["open", "in_progress", "implemented", "done", "rejected"]
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None
    strategy_version: int | None = Field(description="The number of the strategy version decided on.")
    version_approved: bool | None
    elements: list[int] = Field(description="The ids of the elements of the published strategy it concerns.")
    unpublished_element_count: int = Field(description="Elements of the draft it concerns, not yet published.")
    documents: list[DocumentOut]
    url: str | None = Field(description="The entry's public page (for the current process).")
