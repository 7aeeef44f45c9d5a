"""The accessibility feedback form cannot be used to flood Administration's inbox."""

from __future__ import annotations

from django.core import mail

from accounts.helpers import german
from standortkompass.processes.models import AccessibilityFeedback

REFUSAL = "Too many messages have been sent in a short time. Please try again in %(minutes)s minutes."


def _send(client, django_capture_on_commit_callbacks, address: str = "198.51.100.7"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/barriere-melden/", {"message": "Kontrast zu schwach."}, REMOTE_ADDR=address)


def test_twenty_posts_in_a_second_from_one_address_send_only_the_allowed_number_of_mails(
    client, users, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_LIMIT_PER_ADDRESS = 5
    answers = [_send(client, django_capture_on_commit_callbacks).status_code for _ in range(20)]

    assert answers == [302] * 5 + [429] * 15
    assert len(mail.outbox) == 5
    assert AccessibilityFeedback.objects.count() == 5


def test_a_refused_post_says_in_german_when_to_try_again_and_keeps_the_text(
    client, users, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_LIMIT_PER_ADDRESS = 1
    settings.RATE_LIMIT_WINDOW_MINUTES = 60
    _send(client, django_capture_on_commit_callbacks)
    response = _send(client, django_capture_on_commit_callbacks)

    assert response.status_code == 429
    html = response.content.decode()
    assert german(REFUSAL, minutes=60) in html
    assert "Kontrast zu schwach." in html


def test_another_address_is_not_refused_because_of_someone_elses_posts(
    client, users, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_LIMIT_PER_ADDRESS = 1
    _send(client, django_capture_on_commit_callbacks, "198.51.100.7")
    assert _send(client, django_capture_on_commit_callbacks, "198.51.100.7").status_code == 429

    assert _send(client, django_capture_on_commit_callbacks, "203.0.113.9").status_code == 302


def test_posts_from_many_addresses_together_stop_at_the_limit_of_the_inbox(
    client, users, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_LIMIT_TOTAL = 3
    answers = [_send(client, django_capture_on_commit_callbacks, f"198.51.100.{n}").status_code for n in range(5)]

    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_the_counters_start_again_in_the_next_window(
    client, users, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.FEEDBACK_LIMIT_PER_ADDRESS = 1
    settings.RATE_LIMIT_WINDOW_MINUTES = 10
    monkeypatch.setattr("standortkompass.core.ratelimit.time.time", lambda: 1_000_000.0)
    _send(client, django_capture_on_commit_callbacks)
    assert _send(client, django_capture_on_commit_callbacks).status_code == 429

    monkeypatch.setattr("standortkompass.core.ratelimit.time.time", lambda: 1_000_000.0 + 600)
    assert _send(client, django_capture_on_commit_callbacks).status_code == 302
