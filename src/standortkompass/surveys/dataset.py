"""A survey's responses as one analysable table (pandas), for results pages and exports.

The columns follow the newest published questionnaire version; responses to older versions
contribute their answers by question name (a question that the newest version no longer has is
left out). Multiple-choice questions get their raw list column and one 0/1 column per choice
(``<question>__<choice>``, NaN where the question was not answered); ranking questions get one
column per choice with its rank position (1 = first, NaN where not ranked). Demo responses are
included like any other (the survey says whether it is demo data).

Two forms: :func:`survey_dataset` keeps every answer as stored (exports); :func:`results_dataset`
has the form the results count (single choices as categories, lists only by their columns) and
is kept in the cache between requests, read again only where responses changed.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import math
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import cast

import numpy as np
import orjson
import pandas as pd
from django.core.cache import cache
from django.db.models import TextField
from django.db.models.functions import Cast

from standortkompass.surveys.models import QuestionnaireVersion, Response, ResponseStatus, Survey, VersionStatus
from standortkompass.surveys.runtime import ANSWERED_KINDS, OTHER, OTHER_SUFFIX, Runtime
from standortkompass.surveys.schema import Question, Schema

NUMERIC_KINDS = {"integer", "decimal"}
SELECT_KINDS = {"select_one", "select_multiple", "rank"}


@dataclass(frozen=True)
class Variable:
    """One analysable column of :class:`Dataset.frame`."""

    name: str
    question: str
    kind: str
    label: str
    choices: tuple[tuple[str, str], ...]
    matrix: str = ""


@dataclass(frozen=True)
class Dataset:
    frame: pd.DataFrame
    variables: tuple[Variable, ...]
    runtime: Runtime

    def variable(self, name: str) -> Variable:
        for variable in self.variables:
            if variable.name == name:
                return variable
        raise KeyError(name)

    def question_variables(self) -> list[Variable]:
        """One variable per question (the 0/1 and rank columns left out), in questionnaire order."""
        return [variable for variable in self.variables if variable.name == variable.question]


def survey_version(*, survey: Survey) -> QuestionnaireVersion | None:
    """The newest published version of the survey's questionnaire, else its newest version."""
    versions = QuestionnaireVersion.objects.filter(questionnaire_id=survey.questionnaire_id)
    return (
        versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()
        or versions.order_by("-number").first()
    )


def _questionnaire(survey: Survey) -> tuple[Runtime, tuple[Variable, ...]]:
    """The runtime and the variables of the version the survey's table follows."""
    version = survey_version(survey=survey)
    runtime = Runtime(cast(Schema, version.schema)) if version is not None else _empty_runtime()
    return runtime, survey_variables(runtime)


def survey_variables(runtime: Runtime) -> tuple[Variable, ...]:
    """The variables of a questionnaire version, in questionnaire order."""
    found: list[Variable] = []
    for page in runtime.schema["pages"]:
        for question in page["questions"]:
            if question["kind"] == "matrix":
                matrix_label = runtime.text(question["label"])
                for item in question["items"]:
                    found.extend(_variables(runtime, item, matrix=question["name"], prefix=matrix_label))
            else:
                found.extend(_variables(runtime, question))
    return tuple(found)


def _variables(runtime: Runtime, question: Question, *, matrix: str = "", prefix: str = "") -> list[Variable]:
    if question["kind"] not in ANSWERED_KINDS:
        return []
    label = runtime.text(question["label"]) or question["name"]
    if prefix:
        label = f"{prefix} – {label}"
    choices: tuple[tuple[str, str], ...] = ()
    if question["kind"] in SELECT_KINDS:
        # Every choice of the list in questionnaire order: neither the filter nor the randomised order applies.
        entries = runtime.schema["choice_lists"].get(question["list_name"], [])
        labels = {choice["name"]: runtime.text(choice["label"]) for choice in entries}
        listed = [choice["name"] for choice in entries]
        if question["or_other"] and OTHER not in listed:
            listed.append(OTHER)
        # Labels looked up once per list, not by searching the list for each choice.
        choices = tuple(
            (choice, labels.get(choice) or runtime.choice_label(question, choice) or choice) for choice in listed
        )
    name = question["name"]
    variables = [Variable(name, name, question["kind"], label, choices, matrix)]
    if question["kind"] in {"select_multiple", "rank"}:
        variables += [
            Variable(f"{name}__{choice}", name, question["kind"], f"{label}: {choice_label}", (), matrix)
            for choice, choice_label in choices
        ]
    if question["or_other"]:
        other = name + OTHER_SUFFIX
        variables.append(Variable(other, other, "text", f"{label} – {runtime.choice_label(question, OTHER)}", ()))
    return variables


