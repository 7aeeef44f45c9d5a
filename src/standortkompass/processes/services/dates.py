"""Writing events (Termine), as done in the management area."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.db import transaction

from standortkompass.accounts.models import User
from standortkompass.processes.models import Event, EventKind, Phase, StrategyProcess, Visibility
from standortkompass.processes.services.process import (
    assign_fields,
    create_audited,
    delete_audited,
    update_audited,
)

EVENT_FIELDS = (
    "title",
    "title_en",
    "kind",
    "start",
    "end",
    "location",
    "online_url",
    "description",
    "description_en",
    "phase",
    "visibility",
    "registration_url",
)


class EventData(TypedDict, total=False):
    title: str
    title_en: str
    kind: EventKind | str
    start: dt.datetime
    end: dt.datetime | None
    location: str
    online_url: str
    description: str
    description_en: str
    phase: Phase | None
    visibility: Visibility | str
    registration_url: str


def event_create(*, process: StrategyProcess, actor: User, data: EventData) -> Event:
    """A new event; ``full_clean`` refuses an end before the start and a phase of another process."""
    with transaction.atomic():
        event = assign_fields(Event(process=process), data=data, fields=EVENT_FIELDS)
        return create_audited(event, actor=actor, action="event.create", process=process, fields=EVENT_FIELDS)


def event_update(*, event: Event, actor: User, data: EventData) -> Event:
    with transaction.atomic():
        return update_audited(
            event, actor=actor, action="event.update", process=event.process, fields=EVENT_FIELDS, data=data
        )


def event_delete(*, event: Event, actor: User) -> None:
    with transaction.atomic():
        delete_audited(event, actor=actor, action="event.delete", process=event.process)
