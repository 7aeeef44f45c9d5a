"""What each XLSForm row type becomes in a company survey on the web: a question, a timestamp recorded by
the server, or nothing (with the reason, for the validation report's warnings).

Tools write the same type in several spellings (``select one``, ``select_one``, ``select1``, ``int``,
``string``); :func:`classify` reads them all as pyxform does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _

from standortkompass.surveys.schema import XLSFORM_TYPES, QuestionKind

# Recorded from the server's clock per response (not in anonymous surveys), never shown to the respondent.
SERVER_TIMESTAMPS = ("start", "end", "today")

# Metadata of the phone or tablet that collected an ODK/Kobo form: a web survey has none of it.
DEVICE_METADATA = frozenset(
    {
        "deviceid",
        "imei",
        "username",
        "phonenumber",
        "simserial",
        "subscriberid",
        "email",
        "audit",
        "instanceid",
        "instancename",
        "start-geopoint",
        "background-audio",
        "background-geopoint",
        "uri:username",
        "uri:email",
        "uri:phonenumber",
        "uri:deviceid",
        "uri:subscriberid",
        "uri:simserial",
    }
)
LOCATION_TYPES = frozenset({"geopoint", "geotrace", "geoshape", "gps", "osm"})
MEDIA_TYPES = frozenset({"image", "photo", "audio", "video", "file", "barcode", "signature", "drawing"})
EXTERNAL_TYPES = frozenset(
    {
        "select_one_external",
        "select_one_from_file",
        "select_multiple_from_file",
        "xml-external",
        "csv-external",
        "hidden",
        "trigger",
        "acknowledge",
        "time",
        "datetime",
        "range",
    }
)
ALIASES: dict[str, str] = {
    "string": "text",
    "int": "integer",
    "select1": "select_one",
    "select one": "select_one",
    "select one from": "select_one",
    "select_one_from": "select_one",
    "select all that apply": "select_multiple",
    "select all that apply from": "select_multiple",
    "select multiple": "select_multiple",
    "select one from file": "select_one_from_file",
    "select multiple from file": "select_multiple_from_file",
    "imei": "deviceid",
    "add image prompt": "image",
    "add photo prompt": "image",
    "add audio prompt": "audio",
    "add video prompt": "video",
    "add file prompt": "file",
}


@dataclass(frozen=True)
class RowType:
    """A survey row's type: ``role`` says what becomes of it; ``kind``/``base`` for questions, ``words`` the rest."""

    role: Literal["question", "timestamp", "left_out", "unknown"]
    base: str
    kind: QuestionKind | None = None
    words: tuple[str, ...] = ()
    reason: str = ""


def _split(type_text: str) -> tuple[str, tuple[str, ...]]:
    """The base type (aliases resolved, longest spelling first) and the words after it."""
    words = type_text.split()
    lowered = [word.lower() for word in words]
    for length in (5, 4, 3, 2):
        alias = ALIASES.get(" ".join(lowered[:length]))
        if alias is not None and len(lowered) >= length:
            return alias, tuple(words[length:])
    base = lowered[0] if lowered else ""
    return ALIASES.get(base, base), tuple(words[1:])


def classify(type_text: str) -> RowType:
    """What the ``type`` of a survey row (not a group row) becomes."""
    base, words = _split(type_text)
    kind = XLSFORM_TYPES.get(base)
    if kind is not None:
        return RowType("question", base, kind, words)
    if base in SERVER_TIMESTAMPS:
        return RowType("timestamp", base)
    if base in DEVICE_METADATA:
        reason = _("device metadata of a mobile data-collection app, which a web survey does not have")
    elif base in LOCATION_TYPES:
        reason = _("locations and maps cannot be asked in a company survey")
    elif base in MEDIA_TYPES:
        reason = _("photos, recordings, files and scans cannot be collected in a company survey")
    elif base in EXTERNAL_TYPES:
        reason = _("this question type is not available in a company survey")
    else:
        return RowType("unknown", base)
    return RowType("left_out", base, reason=reason)
