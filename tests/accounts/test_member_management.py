from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.helpers import german, link_in_last_mail
from conftest import verified_client
from standortkompass.accounts.models import Invitation, Membership, Role, User, UserSession
from standortkompass.accounts.services import invitation_create
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import StrategyProcess

REFUSED = {"editor": 403, "board": 403, "partner": 403, "company": 403, "outsider": 404}
ROUTES = ["list", "invitations", "invite", "invitation_resend", "invitation_revoke", "change_role", "remove"]
ROUTES += ["disable_account"]


@pytest.fixture
def invitation(process, users) -> Invitation:
    return invitation_create(process=process, email="neu@example.org", role=Role.PARTNER, invited_by=users["admin"])


def _url(name: str, process, users, invitation) -> str:
    kwargs = {"process_pk": process.pk}
    if name.startswith("invitation_"):
        kwargs["invitation_pk"] = invitation.pk
    elif name in {"change_role", "remove", "disable_account"}:
        kwargs["membership_pk"] = users["partner"].memberships.get().pk
    return reverse(f"manage:members:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", ROUTES)
def test_only_the_administration_of_the_process_manages_members(name, process, users, invitation, client_for):
    url = _url(name, process, users, invitation)
    assert client_for("admin").get(url).status_code == 200
    for role, status in REFUSED.items():
        client = client_for(role)
        assert client.get(url).status_code == status, role
        assert client.post(url, {"role": Role.ADMIN, "email": "x@example.org"}).status_code == status, role
    anonymous = client_for("anonymous")
    assert anonymous.get(url)["Location"].startswith("/konto/anmelden/")
    assert anonymous.post(url)["Location"].startswith("/konto/anmelden/")
    # Nothing was changed by the refused requests.
    assert Membership.objects.get(user=users["partner"]).role == Role.PARTNER
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert users["partner"].__class__.objects.get(pk=users["partner"].pk).is_active


def test_administration_without_the_second_factor_is_sent_to_it(users, process):
    client = Client()
    client.force_login(users["admin"])
    response = client.get(reverse("manage:members:list", kwargs={"process_pk": process.pk}) + "?q=a&seite=2")
    assert (
        response["Location"]
        == f"/konto/zweiter-faktor/?next=%2Fverwaltung%2F{process.pk}%2Fmitglieder%2F%3Fq%3Da%26seite%3D2"
    )


def test_the_member_list_shows_every_member_and_searches_by_name_and_email(client_for, process, users):
    client = client_for("admin")
    url = reverse("manage:members:list", kwargs={"process_pk": process.pk})
    html = client.get(url).content.decode()
    for role in ["admin", "editor", "board", "partner", "company"]:
        assert f"{role}@example.org" in html
    assert "outsider@example.org" not in html
    response = client.get(url, {"q": "Test Partner"})
    assert [row["membership"].user for row in response.context["rows"]] == [users["partner"]]
    response = client.get(url, {"q": "company@"})
    assert [row["membership"].user for row in response.context["rows"]] == [users["company"]]


def test_the_member_list_is_paginated_by_twenty(client_for, process):
    for number in range(25):
        user = User.objects.create_user(f"person{number:02d}@example.org", None, full_name=f"Person {number:02d}")
        Membership.objects.create(user=user, process=process, role=Role.COMPANY)
    client = client_for("admin")
    url = reverse("manage:members:list", kwargs={"process_pk": process.pk})
    first = client.get(url)
    assert len(first.context["rows"]) == 20
    second = client.get(url, {"seite": 2})
    assert len(second.context["rows"]) == 10
    assert 'rel="prev"' in second.content.decode()


def test_administration_invites_a_person_by_email(client_for, process, users):
    client = client_for("admin")
    url = reverse("manage:members:invite", kwargs={"process_pk": process.pk})
    response = client.post(url, {"email": "neu@example.org", "full_name": "Nora Neu", "role": Role.EDITOR})
    assert response["Location"] == reverse("manage:members:invitations", kwargs={"process_pk": process.pk})
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "neu@example.org",
        Role.EDITOR,
        users["admin"],
    )
    assert mail.outbox[-1].to == ["neu@example.org"]
    listing = client.get(response["Location"])
    assert "neu@example.org" in listing.content.decode()


def test_inviting_a_member_again_is_refused_with_a_message_at_the_field(client_for, process):
    client = client_for("admin")
    url = reverse("manage:members:invite", kwargs={"process_pk": process.pk})
    response = client.post(url, {"email": "partner@example.org", "role": Role.EDITOR})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_sending_an_invitation_again_gives_a_new_link_and_the_old_one_stops_working(
    client_for, process, users, invitation
):
    old_link = link_in_last_mail(r"/konto/einladung/[^/\s]+/")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    client = client_for("admin")
    url = reverse("manage:members:invitation_resend", kwargs={"process_pk": process.pk, "invitation_pk": invitation.pk})
    assert client.post(url).status_code == 302
    new_link = link_in_last_mail(r"/konto/einladung/[^/\s]+/")
    assert new_link != old_link
    assert Client().get(old_link).status_code == 404
    assert Client().get(new_link).status_code == 200
    assert AuditEntry.objects.filter(action="invitation.resend", actor=users["admin"]).exists()


