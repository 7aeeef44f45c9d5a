"""Anonymous means unlinkable: after completion neither the session row nor the cache holds the invitation's
token, the resume code or the response (issue 10 §4)."""

from __future__ import annotations

import pickle

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client

from standortkompass.processes.models import ContactPerson, Organisation, StrategyProcess
from standortkompass.surveys.models import Anonymity, Response, ResponseStatus, Survey, SurveyInvitation
from standortkompass.surveys.tokens import invitation_token, invitation_token_hash, new_invitation_key
from standortkompass.surveys.views.respondent import SESSION_KEY
from surveys.test_answering import invite, make_survey, page_url, start


def _sessions() -> list[dict[str, object]]:
    """Every session row of the database, decoded as the server reads it."""
    return [SessionStore().decode(row.session_data) for row in Session.objects.all()]


def _cache_entries() -> list[tuple[str, bytes]]:
    """Every entry of the cache as its key and stored bytes (the local memory cache or Redis). In Redis, the
    channel layer's keys (sorted sets, lists) in the same database are read too: nothing there may link either."""
    backend = cache._cache  # type: ignore[attr-defined]
    if isinstance(backend, dict):  # LocMemCache: key -> pickled value
        return [(str(key), bytes(value)) for key, value in backend.items()]
    client = backend.get_client()
    entries = []
    for key in client.keys("*"):
        kind = client.type(key)
        if kind == b"string":
            stored = client.get(key) or b""
        elif kind == b"zset":
            stored = b"\n".join(client.zrange(key, 0, -1))
        elif kind == b"list":
            stored = b"\n".join(client.lrange(key, 0, -1))
        elif kind == b"set":
            stored = b"\n".join(sorted(client.smembers(key)))
        else:
            stored = b""
        entries.append((key.decode(), stored))
    return entries


def _complete(client: Client, survey: Survey) -> None:
    client.post(page_url(survey, "eins"), {"action": "next", "zahl": "3"})
    done = client.post(page_url(survey, "drei"), {"action": "submit", "meinung": "Gut"})
    assert done["Location"] == f"/befragung/{survey.slug}/danke/"


def _invite(survey: Survey, process: StrategyProcess, number: int) -> tuple[SurveyInvitation, str]:
    organisation = Organisation.objects.create(process=process, name=f"Firma {number}", type="company")
    contact = ContactPerson.objects.create(organisation=organisation, name="Kim", email=f"kim{number}@example.org")
    key = new_invitation_key()
    token = invitation_token(key)
    invitation = SurveyInvitation.objects.create(
        survey=survey,
        key=key,
        token_hash=invitation_token_hash(token),
        contact=contact,
        organisation=organisation,
        email=contact.email,
    )
    return invitation, token


def _response_texts(response: Response) -> list[str]:
    """The ways the response's key could be written down."""
    key = response.pk
    return [str(key), getattr(key, "hex", str(key))]


def test_after_an_anonymous_survey_the_session_row_holds_no_token_and_no_response(
    process: StrategyProcess, client: Client
) -> None:
    survey = make_survey(process, anonymity=Anonymity.ANONYMOUS, open_access=False)
    _, token = invite(survey, process)
    client.get(f"/befragung/{survey.slug}/einladung/{token}/")
    start(client, survey)
    answering_key = client.session.session_key
    assert token in repr(_sessions())  # while answering, the session is the respondent's way back

    _complete(client, survey)

    response = Response.objects.get()
    assert response.status == ResponseStatus.COMPLETED
    sessions = _sessions()
    assert sessions, "the respondent's session row is gone"
    stored = repr(sessions)
    assert token not in stored
    for text in _response_texts(response):
        assert text not in stored
    # Only "completed" is left, under a new key: the row that held the token is deleted.
    assert sessions == [{SESSION_KEY: {str(survey.pk): {"completed": True, "earlier": False}}}]
    assert not Session.objects.filter(session_key=answering_key).exists()
    # The thank-you page still works with what is left.
    thanks = client.get(f"/befragung/{survey.slug}/danke/")
    assert thanks.status_code == 200
    assert client.get(f"/befragung/{survey.slug}/").status_code == 302


