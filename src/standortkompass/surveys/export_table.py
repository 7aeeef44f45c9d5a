"""A survey's responses as one table for export (CSV, XLSX, SPSS, Stata): codes, missing values, suppression.

One column per question: single choice and Likert items as categorical codes 1..k in the order of the
choices sheet, multiple choice as one 0/1 column per choice, ranking as the rank of every choice, numbers,
dates and texts as they are. Special missing codes:

* ``-1`` not asked: the question was hidden by its filter (``relevant``) for this response;
* ``-2`` no answer: the question was shown (or not reached yet) and left empty;
* ``-8`` suppressed: the value belongs to a group of fewer respondents than the survey's threshold;
* ``-9`` don't know: the "weiß nicht" choice of a scale (choice name ``weiss_nicht`` or ``dont_know``).

Questions marked ``personal_data = yes`` are never exported. The response column is a running number in
anonymous surveys and the response's key in the database (a random UUID) otherwise; the rows are in the order
of those random keys, so neither the column nor the order of the rows tells when a response came in. The
XLSForm metadata ``start``, ``end`` and ``today`` (see ``schema``) are columns from the server's clock (started,
completed, the day started; Europe/Berlin), except in anonymous surveys, which record no times.

**Suppression** (everyone below Administration; see :func:`suppress_frame`). Microdata have no cells to hide,
so a suppressed export (a) replaces every value of a categorical, 0/1, rank or number column that fewer than
``threshold`` responding companies share with ``-8`` — missing codes included — and, when that hides a single
value only, the next rarest value too, so the hidden one cannot be read off as "the rest"; (b) leaves out
free-text and date columns (open answers are read on the coding page; the rule is
``results.open_answers.free_text_in_export``); (c) keeps exact numbers only where at least ``threshold``
respondents give the same number (that is rule (a) for numbers); (d) makes the quasi-identifiers (the answers
that describe the company: the survey's sector, size class and municipality and the questions the
questionnaire marks ``quasi_identifier``; see ``export_anonymity``) k-anonymous with k = ``threshold``: they are
coarsened (neighbouring size classes merged, WZ sections grouped) or left out until every combination of them
is shared by at least ``threshold`` rows, and the notes say which. Rule (d) runs first, rule (a) then on every
column. This keeps a profile from singling out a company; it cannot rule out that a combination of other
answers is unique (microdata are never fully anonymous), which is why exports need ``surveys.export``.

The files are written by ``services.export_files``; ``services.exports`` queues an export.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.surveys.dataset import Dataset, survey_dataset, survey_version
from standortkompass.surveys.dataset import Variable as DataVariable
from standortkompass.surveys.export_anonymity import anonymise_profile, declared_quasi_identifiers
from standortkompass.surveys.export_formats import ExportTable, Kind, Variable
from standortkompass.surveys.models import Anonymity, Response, ResponseStatus, Survey
from standortkompass.surveys.results.open_answers import free_text_in_export
from standortkompass.surveys.runtime import OTHER_SUFFIX, Runtime
from standortkompass.surveys.schema import Question
from standortkompass.surveys.selectors.surveys import personal_question_names
from standortkompass.surveys.xlsform.types import SERVER_TIMESTAMPS

NOT_ASKED = -1
NO_ANSWER = -2
SUPPRESSED = -8
DONT_KNOW = -9
DONT_KNOW_CHOICES = frozenset({"weiss_nicht", "dont_know"})
TEXT_KINDS = frozenset({"text", "long_text"})
RESPONSE_COLUMN = "antwort"
STATUS_COLUMN = "status"
STATUS_CODES = {ResponseStatus.COMPLETED: 1, ResponseStatus.IN_PROGRESS: 2}


# Building the table ------------------------------------------------------------------------------


def _missing_labels() -> dict[int, str]:
    return {
        NOT_ASKED: _("not asked (filter)"),
        NO_ANSWER: _("no answer"),
        SUPPRESSED: _("suppressed (small group)"),
        DONT_KNOW: _("don't know"),
    }


@dataclass
class _Rows:
    """The answers of each response as a dict (with calculations), built only when a filter must be checked."""

    dataset: Dataset
    question_names: list[str]

    def __post_init__(self) -> None:
        self._cache: dict[int, dict[str, object]] = {}

    def answers(self, row: int) -> dict[str, object]:
        if row not in self._cache:
            values = self.dataset.frame.iloc[row]
            answers = {name: _native(values[name]) for name in self.question_names if _has_value(values[name])}
            self._cache[row] = self.dataset.runtime.with_calculations(answers)
        return self._cache[row]


def _native(value: object) -> object:
    """A Python number for a numpy one: the expression language compares Python values."""
    return value.item() if isinstance(value, np.generic) else value


def _has_value(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and np.isnan(value):
        return False
    return not (isinstance(value, list) and not value)


def _question(runtime: Runtime, name: str) -> tuple[Question, Question | None]:
    """The question (or matrix item) and its matrix."""
    for page in runtime.schema["pages"]:
        for question in page["questions"]:
            if question["name"] == name:
                return question, None
            if question["kind"] == "matrix":
                for item in question["items"]:
                    if item["name"] == name:
                        return item, question
    raise KeyError(name)


def _has_filter(runtime: Runtime, question: Question, matrix: Question | None) -> bool:
    page = runtime.page(runtime.page_of[(matrix or question)["name"]])
    return bool(page["relevant"] or question["relevant"] or (matrix is not None and matrix["relevant"]))


def _missing_codes(runtime: Runtime, rows: _Rows, variable: DataVariable, answered: np.ndarray) -> np.ndarray:
    """Per row: NaN where answered, else -1 (hidden by a filter) or -2 (shown or not reached, left empty)."""
    codes = np.where(answered, np.nan, float(NO_ANSWER))
    question, matrix = _question(runtime, variable.question)
    if not _has_filter(runtime, question, matrix):
        return codes
    for row in np.flatnonzero(~answered):
        answers = rows.answers(int(row))
        visible = (
            runtime.item_is_visible(matrix, question, answers)
            if matrix is not None
            else runtime.question_is_visible(question, answers)
        )
        if not visible:
            codes[row] = NOT_ASKED
    return codes


def _choice_codes(variable: DataVariable) -> tuple[dict[str, int], dict[int, str], str]:
    """Codes 1..k for the choices in questionnaire order; "don't know" gets -9.

    Returns the codes, the value labels and the label of the "don't know" choice ("" when there is none).
    """
    codes: dict[str, int] = {}
    labels: dict[int, str] = {}
    dont_know = ""
    for choice, label in variable.choices:
        if choice in DONT_KNOW_CHOICES:
            codes[choice] = DONT_KNOW
            dont_know = label
            continue
        code = len(labels) + 1
        codes[choice] = code
        labels[code] = label
    return codes, labels, dont_know


def _with_missing(values: np.ndarray, missing: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(missing), values, missing)


def _used_missing(codes: np.ndarray, *extra: int) -> dict[int, str]:
    labels = _missing_labels()
    used = {int(code) for code in np.unique(codes[~np.isnan(codes)])} | set(extra)
    return {code: labels[code] for code in (NOT_ASKED, NO_ANSWER, SUPPRESSED, DONT_KNOW) if code in used}


def _question_columns(
    runtime: Runtime, rows: _Rows, dataset: Dataset, variable: DataVariable
) -> list[tuple[Variable, object]]:
    frame = dataset.frame
    raw = frame[variable.name]
    kind = variable.kind
    if kind in {"select_multiple", "rank"}:
        answered = np.array([_has_value(value) for value in raw], dtype=bool)
        missing = _missing_codes(runtime, rows, variable, answered)
        columns: list[tuple[Variable, object]] = []
        for choice, _label in variable.choices:
            name = f"{variable.name}__{choice}"
            values = _with_missing(frame[name].to_numpy(dtype=np.float64), missing)
            label = dataset.variable(name).label
            value_labels = {0: _("not chosen"), 1: _("chosen")} if kind == "select_multiple" else {}
            missing_labels = _used_missing(missing, NO_ANSWER)
            columns.append(
                (Variable(name, label, "integer", value_labels, missing_labels, question=variable.question), values)
            )
        return columns
    if kind == "select_one":
        codes, labels, dont_know = _choice_codes(variable)
        values = np.array([float(codes.get(value, np.nan)) if isinstance(value, str) else np.nan for value in raw])
        answered = np.array([isinstance(value, str) and value in codes for value in raw], dtype=bool)
        values = _with_missing(values, _missing_codes(runtime, rows, variable, answered))
        missing_labels = _used_missing(values, NO_ANSWER, *([DONT_KNOW] if dont_know else []))
        if dont_know:
            missing_labels[DONT_KNOW] = dont_know
        categorical = Variable(
            variable.name,
            variable.label,
            "categorical",
            labels,
            missing_labels,
            question=variable.matrix or variable.question,
            ordinal=bool(variable.matrix),
        )
        return [(categorical, values)]
    if kind in {"integer", "decimal"}:
        numbers = raw.to_numpy(dtype=np.float64)
        values = _with_missing(numbers, _missing_codes(runtime, rows, variable, ~np.isnan(numbers)))
        number_kind: Kind = "integer" if kind == "integer" else "decimal"
        missing_labels = _used_missing(values, NO_ANSWER)
        return [(Variable(variable.name, variable.label, number_kind, {}, missing_labels, variable.question), values)]
    if kind == "date":
        dates = [None if pd.isna(value) else value.date() for value in pd.to_datetime(raw, errors="coerce")]
        return [(Variable(variable.name, variable.label, "date", question=variable.question), dates)]
    texts = [value if isinstance(value, str) and value else None for value in raw]
    return [(Variable(variable.name, variable.label, "string", question=variable.question), texts)]


def _response_column(survey: Survey, ids: list[uuid.UUID]) -> tuple[Variable, object]:
    if survey.anonymity == Anonymity.ANONYMOUS:
        numbers = np.arange(1, len(ids) + 1, dtype=np.float64)
        return Variable(RESPONSE_COLUMN, _("Response (running number)"), "integer", question=""), numbers
    keys = pd.Series([str(key) for key in ids], dtype=object)
    return Variable(RESPONSE_COLUMN, _("Response (key in Standortkompass)"), "string", question=""), keys


def _timestamp_columns(survey: Survey, metadata: dict[str, str], ids: list[uuid.UUID]) -> list[tuple[Variable, object]]:
    if survey.anonymity == Anonymity.ANONYMOUS or not metadata:
        return []
    times = {pk: (started, completed) for pk, started, completed in _times(ids)}

    def local(value: dt.datetime | None) -> dt.datetime | None:
        return timezone.localtime(value) if value is not None else None

    columns: list[tuple[Variable, object]] = []
    # In the order start, end, today: the stored mapping may come back in any order (jsonb sorts its keys).
    for row_type, name in ((row_type, metadata[row_type]) for row_type in SERVER_TIMESTAMPS if row_type in metadata):
        if row_type == "today":
            days = [local(times[pk][0]) for pk in ids]
            label = _("Day the response was started (server clock)")
            values: list[object] = [day.date() if day is not None else None for day in days]
            columns.append((Variable(name, label, "date"), pd.Series(values, dtype=object)))
            continue
        index = 0 if row_type == "start" else 1
        label = _("Response started (server clock)") if index == 0 else _("Response completed (server clock)")
        stamps = [local(times[pk][index]) for pk in ids]
        texts = [stamp.strftime("%Y-%m-%d %H:%M:%S") if stamp is not None else None for stamp in stamps]
        columns.append((Variable(name, label, "string"), pd.Series(texts, dtype=object)))
    return columns


def _times(ids: list[uuid.UUID]) -> list[tuple[uuid.UUID, dt.datetime | None, dt.datetime | None]]:
    return list(Response.objects.filter(pk__in=ids).values_list("id", "started_at", "completed_at"))


def _status_column(ids: list[uuid.UUID], statuses: dict[uuid.UUID, str]) -> tuple[Variable, object]:
    labels = {code: str(ResponseStatus(status).label) for status, code in STATUS_CODES.items()}
    values = np.array([float(STATUS_CODES[ResponseStatus(statuses[pk])]) for pk in ids])
    return Variable(STATUS_COLUMN, _("Status of the response"), "categorical", labels), values


def export_table(*, survey: Survey, suppressed: bool, include_partial: bool = False) -> ExportTable:
    """The survey's responses as an :class:`ExportTable` (see the module's docstring for codes and suppression)."""
    dataset = survey_dataset(survey=survey, include_partial=include_partial)
    runtime = dataset.runtime
    version = survey_version(survey=survey)
    personal = personal_question_names(version) if version is not None else set()
    wanted = [variable for variable in dataset.question_variables() if variable.question not in personal]
    rows = _Rows(dataset, [variable.name for variable in dataset.question_variables()])
    ids = list(dataset.frame.index)

    columns: list[tuple[Variable, object]] = [_response_column(survey, ids)]
    if include_partial:
        statuses = dict(Response.objects.filter(survey=survey).values_list("id", "status"))
        columns.append(_status_column(ids, statuses))
    if version is not None:
        columns.extend(_timestamp_columns(survey, version.schema["settings"].get("metadata", {}), ids))
    texts = free_text_in_export(suppressed=suppressed)
    for variable in wanted:
        if variable.name.removesuffix(OTHER_SUFFIX) in personal or (variable.kind in TEXT_KINDS and not texts):
            continue
        columns.extend(_question_columns(runtime, rows, dataset, variable))

    threshold = survey.suppression_threshold
    notes: list[str] = []
    if suppressed:
        columns = [
            (variable, values)
            for variable, values in columns
            if variable.kind not in {"string", "date"} or variable.name == RESPONSE_COLUMN
        ]
        profile = anonymise_profile(
            frame=pd.DataFrame({variable.name: values for variable, values in columns}, index=range(len(ids))),
            variables=[variable for variable, _values in columns],
            declared=declared_quasi_identifiers(survey=survey, runtime=runtime),
            data_variables={variable.name: variable for variable in wanted},
            threshold=threshold,
            skip_choices=DONT_KNOW_CHOICES,
        )
        frame = suppress_frame(
            profile.frame,
            threshold=threshold,
            columns=[variable.name for variable in profile.variables if variable.name not in _UNSUPPRESSED],
        )
        labels = _missing_labels()
        variables = [
            _with_suppressed_code(variable, labels[SUPPRESSED]) if variable.name not in _UNSUPPRESSED else variable
            for variable in profile.variables
        ]
        notes += [
            *profile.notes,
            _(
                "Values from groups with fewer than %(threshold)d responding companies are replaced by -8 "
                "(suppressed); where this hid a single value only, the next rarest value is replaced too."
            )
            % {"threshold": threshold},
            _("Free-text answers and dates are left out; open answers can be read on the coding page."),
        ]
    else:
        frame = pd.DataFrame({variable.name: values for variable, values in columns}, index=range(len(ids)))
        variables = [variable for variable, _values in columns]
        notes.append(_("Without suppression of small groups: for Administration only, do not pass on."))
    notes += [
        _("Missing codes: -1 not asked (filter), -2 no answer, -8 suppressed (small group), -9 don't know."),
        _("Questions with personal data (such as contact details) are never exported."),
    ]
    if survey.is_demo:
        notes.append(_("Demo data: the responses were generated at random and are not real answers."))
    title = f"{survey.title} ({_('responses')}: {len(ids)})"
    return ExportTable(title=title, variables=variables, rows=frame, notes=notes)


_UNSUPPRESSED = frozenset({RESPONSE_COLUMN, STATUS_COLUMN})


def _with_suppressed_code(variable: Variable, label: str) -> Variable:
    missing = dict(variable.missing_values)
    missing[SUPPRESSED] = label
    ordered = {code: missing[code] for code in sorted(missing, reverse=True)}
    return Variable(
        variable.name,
        variable.label,
        variable.kind,
        variable.value_labels,
        ordered,
        question=variable.question,
        ordinal=variable.ordinal,
    )


# Suppression -------------------------------------------------------------------------------------


def suppress_column(values: np.ndarray, *, threshold: int) -> np.ndarray:
    """A copy where every value (missing codes included) shared by fewer than ``threshold`` rows is -8.

    When that hides exactly one value, the rarest remaining value is hidden too, so the hidden one cannot be
    told from "all the others". NaN (no value) and -8 stay as they are.
    """
    result = values.astype(np.float64, copy=True)
    present = ~np.isnan(result) & (result != SUPPRESSED)
    kinds, counts = np.unique(result[present], return_counts=True)
    rare = kinds[counts < threshold]
    if len(rare) == 0:
        return result
    hidden = np.isin(result, rare)
    if len(rare) == 1 and hidden.sum() + (result == SUPPRESSED).sum() < threshold:
        remaining = [(count, kind) for kind, count in zip(kinds, counts, strict=True) if kind not in rare]
        if remaining:
            hidden |= result == min(remaining)[1]
    result[hidden] = SUPPRESSED
    return result


def suppress_frame(frame: pd.DataFrame, *, threshold: int, columns: list[str]) -> pd.DataFrame:
    """Rules (a) and (c) of the module's docstring on ``columns`` (rule (d) is ``export_anonymity``)."""
    result = frame.copy()
    for name in columns:
        result[name] = suppress_column(result[name].to_numpy(dtype=np.float64), threshold=threshold)
    return result
