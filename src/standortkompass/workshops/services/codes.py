"""Join codes and projector keys of live sessions.

A join code is what participants type on their phones (or find behind the QR code): six characters from an
alphabet without look-alikes — no 0/O, 1/I, 2/Z, 5/S, 8/B — so that a code read from a projector across the
room is typed right the first time. 26 characters to the 6th power are about 309 million codes; a wrong guess is
rate-limited (services.throttle).
"""

from __future__ import annotations

import re
import secrets

from standortkompass.workshops.models import LiveSession

JOIN_CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 6
# What people type between the characters of a code read aloud or copied ("ab3-k7x", "AB3 K7X").
_SEPARATORS = re.compile(r"[\s\-_.\u2010-\u2015\u2212]+")
_ATTEMPTS = 50


def _random_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_join_code() -> str:
    """A join code no session has yet."""
    for _attempt in range(_ATTEMPTS):
        code = _random_code()
        if not LiveSession.objects.filter(join_code=code).exists():
            return code
    raise RuntimeError("No free join code found; the code space is unexpectedly crowded.")


def normalise_join_code(text: str) -> str:
    """The code as stored (upper case, without spaces and dashes), or ``""`` when the text cannot be a code.

    Characters outside the alphabet (such as O, 0, I or 1) are refused, not guessed: the caller then says
    "unknown code" instead of joining someone to the wrong session."""
    code = _SEPARATORS.sub("", text or "").upper()
    if len(code) != JOIN_CODE_LENGTH or any(character not in JOIN_CODE_ALPHABET for character in code):
        return ""
    return code


def new_projector_key() -> str:
    """The secret part of a projector's address (about 256 bits), not used by another session."""
    for _attempt in range(_ATTEMPTS):
        key = secrets.token_urlsafe(32)
        if not LiveSession.objects.filter(projector_key=key).exists():
            return key
    raise RuntimeError("No free projector key found.")
