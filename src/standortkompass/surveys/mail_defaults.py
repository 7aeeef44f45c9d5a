"""The German default texts of the invitation and reminder mails, and checking and filling their placeholders.

A default lives in ``texts/mail_<kind>.txt``: the subject on the first line, a line ``---``, then
the body. A survey may replace it with its own ``MailTemplate``.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext
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


def placeholders_in(text: str) -> list[str]:
    """The placeholder names used in ``text``, in order.

    Raises ``ValidationError`` (German) for braces that do not pair up, for attribute or index access
    (``{name.__class__}``, ``{name[0]}``), conversions and format specifications, and for unknown names.
    """
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise ValidationError(
            gettext(
                "The text has a curly brace without its partner. Write placeholders as {link}; "
                "for a brace itself write {{ or }}."
            )
        ) from error
    names: list[str] = []
    for _literal, name, format_spec, conversion in parsed:
        if name is None:
            continue
        written = (
            "{" + name + (f"!{conversion}" if conversion else "") + (f":{format_spec}" if format_spec else "") + "}"
        )
        if name not in PLACEHOLDERS or conversion or format_spec:
            raise ValidationError(
                gettext("%(placeholder)s is not a placeholder. Allowed are: %(allowed)s.")
                % {"placeholder": written, "allowed": ", ".join("{" + key + "}" for key in PLACEHOLDERS)}
            )
        names.append(name)
    return names


def render_placeholders(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders replaced by ``values``; only plain names are looked up, never attributes."""
    parts: list[str] = []
    for literal, name, _format_spec, _conversion in string.Formatter().parse(text):
        parts.append(literal)
        if name is not None:
            parts.append(values[name])
    return "".join(parts)


def mail_template_validate(*, subject: str, body: str) -> None:
    errors: dict[str, list[ValidationError]] = {}
    for field_name, text in (("subject", subject), ("body", body)):
        try:
            used = placeholders_in(text)
        except ValidationError as error:
            errors.setdefault(field_name, []).append(error)
            continue
        if field_name == "subject" and {"link", "abmelden"} & set(used):
            errors.setdefault(field_name, []).append(
                ValidationError(gettext("Links belong in the text, not in the subject."))
            )
        if field_name == "body":
            for name in REQUIRED_IN_BODY:
                if name not in used:
                    errors.setdefault(field_name, []).append(
                        ValidationError(
                            gettext("The text must contain the placeholder %(placeholder)s.")
                            % {"placeholder": "{" + name + "}"}
                        )
                    )
    if errors:
        raise ValidationError(errors)
