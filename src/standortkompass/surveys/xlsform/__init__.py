"""XLSForm (xlsx, xls and csv) to the project's schema and back.

``parse_xlsform`` reads the survey, choices and settings sheets (``sheets``), builds the schema while
collecting every problem with sheet, row and column (``parsing``, ``validation``) and then runs pyxform's
conversion in memory (no external validator). ``export_xlsform`` (``writing``) writes an xlsx workbook
that imports to the identical schema.
"""

from standortkompass.surveys.xlsform.parsing import XLSFormRead, parse_xlsform, read_xlsform
from standortkompass.surveys.xlsform.sheets import FormError, XLSFormError
from standortkompass.surveys.xlsform.writing import export_xlsform

__all__ = ["FormError", "XLSFormError", "XLSFormRead", "export_xlsform", "parse_xlsform", "read_xlsform"]
