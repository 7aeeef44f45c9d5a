"""What the API gives out of the monitoring: the state of the projects, their reports, indicators over time."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from standortkompass.api.schemas.strategy import ActualOriginCode, ProjectStatusCode


class MonitoringOut(BaseModel):
    projects: int
    status_counts: dict[str, int] = Field(description="The number of projects in each (live) status.")
    average_progress: float | None = Field(description="The mean progress of the projects in per cent, unrounded.")
    last_report: dt.date | None = Field(description="The reporting date of the newest report.")
    reports_url: str
    actuals_url: str


class MilestoneReachedOut(BaseModel):
    title: str
    reached_on: dt.date | None


class ReportOut(BaseModel):
    project: int
    project_slug: str
    round: str
    reporting_date: dt.date
    status: ProjectStatusCode
    progress: int = Field(ge=0, le=100)
    achieved: str = Field(description="What has happened.")
    next_steps: str
    milestones_reached: list[MilestoneReachedOut]


class ActualOut(BaseModel):
    indicator: int
    element: int
    element_slug: str
    name: str
    unit: str
    year: int
    value: float = Field(description="Unrounded.")
    origin: ActualOriginCode
