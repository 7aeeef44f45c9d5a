"""Joining a live session: the token and its cookie, the join code, the participant's details, removal, the
"last seen" note and the throttle against guessing codes."""

from __future__ import annotations

import datetime as dt
import hashlib
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.workshops.models import LiveSession, Participant, SessionState, Table
from standortkompass.workshops.selectors.participants import (
    cookie_name,
    cookie_options,
    participant_for_token,
    participant_from_request,
    session_for_code,
)
from standortkompass.workshops.services import throttle
from standortkompass.workshops.services.participation import (
    participant_join,
    participant_remove,
    participant_seen,
    participant_update,
)


def test_joining_gives_a_token_once_and_stores_only_its_hash(live_session):
    participant, token = participant_join(session=live_session, display_name=" Anna ", group="company")

    assert len(token) >= 43
    assert participant.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Participant.objects.values().get())
    assert (participant.display_name, participant.group, participant.last_seen_at is not None) == (
        "Anna",
        "company",
        True,
    )
    assert participant_for_token(session=live_session, token=token) == participant
    assert participant_for_token(session=live_session, token=token + "x") is None
    assert participant_for_token(session=live_session, token="") is None


def test_two_joins_are_two_participants_with_different_tokens(live_session):
    first, first_token = participant_join(session=live_session)
    second, second_token = participant_join(session=live_session)

    assert first.pk != second.pk
    assert first_token != second_token


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (SessionState.PREPARED, "This workshop session has not started yet; please wait until it starts."),
        (SessionState.ENDED, "This workshop session has ended; it can no longer be joined."),
    ],
)
def test_a_session_can_be_joined_only_while_it_is_live(live_session, state, expected):
    LiveSession.objects.filter(pk=live_session.pk).update(state=state)

    with pytest.raises(ValidationError) as caught:
        participant_join(session=live_session)

    assert caught.value.messages == [_(expected)]
    assert not Participant.objects.exists()


def test_an_unknown_group_and_a_long_name_are_refused_naming_the_field(live_session):
    with pytest.raises(ValidationError) as group:
        participant_join(session=live_session, group="aliens")
    with pytest.raises(ValidationError) as name:
        participant_join(session=live_session, display_name="N" * 61)

    assert group.value.message_dict == {"group": [_("Choose one of the stakeholder groups.")]}
    assert name.value.message_dict == {
        "display_name": [_("The name may have at most %(max)s characters.") % {"max": 60}]
    }


def test_joining_again_with_an_account_gives_the_same_participant_a_new_token(live_session, users):
    first, old_token = participant_join(session=live_session, group="science", user=users["partner"])
    again, new_token = participant_join(session=live_session, user=users["partner"])

    assert again.pk == first.pk
    assert again.group == "science"
    assert participant_for_token(session=live_session, token=old_token) is None
    assert participant_for_token(session=live_session, token=new_token) == first


def test_a_removed_participant_cannot_join_again_with_the_account(live_session, users):
    participant, _token = participant_join(session=live_session, user=users["company"])
    participant_remove(participant=participant, actor=users["editor"])

    with pytest.raises(ValidationError) as caught:
        participant_join(session=live_session, user=users["company"])

    assert caught.value.messages == [_("You were removed from this workshop session.")]


def test_a_participant_changes_name_and_group_but_nothing_else(live_session):
    participant, _token = participant_join(session=live_session)

    participant_update(participant=participant, data={"display_name": "Bernd", "group": "administration"})
    with pytest.raises(ValidationError) as caught:
        participant_update(participant=participant, data={"role": "host"})

    stored = Participant.objects.get()
    assert (stored.display_name, stored.group, stored.role) == ("Bernd", "administration", "participant")
    assert "role" in caught.value.messages[0]


