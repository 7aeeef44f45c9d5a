"""Which answers of a questionnaire are quasi-identifiers, and how a suppressed export makes them k-anonymous.

**Declared in one place: the questionnaire.** A question is a quasi-identifier — an answer that describes the
company and could be known to outsiders — when its XLSForm row has ``quasi_identifier`` set:

* ``yes`` (``ja``, ``true``, ``1``): left out of a suppressed export when needed;
* ``ordered`` (``geordnet``): a single-choice question whose choices are in order (size classes, turnover
  bands): neighbouring choices are merged in pairs, then in fours …, before it is left out.

The survey's profile questions (sector, size class, municipality; survey settings) are always
quasi-identifiers: the size class as ``ordered``; the sector, when its choices are the WZ 2008 sections
(A … U), grouped first into the ten groups of the German national accounts (A*10: A, B–E, F, G–I, J, K, L,
M–N, O–Q, R–U), then into three (A, B–F, G–U). The default questionnaire marks the type of site and the exact
number of employees as well.

A suppressed export (everyone below Administration) then applies ``analysis.survey.k_anonymise`` with
k = the survey's threshold: every combination of the quasi-identifiers that remain is shared by at least k
rows, and the export's notes say which were coarsened and which were left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from django.utils.translation import gettext as _

from standortkompass.analysis.survey.anonymity import QuasiIdentifier, k_anonymise, neighbour_merges
from standortkompass.surveys.dataset import Variable as DataVariable
from standortkompass.surveys.export_formats import Variable
from standortkompass.surveys.models import Survey
from standortkompass.surveys.runtime import Runtime

QUASI_IDENTIFIER_COLUMN = "quasi_identifier"
SECTION_LABEL = re.compile(r"^([A-U])\s*[–-]\s")
_YES = frozenset({"yes", "ja", "true", "1"})
_ORDERED = frozenset({"ordered", "geordnet"})

# The German national accounts' groupings of the WZ 2008 sections (A*10, then A*3).
WZ_GROUPS: tuple[tuple[str, ...], ...] = (
    ("A", "BCDE", "F", "GHI", "J", "K", "L", "MN", "OPQ", "RSTU"),
    ("A", "BCDEF", "GHIJKLMNOPQRSTU"),
)


@dataclass(frozen=True)
class Declared:
    """A quasi-identifying question and how it may be coarsened: ``ordered``, ``sections`` or ``""`` (left out)."""

    question: str
    coarsening: str


def declared_quasi_identifiers(*, survey: Survey, runtime: Runtime) -> list[Declared]:
    """The survey's quasi-identifiers: its profile questions, then the questions the questionnaire marks."""
    found: dict[str, str] = {}
    if survey.sector_question:
        found[survey.sector_question] = "sections"
    if survey.size_question:
        found[survey.size_question] = "ordered"
    if survey.municipality_question:
        found[survey.municipality_question] = ""
    for name, question in runtime.questions.items():
        value = str(question["extra"].get(QUASI_IDENTIFIER_COLUMN, "")).strip().lower()
        if value in _ORDERED:
            found.setdefault(name, "ordered")
        elif value in _YES:
            found.setdefault(name, "")
    return [Declared(name, coarsening) for name, coarsening in found.items() if name in runtime.questions]


def _choice_codes(variable: DataVariable, skip: frozenset[str]) -> list[tuple[str, float]]:
    """(choice name, export code) in questionnaire order, as the export codes them (1..k without "don't know")."""
    named = [name for name, _label in variable.choices if name not in skip]
    return [(name, float(index + 1)) for index, name in enumerate(named)]


def _coarsenings(declared: Declared, variable: DataVariable, skip: frozenset[str]) -> tuple[dict[float, float], ...]:
    if variable.kind != "select_one":
        return ()
    codes = _choice_codes(variable, skip)
    if declared.coarsening == "ordered":
        return neighbour_merges([code for _name, code in codes])
    if declared.coarsening == "sections" and {name.upper() for name, _code in codes} <= set("ABCDEFGHIJKLMNOPQRSTU"):
        by_letter = {name.upper(): code for name, code in codes}
        levels = []
        for groups in WZ_GROUPS:
            mapping: dict[float, float] = {}
            for group in groups:
                present = [by_letter[letter] for letter in group if letter in by_letter]
                for code in present:
                    mapping[code] = min(present)
            levels.append(mapping)
        return tuple(levels)
    return ()


