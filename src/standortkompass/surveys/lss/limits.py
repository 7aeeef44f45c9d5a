"""Caps of an .lss upload, checked before and right after parsing, as for XLSForms
(``surveys/xlsform/sheets.py``)."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from standortkompass.surveys.xlsform import FormError, XLSFormError

# Caps of an upload, as for XLSForms (surveys/xlsform/sheets.py): a real questionnaire stays far below them.
MAX_LSS_BYTES = 16 * 1024 * 1024
MAX_LSS_ROWS = 100_000  # rows of all tables (texts in every language, attributes)
MAX_LSS_QUESTIONS = 20_000  # question and subquestion rows
MAX_LSS_ANSWERS = 20_000


def refusal(message: str) -> XLSFormError:
    return XLSFormError([FormError("", None, "", message)])


def check_size(data: bytes) -> None:
    """Caps checked before the XML is parsed: its size and how many rows its tables hold."""
    if len(data) > MAX_LSS_BYTES:
        raise refusal(
            _("The LimeSurvey file is larger than %(size)s MB; this is not a questionnaire.")
            % {"size": MAX_LSS_BYTES // (1024 * 1024)}
        )
    if data.count(b"<row>") > MAX_LSS_ROWS:
        raise refusal(
            _("The LimeSurvey file has more than %(rows)s table rows; this is not a questionnaire.")
            % {"rows": MAX_LSS_ROWS}
        )


def check_counts(root: Element) -> None:
    questions = len(root.findall("./questions/rows/row")) + len(root.findall("./subquestions/rows/row"))
    answers = len(root.findall("./answers/rows/row"))
    for count, limit, message in (
        (questions, MAX_LSS_QUESTIONS, _("The LimeSurvey file has more than %(count)s questions and subquestions.")),
        (answers, MAX_LSS_ANSWERS, _("The LimeSurvey file has more than %(count)s answer options.")),
    ):
        if count > limit:
            raise refusal(message % {"count": limit})
