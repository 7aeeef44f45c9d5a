"""What a respondent sent for one page, turned into typed answers (or German messages per field).

Form field names are the question names; a ranking sends ``<name>__rank1`` … ``<name>__rankN``,
an "other, namely" text ``<name>_other``. Only names that belong to the page are read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.translation import gettext as _

from standortkompass.surveys.runtime import OTHER_SUFFIX, Answers, Runtime
from standortkompass.surveys.schema import Page, Question

MAX_TEXT = 2_000
MAX_LONG_TEXT = 10_000
MAX_NUMBER = 10**12
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


class FormData(Protocol):
    def getlist(self, key: str, default: list[str] | None = None) -> list[str]: ...


@dataclass
class PageInput:
    values: Answers = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    raw: dict[str, object] = field(default_factory=dict)  # what was typed, to show it again with an error


def rank_field(name: str, position: int) -> str:
    return f"{name}__rank{position}"


def _text(question: Question, raw: str) -> str:
    limit = MAX_LONG_TEXT if question["kind"] == "long_text" else MAX_TEXT
    value = raw.replace("\r\n", "\n").strip()
    if len(value) > limit:
        raise ValueError(_("Please shorten your answer to at most %(limit)d characters.") % {"limit": limit})
    return value


def _integer(question: Question, raw: str) -> int:
    cleaned = raw.strip().replace(" ", "").replace("\u202f", "").replace(".", "")
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise ValueError(_("Please enter a whole number."))
    value = int(cleaned)
    if abs(value) > MAX_NUMBER:
        raise ValueError(_("Please enter a smaller number."))
    return value


def _decimal(question: Question, raw: str) -> float:
    cleaned = raw.strip().replace(" ", "").replace("\u202f", "")
    if "," in cleaned:  # German: 1.234,5
        cleaned = cleaned.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise ValueError(_("Please enter a number, e.g. 12,5."))
    value = float(cleaned)
    if abs(value) > MAX_NUMBER:
        raise ValueError(_("Please enter a smaller number."))
    return value


def _date(question: Question, raw: str) -> str:
    text = raw.strip()
    german = GERMAN_DATE.match(text)
    try:
        if german:
            day, month, year = (int(part) for part in german.groups())
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(_("Please enter a date as DD.MM.YYYY.")) from None


PARSERS: dict[str, Callable[[Question, str], object]] = {
    "text": _text,
    "long_text": _text,
    "integer": _integer,
    "decimal": _decimal,
    "date": _date,
}


def _single(question: Question, raw: str, allowed: set[str]) -> str:
    if raw not in allowed:
        raise ValueError(_("Please choose one of the answers offered."))
    return raw


def parse_page(runtime: Runtime, page: Page, data: FormData, answers: Answers) -> PageInput:
    """Typed values for every answerable question of the page that is shown now.

    ``answers`` are the stored answers merged with nothing yet; choices are filtered with them.
    """
    result = PageInput()
    for question in runtime.visible_questions(page, answers):
        items = question["items"] if question["kind"] == "matrix" else [question]
        for item in items:
            if question["kind"] == "matrix" and not runtime.item_is_visible(question, item, answers):
                continue
            _parse_question(runtime, item, data, answers, result)
    return result


def _parse_question(runtime: Runtime, question: Question, data: FormData, answers: Answers, result: PageInput) -> None:
    name, kind = question["name"], question["kind"]
    try:
        if kind in PARSERS:
            raw = (data.getlist(name) or [""])[0]
            result.raw[name] = raw
            result.values[name] = PARSERS[kind](question, raw) if raw.strip() else None
        elif kind == "select_one":
            raw = (data.getlist(name) or [""])[0]
            allowed = {choice["name"] for choice in runtime.choices(question, answers)}
            result.raw[name] = raw
            result.values[name] = _single(question, raw, allowed) if raw else None
        elif kind == "select_multiple":
            chosen = data.getlist(name)
            allowed = {choice["name"] for choice in runtime.choices(question, answers)}
            result.raw[name] = chosen
            if set(chosen) - allowed:
                raise ValueError(_("Please choose only among the answers offered."))
            # Stored in the order of the choice list, whatever order (perhaps random) they were shown in.
            result.values[name] = [choice for choice in runtime.canonical_order(question) if choice in chosen]
        elif kind == "rank":
            result.values[name] = _rank(runtime, question, data, answers, result)
        else:
            return
    except ValueError as error:
        result.errors[name] = str(error)
        return
    if question["or_other"]:
        other_name = name + OTHER_SUFFIX
        raw_other = (data.getlist(other_name) or [""])[0]
        result.raw[other_name] = raw_other
        try:
            result.values[other_name] = _text(question, raw_other) or None
        except ValueError as error:
            result.errors[other_name] = str(error)


def _rank(runtime: Runtime, question: Question, data: FormData, answers: Answers, result: PageInput) -> list[str]:
    allowed = [choice["name"] for choice in runtime.choices(question, answers)]
    chosen = []
    for position in range(1, len(allowed) + 1):
        raw = (data.getlist(rank_field(question["name"], position)) or [""])[0]
        result.raw[rank_field(question["name"], position)] = raw
        chosen.append(raw)
    if any(raw and raw not in allowed for raw in chosen):
        raise ValueError(_("Please choose only among the answers offered."))
    for raw in chosen:
        places = [place for place, other in enumerate(chosen, start=1) if raw and other == raw]
        if len(places) > 1:
            message = _(
                "“%(answer)s” is chosen for place %(first)d and place %(second)d. Please give it only one place."
            )
            label = runtime.choice_label(question, raw)
            raise ValueError(message % {"answer": label, "first": places[0], "second": places[1]})
    ranked = [raw for raw in chosen if raw]
    if ranked != chosen[: len(ranked)]:
        empty = chosen.index("") + 1
        message = _("Place %(empty)d is empty while a later place is filled. Please fill the places from the top.")
        raise ValueError(message % {"empty": empty})
    return ranked
