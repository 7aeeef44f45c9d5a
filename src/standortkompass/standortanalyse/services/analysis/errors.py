"""The errors of the location analysis: a request it cannot answer, with a message for the user."""

from __future__ import annotations


class AnalysisError(Exception):
    """A request the analysis cannot answer; ``str(error)`` is a message for the user."""

    kind = "analysis"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownRegionError(AnalysisError):
    kind = "unknown_region"


class ReferenceNotSupersetError(AnalysisError):
    kind = "reference_not_superset"


class PeriodError(AnalysisError):
    kind = "period"


class YearsOutsideDataError(AnalysisError):
    kind = "years_outside_data"


class AnalysisDataError(AnalysisError):
    """The data given to the analysis cannot be used (unreadable file, duplicate rows ...)."""

    kind = "data"