@dataclass(frozen=True)
class AnonymisedProfile:
    frame: pd.DataFrame
    variables: list[Variable]
    notes: list[str]
    identifiers: tuple[str, ...]  # the export columns treated as quasi-identifiers


def anonymise_profile(
    *,
    frame: pd.DataFrame,
    variables: Sequence[Variable],
    declared: Sequence[Declared],
    data_variables: dict[str, DataVariable],
    threshold: int,
    skip_choices: frozenset[str],
) -> AnonymisedProfile:
    """Coarsen or leave out the quasi-identifying columns of an export until every combination has ``threshold`` rows.

    ``frame`` and ``variables``: the export's columns (codes, missing codes); ``declared``: the
    quasi-identifying questions; ``data_variables``: the questions by name (for their choices);
    ``skip_choices``: choice names the export codes as "don't know" instead of 1..k.
    """
    by_question = {item.question: item for item in declared}
    identifiers: list[QuasiIdentifier] = []
    for variable in variables:
        item = by_question.get(variable.question)
        if item is None or variable.name not in frame.columns:
            continue
        data = data_variables.get(variable.name)
        steps = _coarsenings(item, data, skip_choices) if data is not None else ()
        identifiers.append(QuasiIdentifier(variable.name, steps))
    if not identifiers:
        return AnonymisedProfile(frame, list(variables), [], ())
    result = k_anonymise(frame, threshold=threshold, identifiers=identifiers)
    labels = {variable.name: variable.label for variable in variables}
    mappings = {identifier.name: identifier.coarsenings for identifier in identifiers}
    kept: list[Variable] = []
    for variable in variables:
        if variable.name in result.dropped:
            continue
        level = result.levels.get(variable.name, 0)
        kept.append(_recoded(variable, dict(mappings[variable.name][level - 1])) if level else variable)
    names = ", ".join(labels[identifier.name] for identifier in identifiers)
    notes = [
        _(
            "Quasi-identifiers (answers that describe the company: %(names)s) are coarsened or left out until every "
            "combination of them is shared by at least %(threshold)d responding companies."
        )
        % {"names": names, "threshold": threshold}
    ]
    for name, level in result.levels.items():
        if level:
            merged = next(variable for variable in kept if variable.name == name)
            notes.append(
                _("%(label)s: categories merged into %(groups)s.")
                % {"label": labels[name], "groups": "; ".join(merged.value_labels.values())}
            )
    if result.dropped:
        notes.append(
            _("Left out, as the combinations would otherwise single out companies: %(labels)s.")
            % {"labels": ", ".join(labels[name] for name in result.dropped)}
        )
    if not result.changed:
        notes.append(_("No quasi-identifier had to be coarsened or left out."))
    return AnonymisedProfile(result.frame, kept, notes, tuple(identifier.name for identifier in identifiers))


def _group_label(texts: list[str]) -> str:
    """The label of merged categories: WZ sections ("B – Bergbau …") as their range, others joined."""
    letters = [match.group(1) for text in texts if (match := SECTION_LABEL.match(text))]
    if len(texts) > 1 and len(letters) == len(texts):
        return _("WZ sections %(first)s to %(last)s") % {"first": letters[0], "last": letters[-1]}
    return " / ".join(texts)


def _recoded(variable: Variable, mapping: dict[float, float]) -> Variable:
    """The variable with the value labels of its merged codes ("0 to 9 / 10 to 49")."""
    groups: dict[float, list[str]] = {}
    for code, label in variable.value_labels.items():
        groups.setdefault(mapping.get(float(code), float(code)), []).append(label)
    value_labels = {int(code): _group_label(texts) for code, texts in sorted(groups.items())}
    return Variable(
        variable.name,
        variable.label,
        variable.kind,
        value_labels,
        dict(variable.missing_values),
        question=variable.question,
        ordinal=variable.ordinal,
    )