def _number(value: object) -> float:
    if value is None or value == "" or isinstance(value, bool | list | dict):
        return math.nan
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def survey_dataset(*, survey: Survey, include_partial: bool = False) -> Dataset:
    """All completed responses (with ``include_partial`` also those in progress) as a :class:`Dataset`,
    every answer as stored (see the module's docstring): the form exports need."""
    runtime, variables = _questionnaire(survey)
    responses = Response.objects.filter(survey=survey)
    if not include_partial:
        responses = responses.filter(status=ResponseStatus.COMPLETED)
    rows = list(responses.order_by("id").values_list("id", Cast("answers", output_field=TextField())))
    return Dataset(frame=answers_frame(variables, rows, counted=False), variables=variables, runtime=runtime)


def answers_frame(
    variables: tuple[Variable, ...], rows: list[tuple[uuid.UUID, str | None]], *, counted: bool
) -> pd.DataFrame:
    """The table of the responses given as (id, stored answers as JSON text), indexed by response id.

    ``counted`` gives the form the results count: a single-choice question as a categorical of its
    choices (an answer that is not one of them, e.g. of a choice removed in a newer version, as no
    answer), multiple-choice and ranking questions by their 0/1 and rank columns only, and text
    and date questions as ``True`` where answered.
    """
    with _collector_paused():
        return _answers_frame(variables, rows, counted=counted)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the answers are decoded: they are hundreds of thousands of
    new dicts, lists and strings without cycles, which it would otherwise walk again and again (a
    quarter of the time at 10,000 responses). Resumed afterwards unless it was paused before."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _answers_frame(
    variables: tuple[Variable, ...], rows: list[tuple[uuid.UUID, str | None]], *, counted: bool
) -> pd.DataFrame:
    index = pd.Index([row[0] for row in rows], name="response", dtype=object)  # the responses' random keys
    names = [variable.name for variable in variables if variable.name == variable.question]
    # The stored JSON as text, decoded by orjson: three times quicker than the field's own decoding.
    decoded = [orjson.loads(row[1]) if row[1] else {} for row in rows]
    # from_records reads the dicts in compiled code: far quicker than a loop per column.
    records = [answers if isinstance(answers, dict) else {} for answers in decoded]
    raw = (
        pd.DataFrame.from_records(records, columns=names, index=index)
        if records
        else pd.DataFrame({name: pd.Series(dtype=object) for name in names}, index=index)
    )
    columns: dict[str, pd.Series | np.ndarray] = {}
    for variable in variables:
        if variable.name != variable.question:
            continue
        column = raw[variable.name].astype(object)
        if variable.kind in NUMERIC_KINDS:
            columns[variable.name] = pd.to_numeric(column.map(_number, na_action="ignore"), errors="coerce").astype(
                np.float64
            )
            continue
        if counted and variable.kind == "select_one":
            columns[variable.name] = _categorical(variable, column)  # "" is no category either
            continue
        if counted and variable.kind not in SELECT_KINDS:
            # Free text and dates only as whether they were given: the table kept in the cache holds
            # no text that could identify a company (the open answers are read where they are listed).
            texts = column.to_numpy(dtype=object)
            given = (isinstance(text, str) and bool(text.strip()) for text in texts)
            columns[variable.name] = np.fromiter(given, np.bool_, len(texts))
            continue
        values = column.to_numpy(dtype=object)
        values[pd.isna(values) | (values == "")] = None
        lists = variable.kind == "rank" or variable.kind == "select_multiple"
        if not (counted and lists):
            columns[variable.name] = pd.Series(values, index=index, dtype=object)
        if lists:
            columns.update(_choice_columns(variable, values))
    return pd.DataFrame(columns, index=index)


def _categorical(variable: Variable, column: pd.Series) -> pd.Series:
    """A single-choice column as a categorical of the question's choices; other answers become missing."""
    names = [choice for choice, _label in variable.choices]
    try:
        values = pd.Categorical(column, categories=names)
    except TypeError:  # an answer that cannot be a category at all, e.g. a list
        values = pd.Categorical(column.map(lambda value: value if isinstance(value, str) else None), categories=names)
    return pd.Series(values, index=column.index)


# The results form, kept up to date ------------------------------------------------------------

RESULTS_FRAME_SECONDS = 24 * 3600
_RESULTS_FORM = 2  # raise when the columns of answers_frame(counted=True) change: tables kept before are refused
_IDS_PER_QUERY = 900  # below the 999 parameters of older SQLite versions


@dataclass(frozen=True)
class _Counted:
    """The results form of a survey's completed responses, with what it was computed from."""

    columns: str  # what the columns were made from: the questions, their kinds and choices
    revisions: pd.Series  # the revision of each response in ``frame``, by response id
    frame: pd.DataFrame


