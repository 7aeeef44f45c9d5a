"""What the API gives out of the official statistics of a published Standortanalyse."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field


class ObservationOut(BaseModel):
    indicator: str = Field(description="The indicator's code.")
    indicator_name: str
    unit: str
    source: str
    region: str = Field(description="AGS code (DG: Germany).")
    region_name: str
    region_role: Literal["district", "land", "country", "peer"] = Field(
        description="The process's district, its Land, Germany, or a comparison district."
    )
    sector: str = Field(description="WZ 2008 code or aggregate (B-E, TOTAL …); empty: no breakdown.")
    year: int
    reference_date: dt.date | None
    value: float | None = Field(description="Unrounded; null when the official table flags the value.")
    status: Literal["", ".", "-", "x", "/", "..."] = Field(
        description="The flag of the official table: . unknown or confidential, - nothing, x locked, "
        "/ too uncertain, ... not yet available; empty for a value."
    )
    qualifier: str = Field(description="Flags of the source, e.g. p (provisional), e (estimated).")
