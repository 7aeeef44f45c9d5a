"""What the API gives out of the published strategy: its version, elements, indicators, evidence and projects."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from standortkompass.api.schemas.common import NamedOut, RegionOut

ElementKindCode = Literal["vision", "goal", "field", "measure", "project"]
ProjectStatusCode = Literal["idea", "planning", "implementation", "completed", "deferred"]
FundingSourceCode = Literal["", "own", "land", "efre", "grw", "leader", "other"]
ActualOriginCode = Literal["official", "entered", "imported", "reported"]


class VersionOut(BaseModel):
    number: int
    decided_on: dt.date | None = Field(description="The day the steering committee adopted the version.")
    published_at: dt.datetime | None


class StrategyOut(BaseModel):
    title: str
    introduction: str = Field(description="Formatted text (Markdown).")
    version: VersionOut
    counts: dict[str, int] = Field(description="The number of elements of each kind.")
    elements_url: str
    projects_url: str
    indicators_url: str
    evidence_url: str


class IndicatorOut(BaseModel):
    id: int
    element: int = Field(description="The id of the goal, field of action or project.")
    element_slug: str
    name: str
    definition: str
    unit: str
    baseline_value: float | None
    baseline_year: int | None
    target_value: float | None
    target_year: int | None
    source: str
    statistic: str = Field(description="The code of the bound official statistic, or empty.")
    region: str = Field(description="The AGS code of the bound statistic's region, or empty.")
    actual_value: float | None = Field(description="The latest actual value, unrounded.")
    actual_year: int | None
    actual_origin: ActualOriginCode | None = Field(
        description="official: the bound statistic (follows new imports); otherwise how the value came about."
    )


class DetailOut(BaseModel):
    label: str
    value: str


class EvidenceOut(BaseModel):
    id: int
    element: int
    element_slug: str
    kind: str = Field(description="finding, analysis_figure, survey_result, board_entry, external …")
    kind_label: str
    note: str = Field(description="How the source supports the element.")
    available: bool = Field(description="False when the source is gone or not public; then only the note is given.")
    title: str
    summary: str
    url: str
    figure: str = Field(description="A short value line as the site shows it; the unrounded figures are in the lists.")
    source: str
    suppressed: bool = Field(description="The source's owner withheld the content (e.g. too few survey answers).")
    details: list[DetailOut]
    reference: dict[str, Any] | None = Field(description="The stored reference of a public source.")


class ElementOut(BaseModel):
    id: int
    kind: ElementKindCode
    slug: str
    title: str
    summary: str
    text: str = Field(description="Formatted text (Markdown).")
    rationale: str
    parent: int | None = Field(description="A measure's field of action.")
    serves: list[int] = Field(description="The goals a measure serves, the measures a project implements.")
    order: int
    url: str | None = Field(description="The element's public page (for the current process).")
    indicators: list[IndicatorOut]
    evidence: list[EvidenceOut]


class FieldRefOut(BaseModel):
    id: int
    slug: str
    title: str


class MilestoneOut(BaseModel):
    title: str
    due_date: dt.date | None
    reached_on: dt.date | None


class ProjectOut(BaseModel):
    id: int
    slug: str
    title: str
    summary: str
    text: str
    status: ProjectStatusCode = Field(description="Live: as the project lead last reported it.")
    progress: int = Field(ge=0, le=100, description="Live, in per cent.")
    status_reported_at: dt.datetime | None
    fields: list[FieldRefOut]
    measures: list[int]
    goal: str
    lead_organisation: NamedOut | None
    partners: list[NamedOut]
    other_partners: str
    target_groups: str
    municipalities: list[RegionOut]
    start_date: dt.date | None
    end_date: dt.date | None
    budget: float | None = Field(description="In euros, unrounded.")
    funding_source: FundingSourceCode
    funding_note: str
    url: str | None


class ProjectDetailOut(ProjectOut):
    goals: list[int]
    milestones: list[MilestoneOut] = Field(description="Live, as the project lead last reported them.")
    indicators: list[IndicatorOut]
    evidence: list[EvidenceOut]
