"""The German default texts of the invitation and reminder mails, and their placeholders.

A default lives in ``texts/mail_<kind>.txt``: the subject on the first line, a line ``---``, then
the body. A survey may replace it with its own ``MailTemplate``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from standortkompass.surveys.models import MailKind

TEXT_DIR = Path(__file__).parent / "texts"
SEPARATOR = "---"

# Placeholder -> what it stands for (shown beside the template form).
PLACEHOLDERS: dict[str, Promise] = {
    "anrede": _("salutation, e.g. “Guten Tag Kim Muster”"),
    "name": _("name of the contact person"),
    "organisation": _("name of the organisation"),
    "link": _("personal link to the survey (required)"),
    "frist": _("closing date of the survey"),
    "abmelden": _("link to opt out of mails about this survey (required)"),
    "absender": _("name of the agency"),
    "befragung": _("title of the survey"),
}
REQUIRED_IN_BODY = ("link", "abmelden")


@cache
def default_mail(kind: str) -> tuple[str, str]:
    """(subject, body) of the default text of ``kind`` (a ``MailKind``)."""
    if kind not in MailKind.values:
        raise ValueError(f"unknown mail kind {kind!r}")
    text = (TEXT_DIR / f"mail_{kind}.txt").read_text(encoding="utf-8")
    subject, separator, body = text.partition(f"\n{SEPARATOR}\n")
    if not separator:
        raise ValueError(f"mail_{kind}.txt: the subject line must be followed by a line {SEPARATOR!r}")
    return subject.strip(), body.strip() + "\n"