def results_dataset(*, survey: Survey) -> Dataset:
    """The survey's completed responses in the form the results count (:func:`answers_frame` with ``counted``).

    Decoding the stored answers takes most of a results page's time at thousands of responses,
    and completed responses hardly ever change: the table is therefore kept in the cache and
    brought up to date by reading only the responses completed (or changed) since it was made.
    Responses no longer completed are dropped; changed questions start it afresh.
    """
    runtime, variables = _questionnaire(survey)
    completed = Response.objects.filter(survey=survey, status=ResponseStatus.COMPLETED)
    pairs = list(completed.order_by("id").values_list("id", "revision"))
    current = pd.Series(
        [revision for _key, revision in pairs],
        index=pd.Index([key for key, _revision in pairs], name="response", dtype=object),
        dtype=np.int64,
    )
    # The time of creation tells this survey from one of a database made afresh that has the same id.
    key = f"surveys:results-frame:{survey.pk}:{survey.created_at.timestamp()}"
    made_from = hashlib.sha256(
        repr([_RESULTS_FORM, *((v.name, v.kind, [name for name, _label in v.choices]) for v in variables)]).encode()
    ).hexdigest()
    known = cache.get(key)
    if not isinstance(known, _Counted) or known.columns != made_from:
        known = None
    unchanged = (
        (known.revisions.reindex(current.index) == current).to_numpy()
        if known is not None
        else np.zeros(len(current), dtype=np.bool_)
    )
    if known is not None and unchanged.all() and len(known.revisions) == len(current):
        return Dataset(frame=known.frame, variables=variables, runtime=runtime)
    kept = current.index[unchanged]
    to_read = current.index[~unchanged]
    fields = ("id", "revision", Cast("answers", output_field=TextField()))
    if len(to_read) > len(current) // 2:  # mostly new: one query for all, nothing kept
        kept = kept[:0]
        rows = list(completed.order_by("id").values_list(*fields))
    else:
        rows = []
        for start in range(0, len(to_read), _IDS_PER_QUERY):
            chunk = to_read[start : start + _IDS_PER_QUERY].tolist()
            rows += completed.filter(id__in=chunk).values_list(*fields)
    frame = answers_frame(variables, [(row[0], row[2]) for row in rows], counted=True)
    # The revisions as read with the answers.
    revisions = pd.Series([row[1] for row in rows], index=frame.index, dtype=np.int64)
    if known is not None and len(kept):
        earlier = known.frame if len(kept) == len(known.frame) else known.frame.loc[kept]
        frame = pd.concat([earlier, frame]).sort_index() if len(frame) else earlier
        revisions = pd.concat([current[kept], revisions]).sort_index() if len(rows) else current[kept]
    cache.set(key, _Counted(made_from, revisions, frame), RESULTS_FRAME_SECONDS)
    return Dataset(frame=frame, variables=variables, runtime=runtime)


def _choice_columns(variable: Variable, values: np.ndarray) -> dict[str, np.ndarray]:
    """0/1 per choice (multiple choice) or the rank position (ranking); NaN where not answered."""
    names = [choice for choice, _label in variable.choices]
    answered = np.fromiter((type(value) is list and len(value) > 0 for value in values), np.bool_, len(values))
    # One entry per chosen item: the row of its response, its place in the list, its choice (-1: none).
    lists = values[answered]
    lengths = np.fromiter(map(len, lists), np.int64, len(lists))
    items = list(itertools.chain.from_iterable(lists))
    rows = np.repeat(np.flatnonzero(answered), lengths)
    try:
        codes = pd.Categorical(items, categories=names).codes
    except TypeError:  # an item that cannot be a choice at all, e.g. a list
        codes = pd.Categorical([item if isinstance(item, str) else None for item in items], categories=names).codes
    known = codes >= 0
    if variable.kind == "rank":
        order = np.arange(len(items)) - np.repeat(np.cumsum(lengths) - lengths, lengths) + 1
        matrix = np.full((len(values), len(names)), np.nan)
        # Reversed, so that a choice named twice keeps its first (best) position.
        matrix[rows[known][::-1], codes[known][::-1]] = order[known][::-1]
    else:
        matrix = np.where(answered[:, np.newaxis], 0.0, np.nan) * np.ones((1, len(names)))
        matrix[rows[known], codes[known]] = 1.0
    return {f"{variable.name}__{name}": matrix[:, index].copy() for index, name in enumerate(names)}


def _empty_runtime() -> Runtime:
    return Runtime(
        {
            "schema_version": 1,
            "settings": {
                "title": "",
                "form_id": "",
                "version": "",
                "default_language": "default",
                "languages": [],
                "extra": {},
            },
            "pages": [],
            "choice_lists": {},
        }
    )