def test_removing_a_participant_is_audited_ends_their_token_and_their_hosting(live_session, users):
    participant, token = participant_join(session=live_session, display_name="Störer")
    table = Table.objects.create(session=live_session, name="Tisch 1", host=participant)
    sequence = LiveSession.objects.get(pk=live_session.pk).sequence

    participant_remove(participant=participant, actor=users["editor"])
    participant_remove(participant=participant, actor=users["editor"])

    entry = AuditEntry.objects.get(action="workshops.participant.remove")
    assert (entry.actor_id, entry.object_id, entry.process_id) == (
        users["editor"].pk,
        str(participant.pk),
        live_session.process.pk,
    )
    assert participant_for_token(session=live_session, token=token) is None
    assert Table.objects.get(pk=table.pk).host is None
    assert LiveSession.objects.get(pk=live_session.pk).sequence == sequence + 1
    with pytest.raises(ValidationError):
        participant_update(participant=participant, data={"display_name": "Wieder da"})


def test_being_seen_is_written_at_most_every_thirty_seconds(live_session, django_assert_num_queries):
    participant, _token = participant_join(session=live_session)
    Participant.objects.filter(pk=participant.pk).update(last_seen_at=None)
    participant.last_seen_at = None

    assert participant_seen(participant) is True
    with django_assert_num_queries(0):
        assert participant_seen(participant) is False
    earlier = timezone.now() - dt.timedelta(seconds=31)
    Participant.objects.filter(pk=participant.pk).update(last_seen_at=earlier)
    participant.last_seen_at = earlier

    assert participant_seen(participant) is True
    assert Participant.objects.get().last_seen_at > earlier


def test_a_copy_seen_a_moment_ago_by_another_request_writes_nothing(live_session):
    participant, _token = participant_join(session=live_session)
    stale = Participant.objects.get(pk=participant.pk)
    stale.last_seen_at = timezone.now() - dt.timedelta(minutes=5)

    assert participant_seen(stale) is False


# --- the code and the cookie ------------------------------------------------------------------------------------


def test_a_code_is_found_in_any_case_with_spaces_or_dashes(live_session):
    assert session_for_code("TEST34") == live_session
    assert session_for_code(" test-34 ") == live_session
    assert session_for_code("tes t34") == live_session
    assert session_for_code("TEST35") is None
    assert session_for_code("") is None
    assert session_for_code("T" * 500) is None


def test_the_cookie_is_named_after_the_code_and_lasts_a_day_at_most(live_session, settings):
    settings.USE_HTTPS = True

    assert cookie_name(live_session) == "sk_werkstatt_TEST34"
    assert cookie_options(live_session) == {
        "max_age": 86400,
        "path": "/",
        "samesite": "Lax",
        "httponly": True,
        "secure": True,
    }
    live_session.ended_at = timezone.now()
    assert cookie_options(live_session)["max_age"] == 0


def test_the_participant_is_found_by_the_cookie_of_the_request(live_session):
    participant, token = participant_join(session=live_session)
    factory = RequestFactory()

    with_cookie = factory.get("/mitmachen/TEST34/", HTTP_COOKIE=f"{cookie_name(live_session)}={token}")
    other_cookie = factory.get("/mitmachen/TEST34/", HTTP_COOKIE=f"sk_werkstatt_OTHER={token}")

    assert participant_from_request(with_cookie, live_session) == participant
    assert participant_from_request(other_cookie, live_session) is None
    assert participant_from_request(factory.get("/"), live_session) is None


# --- the throttle -----------------------------------------------------------------------------------------------


def test_twenty_wrong_codes_from_one_address_stop_further_tries_for_ten_minutes(monkeypatch):
    now = 1_800_000_000.0
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: now))
    for _attempt in range(19):
        assert throttle.join_code_attempt(client="203.0.113.7") is True
        throttle.join_code_failed(client="203.0.113.7")
    assert throttle.join_code_attempt(client="203.0.113.7") is True
    throttle.join_code_failed(client="203.0.113.7")

    assert throttle.join_code_attempt(client="203.0.113.7") is False
    assert throttle.join_code_attempt(client="203.0.113.8") is True
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: now + 600))
    assert throttle.join_code_attempt(client="203.0.113.7") is True


def test_trying_a_code_counts_nothing_by_itself():
    for _attempt in range(50):
        assert throttle.join_code_attempt(client="198.51.100.1") is True