def test_after_an_anonymous_survey_the_cache_holds_no_token_and_no_response_key(
    process: StrategyProcess, client: Client
) -> None:
    survey = make_survey(process, anonymity=Anonymity.ANONYMOUS, open_access=False)
    _, token = invite(survey, process)
    client.get(f"/befragung/{survey.slug}/einladung/{token}/")
    start(client, survey)
    _complete(client, survey)
    response = Response.objects.get()
    for key, stored in _cache_entries():
        assert token not in key
        assert token.encode() not in stored
        for text in _response_texts(response):
            assert text not in key
            assert text.encode() not in stored
        # A pickled key (uuid.UUID keeps its number) is caught by unpickling what can be unpickled.
        try:
            value = pickle.loads(stored)  # noqa: S301 - the test's own cache
        except Exception:  # noqa: S112 - not every entry is a pickle (Redis stores integers plainly)
            continue
        assert token not in repr(value)


def test_following_the_link_again_after_completion_stores_no_token(process: StrategyProcess, client: Client) -> None:
    survey = make_survey(process, anonymity=Anonymity.ANONYMOUS, open_access=False)
    _, token = invite(survey, process)
    client.get(f"/befragung/{survey.slug}/einladung/{token}/")
    start(client, survey)
    _complete(client, survey)

    other_device = Client()
    other_device.get(f"/befragung/{survey.slug}/einladung/{token}/")
    page = other_device.get(f"/befragung/{survey.slug}/")
    assert page.status_code == 200
    assert "bereits teilgenommen" in page.content.decode()
    assert token not in repr(_sessions())


@pytest.mark.parametrize("anonymity", [Anonymity.PSEUDONYMOUS, Anonymity.NAMED])
def test_in_named_and_pseudonymous_surveys_the_link_is_the_invitation_not_the_session(
    process: StrategyProcess, client: Client, anonymity: str
) -> None:
    """By design the response keeps its invitation (and its times) there; the session forgets the token all the
    same, and the link leads back only to "already taken part"."""
    survey = make_survey(process, anonymity=anonymity, open_access=False)
    invitation, token = invite(survey, process)
    client.get(f"/befragung/{survey.slug}/einladung/{token}/")
    client.post(f"/befragung/{survey.slug}/", {"consent": "yes", "named_consent": "yes"})
    _complete(client, survey)

    response = Response.objects.get()
    assert response.invitation == invitation
    assert response.completed_at is not None
    assert token not in repr(_sessions())
    again = Client()
    again.get(f"/befragung/{survey.slug}/einladung/{token}/")
    assert "bereits teilgenommen" in again.get(f"/befragung/{survey.slug}/").content.decode()


def test_a_resume_code_of_a_completed_response_is_not_kept_in_the_session(
    process: StrategyProcess, client: Client
) -> None:
    survey = make_survey(process, anonymity=Anonymity.PSEUDONYMOUS)
    start(client, survey)
    code = str(client.session[SESSION_KEY][str(survey.pk)]["secret"])
    _complete(client, survey)

    other_device = Client()
    resumed = other_device.post(f"/befragung/{survey.slug}/fortsetzen/", {"code": code})
    assert resumed["Location"] == f"/befragung/{survey.slug}/danke/"
    assert code not in repr(_sessions())
    assert other_device.get(resumed["Location"]).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_transaction_number_postgresql_keeps_with_each_row_does_not_pair_invitation_and_response(
    process: StrategyProcess,
) -> None:
    """Every row's xmin (the transaction that wrote it last) is readable by anyone who may read the table: the
    completing transaction also rewrites other completed responses, invitations and contact requests."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL keeps the writing transaction with each row")
    survey = make_survey(process, anonymity=Anonymity.ANONYMOUS, open_access=False)
    tokens = []
    for number in range(survey.suppression_threshold + 2):
        tokens.append(_invite(survey, process, number))
    for invitation, token in tokens:
        client = Client()
        client.get(f"/befragung/{survey.slug}/einladung/{token}/")
        start(client, survey)
        client.post(page_url(survey, "eins"), {"action": "next", "zahl": "3"})
        client.post(page_url(survey, "drei"), {"action": "submit", "kontakt": invitation.email})

    def xmin(table: str, key: object) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT xmin::text FROM {table} WHERE id = %s", [key])  # noqa: S608 - fixed names
            return int(cursor.fetchone()[0])

    last_invitation = tokens[-1][0]
    written = xmin("surveys_surveyinvitation", last_invitation.pk)
    responses = [
        key for key in Response.objects.values_list("pk", flat=True) if xmin("surveys_response", key) == written
    ]
    invitations = [
        key
        for key in SurveyInvitation.objects.values_list("pk", flat=True)
        if xmin("surveys_surveyinvitation", key) == written
    ]
    # The last completion shares its transaction with as many others as the smallest group shown.
    assert len(responses) == survey.suppression_threshold + 1
    assert len(invitations) == survey.suppression_threshold + 1
