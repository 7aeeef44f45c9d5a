"""Secrets of respondents: invitation tokens, resume codes, and the hashes stored instead of them.

An invitation token is derived from the server's secret key and the invitation's random key, so a
reminder can repeat the link although only its hash is stored. The response is found by a second
hash of the same secret with a different prefix: the two hashes cannot be joined without the secret.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils.crypto import salted_hmac

# Without 0/O, 1/I/L: read aloud and typed from paper without mistakes. 16 characters, 80 bits.
RESUME_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RESUME_GROUPS = 4
RESUME_GROUP_LENGTH = 4


def new_invitation_key() -> str:
    return secrets.token_hex(16)


def invitation_token(key: str) -> str:
    return salted_hmac("standortkompass.surveys.invitation", key, algorithm="sha256").hexdigest()[:40]


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(f"invitation:{token}".encode()).hexdigest()


def response_access_hash(secret: str) -> str:
    return hashlib.sha256(f"response:{secret}".encode()).hexdigest()


def new_resume_code() -> str:
    groups = (
        "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_GROUP_LENGTH)) for _ in range(RESUME_GROUPS)
    )
    return "-".join(groups)


def normalise_resume_code(text: str) -> str:
    """What a person typed (lower case, spaces, missing dashes) in the canonical ``ABCD-EFGH-…`` form."""
    characters = "".join(character for character in text.upper() if character.isalnum())
    characters = characters.replace("0", "O").replace("1", "I")
    size = RESUME_GROUP_LENGTH
    return "-".join(characters[index : index + size] for index in range(0, len(characters), size))


def is_resume_code_shape(code: str) -> bool:
    groups = code.split("-")
    return len(groups) == RESUME_GROUPS and all(
        len(group) == RESUME_GROUP_LENGTH and all(c in RESUME_ALPHABET for c in group) for group in groups
    )
