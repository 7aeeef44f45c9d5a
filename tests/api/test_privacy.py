"""No personal data and nothing internal in any answer of the API, as JSON or as CSV."""

from __future__ import annotations

import pytest

from api.conftest import EMAILS, SECRETS, every_url

pytestmark = pytest.mark.django_db


def test_no_answer_holds_an_email_address(api_world, client):
    for url in every_url(api_world):
        text = client.get(url).content.decode("utf-8")
        assert "@" not in text, url
        assert not [email for email in EMAILS if email in text], url


def test_no_answer_names_anyone_who_did_not_agree_or_anything_internal(api_world, client):
    for url in every_url(api_world):
        text = client.get(url).content.decode("utf-8")
        found = [secret for secret in SECRETS if secret in text]
        assert not found, f"{url}: {found}"


def test_the_member_who_agreed_is_named(api_world, client):
    text = client.get(f"/api/v1/processes/{api_world.process.slug}/boards/?format=csv").content.decode("utf-8")

    assert "Dr. Erika Offen (Vorsitz, Muster GmbH)" in text
