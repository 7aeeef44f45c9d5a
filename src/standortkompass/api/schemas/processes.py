"""What the API gives out of a process: the process, its phases, public dates, published news and public boards."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, Field

from standortkompass.api.schemas.common import RegionOut

ProcessStatusCode = Literal["preparation", "running", "implementation", "completed"]
PhaseStateCode = Literal["planned", "active", "completed"]
EventKindCode = Literal["workshop", "board_meeting", "deadline", "information", "other"]
BoardKindCode = Literal["sounding_board", "steering_committee", "other"]


class ProcessOut(BaseModel):
    slug: str
    title: str
    title_en: str = Field(description="English version; empty when there is none.")
    short_description: str
    short_description_en: str
    status: ProcessStatusCode
    region: RegionOut = Field(description="The district of the process (AGS code and name).")
    agency: str = Field(description="The business development agency running the process.")
    is_current: bool = Field(description="Whether this is the process the home page shows (alias `current`).")
    url: str = Field(description="The process's public page.")
    api_url: str


class PhaseOut(BaseModel):
    id: int
    order: int
    name: str
    name_en: str
    description: str
    description_en: str
    start_date: dt.date | None
    end_date: dt.date | None
    state: PhaseStateCode
    is_current: bool


class ProcessDetailOut(ProcessOut):
    description: str = Field(description="Formatted text (Markdown).")
    description_en: str
    current_phase: PhaseOut | None


class EventOut(BaseModel):
    uid: uuid.UUID
    title: str
    title_en: str
    kind: EventKindCode
    start: dt.datetime
    end: dt.datetime | None
    location: str
    online_url: str
    registration_url: str
    description: str = Field(description="Formatted text (Markdown).")
    description_en: str
    phase: int | None = Field(description="The id of the phase the date belongs to.")
    url: str
    ical_url: str


class NewsOut(BaseModel):
    id: int
    slug: str
    title: str
    title_en: str
    teaser: str
    teaser_en: str
    body: str = Field(description="Formatted text (Markdown).")
    body_en: str
    published_at: dt.datetime
    url: str


class BoardMemberOut(BaseModel):
    name: str
    function: str
    organisation: str


class BoardOut(BaseModel):
    id: int
    name: str
    name_en: str
    kind: BoardKindCode
    description: str
    description_en: str
    members: list[BoardMemberOut] = Field(description="Only the members who agreed to their names being published.")
    unnamed_member_count: int = Field(description="The members who did not agree; they are counted, never named.")
