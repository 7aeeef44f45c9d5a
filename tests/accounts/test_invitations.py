from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from accounts.helpers import link_in_last_mail, log_in
from conftest import PASSWORD
from standortkompass.accounts.models import Invitation, Membership, Role, User
from standortkompass.accounts.services import invitation_create
from standortkompass.audit.models import AuditEntry

LINK = r"/konto/einladung/[^/\s]+/"
NEW_PASSWORD = "Ganz-Neues-Passwort-2027"


@pytest.fixture
def invite(process, users):
    def make(email: str = "neu@example.org", role: Role = Role.PARTNER, full_name: str = "Nora Neu") -> str:
        invitation_create(process=process, email=email, role=role, full_name=full_name, invited_by=users["admin"])
        return link_in_last_mail(LINK)

    return make


def test_an_invitation_stores_only_the_hash_of_its_token_and_mails_the_link(process, users):
    invitation = invitation_create(
        process=process, email="Neu@Example.org", role=Role.PARTNER, full_name="Nora Neu", invited_by=users["admin"]
    )
    link = link_in_last_mail(LINK)
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation.refresh_from_db()
    assert invitation.email == "neu@example.org"
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values().get())
    assert dt.timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= dt.timedelta(days=14)
    message = mail.outbox[-1]
    assert message.to == ["neu@example.org"]
    assert process.title in message.subject
    assert "Nora Neu" in message.body
    assert AuditEntry.objects.filter(action="invitation.create", process=process).count() == 1


def test_a_new_person_accepts_by_choosing_name_and_password(invite, process):
    link = invite()
    client = Client()
    response = client.get(link)
    assert response.status_code == 200
    assert response.context["form"].initial["full_name"] == "Nora Neu"
    response = client.post(link, {"full_name": "Nora Neumann", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/verwaltung/"
    user = User.objects.get(email="neu@example.org")
    assert user.full_name == "Nora Neumann"
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user, process=process).role == Role.PARTNER
    assert Invitation.objects.get().accepted_at is not None
    assert AuditEntry.objects.filter(action="invitation.accept", actor=user).exists()
    # The new member is logged in right away.
    assert client.get("/konto/").status_code == 200


def test_an_invited_administrator_sets_up_the_second_factor_next(invite):
    link = invite(role=Role.ADMIN)
    response = Client().post(link, {"full_name": "Ada Admin", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response["Location"] == "/konto/zweiter-faktor/?next=%2Fverwaltung%2F"


def test_an_invitation_refuses_a_weak_password_and_creates_nothing(invite):
    link = invite()
    response = Client().post(link, {"full_name": "Nora", "password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="neu@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_the_two_passwords_must_match(invite):
    link = invite()
    response = Client().post(link, {"full_name": "Nora", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    assert response.context["form"].errors["password2"]


def test_a_used_invitation_link_cannot_be_used_again(invite):
    link = invite()
    Client().post(link, {"full_name": "Nora", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    response = Client().get(link)
    assert response.status_code == 410
    assert response.context["reason"] == "used"
    response = Client().post(link, {"full_name": "Mallory", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert User.objects.filter(email="neu@example.org").count() == 1


def test_an_expired_invitation_link_says_so(invite):
    link = invite()
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = Client().get(link)
    assert response.status_code == 410
    assert response.context["reason"] == "expired"
    assert "kern-alert--danger" in response.content.decode()


def test_an_unknown_invitation_link_is_not_found(db):
    response = Client().get("/konto/einladung/gibt-es-nicht/")
    assert response.status_code == 404
    assert response.context["reason"] == "unknown"


def test_a_person_with_an_account_must_log_in_first_and_then_accepts(invite, users, process):
    link = invite(email="outsider@example.org", role=Role.EDITOR)
    client = Client()
    response = client.get(link)
    assert response.status_code == 200
    assert "accounts/invitation_login.html" in [template.name for template in response.templates]
    assert response.context["login_url"] == f"/konto/anmelden/?next={link.replace('/', '%2F')}"
    response = client.post(link)
    assert not Membership.objects.filter(user=users["outsider"]).exists()

    log_in(client, "outsider@example.org", PASSWORD)
    response = client.get(link)
    assert "accounts/invitation_confirm.html" in [template.name for template in response.templates]
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.get(user=users["outsider"], process=process).role == Role.EDITOR
    assert Client().get(link).status_code == 410


def test_an_invitation_cannot_be_accepted_by_another_logged_in_account(invite, client_for, users):
    link = invite(email="outsider@example.org")
    client = client_for("company")
    response = client.get(link)
    assert response.context["login_url"]
    client.post(link)
    assert not Membership.objects.filter(user=users["outsider"]).exists()
    assert Membership.objects.get(user=users["company"]).role == Role.COMPANY


def test_accepting_updates_the_role_of_an_existing_member(invite, users, process):
    invitation = Invitation.objects.create(
        process=process,
        email="partner@example.org",
        role=Role.BOARD,
        token_hash=hashlib.sha256(b"direkt").hexdigest(),
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    client = Client()
    log_in(client, "partner@example.org", PASSWORD)
    client.post("/konto/einladung/direkt/")
    assert Membership.objects.get(user=users["partner"], process=process).role == Role.BOARD
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_a_member_cannot_be_invited_again(process, users):
    with pytest.raises(ValidationError) as error:
        invitation_create(process=process, email="partner@example.org", role=Role.EDITOR, invited_by=users["admin"])
    assert "email" in error.value.message_dict
    assert not Invitation.objects.exists()


def test_an_address_with_an_open_invitation_cannot_be_invited_twice(invite, process, users):
    invite()
    with pytest.raises(ValidationError):
        invitation_create(process=process, email="NEU@example.org", role=Role.EDITOR, invited_by=users["admin"])
    assert Invitation.objects.count() == 1


def test_a_disabled_account_cannot_be_invited(process, users):
    users["outsider"].is_active = False
    users["outsider"].save()
    with pytest.raises(ValidationError):
        invitation_create(process=process, email="outsider@example.org", role=Role.PARTNER, invited_by=users["admin"])


def test_the_english_invitation_page_marks_a_german_process_title_and_shows_an_english_one(invite, process):
    link = invite()
    english_link = f"/en{link}"

    marked = Client().get(english_link).content.decode()
    process.title_en = "Future strategy test"
    process.save()
    translated = Client().get(english_link).content.decode()

    assert 'strategy process “<span lang="de">Zukunftsstrategie Test</span>”' in marked
    assert marked.count("Some content on this page is only available in German.") == 1
    assert "strategy process “Future strategy test”" in translated
    assert "Some content on this page is only available in German." not in translated
