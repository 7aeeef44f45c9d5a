"""Territorial changes of Kreise within the years of the shipped data (PROVENANCE.md).

Official tables use each year's territorial status (Gebietsstand): a Kreis merged away
keeps its key and its observations up to the merger. Only the changes PROVENANCE.md
names are recorded here; the pre-2012 reforms in Sachsen-Anhalt and Mecklenburg-Vorpommern
show up as regions without a successor and must be harmonised before building long series.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class TerritorialChange:
    predecessors: tuple[tuple[str, str], ...]
    successor: tuple[str, str]
    date: dt.date
    # True when the successor's key came into being with the change (it gets valid_from = date)
    new_successor: bool
    description: str


TERRITORIAL_CHANGES: tuple[TerritorialChange, ...] = (
    TerritorialChange(
        predecessors=(("03152", "Göttingen, Landkreis"), ("03156", "Osterode am Harz, Landkreis")),
        successor=("03159", "Göttingen, Landkreis"),
        date=dt.date(2016, 11, 1),
        new_successor=True,
        description="Landkreise Göttingen und Osterode am Harz zum Landkreis Göttingen (03159) vereinigt",
    ),
    TerritorialChange(
        # PROVENANCE.md: "Eisenach 16056 exists until mid-2021"; the incorporation took effect on 1 July 2021.
        predecessors=(("16056", "Eisenach, kreisfreie Stadt"),),
        successor=("16063", "Wartburgkreis"),
        date=dt.date(2021, 7, 1),
        new_successor=False,
        description="Kreisfreie Stadt Eisenach in den Wartburgkreis eingegliedert",
    ),
)
