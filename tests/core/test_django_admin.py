"""The Django admin is for technical operators (is_staff) and also asks for the second factor."""

import pytest
from django.test import Client

from conftest import PASSWORD
from standortkompass.accounts.models import User


def _verified(user: User) -> Client:
    from conftest import verified_client

    return verified_client(user)


@pytest.mark.parametrize("role", ["admin", "editor", "board", "partner", "company", "outsider"])
def test_process_roles_without_staff_flag_are_sent_to_the_admin_login(client_for, role):
    response = client_for(role).get("/django-admin/")

    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_a_superuser_without_second_factor_is_not_let_into_the_admin(db):
    superuser = User.objects.create_superuser("root@example.org", "Ein-sehr-langes-Passwort-1")
    client = Client()
    client.force_login(superuser)

    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_a_superuser_with_second_factor_sees_the_admin(db):
    superuser = User.objects.create_superuser("root@example.org", "Ein-sehr-langes-Passwort-1")

    response = _verified(superuser).get("/django-admin/")

    assert response.status_code == 200


def test_the_admin_log_in_form_is_not_a_second_way_in_it_sends_to_the_site_log_in(users):
    response = Client().get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=/django-admin/"

    # Password and code posted to the admin's own form log nobody in (no limits, no locked device there).
    response = Client().post("/django-admin/login/", {"username": "admin@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in response.client.session


def test_a_superuser_logged_in_without_the_second_factor_is_sent_to_it_from_the_admin(db):
    superuser = User.objects.create_superuser("root@example.org", "Ein-sehr-langes-Passwort-1")
    client = Client()
    client.force_login(superuser)

    response = client.get("/django-admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/konto/zweiter-faktor/?next=")


def test_a_verified_member_without_the_staff_flag_is_refused_by_the_admin_login(client_for):
    assert client_for("admin").get("/django-admin/login/").status_code == 403
