"""A small strategy for the tests of the strategy app: a vision, two goals, two fields, three measures, two projects."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from standortkompass.accounts.models import User
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, Strategy
from standortkompass.strategy.services.elements import element_create, strategy_ensure


@dataclass
class SmallStrategy:
    strategy: Strategy
    vision: Element
    goals: list[Element]
    fields: list[Element]
    measures: list[Element]
    projects: list[Element]


def build_small_strategy(process: StrategyProcess, actor: User) -> SmallStrategy:
    strategy = strategy_ensure(process=process)

    def add(kind: str, title: str, **data: object) -> Element:
        serves = data.pop("serves", ())
        return element_create(strategy=strategy, actor=actor, kind=kind, data={"title": title, **data}, serves=serves)  # type: ignore[arg-type]

    vision = add(ElementKind.VISION, "Innovativ und lebenswert", summary="Der Kreis bleibt Industriestandort.")
    goals = [add(ElementKind.GOAL, "Fachkräfte sichern"), add(ElementKind.GOAL, "Transformation gestalten")]
    fields = [add(ElementKind.FIELD, "Fachkräfte"), add(ElementKind.FIELD, "Flächen")]
    measures = [
        add(ElementKind.MEASURE, "Ausbildungsbörse", parent=fields[0], serves=[goals[0]]),
        add(ElementKind.MEASURE, "Willkommensservice", parent=fields[0], serves=[goals[0], goals[1]]),
        add(ElementKind.MEASURE, "Flächenpool", parent=fields[1], serves=[goals[1]]),
    ]
    projects = [
        add(ElementKind.PROJECT, "Azubi-Tour 2027", serves=[measures[0]]),
        add(ElementKind.PROJECT, "Gewerbeflächenkataster", serves=[measures[2]]),
    ]
    return SmallStrategy(strategy, vision, goals, fields, measures, projects)


@pytest.fixture
def small_strategy(process: StrategyProcess, users: dict[str, User]) -> SmallStrategy:
    return build_small_strategy(process, users["editor"])
