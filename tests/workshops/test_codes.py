"""Join codes: short, unambiguous, unique; typed codes are normalised or refused, never guessed."""

from __future__ import annotations

import pytest

from standortkompass.workshops.models import LiveSession
from standortkompass.workshops.services import codes
from standortkompass.workshops.services.codes import (
    JOIN_CODE_ALPHABET,
    new_join_code,
    new_projector_key,
    normalise_join_code,
)


def test_the_alphabet_has_no_look_alikes():
    assert not set("0O1I2Z5S8B") & set(JOIN_CODE_ALPHABET)
    assert len(set(JOIN_CODE_ALPHABET)) == len(JOIN_CODE_ALPHABET) == 26


@pytest.mark.django_db
def test_a_new_code_has_six_characters_of_the_alphabet():
    for _attempt in range(50):
        code = new_join_code()
        assert len(code) == 6
        assert set(code) <= set(JOIN_CODE_ALPHABET)


def test_a_taken_code_is_drawn_again(live_session, monkeypatch):
    drawn = iter([live_session.join_code, live_session.join_code, "NEW347"])
    monkeypatch.setattr(codes, "_random_code", lambda: next(drawn))

    assert new_join_code() == "NEW347"


def test_a_crowded_code_space_is_an_error_not_an_endless_loop(live_session, monkeypatch):
    monkeypatch.setattr(codes, "_random_code", lambda: live_session.join_code)

    with pytest.raises(RuntimeError):
        new_join_code()


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("ac3k7x", "AC3K7X"),
        (" AC3 K7X ", "AC3K7X"),
        ("ac3-k7x", "AC3K7X"),
        ("AC3–K7X", "AC3K7X"),
        ("a c 3 k 7 x", "AC3K7X"),
    ],
)
def test_lower_case_spaces_and_dashes_are_accepted(typed, code):
    assert normalise_join_code(typed) == code


@pytest.mark.parametrize("typed", ["", "AC3K7", "AC3K7XA", "AC3K0X", "ACOK7X", "AC1K7X", "ACIK7X", "AC3K7?", None])
def test_anything_else_is_no_code(typed):
    assert normalise_join_code(typed) == ""


@pytest.mark.django_db
def test_projector_keys_are_long_and_different():
    keys = {new_projector_key() for _attempt in range(20)}

    assert len(keys) == 20
    assert all(40 <= len(key) <= LiveSession._meta.get_field("projector_key").max_length for key in keys)
