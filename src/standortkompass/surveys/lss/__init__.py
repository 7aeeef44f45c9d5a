"""LimeSurvey survey structure files (``.lss``) to the project's schema: ``parse_lss`` (``parsing``) reads a
file, ``convert_expression`` (``expressions``) turns simple ExpressionScript into XLSForm expressions.
"""

from standortkompass.surveys.lss.expressions import convert_expression
from standortkompass.surveys.lss.parsing import LssImport, parse_lss

__all__ = ["LssImport", "convert_expression", "parse_lss"]