def test_a_withdrawn_invitation_link_no_longer_works(client_for, process, users, invitation):
    link = link_in_last_mail(r"/konto/einladung/[^/\s]+/")
    client = client_for("admin")
    url = reverse("manage:members:invitation_revoke", kwargs={"process_pk": process.pk, "invitation_pk": invitation.pk})
    assert client.post(url).status_code == 302
    assert not Invitation.objects.exists()
    assert Client().get(link).status_code == 404
    assert AuditEntry.objects.filter(action="invitation.revoke", actor=users["admin"]).exists()


def test_administration_changes_a_members_role(client_for, process, users):
    membership = users["partner"].memberships.get()
    url = reverse("manage:members:change_role", kwargs={"process_pk": process.pk, "membership_pk": membership.pk})
    response = client_for("admin").post(url, {"role": Role.EDITOR})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
    entry = AuditEntry.objects.get(action="membership.change_role")
    assert entry.changes == {"role": ["partner", "editor"]}


def test_the_last_administrator_cannot_give_up_the_role(client_for, process, users):
    membership = users["admin"].memberships.get()
    url = reverse("manage:members:change_role", kwargs={"process_pk": process.pk, "membership_pk": membership.pk})
    response = client_for("admin").post(url, {"role": Role.EDITOR})
    assert response.status_code == 200
    assert german("A process needs at least one member with the Administration role.") in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_administration_removes_a_member(client_for, process, users):
    membership = users["company"].memberships.get()
    url = reverse("manage:members:remove", kwargs={"process_pk": process.pk, "membership_pk": membership.pk})
    assert client_for("admin").post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.get(pk=users["company"].pk).is_active
    assert AuditEntry.objects.filter(action="membership.remove").exists()


def test_the_last_administrator_cannot_be_removed(client_for, process, users):
    membership = users["admin"].memberships.get()
    url = reverse("manage:members:remove", kwargs={"process_pk": process.pk, "membership_pk": membership.pk})
    response = client_for("admin").post(url, follow=True)
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert german("A process needs at least one member with the Administration role.") in response.content.decode()


def test_administration_disables_an_account_used_only_in_this_process(client_for, process, users):
    victim = client_for("partner")
    key = victim.cookies["sessionid"].value
    membership = users["partner"].memberships.get()
    url = reverse("manage:members:disable_account", kwargs={"process_pk": process.pk, "membership_pk": membership.pk})
    assert client_for("admin").post(url).status_code == 302
    assert not User.objects.get(pk=users["partner"].pk).is_active
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(user=users["partner"]).exists()
    assert victim.get("/konto/")["Location"].startswith("/konto/anmelden/")
    assert AuditEntry.objects.filter(action="user.disable", process=process).exists()


def test_an_account_used_in_another_process_cannot_be_disabled_by_this_administration(
    client_for, process, users, regions
):
    other = StrategyProcess.objects.create(
        slug="anderer-prozess", title="Anderer Prozess", region=regions["08118"], short_description="x", agency_name="y"
    )
    Membership.objects.create(user=users["partner"], process=other, role=Role.PARTNER)
    membership = users["partner"].memberships.get(process=process)
    url = reverse("manage:members:disable_account", kwargs={"process_pk": process.pk, "membership_pk": membership.pk})
    client = client_for("admin")
    listing = client.get(reverse("manage:members:list", kwargs={"process_pk": process.pk})).content.decode()
    partner_row = listing.split("partner@example.org")[1].split("</tr>")[0]
    assert "/rolle/" in partner_row
    assert "/deaktivieren/" not in partner_row
    assert client.post(url).status_code == 302
    assert User.objects.get(pk=users["partner"].pk).is_active


def test_a_superuser_may_disable_an_account_used_in_several_processes(process, users, regions):
    other = StrategyProcess.objects.create(
        slug="anderer-prozess", title="Anderer Prozess", region=regions["08118"], short_description="x", agency_name="y"
    )
    Membership.objects.create(user=users["partner"], process=other, role=Role.PARTNER)
    operator = User.objects.create_superuser("operator@example.org", "Betreiber-Passwort-2026")
    client = verified_client(operator)
    membership = users["partner"].memberships.get(process=process)
    url = reverse("manage:members:disable_account", kwargs={"process_pk": process.pk, "membership_pk": membership.pk})
    assert client.post(url).status_code == 302
    assert not User.objects.get(pk=users["partner"].pk).is_active


def test_administration_cannot_disable_its_own_account(client_for, process, users):
    membership = users["admin"].memberships.get()
    url = reverse("manage:members:disable_account", kwargs={"process_pk": process.pk, "membership_pk": membership.pk})
    client_for("admin").post(url)
    assert User.objects.get(pk=users["admin"].pk).is_active


def test_a_membership_of_another_process_is_not_found(client_for, process, users, regions):
    other = StrategyProcess.objects.create(
        slug="anderer-prozess", title="Anderer Prozess", region=regions["08118"], short_description="x", agency_name="y"
    )
    foreign = Membership.objects.create(user=users["outsider"], process=other, role=Role.PARTNER)
    url = reverse("manage:members:remove", kwargs={"process_pk": process.pk, "membership_pk": foreign.pk})
    assert client_for("admin").post(url).status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()
