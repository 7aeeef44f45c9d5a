"""Conditions of LimeSurvey's old condition editor (the ``<conditions>`` table of 1.x to 3.x files, whose
questions often carry the relevance ``1``) as XLSForm ``relevant`` expressions.

One row says: question ``qid`` is shown if the answer field ``cfieldname`` (of question ``cqid``) compares
with ``method`` to ``value``. They combine as in LimeSurvey's own conversion
(``LimeExpressionManager::ConvertConditionsToRelevance``): the scenarios of a question are OR'ed; within a
scenario, consecutive conditions on the same answer field are OR'ed, conditions on different fields AND'ed;
a multiple choice field named with a leading ``+`` is always AND'ed. A value ``@SGQA@`` is the answer to
another question, ``" "`` or an empty value means "not answered", ``RX`` compares with a regular expression.
A condition on a participant attribute (``{TOKEN:…}``) or on anything that was not imported makes the whole
question's conditions untranslatable (``None``); the caller lists it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
COMPARISONS = {"==": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


@dataclass(frozen=True)
class Field:
    """An answer field of the file as the schema knows it."""

    code: str  # the question code
    lstype: str  # LimeSurvey's type letter
    sub: str = ""  # the subquestion's code ("SQ1", "SQ1_SQ2" in arrays of numbers, "SQ1#0" in dual scales)


Resolve = Callable[[str, str], Field | None]  # (cqid, field name) → the field, None if unknown


def _order(row: dict[str, str], key: str) -> int:
    try:
        return int(row.get(key) or 0)
    except ValueError:
        return 0


def field_name(field: Field, single: set[str]) -> str | None:
    """The schema name of a single-value field, None if it has none."""
    name = field.code
    if field.sub:
        if field.lstype == "1" and "#" in field.sub:
            sub, scale = field.sub.split("#", 1)
            name = f"{field.code}_{int(scale) + 1 if scale.isdigit() else scale}_{sub}"
        else:
            name = f"{field.code}_{field.sub}"
    return name if name in single else None


def _literal(value: str, *, numeric: bool) -> str | None:
    if numeric and NUMBER.fullmatch(value):
        return value
    if "'" in value or '"' in value:
        return None
    return f"'{value}'"


def _atom(
    row: dict[str, str], *, resolve: Resolve, single: set[str], multiple: dict[str, set[str]]
) -> tuple[str, str, bool] | None:
    """(XLSForm expression, the field it tests, whether it is always AND'ed) of one condition."""
    cqid, fieldname = row.get("cqid", ""), row.get("cfieldname", "").strip()
    method, value = row.get("method", "").strip() or "==", row.get("value", "")
    if fieldname.startswith("{") or value.startswith("{"):
        return None  # participant attributes and expressions
    plus = fieldname.startswith("+")
    field = resolve(cqid, fieldname.removeprefix("+"))
    if field is None:
        return None
    if field.lstype in {"M", "P"}:
        sub, checked = (field.sub, value) if plus else (value, "Y")
        if field.code not in multiple or sub not in multiple[field.code] or method not in {"==", "!="}:
            return None
        selected = f"selected(${{{field.code}}}, '{sub}')"
        wanted = checked.strip() == "Y"
        if checked.strip() not in {"Y", ""}:
            return None
        return (selected if (method == "==") == wanted else f"not({selected})"), fieldname, plus or cqid == "0"
    name = field_name(field, single)
    if name is None:
        return None
    reference = f"${{{name}}}"
    if method == "RX":
        pattern = value[1:-1] if len(value) > 1 and value.startswith("/") and value.endswith("/") else value
        if "'" in pattern:
            return None
        return f"regex({reference}, '{pattern}')", fieldname, cqid == "0"
    operator = COMPARISONS.get(method)
    if operator is None:
        return None
    if re.fullmatch(r"@[^@]+@", value):
        other = resolve("", value[1:-1])
        other_name = field_name(other, single) if other is not None else None
        if other_name is None:
            return None
        right = f"${{{other_name}}}"
    elif value.strip() == "":
        if operator not in {"=", "!="}:
            return None
        right = "''"
    else:
        literal = _literal(value, numeric=operator not in {"=", "!="} or field.lstype in {"N", "K"})
        if literal is None or (operator not in {"=", "!="} and not NUMBER.fullmatch(literal)):
            return None  # LimeSurvey compares other values as strings, which XLSForm does not
        right = literal
    return f"{reference} {operator} {right}", fieldname, cqid == "0"


def _scenario(groups: list[list[str]]) -> str:
    """Conditions AND'ed, each an OR group; a comparison binds more strongly than ``and`` and ``or``."""
    ored = [" or ".join(group) for group in groups]
    return " and ".join(
        f"({part})" if len(group) > 1 and len(groups) > 1 else part for part, group in zip(ored, groups, strict=True)
    )


def conditions_relevance(
    rows: list[dict[str, str]], *, resolve: Resolve, single: set[str], multiple: dict[str, set[str]]
) -> dict[str, str | None]:
    """The relevance of every question (by ``qid``) that has conditions; None where one cannot be converted."""
    found: dict[str, str | None] = {}
    ordered = sorted(
        rows,
        key=lambda row: (
            _order(row, "qid"),
            _order(row, "scenario") or 1,
            _order(row, "cqid"),
            row.get("cfieldname", ""),
            _order(row, "cid"),
        ),
    )
    for qid, question_rows in groupby(ordered, key=lambda row: row.get("qid", "")):
        scenarios: list[str] = []
        failed = False
        for _number, scenario_rows in groupby(question_rows, key=lambda row: _order(row, "scenario") or 1):
            anded: list[list[str]] = []
            current: str | None = None  # the field of the OR group being filled
            for row in scenario_rows:
                atom = _atom(row, resolve=resolve, single=single, multiple=multiple)
                if atom is None:
                    failed = True
                    break
                expression, key, always_and = atom
                if not anded or key != current:
                    anded.append([])
                anded[-1].append(expression)
                current = None if always_and else key
            if failed:
                break
            scenarios.append(_scenario(anded))
        if failed:
            found[qid] = None
        else:
            found[qid] = " or ".join(f"({scenario})" if len(scenarios) > 1 else scenario for scenario in scenarios)
    return found
