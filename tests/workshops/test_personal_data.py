"""Live workshops in requests about one person's data, and the retention rule of participants' names and tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from standortkompass.accounts.personal_data import Person, registered_kinds
from standortkompass.accounts.retention import registered_rules
from standortkompass.audit.models import AuditEntry
from standortkompass.workshops.models import Commitment, Contribution, Item, LiveSession, Participant, Workshop
from standortkompass.workshops.services import personal_data
from standortkompass.workshops.services.participation import participant_remove
from standortkompass.workshops.services.personal_data import KEEP_DAYS, participant_names_retention
from workshops.held_session import Held, build_held_session


@pytest.fixture
def held(live_session, users) -> Held:
    return build_held_session(live_session, users["editor"], account=users["company"])


def _kind(name: str):
    return next(kind for kind in registered_kinds() if kind.name == name)


def _person(user) -> Person:
    return Person(email=user.email.lower(), user=user)


def test_the_kinds_and_the_rule_are_registered():
    names = [kind.name for kind in registered_kinds()]

    assert {"workshops.participations", "workshops.commitments", "workshops.work"} <= set(names)
    assert names.index("workshops.participations") > names.index("strategy.comments")
    assert "workshops.participant_names" in [rule.name for rule in registered_rules()]


def test_the_export_holds_the_linked_participation_with_cards_and_votes(held, users):
    records = _kind("workshops.participations").collect(_person(users["company"]))

    assert len(records) == 1
    record = records[0]
    assert record["workshop"] == "Strategiewerkstatt (Test)"
    assert "Erika" in record.values()
    text = str(Item._meta.get_field("text").verbose_name)
    assert [card[text] for card in record["cards"]] == ["Azubis finden", "Azubi-Tour"]
    assert len(record["votes"]) == 2 + 3 * 2 + 2  # dots on two items, six matrix ratings, two comparisons


def test_someone_without_a_linked_participation_has_none(held, users):
    assert _kind("workshops.participations").collect(_person(users["editor"])) == []
    assert _kind("workshops.participations").collect(Person(email="nobody@example.org", user=None)) == []


def test_erasure_unlinks_the_account_and_deletes_the_display_name_but_keeps_the_votes(held, users):
    participant = Participant.objects.get(user=users["company"])
    votes = Contribution.objects.filter(participant=participant).count()

    changed = _kind("workshops.participations").erase(_person(users["company"]))

    participant.refresh_from_db()
    assert changed == 1
    assert participant.user is None
    assert participant.display_name == ""
    assert Contribution.objects.filter(participant=participant).count() == votes
    assert Item.objects.filter(author=participant, text="Azubis finden").exists()


def test_commitments_of_the_person_and_those_naming_their_address_are_found_and_erased(held, users):
    copy = held.phases["commitments"].items.get()
    Commitment.objects.filter(name="Max Papier").update(name=f"Max Papier ({users['partner'].email})")
    Commitment.objects.create(
        phase=held.phases["commitments"], item=copy, participant=held.people[0], role="partner", name="Erika B."
    )

    partner = _kind("workshops.commitments").collect(_person(users["partner"]))
    assert [record["item"] for record in partner] == ["Azubi-Tour"]

    assert _kind("workshops.commitments").erase(_person(users["partner"])) == 1
    assert _kind("workshops.commitments").erase(_person(users["company"])) == 1
    assert set(Commitment.objects.values_list("name", flat=True)) == {"Kim Muster", ""}


def test_the_workshops_a_person_created_lose_their_creator(held, users):
    held.session.workshop.created_by = users["editor"]
    held.session.workshop.save()

    title = str(Workshop._meta.get_field("title").verbose_name)
    records = _kind("workshops.work").collect(_person(users["editor"]))

    assert [record[title] for record in records] == ["Strategiewerkstatt (Test)"]
    assert _kind("workshops.work").erase(_person(users["editor"])) == 1
    held.session.workshop.refresh_from_db()
    assert held.session.workshop.created_by is None


def test_names_and_tokens_go_thirty_days_after_the_session_ended(held, users):
    ended = timezone.now() - dt.timedelta(days=KEEP_DAYS)
    LiveSession.objects.filter(pk=held.session.pk).update(ended_at=ended)
    before = dict(Participant.objects.values_list("pk", "token_hash"))

    assert participant_names_retention(now=ended + dt.timedelta(days=KEEP_DAYS - 1), dry_run=False) == 0
    assert participant_names_retention(now=timezone.now(), dry_run=True) == 3
    assert Participant.objects.exclude(display_name="").count() == 2
    assert participant_names_retention(now=timezone.now(), dry_run=False) == 3

    for participant in Participant.objects.all():
        assert participant.display_name == ""
        assert participant.token_hash != before[participant.pk]
        assert participant.token_hash.startswith(personal_data.DROPPED_PREFIX)
    assert Contribution.objects.filter(participant__isnull=False).count() > 0
    assert participant_names_retention(now=timezone.now(), dry_run=True) == 0


def test_names_of_sessions_still_live_or_ended_lately_stay(live_session, users):
    held = build_held_session(live_session, users["editor"])

    assert participant_names_retention(now=timezone.now() + dt.timedelta(days=1), dry_run=False) == 0
    assert Participant.objects.exclude(display_name="").count() == 2
    assert held.session.ended_at is not None


def test_the_audit_log_forgets_the_names_of_removed_participants(held, users):
    participant = held.people[1]
    LiveSession.objects.filter(pk=held.session.pk).update(state="live")
    participant.session.refresh_from_db()
    participant_remove(participant=participant, actor=users["editor"])
    entry = AuditEntry.objects.get(action="workshops.participant.remove")
    LiveSession.objects.filter(pk=held.session.pk).update(ended_at=timezone.now() - dt.timedelta(days=KEEP_DAYS + 1))

    participant_names_retention(now=timezone.now(), dry_run=False)

    entry.refresh_from_db()
    assert "Kim" not in entry.object_repr
