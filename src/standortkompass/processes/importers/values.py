"""Turning the text of one cell of an organisation list into a value, or a message why not.

Every function takes the stripped, non-empty text of a cell and returns the value for the
model field, or raises ``CellError`` with a message for the user (in the active language).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.processes.importers.organisations import (
    CONSENT_METHOD_WORDS,
    NO_WORDS,
    SIZE_CLASS_WORDS,
    TYPE_WORDS,
    YES_WORDS,
)
from standortkompass.regiondata.wz2008 import SECTION_BY_CODE, section_of_division


class CellError(Exception):
    """The text of a cell is not a valid value; ``str(error)`` says why."""


def _allowed(words: Iterable[str]) -> str:
    return ", ".join(words)


_TYPE_BY_WORD = {word.casefold(): code for word, code in TYPE_WORDS.items()} | {
    code: code for code in TYPE_WORDS.values()
}
_METHOD_BY_WORD = (
    {word.casefold(): code for word, code in CONSENT_METHOD_WORDS.items()}
    | {code: code for code in CONSENT_METHOD_WORDS.values()}
    | {"online": "online", "email": "email", "persoenlich": "in_person", "telefon": "phone", "brief": "written"}
)


def parse_type(text: str) -> str:
    try:
        return _TYPE_BY_WORD[text.casefold()]
    except KeyError:
        raise CellError(
            _("Unknown type “%(value)s”. Allowed are: %(allowed)s.") % {"value": text, "allowed": _allowed(TYPE_WORDS)}
        ) from None


def parse_consent_method(text: str) -> str:
    try:
        return _METHOD_BY_WORD[text.casefold()]
    except KeyError:
        raise CellError(
            _("Unknown way of consent “%(value)s”. Allowed are: %(allowed)s.")
            % {"value": text, "allowed": _allowed(CONSENT_METHOD_WORDS)}
        ) from None


def parse_yes_no(text: str) -> bool:
    folded = text.casefold()
    if folded in YES_WORDS:
        return True
    if folded in NO_WORDS:
        return False
    raise CellError(_("Write “ja” or “nein” instead of “%(value)s”.") % {"value": text})


def parse_size_class(text: str) -> str:
    compact = re.sub(r"\s+", "", text).replace("–", "-").replace("—", "-").casefold()
    compact = re.sub(r"(beschäftigte|mitarbeiter|mitarbeitende)$", "", compact)
    if compact in {"250undmehr", "ab250", ">=250", "250-"}:
        compact = "250+"
    if compact in SIZE_CLASS_WORDS:
        return compact
    raise CellError(
        _("Unknown size class “%(value)s”. Allowed are: %(allowed)s.")
        % {"value": text, "allowed": _allowed(SIZE_CLASS_WORDS)}
    )


def parse_employees(text: str) -> int:
    compact = text.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", compact):
        compact = compact.replace(".", "")
    if not compact.isdigit():
        raise CellError(_("Enter the number of employees as a whole number, not “%(value)s”.") % {"value": text})
    return int(compact)


def parse_section(text: str) -> str:
    code = text.strip().upper()
    if code not in SECTION_BY_CODE:
        raise CellError(_("“%(value)s” is not a WZ 2008 section. Allowed are the letters A to U.") % {"value": text})
    return code


def parse_division(text: str) -> str:
    """Two digits; a longer WZ code (28.22.0) is cut to its division, a single digit gets its zero."""
    match = re.fullmatch(r"(\d{1,2})(\.[\d.]*)?", text.strip())
    if match is None:
        raise CellError(_("“%(value)s” is not a WZ 2008 division (two digits, e.g. 28).") % {"value": text})
    division = match.group(1).zfill(2)
    if section_of_division(division) is None:
        raise CellError(_("%(code)s is not a WZ 2008 division.") % {"code": division})
    return division


def parse_postal_code(text: str) -> str:
    code = text.replace(" ", "")
    # A spreadsheet that stored 01067 as a number drops the leading zero.
    if code.isdigit() and len(code) == 4:
        code = f"0{code}"
    if not (code.isdigit() and len(code) == 5):
        raise CellError(_("“%(value)s” is not a German postal code (five digits).") % {"value": text})
    return code


def parse_municipality_code(text: str) -> str:
    code = text.replace(" ", "")
    if code.isdigit() and len(code) == 7:
        code = f"0{code}"
    if not (code.isdigit() and len(code) == 8):
        raise CellError(_("“%(value)s” is not a municipality key (AGS, eight digits).") % {"value": text})
    return code


def parse_website(text: str) -> str:
    url = text if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) else f"https://{text}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise CellError(_("“%(value)s” is not a valid web address.") % {"value": text}) from None
    if len(url) > 200:
        raise CellError(_("The web address is longer than 200 characters."))
    return url


def parse_email(text: str) -> str:
    try:
        EmailValidator()(text)
    except ValidationError:
        raise CellError(_("“%(value)s” is not a valid e-mail address.") % {"value": text}) from None
    return text


_DATETIME_FORMATS = (
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
)
_DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d")


def parse_datetime(text: str) -> dt.datetime:
    """A date or date and time in German or ISO notation, as an aware datetime in the local time zone."""
    for pattern in _DATETIME_FORMATS + _DATE_FORMATS:
        try:
            naive = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return timezone.make_aware(naive, timezone.get_current_timezone())
    raise CellError(_("“%(value)s” is not a date. Write it like 01.03.2026 or 01.03.2026 14:30.") % {"value": text})
