"""The result objects: frozen dataclasses; a hidden figure is ``None`` and marked hidden."""

from __future__ import annotations

from dataclasses import dataclass

from standortkompass.surveys.dataset import Variable

HIDDEN = "•"
NO_ANSWER = "__no_answer__"  # the key of the "no answer" row and column of a cross-tab; no XLSForm choice name
DONT_KNOW_NAMES = {"weiss_nicht", "weiß_nicht", "wn", "keine_angabe", "ka", "dont_know", "nicht_relevant", "wn_ka"}
DONT_KNOW_LABELS = ("weiß nicht", "weiss nicht", "keine angabe", "don't know", "don’t know", "nicht relevant")

# Results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One category: unweighted count, (weighted) share with its 95 % Wilson interval; ``None`` when hidden."""

    key: str
    label: str
    count: int | None
    share: float | None
    ci_low: float | None
    ci_high: float | None
    hidden: bool = False
    mean_position: float | None = None  # ranking questions


@dataclass(frozen=True)
class ChoiceResult:
    variable: Variable
    rows: tuple[Row, ...]
    n: int | None
    multiple: bool
    weighted: bool
    too_few: bool = False
    any_hidden: bool = False
    unsuppressed: bool = False
    kind: str = "choice"


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int | None
    share: float | None
    start: float | None
    end: float | None
    hidden: bool = False


@dataclass(frozen=True)
class LikertItem:
    variable: Variable
    segments: tuple[Segment, ...]
    dont_know: tuple[Row, ...]
    n: int | None  # substantive answers
    n_answered: int | None  # scale points and "don't know"
    mean: float | None  # on the choice names' numbers when they are numbers, else 1..k
    hidden: bool = False  # not drawn: too few answers or a hidden cell
    too_few: bool = False
    any_hidden: bool = False


@dataclass(frozen=True)
class LikertResult:
    key: str
    label: str
    items: tuple[LikertItem, ...]
    scale: tuple[tuple[str, str], ...]  # negative → positive, as drawn
    dont_know: tuple[tuple[str, str], ...]
    weighted: bool
    unsuppressed: bool = False
    kind: str = "likert"

    @property
    def any_hidden(self) -> bool:
        return any(item.any_hidden or item.too_few for item in self.items)

    @property
    def variable(self) -> Variable:
        return self.items[0].variable


@dataclass(frozen=True)
class NumericResult:
    variable: Variable
    n: int | None
    mean: float | None
    median: float | None
    std: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    minimum: float | None
    maximum: float | None
    weighted: bool
    too_few: bool = False
    extremes_hidden: bool = False
    unsuppressed: bool = False
    kind: str = "numeric"

    @property
    def any_hidden(self) -> bool:
        return self.extremes_hidden


@dataclass(frozen=True)
class TextResult:
    variable: Variable
    n: int | None
    too_few: bool = False
    unsuppressed: bool = False
    any_hidden: bool = False
    weighted: bool = False
    kind: str = "text"


QuestionResult = ChoiceResult | LikertResult | NumericResult | TextResult


@dataclass(frozen=True)
class CrossTabResult:
    """Two single-choice questions against each other, every respondent counted.

    The last row and column are "no answer" (respondents who skipped the question), so that the margins are
    the questions' own counts. Publishing (:func:`~standortkompass.surveys.results.suppression.publishable`)
    leaves the "no answer" line out where nobody skipped the question. ``row_margin_hidden`` and
    ``column_margin_hidden`` say which margins the questions' own results hide (one flag per row and per
    column; the "no answer" margin is hidden where the question's number of respondents is); empty: taken
    from the counts with the same rule.
    """

    row_variable: Variable
    column_variable: Variable
    rows: tuple[tuple[str, str], ...]
    columns: tuple[tuple[str, str], ...]
    counts: tuple[tuple[int | None, ...], ...]
    shares: tuple[tuple[float | None, ...], ...]  # column shares
    hidden: tuple[tuple[bool, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    grand_total: int | None
    weighted: bool
    too_few: bool = False
    any_hidden: bool = False
    unsuppressed: bool = False
    withheld: bool = False  # no cell can be shown without giving a hidden one away
    row_margin_hidden: tuple[bool, ...] = ()
    column_margin_hidden: tuple[bool, ...] = ()

    def body(self) -> list[tuple[str, list[tuple[int | None, float | None, bool]], int | None]]:
        """(row label, [(count, column share, hidden) per column], row total) per row."""
        return [
            (label, list(zip(self.counts[i], self.shares[i], self.hidden[i], strict=True)), self.row_totals[i])
            for i, (_key, label) in enumerate(self.rows)
        ]


@dataclass(frozen=True)
class CodeResult:
    """How many answers to an open question have each code (an answer can have several)."""

    question: str
    codes: tuple[tuple[int, str, int | None], ...]  # (code id, label, answers with the code)
    answered: int
    any_hidden: bool = False
    unsuppressed: bool = False


AnyResult = ChoiceResult | LikertResult | NumericResult | TextResult | CrossTabResult | CodeResult
