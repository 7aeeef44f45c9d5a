"""Everything about one person, found, exported and erased across the apps (DSGVO Art. 15 and 17)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from axes.models import AccessLog
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone

from accounts.personal_data_cast import EMAIL, NEIGHBOUR, Cast, build
from standortkompass.accounts import personal_data
from standortkompass.accounts.models import Invitation, Membership, Role, User
from standortkompass.accounts.personal_data import Kind, mentions
from standortkompass.accounts.services.personal_data import (
    person_find,
    personal_data_erase,
    personal_data_export,
    personal_data_report,
)
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import AccessibilityFeedback, BoardMember, ContactPerson, NewsItem
from standortkompass.surveys.models import ContactRequest, Response, SurveyInvitation

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def cast(process, users) -> Cast:
    return build(process, users["admin"])


def _counts(email: str) -> dict[str, int]:
    return {found.kind.name: len(found.records) for found in personal_data_report(person=person_find(email=email))}


def _erase(email: str, actor: User) -> dict[str, int]:
    return personal_data_erase(person=person_find(email=email), actor=actor, requested_on=TODAY)


def test_the_report_finds_the_person_in_every_app(cast, users):
    counts = _counts("KIM@example.org ")

    assert counts == {
        "audit.entries": 2,  # own action, the invitation naming the address
        "accounts.account": 1,
        "accounts.memberships": 1,
        "accounts.invitations": 1,
        "accounts.log_ins": 1,
        "regiondata.imports": 0,
        "processes.contact_persons": 1,
        "processes.board_seats": 1,
        "processes.feedback": 1,
        "processes.writing": 1,
        "standortanalyse.findings": 0,
        "surveys.invitations": 2,  # named and anonymous survey
        "surveys.responses": 1,  # only the named one
        "surveys.contact_requests": 1,
        "surveys.work": 0,
        "strategy.comments": 0,  # the strategy's own records: tests/strategy/test_personal_data.py
        "strategy.work": 0,
        "governance.attendance": 0,  # governance's own records: tests/governance
        "governance.actions": 0,
        "governance.mails": 0,
        "monitoring.reports": 0,
        "monitoring.reminders": 0,
        "workshops.participations": 0,  # the workshops' own records: tests/workshops/test_personal_data.py
        "workshops.commitments": 0,
        "workshops.work": 0,
    }


def test_a_person_without_an_account_is_found_by_the_e_mail_address(process, users):
    ContactPerson.objects.create(
        organisation=process.organisations.create(name="Bäckerei", type="company"), name="Ute", email="ute@example.org"
    )
    AccessibilityFeedback.objects.create(message="Zu klein", email="Ute@example.org")

    counts = _counts("ute@example.org")

    assert person_find(email="ute@example.org").user is None
    assert {name: count for name, count in counts.items() if count} == {
        "processes.contact_persons": 1,
        "processes.feedback": 1,
    }


def test_an_address_is_named_only_as_a_whole():
    assert mentions("Einladung an kim@example.org (Partner)", EMAIL)
    assert mentions("KIM@EXAMPLE.ORG", EMAIL)
    assert not mentions(f"Einladung an {NEIGHBOUR}", EMAIL)
    assert not mentions("kim@example.organisation.de", EMAIL)


def test_the_export_is_a_zip_with_the_records_as_json_and_a_german_readme(cast, users):
    content = personal_data_export(person=person_find(email=EMAIL), actor=users["admin"])

    archive = zipfile.ZipFile(io.BytesIO(content))
    assert sorted(archive.namelist()) == ["LIESMICH.txt", "personendaten.json"]
    document = json.loads(archive.read("personendaten.json"))
    readme = archive.read("LIESMICH.txt").decode()
    assert document["E-Mail-Adresse"] == EMAIL
    kinds = {kind["Art"]: kind for kind in document["Daten"]}
    assert kinds["Kontaktpersonen von Organisationen"]["Anzahl"] == 1
    assert kinds["Kontaktpersonen von Organisationen"]["Einträge"][0]["Name"] == "Kim Muster"
    responses = kinds["Antworten in namentlichen oder pseudonymen Befragungen"]["Einträge"]
    assert responses[0]["Antworten"] == {"meinung": "Mehr Breitband", "kontakt": EMAIL}
    text = json.dumps(document, ensure_ascii=False)
    assert "Anonyme Antwort von Kim" not in text  # an anonymous response is linked to nobody
    assert NEIGHBOUR not in text
    assert "Mehr Parkplätze" not in text
    assert "Personenbezogene Daten von kim@example.org" in readme
    assert "Antworten in anonymen Befragungen sind nicht enthalten" in readme
    assert "- Kontaktpersonen von Organisationen: 1" in readme


def test_the_export_is_audited_without_naming_the_person(cast, users):
    personal_data_export(person=person_find(email=EMAIL), actor=users["admin"])

    entry = AuditEntry.objects.get(action="personal_data.export")
    assert entry.actor == users["admin"]
    assert EMAIL not in f"{entry.object_repr} {entry.changes}"
    assert entry.changes["processes.contact_persons"] == 1


def test_erasing_deletes_or_anonymises_every_kind_and_nothing_of_anybody_else(cast, users):
    anonymous_before = model_to_dict(Response.objects.get(pk=cast.anonymous_response.pk))
    neighbour_response_before = model_to_dict(Response.objects.get(pk=cast.neighbour_response.pk))

    counts = _erase(EMAIL, users["admin"])

    assert counts["accounts.account"] == 1
    assert not User.objects.filter(email__iexact=EMAIL).exists()
    assert not Membership.objects.filter(user_id=cast.user.pk).exists()
    assert not Invitation.objects.filter(email__iexact=EMAIL).exists()
    assert not AccessLog.objects.filter(username=EMAIL).exists()
    assert not ContactPerson.objects.filter(pk=cast.contact.pk).exists()
    assert not BoardMember.objects.filter(name="Kim Muster").exists()
    assert not AccessibilityFeedback.objects.filter(email=EMAIL).exists()
    news = NewsItem.objects.get(slug="neu")
    assert (news.author, news.author_name, news.title) == (None, "", "Neu")
    # Invitations stay for the response rates, without contact data and without further mail.
    invitations = SurveyInvitation.objects.filter(survey__in=[cast.named, cast.anonymous], email="")
    assert invitations.count() == 2
    assert all(invitation.contact is None and invitation.opted_out_at for invitation in invitations)
    # The named response stays as anonymous data: no link, no secret, no times, no personal answers.
    response = Response.objects.get(pk=cast.named_response.pk)
    assert (response.invitation, response.access_hash, response.completed_at) == (None, None, None)
    assert response.answers == {"meinung": "Mehr Breitband"}
    # The anonymous response is not touched.
    assert model_to_dict(Response.objects.get(pk=cast.anonymous_response.pk)) == anonymous_before
    assert ContactRequest.objects.count() == 1
    # The neighbour keeps everything.
    assert model_to_dict(Response.objects.get(pk=cast.neighbour_response.pk)) == neighbour_response_before
    assert User.objects.filter(email=NEIGHBOUR).exists()
    assert ContactPerson.objects.filter(email=NEIGHBOUR).exists()
    assert AccessibilityFeedback.objects.filter(email=NEIGHBOUR).exists()
    assert AuditEntry.objects.filter(object_repr=f"{NEIGHBOUR} (Partner)", actor_email=users["admin"].email).exists()
    assert AccessLog.objects.filter(username=NEIGHBOUR).exists()
    # Afterwards nothing is found any more.
    assert set(_counts(EMAIL).values()) == {0}


def test_audit_entries_keep_the_action_and_lose_the_person(cast, users):
    _erase(EMAIL, users["admin"])

    placeholder = "gelöschte Person"
    own = AuditEntry.objects.get(action="news.create", object_repr="Neu")
    assert (own.actor, own.actor_email) == (None, placeholder)
    about = AuditEntry.objects.filter(action__in=["invitation.create", "contact.create"], object_repr=placeholder)
    assert about.count() == 2
    assert all(entry.changes == {} and entry.actor == users["admin"] for entry in about)
    everything = " ".join(f"{e.actor_email} {e.object_repr} {e.changes}" for e in AuditEntry.objects.all()).lower()
    assert "kim@example.org" not in everything.replace(NEIGHBOUR, "")
    assert "kim muster" not in everything


def test_the_erasure_itself_is_audited_with_the_date_of_the_request_and_without_the_person(cast, users):
    _erase(EMAIL, users["admin"])

    entry = AuditEntry.objects.get(action="personal_data.erase")
    assert entry.actor == users["admin"]
    assert entry.object_repr == "Daten einer Person gelöscht (Anfrage vom 01.12.2026)"
    assert entry.changes["processes.contact_persons"] == 1
    assert EMAIL not in str(entry.changes)


def test_the_erasure_is_all_or_nothing(cast, users, monkeypatch):
    def fail(person):
        raise RuntimeError("disk full")

    broken = Kind(name="tests.broken", label="Broken", effect="—", collect=lambda person: [], erase=fail)
    # Erased last (kinds go in reverse order): everything else has run when it fails.
    monkeypatch.setattr(personal_data, "_kinds", {"tests.broken": broken, **personal_data._kinds})

    with pytest.raises(RuntimeError):
        _erase(EMAIL, users["admin"])

    assert User.objects.filter(email=EMAIL).exists()
    assert ContactPerson.objects.filter(pk=cast.contact.pk).exists()
    assert Response.objects.get(pk=cast.named_response.pk).invitation is not None
    assert not AuditEntry.objects.filter(action="personal_data.erase").exists()


def test_nobody_erases_their_own_account(cast, users):
    with pytest.raises(ValidationError, match="eigenes Konto"):
        _erase(users["admin"].email, users["admin"])


def test_the_only_administration_of_a_process_is_not_erased(cast, users, process):
    other_admin = User.objects.create_user("chefin@example.org", "x" * 20)
    Membership.objects.create(user=other_admin, process=process, role=Role.EDITOR)

    with pytest.raises(
        ValidationError, match="einzige Mitglied der Administration im Prozess „Zukunftsstrategie Test“"
    ):
        _erase(users["admin"].email, other_admin)

    assert User.objects.filter(pk=users["admin"].pk).exists()


def test_an_operator_account_is_erased_only_by_an_operator(cast, users):
    operator = User.objects.create_superuser("betrieb@example.org", "x" * 20)

    with pytest.raises(ValidationError, match="nur vom Betrieb"):
        _erase(operator.email, users["admin"])

    assert _erase(operator.email, User.objects.create_superuser("root@example.org", "x" * 20))["accounts.account"]


def test_a_request_date_in_the_future_is_refused(cast, users):
    with pytest.raises(ValidationError) as refused:
        personal_data_erase(
            person=person_find(email=EMAIL),
            actor=users["admin"],
            requested_on=timezone.localdate() + dt.timedelta(days=1),
        )

    assert "requested_on" in refused.value.message_dict
    assert User.objects.filter(email=EMAIL).exists()
